"""The conversation view: the post answered, the thread, and the reply box.

A reply is checked on every edit (personal data in a public reply blocks the
button, with the suggestion to answer privately; a reply that does not repeat
the subject of the question is warned about), then stored as a reply post due
now on the item's account: the outbox sends it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from smalltown_social.core.guidance import Finding
from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.core.reply_check import blocking
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.publishing.compose import Draft, Refused, Town, review
from smalltown_social.publishing.inbox_actions import fill_template, template_values
from smalltown_social.ui.formatting import local_text
from smalltown_social.ui.inbox.actions_bar import ActionsBar
from smalltown_social.ui.inbox.keys import ReplyEdit
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import InboxServices


class ConversationView(QWidget):
    """Signals: changed() after the item was answered, archived, relabelled or hidden."""

    changed = Signal()

    def __init__(
        self, inbox: InboxServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.saved = inbox.saved_replies
        self.item: InboxItem | None = None
        self.findings: list[Finding] = []
        self.time_zone = inbox.settings.get(TIME_ZONE)
        self.texts = {
            "block": self.tr("No se puede enviar:"),
            "warn": self.tr("Consejo:"),
            "ours": self.tr("Nuestra publicación"),
        }

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
        self.advice = QLabel()
        self.advice.setObjectName("replyAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advice)
        self.send_button = QPushButton(self.tr("&Enviar respuesta"))
        self.send_button.setToolTip(self.tr("Ctrl+Intro"))
        self.send_button.clicked.connect(self.send)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)
        self.load_templates()
        self.show_item(None)

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
        self.reply_box.clear()
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
        for message in self.inbox.items.thread(item):
            mark = "▶ " if message.id == item.id else ""
            parts.append(
                f"<p><b>{mark}{html.escape(message.author_name or message.author_handle)}</b> "
                f"<small>{html.escape(local_text(message.received_utc, self.time_zone))}"
                f"</small><br>{_para(message.text)}</p>"
            )
        return "".join(parts)

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
        self.advice.setText(
            "<br>".join(
                f"<b>{html.escape(self.texts['block' if f.severity == 'block' else 'warn'])}</b> "
                + html.escape(f.message)
                for f in self.findings
                if f.severity != "tip"
            )
        )
        self.send_button.setEnabled(bool(text.strip()) and not blocking(self.findings))

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
        item = self.item
        text = self.reply_box.toPlainText().strip()
        self.check()
        if item is None or not text or blocking(self.findings):
            return
        try:
            self.inbox.composer.reply(item, text, who=self.action_bar.who)
        except Refused as refused:
            self._tell(refused.text(self.inbox.language))
            return
        self.reply_box.clear()
        self.changed.emit()
        self.advice.setText(self.tr("Respuesta en la cola de envío: sale en cuanto haya conexión."))

    def archive(self) -> None:
        self.action_bar.set_status(InboxStatus.ARCHIVED)


def _para(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
