"""The calendar page: toolbar, pause switch, month / week / agenda views.

Data is read off the GUI thread (TaskRunner) for the visible period only;
a move goes through `CalendarRepository.reschedule`, whose refusal text is
shown as it is.

Signals: open_post_requested(int post_id) (double-click or Enter on an entry);
post_moved(int post_id) after a move is stored (for the outbox to re-plan its wake-ups).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.calendar import CalendarEntry
from smalltown_social.core.i18n import Language
from smalltown_social.core.ics import calendar_ics
from smalltown_social.core.posts import utc_now
from smalltown_social.core.recurrence import weekly
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.publishing.resolution import CannotResolve
from smalltown_social.storage import held_files
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import Resolution
from smalltown_social.ui.calendar import look
from smalltown_social.ui.calendar.agenda_view import AgendaView
from smalltown_social.ui.calendar.legend import Legend
from smalltown_social.ui.calendar.month_view import MonthView
from smalltown_social.ui.calendar.pause import PausedBanner, PauseSwitch
from smalltown_social.ui.calendar.periods import (
    Period,
    agenda_from,
    local_date,
    month_grid,
    shift_month,
    today_in,
    week_of,
)
from smalltown_social.ui.calendar.week_view import WeekView
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.colors import apply_themed
from smalltown_social.ui.export_folder import suggested
from smalltown_social.ui.formatting import local_text
from smalltown_social.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MONTH, WEEK, AGENDA = 0, 1, 2
EXPORT_PAST_DAYS = 90
INFO_SHOWN_MS = 8_000  # "Movida a…": long enough to read, gone before it misleads
EXPORT_FUTURE_DAYS = 365

PAGE_STYLE = """
QPushButton#pauseSwitch {
    background: #d1242f; color: white; font-weight: 600; padding: 6px 14px;
    border-radius: 6px; border: none;
}
QPushButton#pauseSwitch[paused="true"] { background: #1a7f37; }
QPushButton#pauseSwitch:focus { outline: 2px solid $text; }
QFrame#pausedBanner { background: $warning_bg; border: 2px solid #d1242f; border-radius: 6px; }
QLabel#pausedBannerText { color: $warning_text; font-weight: 600; font-size: 11pt; }
QLabel#calendarMessage { background: $notice_bg; border: 1px solid $notice_border;
    border-radius: 6px; padding: 6px; color: $text; }
QLabel#calendarMessage[kind="info"] { background: $demo_bg; border-color: $demo_border; }
QLabel#periodTitle { font-size: 14pt; font-weight: 600; color: $text; }
QLabel#calendarLegend { color: $text; }
"""


class CalendarPage(QWidget):
    open_post_requested = Signal(int)
    post_moved = Signal(int)

    def __init__(  # noqa: PLR0915 - one page of widgets
        self,
        calendar: CalendarRepository,
        settings: SettingsRepository,
        language: Language,
        *,
        resolve: Callable[[datetime, int, Resolution], TargetState],
        tasks: TaskRunner,
        clock: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        """`resolve(now, target id, resolution)` records what the clerk saw on the network
        (run off the GUI thread); it returns the target's new state."""
        super().__init__(parent)
        self.settings = settings
        self._resolve = resolve
        self.tasks = tasks
        self.clock = clock
        self.repo = calendar
        self.language = language
        self.time_zone = settings.get(TIME_ZONE)
        self.anchor = today_in(self.time_zone, clock())
        self.entries: list[CalendarEntry] = []
        self._generation = 0
        self.loaded_generation = 0
        self.setObjectName("calendarPage")
        # Day and month names in the app's language, whatever the machine's locale.
        self.setLocale(
            QLocale(QLocale.Language.Spanish, QLocale.Country.Spain)
            if self.language == "es"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        apply_themed(self, PAGE_STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(self._toolbar())
        self.banner = PausedBanner()
        layout.addWidget(self.banner)
        self.message = QLabel()
        self.message.setObjectName("calendarMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(INFO_SHOWN_MS)
        self._message_timer.timeout.connect(self.hide_message)

        self.month = MonthView(self.language)
        self.week = WeekView(self.language)
        self.agenda = AgendaView(self.language)
        self.agenda.agenda.describe = self.month.describe
        week_scroll = QScrollArea()
        week_scroll.setWidget(self.week)
        week_scroll.setWidgetResizable(True)
        week_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.week_scroll = week_scroll
        week_scroll.verticalScrollBar().valueChanged.connect(lambda _: self.week.update())
        self.views = QStackedWidget()
        for view in (self.month, week_scroll, self.agenda):
            self.views.addWidget(view)
        layout.addWidget(self.views, 1)
        self.legend = Legend(self.language)
        layout.addWidget(self.legend)

        for canvas in (self.month, self.week):
            canvas.open_requested.connect(self.open_post_requested)
            canvas.move_requested.connect(self.move_entry)
            canvas.repeat_requested.connect(self.set_weekly)
            canvas.resolve_requested.connect(self.resolve)
        self.month.day_activated.connect(self._show_week_of)
        self.agenda.open_requested.connect(self.open_post_requested)
        self.pause.toggled_paused.connect(self._paused_changed)
        self.banner.setVisible(self.pause.isChecked())
        self.set_view(MONTH)

    # --- building ---------------------------------------------------------

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Hoy"))
        # Arrows and view switches as tool buttons: a push button is at least 80 px wide,
        # and the toolbar must fit a 1280x720 laptop at 125 % (about 1090 px of width).
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setAccessibleName(self.tr("Anterior"))
        self.previous_button.setToolTip(self.tr("Anterior (Re Pág)"))
        self.previous_button.setShortcut(Qt.Key.Key_PageUp)
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setAccessibleName(self.tr("Siguiente"))
        self.next_button.setToolTip(self.tr("Siguiente (Av Pág)"))
        self.next_button.setShortcut(Qt.Key.Key_PageDown)
        self.title = QLabel()
        self.title.setObjectName("periodTitle")
        # A long week title may be cut rather than widen the window.
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        for widget in (self.today_button, self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(self.title, 1)
        self.view_buttons = QButtonGroup(self)
        for index, name in enumerate((self.tr("Mes"), self.tr("Semana"), self.tr("Agenda"))):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            self.view_buttons.addButton(button, index)
            bar.addWidget(button)
        self.view_buttons.idClicked.connect(self.set_view)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Exportar…"))
        self.export_button.setToolTip(
            self.tr("Guarda el calendario para abrirlo en Outlook, Google Calendar o Thunderbird.")
        )
        self.export_button.clicked.connect(self._ask_export)
        bar.addWidget(self.export_button)
        bar.addSpacing(12)
        self.pause = PauseSwitch(self.settings)
        bar.addWidget(self.pause)
        return bar

    # --- navigation -------------------------------------------------------

    @property
    def view_index(self) -> int:
        return self.views.currentIndex()

    def period(self) -> Period:
        if self.view_index == WEEK:
            return week_of(self.anchor)
        if self.view_index == AGENDA:
            return agenda_from(self.anchor)
        return month_grid(self.anchor)

    def set_view(self, index: int) -> None:
        if index != self.view_index:
            self.hide_message()
        self.views.setCurrentIndex(index)
        button = self.view_buttons.button(index)
        if button is not None:
            button.setChecked(True)
        self._scroll_week_to_first_post()
        self.refresh()

    def step(self, direction: int) -> None:
        self.hide_message()
        if self.view_index == MONTH:
            self.anchor = shift_month(self.anchor, direction)
        elif self.view_index == WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            self.anchor += timedelta(days=28 * direction)
        self.refresh()

    def go_today(self) -> None:
        self.hide_message()
        self.anchor = today_in(self.time_zone, self.clock())
        self.refresh()

    def _show_week_of(self, day: object) -> None:
        if isinstance(day, date):
            self.anchor = day
            self.set_view(WEEK)

    # --- data -------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the visible period in the background; the newest answer wins."""
        self._generation += 1
        generation = self._generation
        period = self.period()
        repo = self.repo
        settings = self.settings

        clock = self.clock

        def load() -> tuple[str, list[CalendarEntry]]:
            # The next occurrence of a finished recurring post (idempotent, one transaction
            # each; the outbox's process reads here after every report).
            repo.roll_recurring(clock())
            time_zone = settings.get(TIME_ZONE)
            start, end = period.bounds_utc(time_zone)
            return time_zone, repo.entries(start, end)

        self._show_title(period)
        self.pause.refresh()
        self.banner.setVisible(self.pause.isChecked())
        self.tasks.run_in_background(
            load, lambda result: self._loaded(generation, result), self._load_failed
        )

    def _loaded(self, generation: int, result: object) -> None:
        if generation != self._generation or not isinstance(result, tuple):
            return
        time_zone, entries = result
        self.time_zone = time_zone
        self.entries = entries
        today = today_in(time_zone, self.clock())
        self.month.set_anchor(self.anchor)
        self.week.set_anchor(self.anchor)
        self.month.set_entries(entries, time_zone, today)
        self.week.set_entries(entries, time_zone, today)
        self.agenda.set_entries(entries, time_zone, agenda_from(self.anchor), today)
        self.loaded_generation = generation
        self._scroll_week_to_first_post()

    def _scroll_week_to_first_post(self) -> None:
        """The week opens an hour before its earliest post (08:00 on an empty week)."""
        if self.view_index != WEEK:
            return
        week = week_of(self.anchor)
        hours = [
            e.due_utc.astimezone(ZoneInfo(self.time_zone)).hour
            for e in self.entries
            if week.first <= local_date(e.due_utc, self.time_zone) <= week.last
        ]
        first = max(0, min(hours) - 1) if hours else 8
        self.week_scroll.verticalScrollBar().setValue(
            self.week.y_of(datetime.min.time()) + first * self.week.hour_height()
        )

    def _load_failed(self, error: Exception) -> None:
        log.error("calendar could not be read: %s", error)
        self.show_message(
            self.tr("No se pudo leer el calendario: {e}").format(
                e=clerk_reason(error, self.language)
            )
        )

    def _show_title(self, period: Period) -> None:
        if self.view_index == MONTH:
            text = look.day_text(self, self.anchor.replace(day=1), "MMMM yyyy")
        else:
            first = look.day_text(self, period.first, "d MMM")
            text = f"{first} – {look.day_text(self, period.last, 'd MMM yyyy')}"
        self.title.setText(text[:1].upper() + text[1:])

    # --- moves ------------------------------------------------------------

    def move_entry(self, entry: object, new_due: object) -> None:
        if not isinstance(entry, CalendarEntry) or not isinstance(new_due, datetime):
            return
        if new_due <= self.clock():
            self.show_message(
                self.tr("No se puede programar en el pasado. Elija una fecha y hora futuras.")
            )
            return
        repo = self.repo

        def done(_: object) -> None:
            self.post_moved.emit(entry.post_id)
            when = local_text(new_due, self.time_zone, "dddd d MMMM, HH:mm")
            self.show_message(self.tr("Movida a {when}.").format(when=when), kind="info")
            self.refresh()

        def refused(error: Exception) -> None:
            if isinstance(error, IllegalTransition):
                self.show_message(error.text(self.language))
            else:
                log.error("reschedule failed: %s", error)
                self.show_message(
                    self.tr("No se pudo mover: {e}").format(e=clerk_reason(error, self.language))
                )
            self.refresh()

        self.tasks.run_in_background(
            lambda: repo.reschedule(entry.post_id, entry.due_utc, new_due), done, refused
        )

    def show_message(self, text: str, kind: str = "warning") -> None:
        """A line above the views; news ("info") fades after a while, problems stay.

        Either goes when the clerk moves to another period or view: it was
        about what was on screen.
        """
        self.message.setProperty("kind", kind)
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
        if kind == "info":
            self._message_timer.start()
        else:
            self._message_timer.stop()

    def hide_message(self) -> None:
        self._message_timer.stop()
        self.message.hide()
        self.message.clear()

    # --- repeating --------------------------------------------------------

    def set_weekly(self, entry: object, on: object) -> None:
        """Repeat a post every week at its weekday and wall-clock time, or stop repeating it."""
        if not isinstance(entry, CalendarEntry):
            return
        stored: str | None = None
        if on:
            local = entry.due_utc.astimezone(ZoneInfo(entry.time_zone)).replace(tzinfo=None)
            rule = weekly(local)
            stored = rule.to_text()
            described = rule.describe()(self.language)
            said = self.tr("Se repetirá {rule}.").format(rule=described[:1].lower() + described[1:])
        else:
            said = self.tr("Ya no se repite; lo ya programado sigue igual.")
        repo = self.repo

        def done(_: object) -> None:
            self.show_message(said, kind="info")
            self.refresh()

        self.tasks.run_in_background(
            lambda: repo.set_recurrence(entry.post_id, stored),
            done,
            lambda error: self.show_message(
                self.tr("No se pudo cambiar: {e}").format(e=clerk_reason(error, self.language))
            ),
        )

    # --- the clerk's look at the network -----------------------------------

    def resolve(self, post_id: int, target_id: int, resolution: str) -> None:
        """Record what the clerk saw for an unconfirmed or failed target (as `target mark`)."""
        chosen = Resolution(resolution)
        resolve = self._resolve
        now = self.clock()
        said = {
            TargetState.PUBLISHED: self.tr("Marcada como publicada."),
            TargetState.SCHEDULED: self.tr("Saldrá de nuevo en la próxima pasada."),
            TargetState.DRAFT: self.tr(
                "Ya es tarde para enviarla sola: queda como borrador. Elija una nueva hora."
            ),
            TargetState.FAILED: self.tr("Abandonada: no se publicará."),
        }

        def done(state: object) -> None:
            if isinstance(state, TargetState):
                self.show_message(said[state], kind="info")
            self.post_moved.emit(post_id)  # the scheduler looks again for what is due
            self.refresh()

        def refused(error: Exception) -> None:
            if isinstance(error, CannotResolve):
                self.show_message(error.text(self.language))
            else:
                log.error("resolving target %s failed: %s", target_id, error)
                self.show_message(
                    self.tr("No se pudo cambiar: {e}").format(e=clerk_reason(error, self.language))
                )
            self.refresh()

        self.tasks.run_in_background(lambda: resolve(now, target_id, chosen), done, refused)

    # --- pause and export -------------------------------------------------

    def _paused_changed(self, paused: bool) -> None:
        self.banner.setVisible(paused)
        log.info("publishing %s by the clerk", "paused" if paused else "resumed")

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Exportar calendario"),
            suggested("calendario.ics"),
            self.tr("Calendario (*.ics)"),
        )
        if name:
            self.export_ics(Path(name))

    def export_ics(self, path: Path) -> None:
        """Write the past three months and the next year as .ics (in the background)."""
        repo = self.repo
        now = self.clock()
        language = self.language

        def write() -> Path:
            entries = repo.entries(
                now - timedelta(days=EXPORT_PAST_DAYS), now + timedelta(days=EXPORT_FUTURE_DAYS)
            )
            held_files.write_bytes(path, calendar_ics(entries, language, now.astimezone(UTC)))
            return path

        self.tasks.run_in_background(
            write,
            lambda _: self.show_message(
                self.tr("Calendario guardado en {path}").format(path=path), kind="info"
            ),
            lambda error: self.show_message(
                self.tr("No se pudo guardar el calendario: {e}").format(
                    e=clerk_reason(error, self.language)
                )
            ),
        )
