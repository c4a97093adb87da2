"""One SQLite file, one connection per thread, explicit transactions.

WAL with `synchronous=FULL` (NORMAL may lose the last commits on power loss),
foreign keys on, and `BEGIN IMMEDIATE` for every write so two writers queue
on the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from smalltown_social.storage.errors import WriteFailed, is_write_failure

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """A connection with the pragmas every connection of the app uses.

    With `create=False` a missing file is an error (`unable to open database
    file`) instead of a new empty database made where the real one was.
    `check_same_thread=False` only so `Database.close()` can close every
    thread's connection at shutdown; each connection is still used by one thread.
    """
    mode = "rwc" if create else "rw"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class _Held:
    """One thread's connection, held by that thread's state only."""

    __slots__ = ("__weakref__", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


class Database:
    """The app's SQLite file. Hands each thread its own connection.

    Services share one `Database`; a worker thread calling a repository gets
    a connection of its own, because sqlite3 connections must not cross threads.
    Only the first connection may create the file (`create`): if the file
    disappears later, another thread's connection fails instead of starting an
    empty database in its place.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self._create = create
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._gate: Callable[[], None] | None = None

    def hold_writes_until(self, verdict: Callable[[], None]) -> None:
        """Every write, and `checked()`, first waits for `verdict()`, which may raise.

        For a check still running (`storage.opening`): nothing is written into a file
        before it is known to be healthy. Once `verdict()` has returned, it is not
        called again; while it raises, every write raises.
        """
        self._gate = verdict

    def checked(self) -> None:
        """Wait for the check that holds the writes, if any; raise what it found."""
        gate = self._gate
        if gate is not None:
            gate()
            self._gate = None

    @property
    def conn(self) -> sqlite3.Connection:
        held: _Held | None = getattr(self._local, "held", None)
        if held is None:
            conn = connect(self.path, create=self._create)
            self._create = False
            held = _Held(conn)
            # The thread's state may go before the process does: a worker thread ends, or
            # PySide drops the Python state of a QThreadPool thread after each job. The
            # connection goes with it instead of staying open until `close()`.
            weakref.finalize(held, self._release, conn)
            self._local.held = held
            with self._lock:
                self._all.append(conn)
        return held.conn

    def _release(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if conn not in self._all:
                return  # closed already by `close()`
            self._all.remove(conn)
        conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE; commits on success.

        Inside another `write()` on the same thread it joins that transaction:
        a use case can wrap several repository calls so that they all commit
        together or not at all (the outer block commits or rolls back).
        """
        self.checked()
        conn = self.conn
        if getattr(self._local, "writing", False):
            yield conn
            return
        self._local.writing = True
        try:
            yield from self._transaction(conn)
        finally:
            self._local.writing = False

    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            self._raise_write_failure(error)
            raise
        try:
            yield conn
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                self._raise_write_failure(error)
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._raise_write_failure(error)
            raise

    def _raise_write_failure(self, error: sqlite3.OperationalError) -> None:
        """Disk trouble becomes `WriteFailed` (with words for the clerk); the rest is kept."""
        if not isinstance(error, WriteFailed) and is_write_failure(error):
            raise WriteFailed(self.path, error) from error

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def quick_check(self) -> list[str]:
        """Problems `PRAGMA quick_check` reports; empty when the file is healthy."""
        rows = [str(row[0]) for row in self.conn.execute("PRAGMA quick_check")]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        """Close every thread's connection (call at shutdown, after workers stopped)."""
        if self._gate is not None:  # let a running check finish on its own connection
            with contextlib.suppress(Exception):
                self._gate()
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
        self._local = threading.local()
