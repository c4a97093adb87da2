"""What the networks say back about the town's posts: slots, themes, schedule.

A published target is read back at about 1 hour, 1 day and 7 days after
publication (`Slot`), and its latest figures are kept too. A slot is filled by
the first reading taken once its age is reached and before that slot's window
closes (3 hours, 2 days, 9 days): after days offline the 1-hour slot stays
empty rather than holding a week-old figure under the wrong name.

`theme_of` sorts a post for the seed's question (service information against
institutional content) with what the guidance already knows: a post the
propaganda check flags is institutional; a post of a service content type
(urgent notice, procedure, grant, health, municipal service, participation)
is service information; anything else is "other".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from smalltown_social.core.guidance.content_types import content_type
from smalltown_social.core.guidance.propaganda import check_propaganda
from smalltown_social.core.i18n import Language, Text, counted
from smalltown_social.core.local_time import MONTH_NAMES
from smalltown_social.core.networks import NETWORK_NAMES, Network


class Slot(StrEnum):
    HOUR = "1h"
    DAY = "1d"
    WEEK = "7d"
    LATEST = "latest"


# Each slot: from what age a reading fills it, and until what age it still may.
SLOT_AGES: tuple[tuple[Slot, timedelta, timedelta], ...] = (
    (Slot.HOUR, timedelta(hours=1), timedelta(hours=3)),
    (Slot.DAY, timedelta(days=1), timedelta(days=2)),
    (Slot.WEEK, timedelta(days=7), timedelta(days=9)),
)
LATEST_EVERY = timedelta(hours=6)  # between two readings of a post's latest figures


class Theme(StrEnum):
    SERVICE = "service"
    INSTITUTIONAL = "institutional"
    OTHER = "other"


THEME_NAMES = {
    Theme.SERVICE: Text("Información de servicio", "Service information"),
    Theme.INSTITUTIONAL: Text("Contenido institucional", "Institutional content"),
    Theme.OTHER: Text("Otros", "Other"),
}

SERVICE_TYPES = frozenset({"urgent", "procedure", "grant", "health", "service", "participation"})


def theme_of(text: str, content_type: str | None) -> Theme:
    if check_propaganda(text, False, "es"):
        return Theme.INSTITUTIONAL
    if content_type in SERVICE_TYPES:
        return Theme.SERVICE
    return Theme.OTHER


def slots_due(published: datetime, now: datetime) -> list[Slot]:
    """The slots a reading taken `now` fills (the latest always)."""
    age = now - published
    due: list[Slot] = []
    for slot, start, end in SLOT_AGES:
        if start <= age < end:
            due.append(slot)
    due.append(Slot.LATEST)
    return due


def next_reading(published: datetime, now: datetime, max_age: timedelta) -> datetime | None:
    """When to read a post next; None once it is older than `max_age`.

    The next slot boundary if one is near, else `LATEST_EVERY` from now. A clock
    set back (now before publication) only postpones by `LATEST_EVERY`.
    """
    if now - published >= max_age:
        return None
    later = now + LATEST_EVERY
    for _slot, start, _end in SLOT_AGES:
        boundary = published + start
        if now < boundary < later:
            later = boundary
    return min(later, published + max_age)


@dataclass(frozen=True)
class Counts:
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    views: int | None = None

    @property
    def shares(self) -> int:
        """Shares as the clerk reads them: reposts, reblogs, retweets and quotes."""
        return self.reposts + self.quotes

    @property
    def interactions(self) -> int:
        return self.likes + self.reposts + self.replies + self.quotes


def counts_text(counts: Counts) -> Text:
    """A post's counts in one line, as the page's lists and the report show them."""
    return figures_text(counts.shares, counts.likes, counts.replies)


def figures_text(shares: int, likes: int, replies: int, separator: str = " · ") -> Text:
    """ "3 compartidos · 1 me gusta · 1 respuesta": the singular when it is one."""
    parts = (
        counted(shares, Text("{n} compartido", "{n} share"), Text("{n} compartidos", "{n} shares")),
        counted(likes, Text("{n} me gusta", "{n} like"), Text("{n} me gusta", "{n} likes")),
        counted(replies, Text("{n} respuesta", "{n} reply"), Text("{n} respuestas", "{n} replies")),
    )
    return Text(separator.join(p.es for p in parts), separator.join(p.en for p in parts))


def posts_text(n: int) -> Text:
    """ "1 publicación", "4 publicaciones"."""
    return counted(n, Text("{n} publicación", "{n} post"), Text("{n} publicaciones", "{n} posts"))


def month_range(month: str, time_zone: str) -> tuple[datetime, datetime]:
    """The month YYYY-MM in the town's time zone, as a half-open UTC range.

    Raises ValueError for anything but a real YYYY-MM.
    """
    if len(month) != 7 or month[4] != "-":
        raise ValueError(month)
    year, number = int(month[:4]), int(month[5:])
    if not 1 <= number <= 12 or year < 2000:
        raise ValueError(month)
    zone = ZoneInfo(time_zone)
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


WEEKDAYS = (
    Text("lun", "Mon"),
    Text("mar", "Tue"),
    Text("mié", "Wed"),
    Text("jue", "Thu"),
    Text("vie", "Fri"),
    Text("sáb", "Sat"),
    Text("dom", "Sun"),
)


def month_name(month: str, language: Language) -> str:
    """'2026-11' as 'noviembre de 2026' / 'November 2026'."""
    name = MONTH_NAMES[int(month[5:]) - 1](language)
    return f"{name} de {month[:4]}" if language == "es" else f"{name} {month[:4]}"


def network_name(network: str) -> str:
    try:
        return NETWORK_NAMES[Network(network)]
    except ValueError:
        return network


def type_name(type_id: str | None, language: Language) -> str:
    if not type_id:
        return Text("Sin tipo", "No type")(language)
    try:
        return content_type(type_id).name(language)
    except KeyError:
        return type_id


MIN_TO_COMPARE = 10  # measured posts per group below which no difference is read into medians


def few_to_compare(service: int, institutional: int) -> Text:
    """What may honestly be said next to the service/institutional table."""
    if min(service, institutional) < MIN_TO_COMPARE:
        return Text(
            f"Pocas publicaciones con cifras para comparar ({service} de servicio, "
            f"{institutional} institucionales; hacen falta al menos {MIN_TO_COMPARE} de cada): "
            "se muestran las cifras, sin sacar conclusiones.",
            f"Too few posts with counts to compare ({service} service, {institutional} "
            f"institutional; at least {MIN_TO_COMPARE} of each are needed): the figures are "
            "shown, with no conclusion drawn.",
        )
    return Text(
        "Medianas por publicación del mismo mes. Una diferencia entre medianas no dice por "
        "sí sola por qué: el tema, el día y la red también cuentan.",
        "Medians per post of the same month. A difference between medians does not say why "
        "on its own: the topic, the day and the network count too.",
    )


NO_FIGURE = "–"  # where there is nothing to measure (no median, no answer time), not 0


def duration(seconds: int | None, language: Language) -> str:
    """A response time for the clerk: '45 min', '3 h 20 min', '2 d 4 h'; a dash for none."""
    if seconds is None:
        return NO_FIGURE
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"
