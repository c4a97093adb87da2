"""Colours and names of the three severities, shared by the composer's widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

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
QLabel#findingsSummary[blocked="true"] { color: #c62828; }
QLabel#lengthCounter { color: #2e6b30; font-weight: 600; }
QLabel#lengthCounter[over="true"] { color: #c62828; }
QFrame#networkPreview { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
QLabel#previewText { color: #1c2430; }
QLabel#contentTypeDescription, QLabel#zoneName { color: #57606a; }
QLabel#templateField[missing="true"] { color: #b86e00; }
QLabel#templateField[present="true"] { color: #2e6b30; }
QLabel#dstWarning, QLabel#composerNotice { color: #8a5300; background: #fff4e0;
    border: 1px solid #f0c36d; padding: 4px; }
QLabel#imageError { color: #c62828; }
QLabel#imageNote { color: #57606a; }
QLabel#imageNote[error="true"] { color: #c62828; font-weight: 600; }
QLineEdit#altText[missing="true"] { border: 1px solid #c62828; }
QLabel#composerMessage[error="true"] { color: #c62828; font-weight: 600; }
QLabel#sectionTitle { font-weight: 600; }
"""
