"""Set a dynamic style-sheet property and re-polish only when it changes.

Re-polishing a widget recomputes its style sheet; doing it for every label on
every keystroke cost several milliseconds of the composer's guidance pass.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """`widget.setProperty(name, value)` followed by a re-polish if it changed."""
    if widget.property(name) is value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
