"""What the inbox poller and the results poller share: when to try again, and their thread.

`retry_time` is the backoff after a network failure (each poller passes its own
first and longest waits). `PollThread` runs a poller's round on a daemon thread,
then sleeps until woken or until the poller's next round is due. No Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from smalltown_social.networks.base import NeedsReconnect, NetworkError, RateLimited, TemporaryError

log = logging.getLogger(__name__)


def retry_time(
    error: NetworkError, failures: int, now: datetime, *, first: timedelta, longest: timedelta
) -> datetime:
    """When to try again after the `failures`-th failure in a row (1 for the first).

    A rate limit waits for the time the network gave (at least `first`); a server that
    said when to come back is believed; a refused key waits `longest` (nothing changes
    until the clerk reconnects); anything else doubles from `first` up to `longest`.
    """
    if isinstance(error, RateLimited):
        return max(error.until, now + first)
    if isinstance(error, TemporaryError) and error.retry_after_s:
        return now + timedelta(seconds=error.retry_after_s)
    if isinstance(error, NeedsReconnect):
        return now + longest
    backoff: timedelta = min(first * (2 ** min(max(failures, 1) - 1, 10)), longest)
    return now + backoff


class PollThread:
    """A daemon thread: `run_round()`, then wait `wait_s()` seconds or until `wake()`."""

    def __init__(
        self, name: str, run_round: Callable[[], object], wait_s: Callable[[], float]
    ) -> None:
        self._name = name
        self._run_round = run_round
        self._wait_s = wait_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._run_round()
            except Exception:  # a round's bug must not end the thread: the next one may work
                log.exception("%s: round failed", self._name)
            self._wake.wait(self._wait_s())
            self._wake.clear()
