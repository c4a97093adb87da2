"""Datetimes in the database: ISO 8601 in UTC, second precision, sortable as text."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to storage; times must carry a zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone(UTC)


def now_db() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def from_db_required(text: str) -> datetime:
    """For NOT NULL columns."""
    return datetime.fromisoformat(text).astimezone(UTC)
