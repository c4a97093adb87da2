"""The built-in labels in the language on screen; the clerk's own labels as typed.

Labels are stored by name (core/labels.py: the built-in names are Spanish
data). What the clerk reads is translated here, so the English window does
not show "Queja" beside "Pending".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smalltown_social.core.labels import Label


def _builtin() -> dict[str, str]:
    return {
        Label.QUESTION: QCoreApplication.translate("Labels", "Consulta"),
        Label.COMPLAINT: QCoreApplication.translate("Labels", "Queja"),
        Label.SUGGESTION: QCoreApplication.translate("Labels", "Sugerencia"),
        Label.INCIDENT: QCoreApplication.translate("Labels", "Incidencia"),
        Label.THANKS: QCoreApplication.translate("Labels", "Agradecimiento"),
        Label.OFFENSIVE: QCoreApplication.translate("Labels", "Ofensivo"),
    }


def shown_label(name: str | None) -> str:
    """`name` as the clerk reads it: a built-in label translated, any other as it is."""
    if not name:
        return ""
    return _builtin().get(name, name)


def longest_label_width(width_of: object) -> int:
    """The widest built-in label name on screen, by `width_of(text) -> int`."""
    assert callable(width_of)
    return max(int(width_of(text)) for text in _builtin().values())
