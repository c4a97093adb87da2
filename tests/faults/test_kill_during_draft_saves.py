"""RELIABILITY.md scenario 11: kill -9 in a loop during draft saves.

After every kill the file passes `PRAGMA quick_check` and holds every draft
whose save had returned: the old or the new version survives, never a
corrupt file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from smalltown_social.core.posts import Post
from smalltown_social.paths import DataPaths
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.posts_repo import PostsRepository

ROUNDS = 12
SAVER = Path(__file__).with_name("draft_saver.py")


def run_and_kill(db_path: Path, start: int, rng: random.Random) -> int:
    """Start the saver, let it save for a random while, SIGKILL it; return the last ack."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(SAVER), str(db_path), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # wait until it really writes
    assert first.startswith("saved"), first
    time.sleep(rng.uniform(0.01, 0.25))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    acks = [
        int(line.split()[1]) for line in (first + rest).splitlines() if line.startswith("saved")
    ]
    return max(acks)


def test_kill_9_during_saves_never_corrupts_or_loses_a_returned_save(
    data_paths: DataPaths,
) -> None:
    db = open_database(data_paths.database, data_paths.backups)
    PostsRepository(db).save(Post(text="borrador 0"))
    db.close()
    rng = random.Random(11)
    last = 0
    for _ in range(ROUNDS):
        acked = run_and_kill(data_paths.database, last, rng)
        db = open_database(data_paths.database, data_paths.backups)
        try:
            assert db.quick_check() == []
            draft = PostsRepository(db).get(1)
            assert draft is not None
            saved_n = int(draft.text.split()[1])
            assert saved_n >= acked, f"draft {acked} was acknowledged but {saved_n} survived"
            assert saved_n <= acked + 1  # at most the one in flight when killed
            newest = db.scalar(
                "SELECT max(CAST(substr(text, 7) AS INTEGER)) FROM posts WHERE id > 1"
            )
            assert newest >= acked
            last = saved_n
        finally:
            db.close()
