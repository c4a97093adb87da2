"""The key to the colours and marks, under the calendar: types, states, networks' icons."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from smalltown_social.core.accounts import NETWORK_NAMES, Network
from smalltown_social.core.guidance.content_types import content_types
from smalltown_social.core.i18n import Language
from smalltown_social.core.states import LABELS, TargetState
from smalltown_social.ui.calendar import look
from smalltown_social.ui.network_icons import network_pixmap


class Legend(QWidget):
    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarLegendBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        types = " ".join(
            f'<span style="color:{look.CONTENT_COLORS.get(c.id, look.NO_TYPE_COLOR)}">■</span>'
            f"&nbsp;{escape(c.name(language))}"
            for c in content_types()
        )
        states = " ".join(
            f'<b style="color:{look.STATE_COLORS[s]}">{look.STATE_MARKS[s]}</b>'
            f"&nbsp;{escape(LABELS[s](language))}"
            for s in TargetState
        )
        repeat = "<b>↻</b>&nbsp;" + escape(self.tr("repetición prevista"))
        self.text = QLabel(f"{types}<br>{states} &nbsp; {repeat}")
        self.text.setObjectName("calendarLegend")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        networks = QHBoxLayout()
        networks.setSpacing(4)
        side = self.fontMetrics().height()
        ratio = self.devicePixelRatioF()  # sharp at 125 % and 150 % too
        for network in Network:
            icon = QLabel()
            pixmap = network_pixmap(network).scaled(
                round(side * ratio),
                round(side * ratio),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(ratio)
            icon.setPixmap(pixmap)
            icon.setAccessibleName(NETWORK_NAMES[network])
            networks.addWidget(icon)
            networks.addWidget(QLabel(NETWORK_NAMES[network]))
            networks.addSpacing(8)
        networks.addStretch(1)
        layout.addLayout(networks)
