"""Set a dynamic style-sheet property and re-polish only when it changes.

Re-polishing a widget recomputes its style sheet; doing it for every label on
every keystroke cost several milliseconds of the composer's guidance pass. A
widget not polished yet (being built, never shown) takes the property when it is
first polished: no re-polish then, and no `style()` call, whose first use from
Python builds QStyle's enums (~10-20 ms before the editor's first paint; issue #13).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """`widget.setProperty(name, value)` followed by a re-polish if it changed."""
    if widget.property(name) is value:
        return
    widget.setProperty(name, value)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
