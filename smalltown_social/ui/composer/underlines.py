"""What the editor draws and shows for guidance findings: wavy underlines and tooltips.

Loaded with the first findings, not with the editor: the window's shell shows the
editor in its first frame (issue #13), and these Qt types cost ~4 ms to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from smalltown_social.ui.composer.look import COLORS

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QPoint

    from smalltown_social.core.guidance import Finding
    from smalltown_social.ui.composer.offsets import OffsetMap

# Drawing thousands of underlines (a pasted book) costs more than it tells.
MAX_UNDERLINES = 400


def underlines(
    editor: QPlainTextEdit, findings: list[Finding], offsets: OffsetMap
) -> list[QTextEdit.ExtraSelection]:
    """One wavy underline per finding, coloured by severity; less serious first, so a
    block is drawn over a tip on the same words."""
    selections: list[QTextEdit.ExtraSelection] = []
    for found in reversed(findings):
        if found.end <= found.start or len(selections) >= MAX_UNDERLINES:
            continue
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(COLORS[found.severity])
        if found.severity == "block":
            fmt.setBackground(COLORS["block"].lighter(190))
        fmt.setProperty(QTextFormat.Property.UserProperty, found.rule)
        selection.format = fmt
        cursor = QTextCursor(editor.document())
        cursor.setPosition(offsets.to_qt(found.start))
        cursor.setPosition(offsets.to_qt(found.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selections.append(selection)
    return selections


class ToolTips(QObject):
    """The findings under the mouse, as the editor's tooltip (`tooltip_at` words them)."""

    def __init__(self, editor: QPlainTextEdit, tooltip_at: Callable[[QPoint], str]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._tooltip_at = tooltip_at
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        text = self._tooltip_at(event.pos())
        if text:
            QToolTip.showText(event.globalPos(), text, self._editor)
        else:
            QToolTip.hideText()
            event.ignore()
        return True
