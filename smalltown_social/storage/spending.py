"""What the paid networks have cost this month, counted from the targets themselves.

No separate ledger that could drift: a post counts once it is published this
month (UTC), and so does one that may have been charged without our knowing
(`publishing` or `unconfirmed`, claimed this month). Posts handed over to a
server's scheduler are not paid posts (no paid network schedules).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from smalltown_social.core.costs import post_price
from smalltown_social.core.networks import Network
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import to_db


def month_start(now: datetime) -> datetime:
    """The first instant of `now`'s month, in UTC."""
    moment = now.astimezone(UTC)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime) -> datetime:
    start = month_start(now)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def spent_this_month(
    database: Database, network: Network, now: datetime, *, other_than: int | None = None
) -> Decimal:
    """US dollars spent (or possibly spent) on `network` since the start of `now`'s month."""
    since = to_db(month_start(now))
    rows = database.query(
        "SELECT p.text FROM targets t JOIN posts p ON p.id = t.post_id "
        "JOIN accounts a ON a.id = t.account_id "
        "WHERE a.network = ? AND a.demo = 0 AND t.id != ? AND ("
        "(t.state = 'published' AND t.on_server = 0 AND t.published_utc >= ?) OR "
        "(t.state IN ('publishing', 'unconfirmed') AND t.claimed_utc >= ?))",
        (network.value, other_than or -1, since, since),
    )
    return sum((post_price(network, str(row["text"])) or Decimal(0) for row in rows), Decimal(0))
