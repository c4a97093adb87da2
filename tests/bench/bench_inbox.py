"""Inbox benchmark: opening, searching and scrolling 100,000 items, each beside a baseline.

    python tests/bench/run.py inbox

- Opening: inbox page creation to the list's first paint, and max RSS, in a fresh
  process, for 100,000 items against an empty inbox (the baseline).
- Search: the list's first page with FTS5 (accents ignored) against
  `LIKE '%term%'`, per term from "in every item" to "in none", same database, same run.
- Scrolling: the list scrolled top to bottom a screen at a time (the model fetches
  page by page) against reading every row with the same query into a list.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.bench.run import RUNS, child_env, prepare_large  # noqa: E402

CHILD = HERE / "inbox_child.py"
WORDS = ("piscina", "verano municipal", "vecina 12", "comentario 9999", "vehiculo")


def child(args: list[str]) -> list[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
        timeout=600,
    ).stdout.split()


def opening(empty: Path, large: Path) -> None:
    empty_runs = [child(["paint", str(empty)]) for _ in range(RUNS)]
    large_runs = [child(["paint", str(large), "--demo"]) for _ in range(RUNS)]
    e_t = statistics.median(float(r[0]) for r in empty_runs)
    e_rss = max(int(r[1]) for r in empty_runs) // 1024
    l_t = statistics.median(float(r[0]) for r in large_runs)
    l_rss = max(int(r[1]) for r in large_runs) // 1024
    print(f"Inbox page, creation to first paint of the list (median of {RUNS}, offscreen):")
    print(f"  baseline: empty inbox        {e_t * 1000:7.0f} ms   max RSS {e_rss:4d} MiB")
    print(
        f"  100,000 items                {l_t * 1000:7.0f} ms   max RSS {l_rss:4d} MiB"
        f"   ({l_t / e_t:.2f}× baseline, {l_rss - e_rss:+d} MiB)"
    )


def search(large: Path) -> None:
    """The list's first page for a search, per term: FTS5 against LIKE on the same data."""
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths
    from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery

    services = build_services(Runtime.start(resolve_paths(large, demo=True)))
    query = InboxQuery(services.database)
    conn = services.database.conn
    print(f"Search over 100,000 items, the list's first page (median of {RUNS}):")
    print("  term                 matches   LIKE '%term%' (baseline)   FTS5, accents ignored")
    for word in WORDS:
        fts: list[float] = []
        like: list[float] = []
        for _ in range(RUNS):
            started = time.perf_counter()
            query.page(InboxFilter(search=word))
            fts.append(time.perf_counter() - started)
            started = time.perf_counter()
            conn.execute(
                "SELECT * FROM inbox_items WHERE text LIKE ? ORDER BY received_utc DESC LIMIT 500",
                (f"%{word}%",),
            ).fetchall()
            like.append(time.perf_counter() - started)
        matches = query.count(InboxFilter(search=word))
        f_t, l_t = statistics.median(fts), statistics.median(like)
        print(
            f"  {word:<18} {matches:>9}   {l_t * 1000:9.1f} ms"
            f"               {f_t * 1000:7.1f} ms ({f_t / l_t:.2f}×)"
        )
    services.close()


def scrolling(large: Path) -> None:
    read = child(["baseline-read", str(large), "--demo"])
    scrolled = child(["scroll", str(large), "--demo"])
    r_t, s_t = float(read[0]), float(scrolled[0])
    print("Scrolling the whole list, top to bottom a screen at a time:")
    print(
        f"  baseline: read {read[1]} rows     {r_t * 1000:7.0f} ms   "
        f"max RSS {int(read[2]) // 1024:4d} MiB"
    )
    print(
        f"  scroll through {scrolled[1]} rows  {s_t * 1000:7.0f} ms   "
        f"max RSS {int(scrolled[2]) // 1024:4d} MiB   ({s_t / r_t:.2f}× baseline)"
    )
    steps = int(scrolled[3])
    print(f"  {steps} screens, {s_t / steps * 1000:.1f} ms per screen (fetch + paint)")


def main() -> None:
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        build_services(Runtime.start(resolve_paths(empty))).close()
        large = Path(tmp) / "large"
        prepare_large(large)
        opening(empty, large)
        search(large)
        scrolling(large)


if __name__ == "__main__":
    main()
