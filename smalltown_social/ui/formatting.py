"""Dates and times shown to the clerk, always in the town's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QLocale, QTimeZone


def local_text(moment: datetime, time_zone: str, fmt: str = "ddd d MMM, HH:mm") -> str:
    """`moment` (aware) shown in `time_zone`, with the app locale's day and month names."""
    local = moment.astimezone(ZoneInfo(time_zone))
    qt_moment = QDateTime.fromSecsSinceEpoch(int(local.timestamp()), QTimeZone(time_zone.encode()))
    return QLocale().toString(qt_moment, fmt)
