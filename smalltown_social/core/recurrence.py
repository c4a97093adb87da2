"""Recurring posts: an RFC 5545 rule expanded in the town's wall-clock time.

Stored form (the `posts.recurrence` column), two lines as in iCalendar:

    DTSTART:20261130T090000
    RRULE:FREQ=WEEKLY;BYDAY=MO

DTSTART is a *naive local* time in the post's `time_zone`. The rule is
expanded in wall-clock time and each occurrence is then placed in the zone,
so "every Monday 9:00" stays 9:00 after the clocks change (the UTC instant
moves by an hour instead). A wall time that does not exist (the spring-forward
gap) moves forward by the gap; an ambiguous one (autumn) takes its first,
summer-time reading.

How occurrences become targets (one post per occurrence, "rolling"): the post
carrying the rule *is* the next occurrence, with ordinary targets. Once none
of its targets is still draft, scheduled or publishing, the storage
(`PostsRepository.roll_recurring`) creates, in one transaction, a copy for the
next occurrence strictly after both its due time and now (a PC that was off
for weeks does not flood the networks with old reminders), moves the rule to
the copy and clears it on the old post. Only one future occurrence is ever a
real target, so editing or stopping the series touches one post; the calendar
draws later occurrences as previews from the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from smalltown_social.core.i18n import Text

if TYPE_CHECKING:
    from dateutil.rrule import rrule

_STAMP = "%Y%m%dT%H%M%S"
# A safety stop for rules without an end: never walk more than this many occurrences.
MAX_STEPS = 10_000

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES: tuple[Text, ...] = (
    Text("lunes", "Monday"),
    Text("martes", "Tuesday"),
    Text("miércoles", "Wednesday"),
    Text("jueves", "Thursday"),
    Text("viernes", "Friday"),
    Text("sábado", "Saturday"),
    Text("domingo", "Sunday"),
)


class BadRecurrence(ValueError):
    """A rule that cannot be read; carries a message for the clerk."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.text = Text(
            "La regla de repetición no es válida.", "The repetition rule is not valid."
        )


@dataclass(frozen=True)
class Recurrence:
    start_local: datetime  # naive wall-clock time in the post's zone
    rule: str  # the RRULE value, e.g. "FREQ=WEEKLY;BYDAY=MO"

    def __post_init__(self) -> None:
        if self.start_local.tzinfo is not None:
            raise ValueError("start_local is a wall-clock time: give it without a zone")
        self._rrule()  # fail early on a bad rule

    @classmethod
    def parse(cls, stored: str) -> Recurrence:
        start: datetime | None = None
        rule: str | None = None
        for line in stored.strip().splitlines():
            name, _, value = line.strip().partition(":")
            if name.upper() == "DTSTART":
                try:
                    start = datetime.strptime(value.strip(), _STAMP)  # noqa: DTZ007
                except ValueError as error:
                    raise BadRecurrence(str(error)) from error
            elif name.upper() == "RRULE":
                rule = value.strip()
        if start is None or not rule:
            raise BadRecurrence(f"DTSTART and RRULE needed: {stored!r}")
        return cls(start, rule)

    def to_text(self) -> str:
        return f"DTSTART:{self.start_local.strftime(_STAMP)}\nRRULE:{self.rule}"

    def _rrule(self) -> rrule:
        # dateutil (~10 ms) when a rule is first read, not when the window starts (issue #13)
        from dateutil.rrule import rrule, rrulestr  # noqa: PLC0415

        if "DTSTART" in self.rule.upper() or "\n" in self.rule:
            raise BadRecurrence("the rule must not carry its own DTSTART")
        try:
            parsed = rrulestr(self.rule, dtstart=self.start_local)
        except (ValueError, TypeError) as error:
            raise BadRecurrence(str(error)) from error
        if not isinstance(parsed, rrule):
            raise BadRecurrence("one RRULE expected")
        until = getattr(parsed, "_until", None)
        if isinstance(until, datetime) and until.tzinfo is not None:
            raise BadRecurrence("UNTIL must be a local time like DTSTART")
        return parsed

    def local_times(self, after_local: datetime | None = None) -> Iterator[datetime]:
        """Wall-clock occurrences (naive), from `after_local` (exclusive) on."""
        source = self._rrule()
        iterator = iter(source) if after_local is None else source.xafter(after_local, inc=False)
        for steps, moment in enumerate(iterator):
            if steps >= MAX_STEPS:
                return
            yield moment

    def between(self, time_zone: str, start_utc: datetime, end_utc: datetime) -> list[datetime]:
        """Occurrences (aware, UTC) with start_utc <= t < end_utc."""
        zone = ZoneInfo(time_zone)
        # A day of margin on both sides covers any UTC offset; exact filtering follows.
        after = start_utc.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
        stop = end_utc.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
        found: list[datetime] = []
        for local in self.local_times(after):
            if local > stop:
                break
            moment = wall_to_utc(local, time_zone)
            if start_utc <= moment < end_utc:
                found.append(moment)
        return found

    def next_after(self, time_zone: str, after_utc: datetime) -> datetime | None:
        """The first occurrence (UTC) strictly after `after_utc`, or None when the rule ended."""
        zone = ZoneInfo(time_zone)
        after = after_utc.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
        for local in self.local_times(after):
            moment = wall_to_utc(local, time_zone)
            if moment > after_utc:
                return moment
        return None

    def describe(self) -> Text:
        """A short sentence for the clerk, e.g. «Cada semana: lunes a las 9:00»."""
        source = self._rrule()
        hour = f"{self.start_local.hour}:{self.start_local.minute:02d}"
        days = getattr(source, "_byweekday", None) or ()
        names_es = ", ".join(WEEKDAY_NAMES[d].es for d in sorted(days))
        names_en = ", ".join(WEEKDAY_NAMES[d].en for d in sorted(days))
        freq = int(getattr(source, "_freq", -1))
        interval = int(getattr(source, "_interval", 1))
        if freq == 3:  # DAILY
            es, en = "Cada día", "Every day"
        elif freq == 2:  # WEEKLY
            es, en = "Cada semana", "Every week"
        elif freq == 1:  # MONTHLY
            es, en = (
                f"Cada mes, el día {self.start_local.day}",
                f"Every month on the {self.start_local.day}",
            )
        elif freq == 0:  # YEARLY
            es, en = "Cada año", "Every year"
        else:
            es, en = "Se repite", "Repeats"
        if interval > 1:
            es += f" (cada {interval})"
            en += f" (every {interval})"
        if names_es and freq == 2:
            return Text(f"{es}: {names_es} a las {hour}", f"{en}: {names_en} at {hour}")
        return Text(f"{es} a las {hour}", f"{en} at {hour}")


def weekly(start_local: datetime, weekdays: tuple[int, ...] = (), interval: int = 1) -> Recurrence:
    """Every week on `weekdays` (0 = Monday; default: the start's weekday) at the start's time."""
    days = weekdays or (start_local.weekday(),)
    rule = "FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[d] for d in sorted(set(days)))
    if interval > 1:
        rule += f";INTERVAL={interval}"
    return Recurrence(start_local.replace(tzinfo=None, microsecond=0), rule)


def wall_to_utc(local: datetime, time_zone: str) -> datetime:
    """A naive wall-clock time in `time_zone` as a UTC instant.

    Ambiguous (repeated hour): the first reading (fold=0). Nonexistent (gap):
    moved forward by the gap, as a wall clock would show after the change.
    """
    zone = ZoneInfo(time_zone)
    aware = local.replace(tzinfo=zone, fold=0)
    moment = aware.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != local:
        # In the gap: fold=0 uses the offset before the change; fold=1 the one after.
        # The later of the two readings is the wall time "moved forward".
        moment = max(moment, local.replace(tzinfo=zone, fold=1).astimezone(UTC))
    return moment
