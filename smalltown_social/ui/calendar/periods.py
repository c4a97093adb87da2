"""Date arithmetic for the views, in the town's wall-clock days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from smalltown_social.core.recurrence import wall_to_utc

AGENDA_DAYS = 42


@dataclass(frozen=True)
class Period:
    """The days a view shows: [first, last] inclusive, as local dates."""

    first: date
    last: date

    def bounds_utc(self, time_zone: str) -> tuple[datetime, datetime]:
        start = wall_to_utc(datetime.combine(self.first, time()), time_zone)
        end = wall_to_utc(datetime.combine(self.last + timedelta(days=1), time()), time_zone)
        return start, end

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def month_grid(anchor: date) -> Period:
    """The whole weeks (Monday first) that hold the month of `anchor`: four to six.

    No week wholly of the next month: the month's own days get its height.
    """
    first_of_month = anchor.replace(day=1)
    first = first_of_month - timedelta(days=first_of_month.weekday())
    next_month = (first_of_month + timedelta(days=31)).replace(day=1)
    last_of_month = next_month - timedelta(days=1)
    last = last_of_month + timedelta(days=6 - last_of_month.weekday())
    return Period(first, last)


def week_of(anchor: date) -> Period:
    first = anchor - timedelta(days=anchor.weekday())
    return Period(first, first + timedelta(days=6))


def agenda_from(anchor: date) -> Period:
    return Period(anchor, anchor + timedelta(days=AGENDA_DAYS - 1))


def shift_month(anchor: date, months: int) -> date:
    index = anchor.year * 12 + anchor.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def local_date(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(ZoneInfo(time_zone)).date()


def local_time(moment: datetime, time_zone: str) -> time:
    return moment.astimezone(ZoneInfo(time_zone)).time()


def at_local(day: date, wall: time, time_zone: str) -> datetime:
    """The UTC instant of `day` at `wall` in the town (gaps move forward)."""
    return wall_to_utc(datetime.combine(day, wall.replace(tzinfo=None)), time_zone).astimezone(UTC)


def today_in(time_zone: str, now_utc: datetime) -> date:
    return now_utc.astimezone(ZoneInfo(time_zone)).date()
