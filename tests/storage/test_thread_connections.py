"""One connection per thread, and none left open after its thread is gone.

The open files are the process's own (/proc/self/fd): a connection that is
never closed keeps the database, its -wal and -shm open until shutdown.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from smalltown_social.storage.database import Database

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")


def open_files(database: Database) -> int:
    """Descriptors this process holds on the database file and its -wal and -shm."""
    name = str(database.path.resolve())
    return sum(1 for fd in Path("/proc/self/fd").iterdir() if str(fd.resolve()).startswith(name))


def test_a_thread_reuses_its_connection(database: Database) -> None:
    assert database.conn is database.conn


def test_the_connection_of_an_ended_thread_is_closed(database: Database) -> None:
    database.conn.execute("SELECT count(*) FROM posts").fetchone()
    before = open_files(database)
    for _ in range(40):
        worker = threading.Thread(target=lambda: database.scalar("SELECT count(*) FROM posts"))
        worker.start()
        worker.join()
    # SQLite may keep a descriptor or two for reuse; forty open connections would hold 80+.
    assert open_files(database) <= before + 2
    database.conn.execute("SELECT 1")  # this thread's own connection is still there
