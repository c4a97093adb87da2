"""The key to the colours and marks, in one line under the toolbar."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QWidget

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.guidance.content_types import content_types
from smalltown_social.core.i18n import Language
from smalltown_social.core.states import LABELS, TargetState
from smalltown_social.ui.calendar import look
from smalltown_social.ui.network_icons import NETWORK_BADGES


class Legend(QLabel):
    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarLegend")
        self.setWordWrap(True)
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
        empty = (
            f'<span style="background:{look.EMPTY_DAY.name()}">&nbsp;&nbsp;&nbsp;</span>&nbsp;'
            + escape(self.tr("día sin publicaciones"))
        )
        repeat = "<b>↻</b>&nbsp;" + escape(self.tr("repetición prevista"))
        networks = " ".join(
            f'<span style="background:{color}; color:white"><b>&nbsp;{escape(letter)}&nbsp;</b>'
            f"</span>&nbsp;{escape(NETWORK_NAMES[network])}"
            for network, (letter, color) in NETWORK_BADGES.items()
        )
        self.setText(f"{types}<br>{states} &nbsp; {repeat} &nbsp; {empty}<br>{networks}")
