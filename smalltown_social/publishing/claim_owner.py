"""Who holds a claim, and whether that process is still alive.

A claim (`scheduled → publishing`) names its process with a random token.
The process keeps an OS file lock on `claims/<token>.lock` beside the
database for as long as it lives; the OS releases the lock when the process
dies, even on SIGKILL or a power cut. So a claim whose lock can be taken
belongs to a process that is gone, and is recovered at once; a claim whose
lock is held belongs to a live process, and is never taken over however long
its call lasts (`recovery.py`). A random token (not a pid) cannot be reused
by another process.

Lock files of gone processes are removed by whoever finds them free. The
owner checks after locking that its file is still the one at the path (a
finder may have removed it in between), and starts again with a new token
if not, so a live owner always has its file in place.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from pathlib import Path

from smalltown_social.instance import InstanceLock

log = logging.getLogger(__name__)

SUFFIX = ".lock"


def claims_folder(database_path: Path) -> Path:
    return database_path.parent / "claims"


class ClaimOwner:
    """This process's name on its claims, alive while the lock is held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock: InstanceLock | None = None
        self._token = ""

    def token(self) -> str | None:
        """The token to store with a claim; None if no lock could be taken (then only
        the stale-claim time, `STALE_AFTER`, frees the claim)."""
        if self._lock is not None and self._lock.still_at_path():
            return self._token
        self.close()
        for _ in range(3):
            token = uuid.uuid4().hex
            lock = InstanceLock(self.folder / f"{token}{SUFFIX}")
            try:
                acquired = lock.acquire()
            except OSError as error:
                log.warning("claim lock not available in %s: %s", self.folder, error)
                return None
            if acquired and lock.still_at_path():
                self._lock, self._token = lock, token
                # An owner dropped without close() (a test, a discarded outbox) lets go too.
                weakref.finalize(self, lock.release)
                prune(self.folder, keep=token)
                return token
            lock.release()
        return None

    def current(self) -> str | None:
        """The token in use, without taking a lock."""
        return self._token if self._lock is not None else None

    def close(self) -> None:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()
            lock.path.unlink(missing_ok=True)


def prune(folder: Path, *, keep: str) -> None:
    """Remove the lock files of processes that are gone (a normal exit leaves one too)."""
    for path in folder.glob(f"*{SUFFIX}"):
        token = path.name.removesuffix(SUFFIX)
        if token != keep:
            is_gone(folder, token)


def is_gone(folder: Path, token: str) -> bool:
    """True when the process that claimed with `token` no longer runs."""
    if not token.isalnum():
        return False
    path = folder / f"{token}{SUFFIX}"
    if not path.exists():
        return True
    lock = InstanceLock(path)
    try:
        if not lock.acquire():
            return False
    except OSError:
        return False
    lock.release()
    try:
        path.unlink(missing_ok=True)
    except OSError:  # Windows: someone opened it meanwhile; the lock said enough
        log.debug("claim lock %s left in place", path)
    return True
