"""A page whose real content a later version brings, clearly marked as such.

It still shows what the database holds for that area, so the demo is alive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, planned: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)

        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        heading.setAccessibleName(title)
        layout.addWidget(heading)

        notice = QFrame()
        notice.setObjectName("placeholderNotice")
        notice_layout = QVBoxLayout(notice)
        badge = QLabel(self.tr("En construcción"))
        badge.setObjectName("placeholderBadge")
        notice_layout.addWidget(badge, alignment=Qt.AlignmentFlag.AlignLeft)
        text = QLabel(
            self.tr("Esta sección todavía no está disponible. Llegará en una próxima versión:")
            + "\n"
            + planned
        )
        text.setWordWrap(True)
        notice_layout.addWidget(text)
        layout.addWidget(notice)

        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
