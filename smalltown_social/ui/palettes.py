"""The palette Qt's Fusion style gives in dark mode, for drawing it where none exists.

Windows 11 in dark mode hands Qt 6.5+ a dark palette (Fusion, and the windows11
style of 6.7+); the offscreen platform of the tests and screenshots has no dark
mode, so they set this one: the colours of `qt_fusionPalette(darkAppearance=true)`
in Qt's qplatformtheme.cpp.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_fusion_palette() -> QPalette:
    window_text = QColor(240, 240, 240)
    background = QColor(50, 50, 50)
    base = background.darker(140)
    mid = background.darker(130)
    dark = background.darker(150)
    shadow = dark.darker(135)
    highlight = QColor(48, 140, 198)
    disabled_text = QColor(130, 130, 130)
    palette = QPalette(
        window_text, background, background.lighter(150), dark, mid, window_text, base
    )
    palette.setColor(QPalette.ColorRole.Midlight, mid.lighter(110))
    palette.setColor(QPalette.ColorRole.Button, background)
    palette.setColor(QPalette.ColorRole.ButtonText, window_text)
    palette.setColor(QPalette.ColorRole.Shadow, shadow)
    palette.setColor(QPalette.ColorRole.Highlight, highlight)
    palette.setColor(QPalette.ColorRole.HighlightedText, window_text)
    palette.setColor(QPalette.ColorRole.AlternateBase, background)
    palette.setColor(QPalette.ColorRole.ToolTipBase, background)
    palette.setColor(QPalette.ColorRole.ToolTipText, window_text)
    palette.setColor(QPalette.ColorRole.Link, highlight.lighter(130))
    palette.setColor(QPalette.ColorRole.LinkVisited, highlight.lighter(110))
    placeholder = QColor(window_text)
    placeholder.setAlpha(128)
    palette.setColor(QPalette.ColorRole.PlaceholderText, placeholder)
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, disabled_text)
    palette.setColor(disabled, QPalette.ColorRole.Base, background)
    palette.setColor(disabled, QPalette.ColorRole.Shadow, shadow.lighter(150))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor(145, 145, 145))
    return palette
