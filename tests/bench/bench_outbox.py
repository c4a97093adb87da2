"""Outbox figures, each beside a baseline measured in the same run.

    python tests/bench/bench_outbox.py

1. Due time → network call: date jobs of a running `Publisher` (real
   BackgroundScheduler, real clock) vs a bare APScheduler date job.
2. A backlog of 1,000 due targets after downtime, one sweep (claim, call
   the durable fake network, record: two IMMEDIATE transactions each) vs
   2,000 one-row write transactions on the same kind of database file.
Nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOBS = 20


def due_to_call() -> tuple[float, float, float]:
    from apscheduler.schedulers.background import BackgroundScheduler

    from smalltown_social.networks.base import Content, Media, Published
    from smalltown_social.publishing.clock import SystemClock
    from smalltown_social.publishing.outbox import Outbox
    from smalltown_social.publishing.scheduler import Publisher
    from smalltown_social.storage.opening import open_database
    from smalltown_social.storage.timefmt import from_db
    from tests.publishing.fake_network import FakeAdapter
    from tests.publishing.world import FakeClock, make_world

    directory = Path(tempfile.mkdtemp())
    database = open_database(directory / "s.db", directory / "b")
    world = make_world(directory, database, FakeClock(wall=datetime.now(UTC)))
    clock = SystemClock()
    world.network.now = clock.now
    calls: dict[str, datetime] = {}

    class Timed(FakeAdapter):
        def publish(self, content: Content, media: Sequence[Media], key: str) -> Published:
            calls[content.text] = datetime.now(UTC)
            return super().publish(content, media, key)

    start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    for i in range(JOBS):
        world.schedule(f"t{i}", at=start + timedelta(seconds=i // 4))
    publisher = Publisher(
        Outbox(database, lambda a: Timed(a, world.network), clock), sweep_seconds=3600
    )
    publisher.start()
    time.sleep(JOBS // 4 + 3)
    publisher.stop()
    rows = database.query(
        "SELECT p.text, t.due_utc FROM targets t JOIN posts p ON p.id = t.post_id"
    )
    ours = [(calls[r["text"]] - from_db(r["due_utc"])).total_seconds() * 1000 for r in rows]  # type: ignore[operator]
    database.close()

    bare: list[float] = []
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.start()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    for i in range(JOBS):
        due = start + timedelta(seconds=i // 4)
        scheduler.add_job(
            lambda due=due: bare.append((datetime.now(UTC) - due).total_seconds() * 1000),
            "date",
            run_date=due,
        )
    time.sleep(JOBS // 4 + 3)
    scheduler.shutdown()
    return statistics.median(ours), max(ours), statistics.median(bare)


def backlog(n: int = 1000) -> tuple[float, float, int]:
    from smalltown_social.core.accounts import Network
    from smalltown_social.core.posts import Post, Target
    from smalltown_social.core.states import TargetState
    from smalltown_social.storage.accounts_repo import AccountsRepository
    from smalltown_social.storage.opening import open_database
    from smalltown_social.storage.posts_repo import PostsRepository
    from tests.publishing.world import FakeClock, make_world

    directory = Path(tempfile.mkdtemp())
    database = open_database(directory / "s.db", directory / "b")
    world = make_world(directory, database, FakeClock(wall=datetime.now(UTC)))
    accounts = [AccountsRepository(database).add(Network.MASTODON, n).id for n in ("A", "B")]
    posts = PostsRepository(database)
    due = world.clock.now() - timedelta(hours=1)
    saved = posts.save_all([Post(text=f"Aviso {i}", due_utc=due) for i in range(n // 2)])
    posts.add_targets(
        [Target(p.id or 0, a, TargetState.SCHEDULED, due) for p in saved for a in accounts]
    )
    began = time.perf_counter()
    result = world.outbox().sweep()
    sweep_s = time.perf_counter() - began
    began = time.perf_counter()
    for i in range(2 * n):
        with database.write() as conn:
            conn.execute(
                "INSERT INTO events (at_utc, kind, detail) VALUES (?, 'bench', ?)",
                (datetime.now(UTC).isoformat(), str(i)),
            )
    baseline_s = time.perf_counter() - began
    database.close()
    return sweep_s, baseline_s, len(result.outcomes or {})


def main() -> None:
    sys.path.insert(0, str(ROOT))
    median, worst, bare = due_to_call()
    print(
        f"due -> network call: median {median:.1f} ms, max {worst:.1f} ms over {JOBS} "
        f"(bare APScheduler date job: median {bare:.1f} ms)"
    )
    sweep_s, baseline_s, handled = backlog()
    print(
        f"backlog of {handled} due targets, one sweep: {sweep_s:.2f} s "
        f"(baseline {2 * handled} one-row write transactions: {baseline_s:.2f} s, "
        f"ratio {sweep_s / baseline_s:.1f})"
    )


if __name__ == "__main__":
    main()
