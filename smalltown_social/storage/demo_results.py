"""Made-up counts for the demo's published posts, so its Resultados page has something to show.

Plausible, not real: service information (an urgent notice, a procedure, a
grant) is shared more than the rest, as the guidance expects; the demo
reads nothing from any network. Telegram's posts get reactions and comments
but no shares, as its Bot API gives; X's get no counts (the demo town does not
pay X for reading). The demo's answered
messages get an answer time, so the listening figures have times to show.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from smalltown_social.core.results import SERVICE_TYPES, Slot, slots_due, theme_of
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, to_db

READINGS = (timedelta(hours=1, minutes=5), timedelta(days=1, hours=1), timedelta(days=7, hours=2))


def fill_demo_results(database: Database, now: datetime, seed: int = 12) -> int:
    """Snapshots for every published demo target; returns how many targets got counts."""
    rng = random.Random(seed)  # noqa: S311 (made-up demo data)
    rows = database.query(
        "SELECT t.id, t.published_utc, p.text, p.content_type, a.network FROM targets t "
        "JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id "
        "WHERE t.state = 'published' AND t.published_utc IS NOT NULL AND a.demo = 1 "
        "AND p.is_reply = 0"
    )
    counted = 0
    with database.write() as conn:
        for row in rows:
            target_id = int(row["id"])
            published = from_db_required(row["published_utc"])
            theme = theme_of(str(row["text"]), row["content_type"])
            if row["network"] == "x":  # no counts (no paid reading)
                conn.execute(
                    "INSERT OR IGNORE INTO metric_state (target_id, theme, unavailable) "
                    "VALUES (?, ?, 'no_counts')",
                    (target_id, theme.value),
                )
                continue
            conn.execute(
                "INSERT OR IGNORE INTO metric_state (target_id, theme, last_fetch_utc) "
                "VALUES (?, ?, ?)",
                (target_id, theme.value, to_db(now)),
            )
            weight = 3 if row["content_type"] in SERVICE_TYPES else 1
            silent = rng.random() < 0.15
            final = (
                0 if silent else rng.randint(1, 14 * weight),
                0 if silent or row["network"] == "telegram" else rng.randint(0, 4 * weight),
                0 if silent else rng.randint(0, 5),
            )
            moments = [published + age for age in READINGS if published + age < now] + [now]
            for moment in moments:
                share = min(1.0, (moment - published) / timedelta(days=7)) ** 0.5
                for slot in slots_due(published, moment):
                    verb = "INSERT OR REPLACE" if slot is Slot.LATEST else "INSERT OR IGNORE"
                    conn.execute(
                        f"{verb} INTO metric_snapshots (target_id, slot, taken_utc, likes, "
                        "reposts, replies) VALUES (?, ?, ?, ?, ?, ?)",
                        (target_id, slot.value, to_db(moment), *(int(n * share) for n in final)),
                    )
            counted += 1
        # The demo's answered messages get a made-up answer time (as the app records one).
        answered = conn.execute(
            "SELECT i.id, i.received_utc FROM inbox_items i JOIN accounts a "
            "ON a.id = i.account_id WHERE a.demo = 1 AND i.status = 'answered' "
            "AND i.answered_utc IS NULL"
        ).fetchall()
        for item_id, received in answered:
            delay = timedelta(minutes=rng.choice((12, 35, 50, 90, 180, 300, 600, 1_400, 2_900)))
            moment = min(from_db_required(received) + delay, now)
            conn.execute(
                "UPDATE inbox_items SET answered_utc = ? WHERE id = ?", (to_db(moment), item_id)
            )
    return counted
