"""The composer ("Redactar"): write a post with guidance, preview it, save or schedule it.

Signals: saved(int post_id) after a save; scheduled(int post_id) after
scheduling or "publish now" (the outbox picks it up from the database).

Guidance runs a few milliseconds after each keystroke (a restartable timer,
so a fast typist is never interrupted); very long texts are analysed off the
GUI thread. Drafts autosave the same way, through the write queue, and the
open post's id is kept in the settings so that after a crash the composer
reopens it. Offline throughout: nothing here touches a network.
"""

from __future__ import annotations

import getpass
import itertools
import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from smalltown_social.core.accounts import Network
from smalltown_social.core.guidance import Finding, NetworkLimit, Readability, readability
from smalltown_social.core.networks import rules_for
from smalltown_social.core.posts import Post
from smalltown_social.core.settings import COMPOSER_POST
from smalltown_social.core.states import FROZEN, IllegalTransition, TargetState
from smalltown_social.publishing.compose import (
    Draft,
    Refused,
    Saved,
    Town,
    blocks_of,
    network_limits,
    review,
)
from smalltown_social.publishing.quota import quota_notes
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.colors import apply_themed
from smalltown_social.ui.composer.actions import ActionBar
from smalltown_social.ui.composer.drafts import DraftsDialog
from smalltown_social.ui.composer.editor import GuidedEditor
from smalltown_social.ui.composer.findings_panel import FindingsPanel
from smalltown_social.ui.composer.handover import HandoverRow
from smalltown_social.ui.composer.images import ImagesPanel
from smalltown_social.ui.composer.look import STYLE
from smalltown_social.ui.composer.override import OverrideDialog
from smalltown_social.ui.composer.previews import Measured, PreviewsPanel, measure_all
from smalltown_social.ui.composer.schedule import SchedulePanel
from smalltown_social.ui.composer.template import TemplatePanel
from smalltown_social.ui.composer.write_queue import WriteQueue
from smalltown_social.ui.first_paint import after_first_paint
from smalltown_social.ui.formatting import local_text
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import ComposerServices

log = logging.getLogger(__name__)

GUIDANCE_DELAY_MS = 10  # after the last keystroke; long enough to coalesce a paste burst
AUTOSAVE_DELAY_MS = 1_200
RESTORE_AT_LATEST_MS = 500  # the last draft and first guidance pass wait this long for a paint
BACKGROUND_FROM = 20_000  # characters; longer texts are analysed off the GUI thread
QUOTA_NETWORKS = frozenset({Network.INSTAGRAM})  # a publishing allowance per 24 hours


@dataclass(frozen=True)
class Guidance:
    """One analysis of one text: findings, readability and per-network lengths."""

    findings: list[Finding]
    readability: Readability
    measured: dict[str, Measured]


class ComposerPage(QWidget):
    saved = Signal(int)
    scheduled = Signal(int)

    def __init__(  # noqa: PLR0915 - wiring the page's parts, one statement each
        self,
        services: ComposerServices,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        editor: GuidedEditor | None = None,
    ) -> None:
        """`editor`: the one the window's shell showed before this page existed (issue
        #13), with whatever the clerk typed in it meanwhile."""
        super().__init__(parent)
        self.setObjectName("composerPage")
        apply_themed(self, STYLE)
        self.services = services
        self.tasks = tasks
        self.language = services.language
        self._town = Town.read(services.settings)  # what the live guidance shows; saves reread
        self.time_zone = self._town.time_zone
        self.writes = WriteQueue(tasks, self)
        self.post_id: int | None = None
        self.block_override: str | None = None
        self.locked = False
        self._generation = 0
        self._quota_generation = 0  # the latest allowance question (_ask_quotas)
        self._announced: int | None = None  # the post "Programada para…" was said of
        self._session = 0
        self._ids: dict[int, int] = {}  # post id given by the first save of each session
        self._loading = False
        self.restored = False  # the last draft (if any) reopened, just after the first paint
        self.last_findings: list[Finding] = []
        self.last_guidance_ms = 0.0
        self._background_busy = False
        self._background_again = False
        self._shape = Draft("", ())  # what the analysis reads besides the text (see _snapshot)
        self._when: datetime | None = None

        self.template = TemplatePanel(self.language)
        self.editor = editor if editor is not None else GuidedEditor()
        self.notice = QLabel()
        self.notice.setObjectName("composerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.images = ImagesPanel(tasks, self.language)
        self.schedule = SchedulePanel(self.time_zone, self.language)
        self.handover = HandoverRow()
        self.findings = FindingsPanel()
        self.previews = PreviewsPanel(language=self.language)
        self.actions_bar = ActionBar()
        self._build_layout()

        self.guidance_timer = QTimer(self)
        self.guidance_timer.setSingleShot(True)
        self.guidance_timer.setInterval(GUIDANCE_DELAY_MS)
        self.guidance_timer.timeout.connect(self.run_guidance)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave)

        self.editor.textChanged.connect(self._edited)
        self.images.changed.connect(self._edited)
        self.schedule.changed.connect(self._targets_changed)
        self.handover.toggled.connect(lambda _on: self._edited())
        self.handover.withdraw_requested.connect(self.withdraw_from_server)
        self.template.type_changed.connect(lambda _id: self._edited())
        self.template.example_requested.connect(self._use_example)
        self.findings.finding_activated.connect(self.editor.select_finding)
        self.findings.apply_requested.connect(self.apply_suggestion)
        self.actions_bar.new_button.clicked.connect(self.new_post)
        self.actions_bar.drafts_button.clicked.connect(self.show_drafts)
        self.actions_bar.save_button.clicked.connect(self.save_draft)
        self.actions_bar.schedule_button.clicked.connect(self.schedule_post)
        self.actions_bar.publish_button.clicked.connect(self.publish_now)
        for keys, slot in (
            ("Ctrl+S", self.save_draft),
            ("Ctrl+Return", self.schedule_post),
            ("Ctrl+Enter", self.schedule_post),
            ("Ctrl+Shift+Return", self.publish_now),
            ("Ctrl+N", self.new_post),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._set_tab_order()
        self.refresh_accounts()
        self.guidance_timer.stop()  # the first pass comes with _restore, after the first paint
        # After the editor's first paint: the first analysis loads the lexicons (~0.1 s).
        QTimer.singleShot(0, self._restore_after_paint)

    # --- building ---------------------------------------------------------

    def _build_layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.template)
        column.addWidget(self.editor, 1)
        column.addWidget(self.notice)
        column.addWidget(self.images)
        column.addWidget(self.schedule)
        column.addWidget(self.handover)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.findings)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.previews)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right.addWidget(scroll)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        unit = self.fontMetrics().averageCharWidth()
        splitter.setSizes([unit * 90, unit * 60])
        right.setSizes([unit * 50, unit * 40])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter, 1)
        outer.addWidget(self.actions_bar)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.template.picker,
            self.template.example_button,
            self.editor,
            self.images.add_button,
            self.schedule.accounts,
            self.schedule.date,
            self.schedule.time,
            self.findings.list,
            self.findings.apply_button,
            *self.actions_bar.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def refresh_accounts(self) -> None:
        accounts = self.services.accounts.all()
        self.schedule.set_accounts(accounts)
        self.handover.set_offered(any(rules_for(a.network).server_schedule for a in accounts))
        self._targets_changed()

    # --- state ----------------------------------------------------------------

    def networks(self) -> list[str]:
        return list(dict.fromkeys(account.network.value for account in self.schedule.chosen()))

    def limits(self) -> list[NetworkLimit]:
        return network_limits(self.schedule.chosen(), caption=bool(self.images.rows))

    def draft(self) -> Draft:
        """What the clerk wrote, as the save-or-schedule use case takes it."""
        return Draft(
            text=self.editor.toPlainText(),
            accounts=tuple(self.schedule.chosen()),
            content_type=self.template.type_id(),
            images=self.images.images(),
            server_scheduling=self.handover.checkbox.isChecked(),
            post_id=self.post_id,
            block_override=self.block_override,
        )

    def _snapshot(self) -> None:
        """Copy what the analysis reads from widgets, so it can run off the GUI thread."""
        self._shape = self.draft()
        self._when = self.schedule.resolved().utc

    # --- guidance ---------------------------------------------------------------

    def _edited(self) -> None:
        self.guidance_timer.start()
        if not self._loading:
            self.autosave_timer.start()
            # What was said was about the post as it was: "Programada para…", "Elija al
            # menos una cuenta…", "Falta el texto alternativo…" must not outlive the edit.
            self.actions_bar.tell("")
        if self.post_id is None and self._is_blank():
            self.actions_bar.show_state(self.tr("Nueva publicación"))  # nothing to lose yet
        else:
            self.actions_bar.show_state(self.tr("Cambios sin guardar"))

    def _targets_changed(self) -> None:
        self.previews.set_limits(self.limits())
        self.images.set_networks(self.networks())
        self.handover.set_available(
            any(rules_for(a.network).server_schedule for a in self.schedule.chosen())
        )
        self._ask_quotas()
        self._edited()

    def _ask_quotas(self) -> None:
        """Networks with a daily allowance (Instagram) are asked off the GUI thread."""
        self._quota_generation += 1
        generation = self._quota_generation
        chosen = [a for a in self.schedule.chosen() if a.network in QUOTA_NETWORKS]
        if not chosen:
            self.previews.set_notes({})
            return
        services = self.services

        def shown(notes: object) -> None:
            # Only the latest question's answer: an older one, slower to come back,
            # speaks of accounts no longer ticked (or of a count read before).
            if generation != self._quota_generation or not isinstance(notes, dict):
                return
            language = services.language
            by_network = {a.network.value: notes[a.id](language) for a in chosen if a.id in notes}
            self.previews.set_notes(by_network)

        self.tasks.run_in_background(
            lambda: quota_notes(chosen, services.adapters), shown, lambda _error: None
        )

    def reload_settings(self, key: str = "") -> None:
        """A setting changed on the settings page: the electoral period may have."""
        self._town = Town.read(self.services.settings)
        self.run_guidance()

    def run_guidance(self) -> None:
        """Analyse the text now (the timer calls this after each pause in typing)."""
        text = self.editor.toPlainText()
        self._generation += 1
        generation = self._generation
        self._snapshot()
        self._show_notice(text)
        limits = self.limits()
        self.previews.set_limits(limits)  # an image turns Telegram's limit into 1,024
        self.template.update_text(text)
        if len(text) < BACKGROUND_FROM:
            started = time.perf_counter()
            result = self._guidance(text, limits)
            self._show_guidance(generation, text, result)
            self.last_guidance_ms = (time.perf_counter() - started) * 1000
            return
        if self._background_busy:  # one long analysis at a time; the newest text goes next
            self._background_again = True
            return
        self._background_busy = True
        self.tasks.run_in_background(
            lambda: self._guidance(text, limits),
            lambda result: self._background_done(generation, text, result),
            lambda error: self._background_done(generation, text, None),
        )

    def _guidance(self, text: str, limits: list[NetworkLimit]) -> Guidance:
        """Everything the page shows about a text. Pure, so it may run off the GUI thread."""
        draft = replace(self._shape, text=text)
        findings = review(draft, self._town, when=self._when, language=self.language)
        return Guidance(findings, readability(text), measure_all(text, limits))

    def _background_done(self, generation: int, text: str, result: Guidance | None) -> None:
        self._background_busy = False
        if result is not None:
            self._show_guidance(generation, text, result)
        if self._background_again:
            self._background_again = False
            self.run_guidance()

    def _show_guidance(self, generation: int, text: str, result: Guidance) -> None:
        if generation != self._generation:
            return  # the clerk typed on; a newer analysis is coming
        self.last_findings = result.findings
        self.previews.update_text(text, result.measured)
        self.editor.set_findings(text, result.findings)
        self.findings.show_findings(result.findings)
        self.findings.show_readability(result.readability if text.strip() else None)

    def _show_notice(self, text: str) -> None:
        if not text.strip():
            message = self.tr("La publicación está vacía: escriba el texto o use el ejemplo.")
        elif len(text) >= BACKGROUND_FROM:
            message = self.tr(
                "Texto muy largo ({n} caracteres): ninguna red lo publicaría entero. "
                "Los consejos pueden tardar un momento."
            ).format(n=f"{len(text):,}".replace(",", "."))
        else:
            message = ""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    def apply_suggestion(self, found: Finding) -> None:
        if self.editor.apply_suggestion(found):
            self.run_guidance()
            self.editor.setFocus()

    def _use_example(self, example: str) -> None:
        cursor = self.editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(example)
        self.editor.setFocus()

    # --- saving -------------------------------------------------------------------

    def _is_blank(self) -> bool:
        return not self.editor.toPlainText().strip() and not self.images.rows

    def autosave(self) -> None:
        """Save the draft in the background (skipped for a blank new post or a locked one)."""
        if self.locked or (self.post_id is None and self._is_blank()):
            return
        self._save(announce=False)

    def save_draft(self) -> None:
        """Ctrl+S: save now."""
        self.autosave_timer.stop()
        if self.locked:
            self._tell(self.tr("Esta publicación ya salió y no se puede cambiar."), error=True)
            return
        if self._is_blank():
            self._tell(self.tr("No hay nada que guardar: la publicación está vacía."), error=True)
            return
        self._save(announce=True)

    def _save(self, *, announce: bool) -> None:
        composer = self.services.composer
        settings = self.services.settings
        session = self._session
        draft = self.draft()
        due = self.schedule.resolved().utc

        def make_job() -> Any:
            ready = self._with_id(draft, session)

            def job() -> Saved:
                saved = composer.save_draft(ready, due)
                settings.set(COMPOSER_POST, saved.post_id)
                return saved

            return job

        self.writes.submit(
            make_job,
            lambda saved: self._saved(saved.post, saved.unscheduled, announce, session),
            self._save_failed,
        )

    def _with_id(self, draft: Draft, session: int) -> Draft:
        """An earlier save of this same post may have given it its id meanwhile."""
        return (
            draft if draft.post_id is not None else replace(draft, post_id=self._ids.get(session))
        )

    def _saved(self, post: Post, unscheduled: int, announce: bool, session: int) -> None:
        if post.id is not None:
            self._ids.setdefault(session, post.id)
        if unscheduled:
            self._tell(
                self.tr(
                    "Ya no está programada: el texto tiene un problema que impide publicarlo "
                    "(en rojo). Corríjalo y pulse «Programar»."
                ),
                error=True,
            )
            if post.id is not None:
                self.scheduled.emit(post.id)  # the calendar shows it as a draft again
        if session != self._session:
            return  # the clerk has moved on to another post
        if self.post_id is None and post.id is not None:
            self.post_id = post.id
        at = local_text(datetime.now(UTC), self.time_zone, "HH:mm")
        self.actions_bar.show_state(self.tr("Borrador guardado a las {t}").format(t=at))
        if announce and not unscheduled:
            self._tell(self.tr("Borrador guardado."))
        if post.id is not None:
            self.saved.emit(post.id)

    def _save_failed(self, error: Exception) -> None:
        if isinstance(error, Refused):
            self._tell(error.text(self.language), error=True)
            return
        log.warning("composer save failed: %s", error)
        if isinstance(error, IllegalTransition):
            self._tell(error.text(self.language), error=True)
            return
        message = clerk_reason(error, self.language)
        self._tell(self.tr("No se ha podido guardar: {m}").format(m=message), error=True)

    # --- scheduling -------------------------------------------------------------------

    def schedule_post(self) -> None:
        """Ctrl+Enter: schedule at the chosen time."""
        self._schedule_at(self.schedule.resolved().utc, now=False)

    def publish_now(self) -> None:
        """Ctrl+Shift+Enter: schedule for now; the outbox sends it at once."""
        self._schedule_at(None, now=True)

    def _refusal(self) -> str | None:
        """What only the page knows (the use case refuses the rest)."""
        if self.locked:
            return self.tr("Esta publicación ya salió y no se puede cambiar.")
        return self.images.refusal()

    def _schedule_at(self, due: datetime | None, *, now: bool, override: str | None = None) -> None:
        refusal = self._refusal()
        if refusal is not None:
            self._tell(refusal, error=True)
            return
        self.autosave_timer.stop()
        composer = self.services.composer
        settings = self.services.settings
        session = self._session
        draft = self.draft()
        who = getpass.getuser()

        def make_job() -> Any:
            ready = self._with_id(draft, session)

            def job() -> Saved:
                saved = composer.schedule(ready, due, override_reason=override, who=who)
                settings.set(COMPOSER_POST, 0)
                return saved

            return job

        def refused(error: Exception) -> None:
            if isinstance(error, Refused) and error.findings and override is None:
                reason = self.ask_override(blocks_of(error.findings), now=now)
                if reason is None:
                    self._tell(
                        self.tr("No se ha programado: corrija lo marcado en rojo."), error=True
                    )
                    return
                self.block_override = reason
                self._schedule_at(due, now=now, override=reason)
                return
            self._save_failed(error)

        self.writes.submit(make_job, lambda saved: self._scheduled(saved.post, now), refused)

    def ask_override(self, blocks: list[Finding], *, now: bool = False) -> str | None:
        """The explicit override dialog; the typed reason, or None when the clerk backs out."""
        dialog = OverrideDialog(blocks, self.services.language, now=now, parent=self)
        if self.block_override:
            dialog.reason.setText(self.block_override)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        reason = dialog.reason_text() if accepted else None
        dialog.deleteLater()
        return reason

    def _scheduled(self, post: Post, now: bool) -> None:
        if post.id is not None:
            self.scheduled.emit(post.id)
        self.clear()
        if now or post.due_utc is None:
            self._tell(self.tr("Enviada a publicar ahora. Puede seguirla en el Calendario."))
        else:
            when = local_text(post.due_utc, post.time_zone, "dddd d MMMM, HH:mm")
            self._tell(self.tr("Programada para el {when}.").format(when=when))
        self._announced = post.id  # "Programada para…" speaks of it until the next words

    # --- opening --------------------------------------------------------------------

    def new_post(self) -> None:
        """Ctrl+N: save what is open, then start an empty post."""
        if not self.locked and not (self.post_id is None and self._is_blank()):
            self._save(announce=False)
        self.clear()
        settings = self.services.settings
        self.writes.submit(
            lambda: lambda: settings.set(COMPOSER_POST, 0), lambda _r: None, self._save_failed
        )

    def show_drafts(self) -> None:
        """The list of every saved draft; the open one is saved first, so it is there too."""
        if not self.locked and not (self.post_id is None and self._is_blank()):
            self._save(announce=False)
        # Queued behind that save: the list is read once it is written.
        self.writes.submit(lambda: lambda: None, lambda _r: self._open_drafts(), self._save_failed)

    def _open_drafts(self) -> None:
        posts = self.services.posts
        dialog = DraftsDialog(
            posts.drafts,
            posts.delete,
            self.writes,
            self._town.time_zone,
            self.language,
            parent=self,
        )
        dialog.open_requested.connect(self.open_post)
        dialog.deleted.connect(self._draft_deleted)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _draft_deleted(self, post_id: int) -> None:
        if post_id == self.post_id:
            self.clear()  # it was the open one

    def clear(self) -> None:
        self._load(None, (), None)
        self.handover.checkbox.setChecked(False)
        self.handover.set_handed_over(False)

    def open_post(self, post_id: int) -> bool:
        """Show an existing post (the calendar calls this). False if it no longer exists."""
        post = self.services.posts.get(post_id)
        if post is None:
            self._tell(self.tr("Esa publicación ya no existe."), error=True)
            return False
        targets = self.services.posts.targets_of(post_id)
        self._load(post, tuple(t.account_id for t in targets), {t.state for t in targets})
        self.handover.checkbox.setChecked(post.server_scheduling)
        self.handover.set_handed_over(
            any(t.on_server and t.state is TargetState.PUBLISHED for t in targets)
        )
        self.editor.setFocus()
        return True

    def moved_elsewhere(self, post_id: int) -> None:
        """A post moved in the calendar: the composer's words and date follow it.

        "Programada para…" (said of the post just scheduled) spoke of the old time; and
        for the post on screen the date field kept it, so saving would have moved the
        post back. Only the time is taken again; the text stays as typed.
        """
        shown = self.post_id if self.post_id is not None else self._ids.get(self._session)
        said = post_id == self._announced and bool(self.actions_bar.message.text())
        if post_id != shown and not said:
            return
        post = self.services.posts.get(post_id)
        if post is None or post.due_utc is None:
            return
        if post_id == shown:
            self._loading = True
            self.schedule.set_due_utc(post.due_utc)
            self._loading = False
        when = local_text(post.due_utc, post.time_zone, "dddd d MMMM, HH:mm")
        self._tell(self.tr("Movida en el Calendario: sale el {when}.").format(when=when))

    def withdraw_from_server(self) -> None:
        """Ask the network to delete its scheduled copy, then reopen the post to change it."""
        post_id = self.post_id
        if post_id is None:
            return
        self.handover.withdraw_button.setEnabled(False)
        self._tell(self.tr("Retirando la publicación de la red…"))

        def done(_count: object) -> None:
            self.open_post(post_id)
            self._tell(self.tr("Retirada de la red: ya puede cambiarla y volver a programarla."))

        def failed(error: Exception) -> None:
            self.handover.withdraw_button.setEnabled(True)
            reason = clerk_reason(error, self.language)
            self._tell(self.tr("No se ha retirado: {reason}").format(reason=reason), error=True)

        self.tasks.run_in_background(
            lambda: self.services.withdraw_from_server(post_id), done, failed
        )

    def _load(
        self, post: Post | None, accounts: tuple[int, ...], states: set[TargetState] | None
    ) -> None:
        self._loading = True
        self.actions_bar.tell("")  # another post: nothing said about the last one applies
        self._session += 1
        if post is not None and post.id is not None:
            self._ids[self._session] = post.id
        self.autosave_timer.stop()
        self.post_id = post.id if post is not None else None
        self.block_override = post.block_override if post is not None else None
        self.template.set_type(post.content_type if post is not None else None)
        self.editor.setPlainText(post.text if post is not None else "")
        self.images.set_images(post.images if post is not None else ())
        self.schedule.choose(set(accounts))
        if post is not None and post.due_utc is not None:
            self.schedule.set_due_utc(post.due_utc)
        else:
            self.schedule.set_wall(self.schedule.default_wall())
        self.locked = bool(states and states & FROZEN)
        self.editor.setReadOnly(self.locked)
        self.actions_bar.set_locked(self.locked)
        self.autosave_timer.stop()
        self._loading = False
        self.run_guidance()
        if self.locked and states and TargetState.UNCONFIRMED in states:
            self.actions_bar.show_state(
                self.tr(
                    "Puede que ya saliera: mire en la red si está y dígalo en el Calendario "
                    "(clic derecho sobre ella) antes de cambiarla."
                )
            )
        elif self.locked:
            self.actions_bar.show_state(
                self.tr(
                    "Ya publicada: no se puede cambiar. Si había un error, publique una corrección."
                )
            )
        else:
            self.actions_bar.show_state(self.tr("Nueva publicación") if post is None else "")

    def _restore_after_paint(self) -> None:
        """Reopen the last draft (and run the first guidance pass) once the editor is seen."""
        viewport = self.editor.viewport()
        if viewport.isVisible():
            after_first_paint(viewport, self._restore)
            QTimer.singleShot(RESTORE_AT_LATEST_MS, self._restore)  # if no paint comes
        else:  # not on screen (a test, a hidden window): at once
            self._restore()

    def _restore(self) -> None:
        if self.restored:
            return
        post_id = self.services.settings.get(COMPOSER_POST)
        if self.editor.toPlainText():  # typed in the shell's editor before this page came
            self.restored = True
            self._edited()  # guidance, and an autosave as a new post
            if post_id and self.services.posts.get(post_id) is not None:
                self._tell(self.tr("El borrador que estaba escribiendo sigue en «Borradores»."))
            return
        if post_id and self.open_post(post_id):
            self._tell(self.tr("Se ha recuperado el borrador que estaba escribiendo."))
        else:
            self.run_guidance()
        self.restored = True

    def _tell(self, message: str, *, error: bool = False) -> None:
        self.actions_bar.tell(message, error=error)
