"""One month's results, gathered once for the page, the PDF and the CSV (no Qt).

The figures come aggregated from SQL (`storage.results_query`); here they are
only put in the town's own time (best days and hours) and in order. The CSV
is the council's (pleno) copy for a spreadsheet: semicolons (Excel in Spanish
splits on them), UTF-8 with a byte-order mark so accents survive, and every
text cell through `csv_cell` so a post starting with "=" is never run as a
formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smalltown_social.core.results import NO_FIGURE, month_range
from smalltown_social.core.untrusted_text import csv_cell
from smalltown_social.storage.results_query import (
    GroupFigures,
    Listening,
    MonthFigures,
    ResultRow,
    ResultsQuery,
)
from smalltown_social.storage.timefmt import to_db

TREND_MONTHS = 12
HABITS_DAYS = 365  # the best days and hours are read over a year of the town's own posts
CSV_DELIMITER = ";"


@dataclass(frozen=True)
class Habit:
    """Posts published on a weekday (0 = Monday) or at an hour, and their interactions."""

    index: int
    posts: int
    interactions: int

    @property
    def per_post(self) -> float:
        return self.interactions / self.posts if self.posts else 0.0


@dataclass(frozen=True)
class MonthReport:
    month: str
    time_zone: str
    start: datetime
    end: datetime
    rows: list[ResultRow]
    most_shared: list[ResultRow]
    no_interaction: list[ResultRow]
    by_type_network: list[GroupFigures]
    by_theme: list[GroupFigures]
    weekdays: list[Habit]
    hours: list[Habit]
    trend: list[MonthFigures]
    listening: list[Listening]  # by label and network together
    listening_by_label: list[Listening]
    listening_by_network: list[Listening]
    listening_total: Listening | None  # every message of the month; None: none received


def build_month_report(query: ResultsQuery, month: str, time_zone: str) -> MonthReport:
    """Everything for `month` (YYYY-MM); ValueError for a bad month."""
    start, end = month_range(month, time_zone)
    trend_start = _months_back(month, TREND_MONTHS - 1, time_zone)
    weekdays, hours = habits(query, end - timedelta(days=HABITS_DAYS), end, time_zone)
    return MonthReport(
        month=month,
        time_zone=time_zone,
        start=start,
        end=end,
        rows=query.rows(start, end),
        most_shared=query.most_shared(start, end, limit=10),
        no_interaction=query.no_interaction(start, end),
        by_type_network=query.by_type_and_network(start, end),
        by_theme=query.by_theme(start, end),
        weekdays=weekdays,
        hours=hours,
        trend=query.trend(trend_start, end),
        listening=query.listening(start, end),
        listening_by_label=query.listening(start, end, by=("label",)),
        listening_by_network=query.listening(start, end, by=("network",)),
        listening_total=next(iter(query.listening(start, end, by=())), None),
    )


def habits(
    query: ResultsQuery, start: datetime, end: datetime, time_zone: str
) -> tuple[list[Habit], list[Habit]]:
    """Posts and interactions per weekday and per hour, in the town's time."""
    zone = ZoneInfo(time_zone)
    days = [[0, 0] for _ in range(7)]
    hours = [[0, 0] for _ in range(24)]
    for cell in query.hours(start, end):
        local = cell.hour_utc.astimezone(zone)
        for bucket in (days[local.weekday()], hours[local.hour]):
            bucket[0] += cell.posts
            bucket[1] += cell.interactions
    return (
        [Habit(i, p, n) for i, (p, n) in enumerate(days)],
        [Habit(i, p, n) for i, (p, n) in enumerate(hours)],
    )


def _months_back(month: str, count: int, time_zone: str) -> datetime:
    year, number = int(month[:4]), int(month[5:])
    index = year * 12 + number - 1 - count
    return month_range(f"{index // 12:04d}-{index % 12 + 1:02d}", time_zone)[0]


CSV_COLUMNS = (
    "publicada",
    "red",
    "cuenta",
    "texto",
    "enlace",
    "tipo",
    "me gusta",
    "compartidos",
    "respuestas",
    "citas",
    "visualizaciones",
    "leída",
    "estado",
)


LISTENING_COLUMNS = (
    "escucha",
    "etiqueta",
    "red",
    "recibidos",
    "respondidos",
    "mediana de respuesta (minutos)",
    "90 % respondidos en (minutos)",
)


def report_csv(report: MonthReport) -> bytes:
    """The council's spreadsheet (see module doc): the posts, then the listening figures.

    The month's posts one per row; after an empty row, the listening figures by
    label, by network, by both and in all (response times in minutes).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    zone = ZoneInfo(report.time_zone)
    for row in report.rows:
        counts = row.counts
        figures: list[object] = (
            [counts.likes, counts.reposts, counts.replies, counts.quotes, counts.views or ""]
            if counts
            else ["", "", "", "", ""]
        )
        cells: list[object] = [
            row.published_utc.astimezone(zone).strftime("%d/%m/%Y %H:%M"),
            row.network,
            row.account,
            " ".join(row.text.split()),
            row.url or "",
            row.content_type or "",
            *figures,
            to_db(row.read_utc) or "",
            state_es(row),
        ]
        writer.writerow([csv_cell(c) if isinstance(c, str) else c for c in cells])
    writer.writerow([])
    writer.writerow(LISTENING_COLUMNS)
    groups = (
        ("por etiqueta", report.listening_by_label),
        ("por red", report.listening_by_network),
        ("por etiqueta y red", report.listening),
        ("total", [report.listening_total] if report.listening_total else []),
    )
    for name, items in groups:
        for item in items:
            label = "" if item.label is None else item.label or "sin etiqueta"
            line: list[object] = [
                name,
                csv_cell(label),
                item.network or "",
                item.received,
                item.answered,
                _minutes(item.median_s),
                _minutes(item.p90_s),
            ]
            writer.writerow(line)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _minutes(seconds: int | None) -> int | str:
    return "" if seconds is None else round(seconds / 60)


def group_figures(group: GroupFigures) -> list[str]:
    """A group's row of figures, as the page and the PDF show it: posts, posts with counts,
    then the medians of shares, likes and replies (a dash where no post has counts)."""
    medians = (group.median_shares, group.median_likes, group.median_replies)
    shown = [str(m) if group.measured else NO_FIGURE for m in medians]
    return [str(group.posts), str(group.measured), *shown]


def state_es(row: ResultRow) -> str:
    if row.gone_utc is not None:
        return "borrada en la red"
    if row.unavailable:
        return "la red no da cifras"
    if row.counts is None:
        return "sin leer"
    if row.missing_permissions:
        return "faltan permisos: " + ", ".join(row.missing_permissions)
    return ""
