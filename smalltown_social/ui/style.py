"""The app's look: one style sheet, sizes in points so 150 % scaling stays readable.

Colours are `$names` of ui/colors.py, light or dark as the system's palette is.
"""

from PySide6.QtGui import QPalette

from smalltown_social.ui.colors import themed

STYLE_SHEET = """
QListWidget#navigation {
    background: $panel;
    border: none;
    border-right: 1px solid $panel_border;
    font-size: 11pt;
    padding-top: 8px;
}
QListWidget#navigation::item { padding: 10px 14px; color: $text; }
QListWidget#navigation::item:selected {
    background: #1f6feb; color: white; border-radius: 6px; outline: none;
}
QListWidget#navigation { outline: none; }
QLabel#pageTitle { font-size: 18pt; font-weight: 600; color: $text; }
QLabel#settingHelp { color: $muted; }
QLineEdit[invalid="true"] { border: 2px solid #d1242f; }
QLabel#electoralPeriod { font-weight: 600; }
QLabel#pageSummary { font-size: 10.5pt; color: $text; }
QFrame#banner { border-radius: 6px; padding: 4px; }
QFrame#banner[kind="demo"] { background: $demo_bg; border: 1px solid $demo_border; }
QFrame#banner[kind="welcome"] { background: $welcome_bg; border: 1px solid $welcome_border; }
QFrame#banner[kind="warning"] { background: $warning_bg; border: 1px solid $warning_border; }
QLabel#bannerText { font-size: 10pt; color: $text; }
"""


def style_sheet(palette: QPalette) -> str:
    """The application's style sheet in the colours of `palette` (light or dark)."""
    return themed(STYLE_SHEET, palette)
