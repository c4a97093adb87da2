"""The first-run welcome and the way in and out of the demo town.

Signals (WelcomeBanner): connect_account(), town_settings(), demo_requested().
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from smalltown_social.core.i18n import Language


class WelcomeBanner(QFrame):
    """Shown while the town hall has no account: three ways to begin."""

    connect_account = Signal()
    town_settings = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "welcome")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        text = QLabel(
            self.tr(
                "Bienvenido. Para empezar, conecte la primera red del ayuntamiento; "
                "puede revisar antes los datos del municipio o ver un ejemplo."
            )
        )
        text.setObjectName("bannerText")
        text.setWordWrap(True)
        layout.addWidget(text, 1)
        for label, signal in (
            (self.tr("Conectar la primera cuenta"), self.connect_account),
            (self.tr("Datos del municipio"), self.town_settings),
            (self.tr("Ver un municipio de ejemplo"), self.demo_requested),
        ):
            button = QPushButton(label)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        self.buttons = self.findChildren(QPushButton)


def start_other_window(base: Path, *, demo: bool, language: Language) -> bool:
    """Start the app on the same data folder, in or out of the demo; True if it started.

    The demo has its own database (and lock) inside the data folder, so both
    windows may be open at once; the real one keeps publishing.
    """
    arguments = ["--basedir", str(base), "--lang", language]
    if demo:
        arguments.append("--demo")
    if getattr(sys, "frozen", False):  # the bundled program is the app itself
        program = sys.executable
    else:
        program, arguments = sys.executable, ["-m", "smalltown_social", *arguments]
    from PySide6.QtCore import QProcess  # noqa: PLC0415 - not before the first frame

    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)
