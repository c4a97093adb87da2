"""Reading untrusted JSON from any network: a wrong type is an empty value, never a crash.

Servers send malformed, truncated or hostile replies; every adapter reads
them through these, so a missing field or a string where a list belongs
gives an empty value that the adapter then treats as "not there".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time ("Z" accepted); naive times are taken as UTC; else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def as_str(value: object) -> str:
    return value if isinstance(value, str) else ""
