"""The publisher's APScheduler wiring, with a real BackgroundScheduler and real time.

Nothing here sleeps: the tests wait on conditions the publisher's own threads
signal (a report, a finished sweep), with a timeout only as a safety net.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from smalltown_social.core.states import TargetState
from smalltown_social.publishing.clock import SystemClock
from smalltown_social.publishing.scheduler import JOB_PREFIX, Publisher
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.database import Database
from tests.publishing.world import FakeClock, World, make_world


class Recorder:
    """The outbox's reports, which the scheduler's threads deliver; tests wait on them."""

    def __init__(self) -> None:
        self.published: list[int] = []
        self._changed = threading.Condition()

    def on_published(self, target_id: int) -> None:
        with self._changed:
            self.published.append(target_id)
            self._changed.notify_all()

    def wait_published(self, expected: list[int], timeout: float = 10.0) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: sorted(self.published) == sorted(expected), timeout
            )

    def on_failed(self, target_id: int, reason: str) -> None:
        pass

    def on_unconfirmed(self, target_id: int) -> None:
        pass


class RealClock(SystemClock):
    pass


class SignallingPublisher(Publisher):
    """A publisher that says when a sweep (the start-up one included) has finished."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.swept = threading.Event()

    def sweep(self) -> None:
        super().sweep()
        self.swept.set()


@pytest.fixture
def live(tmp_path: Path, database: Database) -> World:
    world = make_world(tmp_path, database, FakeClock(wall=datetime.now(UTC)))
    world.clock = RealClock()  # type: ignore[assignment]
    world.network.now = world.clock.now
    return world


@pytest.fixture
def publisher_of() -> Iterator[Callable[[World, Recorder], SignallingPublisher]]:
    made: list[Publisher] = []

    def make(world: World, reports: Recorder) -> SignallingPublisher:
        publisher = SignallingPublisher(world.outbox(reports=reports), sweep_seconds=3600)
        made.append(publisher)
        return publisher

    yield make
    for publisher in made:
        publisher.stop()


def test_start_sweeps_the_backlog_at_once(
    live: World, publisher_of: Callable[[World, Recorder], SignallingPublisher]
) -> None:
    late = live.schedule(at=datetime.now(UTC) - timedelta(minutes=30), accounts=("A", "B"))
    reports = Recorder()
    publisher_of(live, reports).start()
    assert reports.wait_published(late)
    assert {live.state(t) for t in late} == {TargetState.PUBLISHED}


def test_a_date_job_wakes_the_outbox_at_the_due_time(
    live: World, publisher_of: Callable[[World, Recorder], SignallingPublisher]
) -> None:
    due = datetime.now(UTC) + timedelta(seconds=1.5)
    (tid,) = live.schedule(at=due)
    reports = Recorder()
    publisher = publisher_of(live, reports)
    publisher.start()
    assert publisher._scheduler is not None
    job = publisher._scheduler.get_job(f"{JOB_PREFIX}{tid}")
    assert job is not None
    assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (None, True, 1)
    assert job.args == (tid,)  # only the target id: never a token or a text
    assert reports.wait_published([tid])
    published_at = datetime.now(UTC)
    assert published_at >= due.replace(microsecond=0)
    assert published_at - due < timedelta(seconds=5)  # the hourly sweep did not do it


def test_reschedule_follows_a_move_in_the_calendar(
    live: World, publisher_of: Callable[[World, Recorder], SignallingPublisher]
) -> None:
    due = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    (tid,) = live.schedule(at=due)
    publisher = publisher_of(live, Recorder())
    publisher.start()
    later = due + timedelta(hours=2)
    CalendarRepository(live.database).reschedule(live.target(tid).post_id, due, later)
    publisher.reschedule()
    assert publisher._scheduler is not None
    job = publisher._scheduler.get_job(f"{JOB_PREFIX}{tid}")
    assert job is not None and job.next_run_time == later


def test_a_clock_jump_is_told_from_a_normal_minute(tmp_path: Path, database: Database) -> None:
    world = make_world(tmp_path, database)
    publisher = Publisher(world.outbox())
    assert not publisher.jumped()  # first look
    world.clock.advance(60)
    assert not publisher.jumped()
    world.clock.jump(3 * 3600)  # the PC slept three hours
    assert publisher.jumped()
    world.clock.advance(60)
    assert not publisher.jumped()
    world.clock.jump(-3600)  # the clock was set back
    assert publisher.jumped()


@pytest.mark.expected_logs(r"scheduler: the wall clock jumped")
def test_the_sweep_after_a_sleep_rebuilds_the_wake_ups(tmp_path: Path, database: Database) -> None:
    world = make_world(tmp_path, database)
    publisher = Publisher(world.outbox())
    publisher.sweep()
    world.clock.jump(2 * 3600)
    publisher.sweep()
    assert publisher.jumps == 1


def test_a_nudge_sends_a_post_scheduled_for_now_without_waiting_for_the_sweep(
    live: World, publisher_of: Callable[[World, Recorder], SignallingPublisher]
) -> None:
    reports = Recorder()
    publisher = publisher_of(live, reports)
    publisher.start()
    assert publisher.swept.wait(10)  # the start-up sweep has run; the next one is an hour away
    (tid,) = live.schedule(at=datetime.now(UTC))
    publisher.nudge()
    assert reports.wait_published([tid], timeout=5)
