"""File writes, replaces and deletes that wait a moment for a file another program holds.

On Windows an antivirus scanner (or a backup or indexing tool) opens a file
just written to look at it. Until it lets go, replacing, deleting or opening
that file for writing fails with a PermissionError: a sharing violation
(winerror 32), a lock violation (33), or "access denied" (5), which is what
replacing or deleting a file opened without delete sharing gives. Those are
tried again a few times with a short, growing pause (under a second in all);
any other error, and a PermissionError without such a code (a read-only
folder, or any PermissionError off Windows), is raised at once.

SQLite retries its own files the same way (its Windows layer waits on such
errors), so this is for the files we write ourselves: backups, exports.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
HELD_WINERRORS = frozenset({5, 32, 33})
PAUSES = (0.05, 0.1, 0.2, 0.4)  # seconds before each new try: 0.75 s at most in all


def held_by_another_program(error: BaseException) -> bool:
    """Whether `error` is Windows refusing because another program has the file open."""
    return isinstance(error, PermissionError) and (
        getattr(error, "winerror", None) in HELD_WINERRORS
    )


def wait(seconds: float) -> None:
    time.sleep(seconds)


def retry_while_held(
    operation: Callable[[], T],
    what: str,
    *,
    pauses: Sequence[float] = PAUSES,
    sleep: Callable[[float], None] | None = None,
) -> T:
    """`operation()`, tried again after each pause while another program holds its file."""
    pause_for = sleep or wait
    for pause in pauses:
        try:
            return operation()
        except PermissionError as error:
            if not held_by_another_program(error):
                raise
            log.info("%s: held by another program, trying again in %.2f s", what, pause)
            pause_for(pause)
    return operation()


def write_bytes(path: Path, data: bytes) -> None:
    retry_while_held(lambda: path.write_bytes(data), f"writing {path.name}")


def replace(source: Path, target: Path) -> None:
    retry_while_held(lambda: source.replace(target), f"replacing {target.name}")


def unlink(path: Path) -> None:
    retry_while_held(lambda: path.unlink(missing_ok=True), f"deleting {path.name}")
