"""The conversation view: the post answered, the thread, and the reply box.

A reply is checked on every edit (personal data in a public reply blocks the
button, with the suggestion to answer privately; a reply that does not repeat
the subject of the question is warned about), then stored as a reply post due
now on the item's account, off the GUI thread: the outbox sends it, woken at
once through `reply_queued`. A reply that cannot be stored is said why and
stays in the box to send again.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.costs import post_price, usd
from smalltown_social.core.guidance import Finding
from smalltown_social.core.i18n import one_language
from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.core.reply_check import blocking
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.states import LABELS, TargetState
from smalltown_social.publishing.compose import Draft, Refused, Saved, Town, review
from smalltown_social.publishing.inbox_actions import fill_template, template_values
from smalltown_social.storage.inbox_repo import OurReply
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.colors import colors_for
from smalltown_social.ui.formatting import local_text
from smalltown_social.ui.inbox.actions_bar import ActionsBar
from smalltown_social.ui.inbox.keys import ReplyEdit
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import InboxServices

log = logging.getLogger(__name__)

# An answer still on its way is looked at again this often, until it is out or stuck.
RECHECK_MS = 5_000
ON_THE_WAY = frozenset({TargetState.SCHEDULED, TargetState.PUBLISHING})


class ConversationView(QWidget):
    """Signals: changed() after the item was answered, archived, relabelled or hidden;
    reply_queued(int post id) once an answer is stored, for the outbox to send it now.
    """

    changed = Signal()
    reply_queued = Signal(int)

    def __init__(
        self, inbox: InboxServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.tasks = tasks
        self.saved = inbox.saved_replies
        self.item: InboxItem | None = None
        self.sending = False  # a reply is being stored (off the GUI thread)
        self._unsent: dict[int, str] = {}  # item id: a reply not stored, kept for the clerk
        self.findings: list[Finding] = []
        self.time_zone = inbox.settings.get(TIME_ZONE)
        self.texts = {
            "block": self.tr("No se puede enviar:"),
            "warn": self.tr("Consejo:"),
            "ours": self.tr("Nuestra publicación"),
            "us": self.tr("Respuesta del ayuntamiento"),
        }
        self.reply_states = {
            TargetState.SCHEDULED: self.tr("en la cola de envío"),
            TargetState.PUBLISHING: self.tr("enviándose"),
            TargetState.PUBLISHED: self.tr("enviada"),
            TargetState.FAILED: self.tr("no se ha podido enviar"),
            TargetState.UNCONFIRMED: self.tr("sin confirmar: mire en la red si salió"),
        }
        self._waiting = False
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._refresh_thread)
        self._recheck.start()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("conversationHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a display name is not markup
        self.thread_view = QTextBrowser()
        self.thread_view.setAccessibleName(self.tr("Conversación"))
        self.thread_view.setOpenExternalLinks(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.thread_view, 2)
        self.action_bar = ActionsBar(inbox, tasks)
        self.action_bar.changed.connect(self.changed)
        self.action_bar.told.connect(self._tell)
        layout.addWidget(self.action_bar)

        layout.addLayout(self._templates_row())

        self.reply_box = ReplyEdit()
        self.reply_box.setAccessibleName(self.tr("Respuesta"))
        self.reply_box.setPlaceholderText(self.tr("Escriba la respuesta…"))
        self.reply_box.setTabChangesFocus(True)
        self.reply_box.textChanged.connect(self.check)
        self.reply_box.submitted.connect(self.send)
        layout.addWidget(self.reply_box, 1)
        self.advice = self._advice_label()
        layout.addWidget(self.advice)
        self.send_button = QPushButton(self.tr("&Enviar respuesta"))
        self.send_button.setToolTip(self.tr("Ctrl+Intro"))
        self.send_button.clicked.connect(self.send)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)
        self.load_templates()
        self.show_item(None)

    def _advice_label(self) -> QLabel:
        """What the checks, the cost and the outbox say about the reply."""
        advice = QLabel()
        advice.setObjectName("replyAdvice")
        advice.setWordWrap(True)
        advice.setTextFormat(Qt.TextFormat.RichText)
        advice.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return advice

    def _templates_row(self) -> QHBoxLayout:
        templates = QHBoxLayout()
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(self.tr("Respuestas guardadas"))
        self.template_box.activated.connect(self._template_chosen)
        self.save_template_button = QPushButton(self.tr("Guardar como plantilla…"))
        self.save_template_button.setToolTip(
            self.tr("Puede usar {nombre}, {usuario} y {red} en las plantillas.")
        )
        self.save_template_button.clicked.connect(self._ask_template_name)
        templates.addWidget(QLabel(self.tr("Plantilla:")))
        templates.addWidget(self.template_box, 1)
        templates.addWidget(self.save_template_button)
        return templates

    # --- showing ------------------------------------------------------------

    def load_templates(self) -> None:
        self.template_box.clear()
        self.template_box.addItem(self.tr("(ninguna)"), None)
        for reply in self.saved.all():
            self.template_box.addItem(reply.name, reply.text)

    def show_item(self, item_id: int | None) -> None:
        item = self.inbox.items.get(item_id) if item_id is not None else None
        self.item = item
        self.action_bar.show_item(item)
        for widget in (
            self.reply_box,
            self.send_button,
            self.template_box,
            self.save_template_button,
        ):
            widget.setEnabled(item is not None)
        self.reply_box.blockSignals(True)
        self.reply_box.setPlainText(self._unsent.pop(item_id, "") if item_id is not None else "")
        self.reply_box.blockSignals(False)
        self.advice.clear()
        if item is None:
            self.heading.setText(self.tr("Elija un mensaje de la lista."))
            self.thread_view.clear()
            return
        self.heading.setText(
            self.tr("{author} · {network} · {when}").format(
                author=item.author_name or item.author_handle,
                network=NETWORK_NAMES[item.network],
                when=local_text(item.received_utc, self.time_zone),
            )
        )
        self.thread_view.setHtml(self._thread_html(item))
        self.check()

    def _thread_html(self, item: InboxItem) -> str:
        parts: list[str] = []
        if item.post_text is not None:
            parts.append(
                f"<p><b>{html.escape(self.texts['ours'])}</b><br>{_para(item.post_text)}</p><hr>"
            )
        thread = self.inbox.items.thread(item)
        ours = self.inbox.items.our_replies([m.id for m in thread if m.id is not None])
        self._waiting = any(r.state in ON_THE_WAY for r in ours)
        entries: list[tuple[datetime, str]] = []
        for message in thread:
            mark = "▶ " if message.id == item.id else ""
            entries.append(
                (
                    message.received_utc,
                    f"<p><b>{mark}{html.escape(message.author_name or message.author_handle)}</b> "
                    f"<small>{html.escape(local_text(message.received_utc, self.time_zone))}"
                    f"</small><br>{_para(message.text)}</p>",
                )
            )
        for reply in ours:
            entries.append((reply.written_utc, self._reply_html(reply)))
        entries.sort(key=lambda entry: entry[0])
        return "".join(parts) + "".join(part for _when, part in entries)

    def _reply_html(self, reply: OurReply) -> str:
        """Our answer, indented, with whether it went out (and why not, if not)."""
        state = self.reply_states.get(reply.state, LABELS[reply.state](self.inbox.language))
        if reply.state is TargetState.PUBLISHED and reply.url:
            state = f'<a href="{html.escape(reply.url, quote=True)}">{html.escape(state)}</a>'
        else:
            state = html.escape(state)
        language = self.inbox.language
        problem = (
            f"<br><i>{html.escape(one_language(reply.error, language))}</i>" if reply.error else ""
        )
        when = html.escape(local_text(reply.written_utc, self.time_zone))
        return (
            f'<blockquote style="background:{colors_for(self.palette())["reply_bg"]}">'
            f"<b>{html.escape(self.texts['us'])}</b> "
            f"<small>{when} · {state}</small><br>{_para(reply.text)}{problem}</blockquote>"
        )

    def _refresh_thread(self) -> None:
        """While an answer is on its way, look again: the clerk sees it go out."""
        if self.item is not None and self._waiting:
            self.thread_view.setHtml(self._thread_html(self.item))

    def _tell(self, note: str) -> None:
        self.advice.setText(html.escape(note))

    # --- the reply ------------------------------------------------------------

    def check(self) -> None:
        item = self.item
        text = self.reply_box.toPlainText()
        if item is None:
            return
        town = Town.read(self.inbox.settings)  # the electoral period may have changed
        draft = Draft(text, (), reply_to=item)
        self.findings = review(draft, town, when=None, language=self.inbox.language)
        lines = [
            f"<b>{html.escape(self.texts['block' if f.severity == 'block' else 'warn'])}</b> "
            + html.escape(f.message)
            for f in self.findings
            if f.severity != "tip"
        ]
        price = post_price(item.network, text)  # a paid network (X): told before it is spent
        if price is not None:
            cost = self.tr("Responder en %1 cuesta %2.").replace("%1", NETWORK_NAMES[item.network])
            lines.append(html.escape(cost.replace("%2", usd(price, self.inbox.language))))
        self.advice.setText("<br>".join(lines))
        ready = bool(text.strip()) and not blocking(self.findings)
        self.send_button.setEnabled(ready and not self.sending)

    def _template_chosen(self, index: int) -> None:
        template = self.template_box.itemData(index)
        if self.item is None or not isinstance(template, str):
            return
        values = template_values(self.item, NETWORK_NAMES[self.item.network])
        self.reply_box.setPlainText(fill_template(template, values))
        self.reply_box.setFocus()

    def save_template(self, name: str) -> None:
        """Keep the reply being written as a saved reply called `name`."""
        text = self.reply_box.toPlainText().strip()
        if name.strip() and text:
            self.saved.save(name, text)
            self.load_templates()

    def _ask_template_name(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Guardar respuesta"), self.tr("Nombre de la plantilla:")
        )
        if ok:
            self.save_template(name)

    def send(self) -> None:
        """Store the reply off the GUI thread; the outbox is told to send it at once."""
        item = self.item
        typed = self.reply_box.toPlainText()
        text = typed.strip()
        self.check()
        if self.sending or item is None or not text or blocking(self.findings):
            return
        composer, who = self.inbox.composer, self.action_bar.who
        self._set_sending(True)
        self.tasks.run_in_background(
            lambda: composer.reply(item, text, who=who),
            lambda saved: self._queued(item, saved),
            lambda error: self._not_queued(item, typed, error),
        )

    def _set_sending(self, sending: bool) -> None:
        """While a reply is stored its text cannot change and it cannot be sent twice."""
        self.sending = sending
        self.reply_box.setReadOnly(sending)
        if sending:
            self.send_button.setEnabled(False)
        elif self.item is not None:
            self.check()

    def _queued(self, item: InboxItem, saved: Saved) -> None:
        self._set_sending(False)
        self.reply_queued.emit(saved.post_id)
        if self.item is None or self.item.id != item.id:
            self.changed.emit()  # the clerk moved on: the list still shows it answered
            return
        self.reply_box.clear()
        self.changed.emit()
        self.thread_view.setHtml(self._thread_html(item))  # the answer shows in the thread
        self.advice.setText(self.tr("Respuesta en la cola de envío: sale en cuanto haya conexión."))

    def _not_queued(self, item: InboxItem, typed: str, error: Exception) -> None:
        """Nothing was stored: say why, and keep what the clerk wrote to send it again."""
        self._set_sending(False)
        language = self.inbox.language
        if isinstance(error, Refused):
            why = error.text(language)
        else:
            log.warning("reply to inbox item %s not stored: %s", item.id, type(error).__name__)
            why = (
                self.tr("La respuesta no se ha enviado.")
                + " "
                + _sentence(clerk_reason(error, language))
            )
        if self.item is not None and self.item.id == item.id:
            if self.reply_box.toPlainText() != typed:
                self.reply_box.setPlainText(typed)
            self._tell(why + " " + self.tr("Su texto sigue aquí."))
        else:
            if item.id is not None:
                self._unsent[item.id] = typed
            self._tell(
                why + " " + self.tr("Su texto se conserva: vuelva a ese mensaje para enviarlo.")
            )

    def archive(self) -> None:
        self.action_bar.set_status(InboxStatus.ARCHIVED)


def _para(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _sentence(reason: str) -> str:
    """A reason as a sentence of its own (storage errors already are one)."""
    reason = reason[:1].upper() + reason[1:]
    return reason if reason.endswith(".") else reason + "."
