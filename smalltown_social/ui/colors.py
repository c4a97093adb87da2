"""The app's own colours, for the light palette and for a dark one.

Windows 11 in dark mode gives Qt a dark palette (Fusion, windows11 style): the
text Qt draws turns light, so every colour the app sets itself must turn with it,
or a dark title sits on a dark window and light text on a pale banner. Style
sheets name colours as `$text`, `$muted`… (`themed`; a widget's own sheet through
`apply_themed`, which keeps the template so ui/qt_app.py fills it again when the
clerk switches Windows between light and dark); painters ask `colors_for` as they
paint.
"""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

THEMED = "themedStyleSheet"  # the widget property holding its sheet's template

LIGHT: dict[str, str] = {
    "text": "#1c2430",
    "muted": "#57606a",
    "panel": "#f3f5f8",
    "panel_border": "#d8dde4",
    "error": "#b42318",
    "ok": "#2e6b30",
    "warn": "#8f5500",
    "demo_bg": "#e7f0ff",
    "demo_border": "#8fb4f5",
    "welcome_bg": "#e9f7ef",
    "welcome_border": "#8cc9a2",
    "warning_bg": "#fdecea",
    "warning_border": "#e5a29b",
    "warning_text": "#82071e",
    "notice_bg": "#fff8e1",
    "notice_border": "#f0c36d",
    "notice_text": "#8a5300",
    "paper": "#ffffff",
    "paper_border": "#d0d7de",
    "private_row": "#f3eefc",
    "reply_bg": "#eef6ee",
    "bar": "#1f6feb",
    "bar_light": "#9ec5fe",
}
DARK: dict[str, str] = {
    "text": "#e6edf3",
    "muted": "#a8b1bb",
    "panel": "#2b2f36",
    "panel_border": "#444c56",
    "error": "#ff7b72",
    "ok": "#56d364",
    "warn": "#e3b341",
    "demo_bg": "#1c2b45",
    "demo_border": "#3d5f99",
    "welcome_bg": "#1a3324",
    "welcome_border": "#2f6b45",
    "warning_bg": "#3d1f1c",
    "warning_border": "#8c3b34",
    "warning_text": "#ffa198",
    "notice_bg": "#3a3020",
    "notice_border": "#8a6d2b",
    "notice_text": "#f0c36d",
    "paper": "#1e2228",
    "paper_border": "#444c56",
    "private_row": "#3a2f4d",
    "reply_bg": "#203326",
    "bar": "#388bfd",
    "bar_light": "#3d5f99",
}


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors_for(palette: QPalette) -> dict[str, str]:
    return DARK if is_dark(palette) else LIGHT


def themed(sheet: str, palette: QPalette) -> str:
    """`sheet` with its `$name` colours filled in for `palette`."""
    return Template(sheet).substitute(colors_for(palette))


def apply_themed(widget: QWidget, sheet: str) -> None:
    """Give `widget` the style sheet `sheet` in its palette's colours, now and after a switch."""
    widget.setProperty(THEMED, sheet)
    widget.setStyleSheet(themed(sheet, widget.palette()))
