"""The QApplication, made the same way by the window, the self-test and the screenshots.

Before it exists: the high-DPI rounding policy. Windows gives each monitor its
own scale (125 %, 150 %…); PassThrough draws at exactly that factor, where
rounding would draw 150 % at 200 % (too big) or 125 % at 100 % (too small). Qt 6
already defaults to it; it is set here so neither a later Qt nor a stray
`QT_SCALE_FACTOR_ROUNDING_POLICY` default silently changes what the clerk sees. It
is set through that same variable, not `setHighDpiScaleFactorRoundingPolicy`: naming
any enum of Qt's `Qt` namespace builds all of them (~14 ms before the first frame;
issue #13).

After: the style sheet, in the colours of the palette the system gave (dark on
Windows 11 in dark mode), filled again if the clerk switches Windows between
light and dark while the app runs (`FollowColorScheme`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from smalltown_social.ui.colors import THEMED, is_dark, themed
from smalltown_social.ui.style import style_sheet

ROUNDING_VARIABLE = "QT_SCALE_FACTOR_ROUNDING_POLICY"


def new_application(argv: Sequence[str], palette: QPalette | None = None) -> QApplication:
    """A new QApplication (none may exist yet); `palette` replaces the system's."""
    os.environ[ROUNDING_VARIABLE] = "PassThrough"  # read by QGuiApplication's constructor
    app = QApplication(list(argv))
    if palette is not None:
        app.setPalette(palette)
    app.setStyleSheet(style_sheet(app.palette()))
    FollowColorScheme(app)
    return app


class FollowColorScheme(QObject):
    """Fills the style sheets again when the application's palette turns dark or light.

    Windows tells Qt of a switch in Settings > Personalisation > Colours; Qt gives
    the application a new palette (`paletteChanged`). The sheets are filled on the
    next turn of the event loop, not inside that signal. A signal, not an event filter
    on the application: that would see every event of every widget, and the first
    ones alone cost ~29 ms before the first frame (issue #13).
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dark = is_dark(app.palette())
        app.paletteChanged.connect(self._palette_changed)

    def _palette_changed(self, palette: QPalette) -> None:
        dark = is_dark(palette)
        if dark != self.dark:
            self.dark = dark
            QTimer.singleShot(0, self.fill_again)

    def stop(self) -> None:
        self.app.paletteChanged.disconnect(self._palette_changed)

    def fill_again(self) -> None:
        palette = self.app.palette()
        self.app.setStyleSheet(style_sheet(palette))
        for widget in self.app.allWidgets():
            template = widget.property(THEMED)
            if isinstance(template, str):
                widget.setStyleSheet(themed(template, palette))
