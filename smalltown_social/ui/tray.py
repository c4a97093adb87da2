"""Tray icon: the app keeps publishing with its window closed.

Signals: show_requested() when the clerk asks for the window,
quit_requested() when they choose to quit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

# Windows shows a tray notice (a toast since Windows 10) from NOTIFYICONDATA, whose
# title holds 63 characters and text 255; Qt cuts anything longer mid-word.
TITLE_ROOM = 63
MESSAGE_ROOM = 255
NOTICE_MS = 10_000


def fit_notice(title: str, message: str) -> tuple[str, str]:
    """Title and text cut to what a Windows notice holds: whole lines first, then "…"."""

    def cut(text: str, room: int) -> str:
        return text if len(text) <= room else text[: room - 1].rstrip() + "…"

    lines: list[str] = []
    for line in message.splitlines():
        if len("\n".join([*lines, line])) > MESSAGE_ROOM:
            if not lines:
                lines.append(cut(line, MESSAGE_ROOM))
            elif len("\n".join([*lines, "…"])) <= MESSAGE_ROOM:
                lines.append("…")
            break
        lines.append(line)
    return cut(title, TITLE_ROOM), "\n".join(lines)


class Tray(QObject):
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("smalltown_social")
        self.menu = QMenu()
        self.show_action = QAction(self.tr("Abrir la ventana"), self)
        self.quit_action = QAction(self.tr("Salir"), self)
        self.show_action.triggered.connect(self.show_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        if self.available:
            self.icon.show()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()

    def notify(self, title: str, message: str, *, warning: bool = False) -> None:
        """A tray notice, cut to what Windows shows (`fit_notice`)."""
        if not self.available:
            return
        icon = (
            QSystemTrayIcon.MessageIcon.Warning
            if warning
            else QSystemTrayIcon.MessageIcon.Information
        )
        self.icon.showMessage(*fit_notice(title, message), icon, NOTICE_MS)
