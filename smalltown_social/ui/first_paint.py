"""Run something just after a widget's first paint (the clerk sees the widget first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, then: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.deleteLater()
            QTimer.singleShot(0, self._then)  # once this paint (and its frame) is done
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once, from the event loop, just after `widget`'s next paint."""
    widget.installEventFilter(_FirstPaint(then, widget))
