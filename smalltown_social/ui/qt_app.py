"""The QApplication, made the same way by the window, the self-test and the screenshots.

Before it exists: the high-DPI rounding policy. Windows gives each monitor its
own scale (125 %, 150 %…); PassThrough draws at exactly that factor, where
rounding would draw 150 % at 200 % (too big) or 125 % at 100 % (too small). Qt 6
already defaults to it; it is set here so neither a later Qt nor a stray
`QT_SCALE_FACTOR_ROUNDING_POLICY` default silently changes what the clerk sees.

After: the style sheet, in the colours of the palette the system gave (dark on
Windows 11 in dark mode), filled again if the clerk switches Windows between
light and dark while the app runs (`FollowColorScheme`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from smalltown_social.ui.colors import THEMED, is_dark, themed
from smalltown_social.ui.style import style_sheet

ROUNDING = Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


def new_application(argv: Sequence[str], palette: QPalette | None = None) -> QApplication:
    """A new QApplication (none may exist yet); `palette` replaces the system's."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(ROUNDING)
    app = QApplication(list(argv))
    if palette is not None:
        app.setPalette(palette)
    app.setStyleSheet(style_sheet(app.palette()))
    FollowColorScheme(app)
    return app


class FollowColorScheme(QObject):
    """Fills the style sheets again when the application's palette turns dark or light.

    Windows tells Qt of a switch in Settings > Personalisation > Colours; Qt sends
    the application a new palette (ApplicationPaletteChange). The sheets are
    filled on the next turn of the event loop, not inside that event.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dark = is_dark(app.palette())
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.app and event.type() == QEvent.Type.ApplicationPaletteChange:
            dark = is_dark(self.app.palette())
            if dark != self.dark:
                self.dark = dark
                QTimer.singleShot(0, self.fill_again)
        return False

    def fill_again(self) -> None:
        palette = self.app.palette()
        self.app.setStyleSheet(style_sheet(palette))
        for widget in self.app.allWidgets():
            template = widget.property(THEMED)
            if isinstance(template, str):
                widget.setStyleSheet(themed(template, palette))
