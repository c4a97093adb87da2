"""The text editor that underlines guidance findings in place.

Signals: none of its own (QPlainTextEdit's `textChanged` drives the page).

Findings are drawn as ExtraSelections (wavy underlines coloured by severity),
so they never enter the document or its undo history. Hovering shows the
messages; the context menu (right click, or the Menu key) and Ctrl+. offer a
finding's suggestion, applied as one undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from smalltown_social.ui.composer.look import severity_name
from smalltown_social.ui.composer.offsets import OffsetMap

# The window's shell shows this editor in its first frame (issue #13): what only findings
# need (the guidance, the underlines, the Ctrl+. action) is imported with the first ones.
if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction, QContextMenuEvent

    from smalltown_social.core.guidance import Finding


class GuidedEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerEditor")
        self.setTabChangesFocus(True)  # Tab moves on; keyboard users are not trapped
        self.setAccessibleName(self.tr("Texto de la publicación"))
        self.setPlaceholderText(
            self.tr("Escriba aquí la publicación: qué pasa, dónde, cuándo y qué hacer.")
        )
        self._findings: list[Finding] = []
        self._analyzed = ""
        self._offsets = OffsetMap("")
        self._apply_action: QAction | None = None  # made with the first findings

    @property
    def apply_action(self) -> QAction:
        """Ctrl+.: apply the suggestion under the cursor."""
        return self._offer_suggestions()

    def _offer_suggestions(self) -> QAction:
        """Ctrl+. and the findings' tooltips, made with the first findings, not with the
        editor: naming Qt's `Qt` namespace (the shortcut's context) alone builds all its
        enums (~14 ms), and the window's shell shows this editor in its first frame."""
        if self._apply_action is None:
            from PySide6.QtCore import Qt  # noqa: PLC0415
            from PySide6.QtGui import QAction, QKeySequence  # noqa: PLC0415

            from smalltown_social.ui.composer.underlines import ToolTips  # noqa: PLC0415

            ToolTips(self, self.tooltip_at)
            action = QAction(self.tr("Aplicar la sugerencia"), self)
            action.setShortcut(QKeySequence("Ctrl+."))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(self.apply_at_cursor)
            self.addAction(action)
            self._apply_action = action
        return self._apply_action

    # --- findings ------------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, text: str, findings: list[Finding]) -> None:
        """Show `findings`, computed for `text` (ignored if the text changed since)."""
        if text != self.toPlainText():
            return
        from smalltown_social.ui.composer.underlines import underlines  # noqa: PLC0415

        self._offer_suggestions()
        self._findings = findings
        self._analyzed = text
        self._offsets = OffsetMap(text)
        self.setExtraSelections(underlines(self, findings, self._offsets))

    def findings_at(self, position: int) -> list[Finding]:
        """Findings whose span covers document position `position` (most serious first)."""
        if self._analyzed != self.toPlainText():
            return []
        offset = self._offsets.to_python(position)
        return [f for f in self._findings if f.start <= offset < f.end or f.start == offset]

    def select_finding(self, found: Finding) -> None:
        """Put the cursor on a finding's words (from the findings list)."""
        if self._analyzed != self.toPlainText():
            return
        cursor = self.textCursor()
        cursor.setPosition(self._offsets.to_qt(found.start))
        cursor.setPosition(self._offsets.to_qt(found.end), cursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def apply_suggestion(self, found: Finding) -> bool:
        """Replace a finding's words with its suggestion; False if the text moved on."""
        if found.suggestion is None or self._analyzed != self.toPlainText():
            return False
        if found not in self._findings:
            return False
        cursor = self.textCursor()
        cursor.setPosition(self._offsets.to_qt(found.start))
        cursor.setPosition(self._offsets.to_qt(found.end), cursor.MoveMode.KeepAnchor)
        cursor.insertText(_matching_case(self._analyzed[found.start : found.end], found.suggestion))
        self.setTextCursor(cursor)
        return True

    def apply_at_cursor(self) -> bool:
        """Ctrl+.: apply the suggestion of the finding under the cursor, if any."""
        for found in self.findings_at(self.textCursor().position()):
            if found.suggestion is not None:
                return self.apply_suggestion(found)
        return False

    # --- tooltips and the context menu -----------------------------------------

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip for a point in the viewport: the messages of the findings there."""
        position = self.cursorForPosition(point - self.viewport().pos()).position()
        lines = []
        for found in self.findings_at(position):
            if found.end <= found.start:
                continue
            line = f"<b>{severity_name(found.severity)}:</b> {_html(found.message)}"
            if found.suggestion:
                line += "<br>" + self.tr("Sugerencia: «{s}» (clic derecho o Ctrl+.)").format(
                    s=_html(found.suggestion)
                )
            elif found.suggestion is not None:
                line += "<br>" + self.tr("Sugerencia: quitarlo (clic derecho o Ctrl+.)")
            lines.append(line)
        return "<br><br>".join(lines)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        from PySide6.QtGui import QAction  # noqa: PLC0415

        menu = self.createStandardContextMenu(event.pos())
        existing = menu.actions()
        position = self.cursorForPosition(event.pos()).position()
        added = False
        for found in self.findings_at(position):
            if found.suggestion is None:
                continue
            label = (
                self.tr("Cambiar por «{s}»").format(s=found.suggestion)
                if found.suggestion
                else self.tr("Quitar «{s}»").format(s=self._analyzed[found.start : found.end])
            )
            action = QAction(label, menu)
            action.triggered.connect(lambda _=False, f=found: self.apply_suggestion(f))
            if existing:
                menu.insertAction(existing[0], action)
            else:
                menu.addAction(action)
            added = True
        if added and existing:
            menu.insertSeparator(existing[0])
        menu.exec(event.globalPos())
        menu.deleteLater()


def _matching_case(original: str, suggestion: str) -> str:
    """Keep a capital at the start of a sentence: "A fin de" -> "Para"."""
    if original[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
