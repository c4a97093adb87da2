"""A wall-clock time the clerk picks, read in the town's time zone.

Around a DST change a wall-clock time can be missing (spring: 02:30 never
happens in Europe/Madrid on the last Sunday of March) or happen twice
(autumn: 02:30 happens once in summer time and once in winter time).
Schedulers that resolve these silently shifted posts by an hour, so the
composer shows the clerk which instant the post will really go out at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from smalltown_social.core.i18n import Text
from smalltown_social.core.recurrence import WEEKDAY_NAMES

Kind = Literal["normal", "gap", "repeated"]

GAP = Text(
    "A las {time} del {date} no existe esa hora: ese día se adelantan los relojes. "
    "La publicación saldrá a las {shifted}.",
    "{time} on {date} does not exist: the clocks go forward that day. "
    "The post will go out at {shifted}.",
)
REPEATED = Text(
    "Las {time} del {date} ocurren dos veces: ese día se atrasan los relojes. "
    "La publicación saldrá la primera vez (horario de verano, {offset}).",
    "{time} on {date} happens twice: the clocks go back that day. "
    "The post will go out the first time (summer time, {offset}).",
)


@dataclass(frozen=True)
class LocalTime:
    """How a naive wall-clock time resolves in a zone.

    `utc` is the instant the post goes out: for a `gap` the wall time moved
    forward by the gap (as a clock on the wall would read), for a `repeated`
    time its first (summer-time) reading. `shifted_local` is that instant on
    the town's clock.
    """

    wall: datetime
    time_zone: str
    kind: Kind
    utc: datetime
    shifted_local: datetime

    def warning(self) -> Text | None:
        """What to tell the clerk, or None for an ordinary time."""
        date = self.wall.strftime("%d/%m/%Y")
        time = self.wall.strftime("%H:%M")
        if self.kind == "gap":
            return GAP.format(date=date, time=time, shifted=self.shifted_local.strftime("%H:%M"))
        if self.kind == "repeated":
            offset = self.shifted_local.strftime("%z")
            return REPEATED.format(date=date, time=time, offset=f"UTC{offset[:3]}:{offset[3:]}")
        return None


def resolve_local(wall: datetime, time_zone: str) -> LocalTime:
    """Resolve a naive wall-clock time in `time_zone` (an IANA name).

    Raises `ValueError` for an aware datetime and `zoneinfo`'s
    `ZoneInfoNotFoundError` for an unknown zone.
    """
    if wall.tzinfo is not None:
        raise ValueError("give the wall-clock time without a zone")
    zone = ZoneInfo(time_zone)
    wall = wall.replace(fold=0)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    first_utc = first.astimezone(UTC)
    second_utc = second.astimezone(UTC)
    if first_utc == second_utc:
        kind: Kind = "normal"
        moment = first_utc
    elif first_utc.astimezone(zone).replace(tzinfo=None) != wall:
        # Does not round-trip: the time falls in the spring-forward gap. fold=0 reads it
        # with the offset before the change; the later reading is "moved forward".
        kind = "gap"
        moment = max(first_utc, second_utc)
    else:
        kind = "repeated"
        moment = min(first_utc, second_utc)
    return LocalTime(wall, time_zone, kind, moment, moment.astimezone(zone))


def utc_to_wall(moment: datetime, time_zone: str) -> datetime:
    """The naive wall-clock time of a UTC instant in `time_zone` (to fill the pickers)."""
    return moment.astimezone(ZoneInfo(time_zone)).replace(tzinfo=None, fold=0)


MONTH_NAMES: tuple[Text, ...] = (
    Text("enero", "January"),
    Text("febrero", "February"),
    Text("marzo", "March"),
    Text("abril", "April"),
    Text("mayo", "May"),
    Text("junio", "June"),
    Text("julio", "July"),
    Text("agosto", "August"),
    Text("septiembre", "September"),
    Text("octubre", "October"),
    Text("noviembre", "November"),
    Text("diciembre", "December"),
)


def describe(moment: datetime, time_zone: str) -> Text:
    """A moment as the clerk says it, in the town's time: «lunes 7 de diciembre de 2026, 09:00»."""
    wall = moment.astimezone(ZoneInfo(time_zone))
    day, month = WEEKDAY_NAMES[wall.weekday()], MONTH_NAMES[wall.month - 1]
    clock = f"{wall:%H:%M}"
    return Text(
        f"{day.es} {wall.day} de {month.es} de {wall.year}, {clock}",
        f"{day.en} {wall.day} {month.en} {wall.year}, {clock}",
    )
