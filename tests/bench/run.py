"""Benchmarks: figures printed beside a baseline measured in the same run.

    python tests/bench/run.py            # all
    python tests/bench/run.py startup    # only start-up
    python tests/bench/run.py startup 15 # start-up, 15 rounds

Absolute times on shared machines move from run to run, so every figure is
shown next to its baseline (and as a ratio). Nothing here asserts a time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("paint_child.py")
RUNS = 5
STARTUP_RUNS = 9


# Qt's offscreen screen is 800x800 unless told: the app fits its window to the screen
# (`ui.application.fit_to_screen`), the bare one does not. Both get a 1920x1080 screen,
# so both paint a 1180x760 window.
SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080}]}


def child_env() -> dict[str, str]:
    config = Path(tempfile.gettempdir()) / "smalltown-bench-screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    platform = f"offscreen:configfile={config}"
    return {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONPATH": str(ROOT)}


def compile_all() -> None:
    """Write every .pyc before timing, so neither side compiles during a measured run."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "smalltown_social")],
        check=True,
        env=child_env(),
    )


@dataclass(frozen=True)
class Start:
    """One start: seconds from just before the process was started to the first frame, the
    editor's paint and the whole composer's paint; memory (MiB) and the process's CPU
    seconds at the editor's paint."""

    frame: float
    editor: float
    rss: float
    settled: float
    cpu: float
    composer: float


def start_once(args: list[str]) -> Start:
    began = time.monotonic()  # the child reports on the same clock
    out = subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
        timeout=120,
    ).stdout.split()
    return Start(
        float(out[0]) - began,
        float(out[1]) - began,
        int(out[2]) / 1024,
        int(out[3]) / 1024,
        float(out[4]),
        float(out[5]) - began,
    )


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def interleaved(
    sides: dict[str, list[str]], runs: int, loads: list[float] | None = None
) -> dict[str, list[Start]]:
    """Every side once per round, the order rotated each round; one warm-up round first.
    `loads` gets the load average at the start of each round."""
    names = list(sides)
    for name in names:
        start_once(sides[name])
    found: dict[str, list[Start]] = {name: [] for name in names}
    for round_ in range(runs):
        if loads is not None:
            loads.append(load_average())
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            found[name].append(start_once(sides[name]))
    return found


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


def startup(runs: int = STARTUP_RUNS) -> None:
    compile_all()
    loads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        demo_base = Path(tmp) / "demo"
        prepare_demo(demo_base)
        large_base = Path(tmp) / "large"
        prepare_large(large_base)
        found = interleaved(
            {
                "bare": ["bare"],
                "demo": ["app", str(demo_base), "--demo"],
                "large": ["app", str(large_base), "--demo"],
            },
            runs,
            loads,
        )
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"Start, from just before the process is started (offscreen; {runs} interleaved rounds;"
        f" load average {min(loads):.2f}-{max(loads):.2f}, median"
        f" {statistics.median(loads):.2f}; {stamp}):"
    )
    print(
        "  ms: min / median (ratio of medians); RSS MiB: median at the editor's paint / 2 s"
        " later; CPU: the process's CPU ms at the editor's paint, min / median; composer: the"
        " whole page (guidance, buttons) painted around the editor"
    )
    bare = found["bare"]
    labels = {
        "bare": "baseline: QMainWindow + QPlainTextEdit",
        "demo": "app, demo database",
        "large": "app, 1k posts / 100k inbox items",
    }

    def median(starts: list[Start], part: str) -> float:
        return float(statistics.median(float(getattr(s, part)) for s in starts))

    for name, starts in found.items():
        line = f"  {labels[name]:<40}"
        for part in ("frame", "editor", "composer", "cpu"):
            values = [getattr(s, part) * 1000 for s in starts]
            line += f" {part} {min(values):5.0f} / {median(starts, part) * 1000:5.0f}"
            if name != "bare":
                line += f" ({median(starts, part) / median(bare, part):.2f}×)"
        line += f"   RSS {median(starts, 'rss'):4.0f} / {median(starts, 'settled'):4.0f}"
        if name != "bare":
            line += (
                f" ({median(starts, 'rss') / median(bare, 'rss'):.2f}×"
                f" / {median(starts, 'settled') / median(bare, 'settled'):.2f}×)"
            )
        print(line)
    for part in ("frame", "editor", "composer", "cpu"):
        ratio = median(found["large"], part) / median(found["demo"], part)
        print(f"  large against demo, {part}: {ratio:.2f}×")


def separate(name: str) -> Callable[[], None]:
    """The benchmark in `bench_<name>.py`, run in its own process (offscreen, `child_env`)."""

    def run() -> None:
        script = Path(__file__).with_name(f"bench_{name}.py")
        subprocess.run([sys.executable, str(script)], env=child_env(), check=True)

    return run


BENCHMARKS: dict[str, Callable[[], None]] = {
    "startup": startup,
    **{
        name: separate(name)
        for name in ("guidance", "calendar", "inbox", "composer", "outbox", "results")
    },
}


def main(names: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    if names[:1] == ["startup"] and len(names) == 2 and names[1].isdigit():
        print("== startup")
        startup(int(names[1]))  # `run.py startup 15`: more rounds
        return
    for name in names or list(BENCHMARKS):
        print(f"== {name}")
        BENCHMARKS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
