"""Keyboard for the inbox: the list and the reply box as small widget subclasses.

Handled in `keyPressEvent` rather than an event filter on a child: a parent
filtering its own children is called while it is being destroyed, which
crashes PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QTableView

LIST_KEYS = {
    Qt.Key.Key_J: "next",
    Qt.Key.Key_K: "previous",
    Qt.Key.Key_R: "reply",
    Qt.Key.Key_E: "archive",
}


class InboxTable(QTableView):
    """Signals: command(str) with "next", "previous", "reply" or "archive" (J, K, R, E)."""

    command = Signal(str)
    # Below this width the column of our post (also shown above the conversation) steps
    # aside, so the message itself keeps room to be read on a 1366x768 laptop at 125 %.
    # Narrower still, the label steps aside too: it is in the box beside the
    # conversation and in the filters, and the message would be a few letters.
    NARROW_BELOW = 560
    COMPACT_BELOW = 760
    optional_column = -1  # set by the page: the column that may step aside
    label_column = -1  # set by the page: the column that steps aside when narrow

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        if self.optional_column >= 0:
            self.setColumnHidden(self.optional_column, width < self.COMPACT_BELOW)
        if self.label_column >= 0:
            self.setColumnHidden(self.label_column, width < self.NARROW_BELOW)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        name = LIST_KEYS.get(Qt.Key(event.key()))
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if name is not None and plain:
            self.command.emit(name)
            event.accept()
            return
        super().keyPressEvent(event)


class ReplyEdit(QPlainTextEdit):
    """Signals: submitted() on Ctrl+Enter."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)
