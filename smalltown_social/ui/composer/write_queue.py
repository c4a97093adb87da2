"""Database writes of the composer, one at a time, off the GUI thread.

An autosave still running when the clerk presses "Schedule" must not race it
(two inserts of the same new post). Jobs are *built* only when their turn
comes, so a later job sees the post id an earlier one assigned.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from smalltown_social.ui.tasks import TaskRunner

Job = Callable[[], Any]


class WriteQueue(QObject):
    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pending: deque[
            tuple[Callable[[], Job | None], Callable[[Any], None], Callable[[Exception], None]]
        ] = deque()
        self.busy = False

    def submit(
        self,
        make_job: Callable[[], Job | None],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Queue a job; `make_job` runs on the GUI thread when its turn comes (None = skip)."""
        self._pending.append((make_job, on_done, on_error))
        if not self.busy:
            self._next()

    def _next(self) -> None:
        while self._pending:
            make_job, on_done, on_error = self._pending.popleft()
            job = make_job()
            if job is None:
                continue
            self.busy = True

            def done(result: object, callback: Callable[[Any], None] = on_done) -> None:
                self.busy = False
                callback(result)
                self._next()

            def failed(error: Exception, callback: Callable[[Exception], None] = on_error) -> None:
                self.busy = False
                callback(error)
                self._next()

            self._tasks.run_in_background(job, done, failed)
            return

    def run_in_background(
        self,
        fn: Job,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """`fn` off the GUI thread after the writes queued before it (`TaskRunner`'s shape)."""
        self.submit(lambda: fn, on_done or _ignore, on_error or _raise)

    @property
    def idle(self) -> bool:
        return not self.busy and not self._pending


def _ignore(_result: object) -> None:
    pass


def _raise(error: Exception) -> None:
    raise error
