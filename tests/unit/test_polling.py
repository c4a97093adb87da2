"""publishing.polling: the backoff and the thread both pollers (inbox, results) run on."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import (
    NeedsReconnect,
    NetworkError,
    RateLimited,
    TemporaryError,
)
from smalltown_social.publishing.polling import PollThread, retry_time

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
FIRST, LONGEST = timedelta(minutes=5), timedelta(hours=12)
WHY = Text("x", "x")


def when(error: NetworkError, failures: int) -> timedelta:
    return retry_time(error, failures, NOW, first=FIRST, longest=LONGEST) - NOW


def test_backoff_doubles_up_to_the_longest_wait() -> None:
    plain = NetworkError(WHY, "offline")
    assert [when(plain, n) for n in (1, 2, 3)] == [FIRST, FIRST * 2, FIRST * 4]
    assert when(plain, 40) == LONGEST


def test_what_the_network_said_is_believed() -> None:
    assert when(RateLimited(WHY, NOW + timedelta(hours=2), "429"), 1) == timedelta(hours=2)
    assert when(RateLimited(WHY, NOW, "429"), 1) == FIRST  # never sooner than `first`
    assert when(TemporaryError(WHY, "503", retry_after_s=90), 3) == timedelta(seconds=90)
    assert when(NeedsReconnect(WHY, "401"), 1) == LONGEST


@pytest.mark.expected_logs(r"test-poller: round failed")
def test_the_thread_survives_a_failing_round_and_wakes_on_demand() -> None:
    rounds: list[int] = []
    second = threading.Event()

    def run_round() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise RuntimeError("a bug in one round")
        second.set()

    loop = PollThread("test-poller", run_round, lambda: 3600.0)
    loop.start()
    loop.start()  # a second start keeps the one thread
    loop.wake()  # without it the next round would wait an hour
    assert second.wait(5)
    loop.stop()
    assert rounds[:2] == [0, 1]
