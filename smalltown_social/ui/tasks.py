"""The one way to work off the GUI thread.

`run_in_background(fn, on_done, on_error)` runs `fn` on a QThreadPool and
delivers the result (or the exception) on the GUI thread through a queued
signal. Workers never touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Signals: done(object) with the result, failed(object) with the exception."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


class TaskRunner(QObject):
    """Owns the thread pool; keeps relays alive until their job reports back."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        self._relays: set[_Relay] = set()
        self._closed = False

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        # Not a child of the runner: `_relays` keeps it alive until its job reports back,
        # and a runner deleted first does not take pending relays with it.
        relay = _Relay()
        self._relays.add(relay)

        def finish(result: object) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if on_done is not None and not self._closed:
                _deliver(on_done, result)

        def fail(error: object) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if self._closed:
                log.debug("background task failed after shutdown", exc_info=error)  # type: ignore[arg-type]
            elif on_error is not None and isinstance(error, Exception):
                _deliver(on_error, error)
            else:
                log.error("background task failed", exc_info=error)  # type: ignore[arg-type]

        relay.done.connect(finish)
        relay.failed.connect(fail)
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every job finished (shutdown and tests only)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Wait for every job, then drop the results not delivered yet (their widgets are going)."""
        self._closed = True
        return self.wait(msecs)


def _deliver(callback: Callable[[Any], None], value: object) -> None:
    """Hand a result over; one whose widget was deleted meanwhile is dropped, not a crash."""
    try:
        callback(value)
    except RuntimeError as error:
        if "already deleted" not in str(error):
            raise
        log.debug("a background result arrived after its widget was deleted; dropped")
