"""Inbox benchmark: opening, searching and scrolling 100,000 items, each beside a baseline.

    python tests/bench/run.py inbox

- Opening: inbox page creation to the list's first paint, and max RSS, in a fresh
  process, for 100,000 items against an empty inbox (the baseline).
- Search: the list's first page with FTS5 (accents ignored) against LIKE doing the
  same work (same columns and joins, each word at a word's start in text, author name
  or handle, same order and page), per term from "in every item" to "in none".
- Scrolling: the list scrolled top to bottom a screen at a time (the model fetches
  page by page) against a bare QTableView scrolled the same way over a minimal model
  reading the same pages.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.bench.run import RUNS, child_env, prepare_large  # noqa: E402

if TYPE_CHECKING:
    from smalltown_social.core.inbox import InboxItem

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
    empty_runs: list[list[str]] = []
    large_runs: list[list[str]] = []
    for run in range(RUNS):  # interleaved, the order alternated
        sides = [(empty_runs, ["paint", str(empty)]), (large_runs, ["paint", str(large), "--demo"])]
        for found, args in sides if run % 2 == 0 else sides[::-1]:
            found.append(child(args))
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


def like_baseline(conn: sqlite3.Connection, words: str, limit: int) -> list[InboxItem]:
    """What the FTS query does, with LIKE: the same columns and joins, every word at the
    start of a word in the text, the author's name or handle, newest first, one page,
    each row made an item as the list gets it."""
    from smalltown_social.storage.inbox_query import SELECT_ITEMS, item_from_row

    clauses: list[str] = []
    params: list[str] = []
    for term in words.split():
        clauses.append(
            "(' ' || i.text LIKE ? OR ' ' || i.author_name LIKE ? "
            "OR ' ' || coalesce(i.author_handle, '') LIKE ?)"
        )
        params += [f"% {term}%"] * 3
    where = " AND ".join(clauses) or "1"
    rows = conn.execute(
        f"{SELECT_ITEMS} WHERE {where} ORDER BY i.received_utc DESC, i.id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [item_from_row(r) for r in rows]


def search(large: Path) -> None:
    """The list's first page for a search, per term: FTS5 against LIKE doing the same work."""
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths
    from smalltown_social.storage.inbox_query import PAGE_SIZE, InboxFilter, InboxQuery

    services = build_services(Runtime.start(resolve_paths(large, demo=True)))
    conn = services.database.conn
    print(
        f"Search over 100,000 items, the list's first page (min / median of {RUNS}, interleaved,"
        " order alternated; same columns, joins, order, page and items made; word-start"
        " matching; FTS as a new search: its density count included):"
    )
    print("  term                 page rows FTS/LIKE   LIKE (baseline)          FTS5")
    for word in WORDS:
        fts: list[float] = []
        like: list[float] = []
        fts_rows: list[InboxItem] = []
        like_rows: list[InboxItem] = []
        for run in range(RUNS):
            for side in ("fts", "like") if run % 2 == 0 else ("like", "fts"):
                started = time.perf_counter()
                if side == "fts":  # a new query: it counts the matches once, as a new search does
                    fts_rows = InboxQuery(services.database).page(InboxFilter(search=word))
                    fts.append(time.perf_counter() - started)
                else:
                    like_rows = like_baseline(conn, word, PAGE_SIZE)
                    like.append(time.perf_counter() - started)
        f_t, l_t = statistics.median(fts), statistics.median(like)
        rows = f"{len(fts_rows)}/{len(like_rows)}"
        print(
            f"  {word:<18} {rows:>13}   {min(like) * 1000:6.1f} / {l_t * 1000:6.1f} ms"
            f"   {min(fts) * 1000:6.1f} / {f_t * 1000:6.1f} ms ({f_t / l_t:.2f}×)"
        )
    services.close()


def scrolling(large: Path) -> None:
    """Scrolling against scrolling, interleaved (order alternated), in fresh processes; the
    bare view shows as many rows per screen as the inbox list (its viewport's size)."""
    page: list[list[str]] = [child(["scroll", str(large), "--demo"])]  # its viewport's size
    viewport = page[0][4]
    base: list[list[str]] = []
    for run in range(RUNS):
        sides = [
            (base, ["baseline-scroll", str(large), "--demo", "--viewport", viewport]),
            (page, ["scroll", str(large), "--demo"]),
        ]
        for found, args in sides if run % 2 == 0 else sides[::-1]:
            found.append(child(args))
    page = page[1:]  # the first run only told the size
    b_t = [float(r[0]) for r in base]
    s_t = [float(r[0]) for r in page]
    b_m, s_m = statistics.median(b_t), statistics.median(s_t)
    print(
        f"Scrolling the whole list, top to bottom a screen at a time (min / median of {RUNS},"
        f" interleaved; viewports {page[0][4]} and {base[0][4]}):"
    )
    print(
        f"  baseline: bare QTableView, same pages  {min(b_t) * 1000:6.0f} / {b_m * 1000:6.0f} ms"
        f"   {base[0][1]} rows, {base[0][3]} screens, max RSS {int(base[0][2]) // 1024:4d} MiB"
    )
    print(
        f"  inbox page                             {min(s_t) * 1000:6.0f} / {s_m * 1000:6.0f} ms"
        f"   {page[0][1]} rows, {page[0][3]} screens, max RSS {int(page[0][2]) // 1024:4d} MiB"
        f"   ({s_m / b_m:.2f}×)"
    )
    steps = int(page[0][3])
    print(f"  {steps} screens, {s_m / steps * 1000:.1f} ms per screen (fetch + paint)")


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
