"""What the results page, `results list` and the council report read: aggregated in SQL.

Every figure over many posts is computed by SQLite (counts, medians and 90th
percentiles with window functions, nearest-rank), so years of history come
back as a few rows. Medians are the nearest-rank median (the lower middle
value for an even count): a post either had that many shares or not.
Periods are half-open UTC ranges [start, end).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from smalltown_social.core.results import Counts, Theme
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db, from_db_required, to_db

_LATEST = """
    FROM targets t
    JOIN posts p ON p.id = t.post_id
    JOIN accounts a ON a.id = t.account_id
    LEFT JOIN metric_state m ON m.target_id = t.id
    LEFT JOIN metric_snapshots s ON s.target_id = t.id AND s.slot = 'latest'
    WHERE t.state = 'published' AND p.is_reply = 0
      AND t.published_utc >= :start AND t.published_utc < :end
"""


@dataclass(frozen=True)
class ResultRow:
    target_id: int
    post_id: int
    network: str
    account: str
    text: str
    url: str | None
    published_utc: datetime
    content_type: str | None
    theme: Theme | None
    counts: Counts | None  # None: never read
    read_utc: datetime | None
    gone_utc: datetime | None
    unavailable: str | None
    missing_permissions: tuple[str, ...]


@dataclass(frozen=True)
class GroupFigures:
    """Posts of a group (a content type and network, a theme) and their medians per post."""

    key: tuple[str, ...]
    posts: int
    measured: int
    median_shares: int
    median_likes: int
    median_replies: int


@dataclass(frozen=True)
class HourCell:
    hour_utc: datetime  # the start of an hour (UTC) with posts in it
    posts: int
    interactions: int


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM (UTC)
    posts: int
    shares: int
    likes: int
    replies: int


LISTENING_KEYS = ("label", "network")


@dataclass(frozen=True)
class Listening:
    label: str | None  # the label's name, "" for none; None: every label together
    network: str | None  # None: every network together
    received: int
    answered: int
    median_s: int | None
    p90_s: int | None


def _row(r: Any) -> ResultRow:
    read = r["taken_utc"] is not None
    return ResultRow(
        target_id=int(r["target_id"]),
        post_id=int(r["post_id"]),
        network=str(r["network"]),
        account=str(r["account"]),
        text=str(r["text"]),
        url=r["remote_url"],
        published_utc=from_db_required(r["published_utc"]),
        content_type=r["content_type"],
        theme=Theme(r["theme"]) if r["theme"] else None,
        counts=Counts(r["likes"], r["reposts"], r["replies"], r["quotes"], r["views"])
        if read
        else None,
        read_utc=from_db(r["taken_utc"]),
        gone_utc=from_db(r["gone_utc"]),
        unavailable=r["unavailable"],
        missing_permissions=tuple(p for p in (r["missing_permissions"] or "").split(",") if p),
    )


_COLUMNS = """
    SELECT t.id AS target_id, p.id AS post_id, a.network, a.name AS account, p.text,
           t.remote_url, t.published_utc, p.content_type, m.theme, s.likes, s.reposts,
           s.replies, s.quotes, s.views, s.taken_utc, m.gone_utc, m.unavailable,
           m.missing_permissions
"""


class ResultsQuery:
    def __init__(self, database: Database) -> None:
        self._database = database

    def _range(self, start: datetime, end: datetime) -> dict[str, Any]:
        return {"start": to_db(start), "end": to_db(end)}

    def rows(self, start: datetime, end: datetime, limit: int = 10_000) -> list[ResultRow]:
        """Every published target of the period with its latest counts, newest first."""
        sql = f"{_COLUMNS} {_LATEST} ORDER BY t.published_utc DESC, t.id LIMIT :limit"
        found = self._database.query(sql, self._range(start, end) | {"limit": limit})
        return [_row(r) for r in found]

    def most_shared(self, start: datetime, end: datetime, limit: int = 10) -> list[ResultRow]:
        sql = (
            f"{_COLUMNS} {_LATEST} AND s.taken_utc IS NOT NULL "
            "ORDER BY s.reposts + s.quotes DESC, s.likes + s.replies DESC, t.published_utc "
            "LIMIT :limit"
        )
        found = self._database.query(sql, self._range(start, end) | {"limit": limit})
        return [_row(r) for r in found if r["reposts"] + r["quotes"] > 0]

    def no_interaction(self, start: datetime, end: datetime, limit: int = 50) -> list[ResultRow]:
        """Posts read at least once whose latest counts are all zero."""
        sql = (
            f"{_COLUMNS} {_LATEST} AND s.taken_utc IS NOT NULL "
            "AND s.likes + s.reposts + s.replies + s.quotes = 0 "
            "ORDER BY t.published_utc DESC LIMIT :limit"
        )
        found = self._database.query(sql, self._range(start, end) | {"limit": limit})
        return [_row(r) for r in found]

    def by_type_and_network(self, start: datetime, end: datetime) -> list[GroupFigures]:
        return self._medians(("coalesce(p.content_type, '')", "a.network"), start, end)

    def by_theme(self, start: datetime, end: datetime) -> list[GroupFigures]:
        return self._medians(("coalesce(m.theme, '')",), start, end)

    def _medians(self, keys: tuple[str, ...], start: datetime, end: datetime) -> list[GroupFigures]:
        """`keys` are fixed column expressions of this module, never outside text."""
        width = len(keys)
        names = ", ".join(f"k{i}" for i in range(width))
        aliased = ", ".join(f"{part} AS k{i}" for i, part in enumerate(keys))
        sql = f"""
            WITH base AS (
                SELECT {aliased}, s.taken_utc IS NOT NULL AS measured,
                       s.reposts + s.quotes AS shares, s.likes AS likes, s.replies AS replies
                {_LATEST}
            ), ranked AS (
                SELECT *,
                    count(*) FILTER (WHERE measured) OVER g AS n,
                    row_number() OVER (PARTITION BY {names}, measured ORDER BY shares) AS r_s,
                    row_number() OVER (PARTITION BY {names}, measured ORDER BY likes) AS r_l,
                    row_number() OVER (PARTITION BY {names}, measured ORDER BY replies) AS r_r
                FROM base WINDOW g AS (PARTITION BY {names})
            )
            SELECT {names}, count(*) AS posts, max(n) AS measured,
                max(CASE WHEN measured AND r_s = (n + 1) / 2 THEN shares END) AS m_s,
                max(CASE WHEN measured AND r_l = (n + 1) / 2 THEN likes END) AS m_l,
                max(CASE WHEN measured AND r_r = (n + 1) / 2 THEN replies END) AS m_r
            FROM ranked GROUP BY {names} ORDER BY count(*) DESC, {names}
        """  # noqa: S608 - fixed clauses
        return [
            GroupFigures(
                key=tuple(str(r[f"k{i}"]) for i in range(width)),
                posts=int(r["posts"]),
                measured=int(r["measured"] or 0),
                median_shares=int(r["m_s"] or 0),
                median_likes=int(r["m_l"] or 0),
                median_replies=int(r["m_r"] or 0),
            )
            for r in self._database.query(sql, self._range(start, end))
        ]

    def hours(self, start: datetime, end: datetime) -> list[HourCell]:
        """Posts and interactions per UTC hour; the caller buckets them in local time."""
        sql = f"""
            SELECT substr(t.published_utc, 1, 13) AS hour, count(*) AS posts,
                   sum(coalesce(s.likes + s.reposts + s.replies + s.quotes, 0)) AS total
            {_LATEST} AND s.taken_utc IS NOT NULL
            GROUP BY hour
        """
        return [
            HourCell(from_db_required(f"{r['hour']}:00:00+00:00"), int(r["posts"]), int(r["total"]))
            for r in self._database.query(sql, self._range(start, end))
        ]

    def trend(self, start: datetime, end: datetime) -> list[MonthFigures]:
        sql = f"""
            SELECT substr(t.published_utc, 1, 7) AS month, count(*) AS posts,
                   sum(coalesce(s.reposts + s.quotes, 0)) AS shares,
                   sum(coalesce(s.likes, 0)) AS likes, sum(coalesce(s.replies, 0)) AS replies
            {_LATEST} GROUP BY month ORDER BY month
        """
        return [
            MonthFigures(
                str(r["month"]),
                int(r["posts"]),
                int(r["shares"]),
                int(r["likes"]),
                int(r["replies"]),
            )
            for r in self._database.query(sql, self._range(start, end))
        ]

    def listening(
        self, start: datetime, end: datetime, by: Sequence[str] = ("label", "network")
    ) -> list[Listening]:
        """Inbox items received in the period, grouped `by` label and/or network, with times.

        `by` names "label", "network", both (one row per pair) or neither (one
        row for every message, none if there were none); a key left out is
        None in the rows. An item counts as answered by its status or its
        answer time; only those with an answer time (answered from this app)
        count for the times.
        """
        keys = [key for key in LISTENING_KEYS if key in by]  # fixed names, never outside text
        names = ", ".join(keys)
        partition = f"PARTITION BY {names}" if keys else ""
        by_delay = f"PARTITION BY {names + ', ' if keys else ''}delay IS NULL"
        grouped = f"GROUP BY {names} ORDER BY " + ", ".join(
            "label = '', label" if key == "label" else key for key in keys
        )
        sql = f"""
            WITH base AS (
                SELECT coalesce(l.name, '') AS label, i.network,
                       (i.status = 'answered' OR i.answered_utc IS NOT NULL) AS answered,
                       CASE WHEN i.answered_utc IS NOT NULL THEN
                           max(0, CAST(round((julianday(i.answered_utc)
                                 - julianday(i.received_utc)) * 86400) AS INTEGER))
                       END AS delay
                FROM inbox_items i LEFT JOIN labels l ON l.id = i.label_id
                WHERE i.received_utc >= :start AND i.received_utc < :end
            ), ranked AS (
                SELECT *, count(delay) OVER ({partition}) AS n,
                    row_number() OVER ({by_delay} ORDER BY delay) AS r
                FROM base
            )
            SELECT {names + ", " if keys else ""}count(*) AS received, sum(answered) AS answered,
                max(CASE WHEN delay IS NOT NULL AND r = (n + 1) / 2 THEN delay END) AS median_s,
                max(CASE WHEN delay IS NOT NULL AND r = (9 * n + 9) / 10 THEN delay END) AS p90_s
            FROM ranked {grouped if keys else ""}
        """  # noqa: S608 - fixed clauses
        return [
            Listening(
                str(r["label"]) if "label" in keys else None,
                str(r["network"]) if "network" in keys else None,
                int(r["received"]),
                int(r["answered"] or 0),
                None if r["median_s"] is None else int(r["median_s"]),
                None if r["p90_s"] is None else int(r["p90_s"]),
            )
            for r in self._database.query(sql, self._range(start, end))
            if int(r["received"])
        ]
