"""Benchmarks: figures printed beside a baseline measured in the same run.

    python tests/bench/run.py            # all
    python tests/bench/run.py startup    # only start-up

Absolute times on shared machines move from run to run, so every figure is
shown next to its baseline (and as a ratio). Nothing here asserts a time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("paint_child.py")
RUNS = 5


def child_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


def measure_paint(args: list[str]) -> tuple[float, int]:
    """Median seconds to first paint and max RSS (MiB) over RUNS child processes."""
    times: list[float] = []
    rss: list[int] = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, str(CHILD), *args],
            capture_output=True,
            text=True,
            env=child_env(),
            check=True,
            timeout=120,
        ).stdout.split()
        times.append(float(out[0]))
        rss.append(int(out[1]) // 1024)
    return statistics.median(times), max(rss)


def prepare_demo(base: Path) -> None:
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths

    services = build_services(Runtime.start(resolve_paths(base, demo=True)))
    services.close()


def prepare_large(base: Path, posts: int = 1_000, inbox: int = 100_000) -> None:
    """A database the size PERFORMANCE.md asks for: 1,000 posts, 100,000 inbox items."""
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths

    services = build_services(Runtime.start(resolve_paths(base, demo=True)))
    db = services.database
    now = datetime.now(UTC)
    account = db.scalar("SELECT min(id) FROM accounts")
    with db.write() as conn:
        have = int(conn.execute("SELECT count(*) FROM posts").fetchone()[0])
        for n in range(have, posts):
            stamp = (now + timedelta(hours=n - posts // 2)).isoformat(timespec="seconds")
            cursor = conn.execute(
                "INSERT INTO posts (text, content_type, created_utc, updated_utc, due_utc) "
                "VALUES (?, 'service', ?, ?, ?)",
                (f"Aviso número {n}: recogida de enseres el martes.", stamp, stamp, stamp),
            )
            state = "published" if n < posts // 2 else "scheduled"
            conn.execute(
                "INSERT INTO targets (post_id, account_id, state, due_utc, idempotency_key, "
                "updated_utc) VALUES (?, ?, ?, ?, ?, ?)",
                (cursor.lastrowid, account, state, stamp, f"bench-{n}", stamp),
            )
        have_inbox = int(conn.execute("SELECT count(*) FROM inbox_items").fetchone()[0])
        conn.executemany(
            "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, text, "
            "received_utc) VALUES (?, 'mastodon', ?, 'comment', ?, ?, ?)",
            (
                (
                    account,
                    f"bench-{i}",
                    f"Vecina {i % 997}",
                    f"Comentario {i}: ¿a qué hora abre la piscina municipal este verano?",
                    (now - timedelta(minutes=i)).isoformat(timespec="seconds"),
                )
                for i in range(have_inbox, inbox)
            ),
        )
    services.close()


def startup() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        demo_base = Path(tmp) / "demo"
        prepare_demo(demo_base)
        large_base = Path(tmp) / "large"
        prepare_large(large_base)
        bare_t, bare_rss = measure_paint(["bare"])
        app_t, app_rss = measure_paint(["app", str(demo_base), "--demo"])
        big_t, big_rss = measure_paint(["app", str(large_base), "--demo"])
    print(f"Start to first paint (median of {RUNS}, offscreen):")
    print(f"  baseline bare QMainWindow        {bare_t * 1000:7.0f} ms   max RSS {bare_rss:4d} MiB")
    print(
        f"  main window, demo database       {app_t * 1000:7.0f} ms   max RSS {app_rss:4d} MiB"
        f"   ({app_t / bare_t:.2f}× baseline)"
    )
    print(
        f"  main window, 1k posts/100k inbox {big_t * 1000:7.0f} ms   max RSS {big_rss:4d} MiB"
        f"   ({big_t / bare_t:.2f}× baseline)"
    )


def guidance() -> None:
    script = Path(__file__).with_name("bench_guidance.py")
    if script.exists():
        subprocess.run([sys.executable, str(script)], env=child_env(), check=True)


def calendar() -> None:
    script = Path(__file__).with_name("bench_calendar.py")
    subprocess.run([sys.executable, str(script)], env=child_env(), check=True)


def inbox() -> None:
    script = Path(__file__).with_name("bench_inbox.py")
    subprocess.run([sys.executable, str(script)], env=child_env(), check=True)


def composer() -> None:
    script = Path(__file__).with_name("bench_composer.py")
    subprocess.run([sys.executable, str(script)], env=child_env(), check=True)


def outbox() -> None:
    script = Path(__file__).with_name("bench_outbox.py")
    subprocess.run([sys.executable, str(script)], env=child_env(), check=True)


BENCHMARKS: dict[str, Callable[[], None]] = {
    "startup": startup,
    "guidance": guidance,
    "calendar": calendar,
    "inbox": inbox,
    "composer": composer,
    "outbox": outbox,
}


def main(names: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    for name in names or list(BENCHMARKS):
        print(f"== {name}")
        BENCHMARKS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
