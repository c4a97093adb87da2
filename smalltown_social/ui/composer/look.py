"""Colours and names of the three severities, shared by the composer's widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

if TYPE_CHECKING:  # the window's shell draws the editor before the guidance is imported
    from smalltown_social.core.guidance import Severity

COLORS: dict[Severity, QColor] = {
    "block": QColor("#c62828"),
    "warn": QColor("#b86e00"),
    "tip": QColor("#1f62b8"),
}


def severity_name(severity: Severity) -> str:
    """What the clerk reads for a severity (translated)."""
    names = {
        "block": QCoreApplication.translate("Composer", "Impide publicar"),
        "warn": QCoreApplication.translate("Composer", "Aviso"),
        "tip": QCoreApplication.translate("Composer", "Consejo"),
    }
    return names[severity]


STYLE = """
QLabel#findingsSummary { font-weight: 600; }
QLabel#findingsSummary[blocked="true"] { color: $error; }
QLabel#lengthCounter { color: $ok; font-weight: 600; }
QLabel#lengthCounter[over="true"] { color: $error; }
QFrame#networkPreview { background: $paper; border: 1px solid $paper_border; border-radius: 6px; }
QLabel#previewText { color: $text; }
QLabel#contentTypeDescription, QLabel#zoneName { color: $muted; }
QLabel#templateField[missing="true"] { color: $warn; }
QLabel#templateField[present="true"] { color: $ok; }
QLabel#dstWarning, QLabel#composerNotice { color: $notice_text; background: $notice_bg;
    border: 1px solid $notice_border; padding: 4px; }
QLabel#imageError { color: $error; }
QLabel#imageNote { color: $muted; }
QLabel#imageNote[error="true"] { color: $error; font-weight: 600; }
QLineEdit#altText[missing="true"] { border: 1px solid $error; }
QLabel#composerMessage[error="true"] { color: $error; font-weight: 600; }
QLabel#sectionTitle { font-weight: 600; }
"""
