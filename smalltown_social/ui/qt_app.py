"""The QApplication, made the same way by the window, the self-test and the screenshots.

Before it exists: the high-DPI rounding policy. Windows gives each monitor its
own scale (125 %, 150 %…); PassThrough draws at exactly that factor, where
rounding would draw 150 % at 200 % (too big) or 125 % at 100 % (too small). Qt 6
already defaults to it; it is set here so neither a later Qt nor a stray
`QT_SCALE_FACTOR_ROUNDING_POLICY` default silently changes what the clerk sees.

After: the style sheet, in the colours of the palette the system gave (dark on
Windows 11 in dark mode).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from smalltown_social.ui.style import style_sheet

ROUNDING = Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


def new_application(argv: Sequence[str], palette: QPalette | None = None) -> QApplication:
    """A new QApplication (none may exist yet); `palette` replaces the system's."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(ROUNDING)
    app = QApplication(list(argv))
    if palette is not None:
        app.setPalette(palette)
    app.setStyleSheet(style_sheet(app.palette()))
    return app
