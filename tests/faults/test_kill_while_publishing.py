"""RELIABILITY.md scenarios 1, 2 and 6 with real processes: SIGKILL and races.

A child process publishes through a fake network whose remote posts live in
their own SQLite file, so they survive the kill. After the kill a restarted
outbox (its clock past the stale-claim time) recovers: each target ends with
exactly one remote post. Two processes sweeping the same backlog never send
one target twice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smalltown_social.core.states import TargetState
from smalltown_social.publishing.outbox import Outbox
from smalltown_social.publishing.recovery import STALE_AFTER
from smalltown_social.storage.database import Database
from tests.publishing.fake_network import FakeAdapter, FakeNetwork
from tests.publishing.world import FakeClock, World, make_world

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("publish_child.py")


def start_child(world: World, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(world.database.path), str(world.network.path), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def restart_after_crash(world: World) -> Outbox:
    """The outbox of a restarted app, its clock past the time a claim goes stale."""
    clock = FakeClock(wall=datetime.now(UTC) + STALE_AFTER + timedelta(seconds=5))
    network = FakeNetwork(world.network.path, clock.now)
    database = Database(world.database.path)
    return Outbox(database, lambda account: FakeAdapter(account, network), clock)


def second_process_much_later(world: World) -> Outbox:
    """Another process's outbox (publish-due beside the window), its clock past the stale time."""
    return restart_after_crash(world)


def real_world(tmp_path: Path, database: Database) -> World:
    return make_world(tmp_path, database, FakeClock(wall=datetime.now(UTC)))


def kill_at(world: World, mode: str, expected: str) -> None:
    child = start_child(world, mode)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith(expected), line
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def test_scenario_1_sigkill_between_claim_and_call_publishes_once_after_restart(
    tmp_path: Path, database: Database
) -> None:
    world = real_world(tmp_path, database)
    (tid,) = world.schedule()
    kill_at(world, "pause_before_call", "claimed")
    assert world.state(tid) is TargetState.PUBLISHING
    assert world.network.posts_per_key() == {}
    restart_after_crash(world).sweep()
    assert world.state(tid) is TargetState.PUBLISHED
    assert world.network.posts_per_key() == {world.target(tid).idempotency_key: 1}


def test_scenario_2_sigkill_between_call_and_record_finds_it_no_second_post(
    tmp_path: Path, database: Database
) -> None:
    world = real_world(tmp_path, database)
    (tid,) = world.schedule()
    kill_at(world, "pause_after_accept", "accepted")
    assert world.state(tid) is TargetState.PUBLISHING
    assert list(world.network.posts_per_key().values()) == [1]
    calls = world.network.publish_calls()
    restart_after_crash(world).sweep()
    target = world.target(tid)
    assert target.state is TargetState.PUBLISHED
    assert world.network.publish_calls() == calls  # found by its key, never sent again
    assert world.network.posts_per_key() == {target.idempotency_key: 1}
    assert target.remote_id is not None


def test_kill_9_at_random_points_while_publishing_a_backlog_sends_each_once(
    tmp_path: Path, database: Database
) -> None:
    world = real_world(tmp_path, database)
    targets = [t for i in range(40) for t in world.schedule(f"Aviso {i}", accounts=("A", "B"))]
    rng = random.Random(4)
    left_publishing: set[int] = set()
    for _ in range(8):
        child = start_child(world, "loop")
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready")
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        assert database.quick_check() == []
        left_publishing.update(
            r["id"] for r in database.query("SELECT id FROM targets WHERE state = 'publishing'")
        )
    assert left_publishing  # the kills did land between a claim and its record
    restart_after_crash(world).sweep()
    assert {world.state(t) for t in targets} == {TargetState.PUBLISHED}
    per_key = world.network.posts_per_key()
    assert len(per_key) == len(targets)
    assert set(per_key.values()) == {1}


def test_scenario_6_two_processes_racing_over_a_backlog_publish_each_target_once(
    tmp_path: Path, database: Database
) -> None:
    world = real_world(tmp_path, database)
    targets = [t for i in range(60) for t in world.schedule(f"Bando {i}", accounts=("A", "B"))]
    children = [start_child(world, "sweep_on_go") for _ in range(2)]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready")
    world.network.path.with_suffix(".go").touch()  # both start sweeping at once
    handled = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        handled.append(sum(1 for line in out.splitlines() if line.startswith("published")))
    assert min(handled) > 0, handled  # both processes really raced
    assert sum(handled) == len(targets)
    assert {world.state(t) for t in targets} == {TargetState.PUBLISHED}
    per_key = world.network.posts_per_key()
    assert len(per_key) == len(targets) and set(per_key.values()) == {1}
    assert world.network.publish_calls() == len(targets)


def test_a_call_longer_than_the_stale_time_is_not_taken_over_while_its_process_lives(
    tmp_path: Path, database: Database
) -> None:
    """A slow call (an Instagram carousel waiting for its containers, a slow line) outlasts
    STALE_AFTER. A second process (publish-due beside the open window) must leave the claim
    alone while its owner is alive and holds its claim lock: recovering it would send the
    post a second time when the slow call ends."""
    world = real_world(tmp_path, database)
    (tid,) = world.schedule()
    slow = start_child(world, "slow_call")
    assert slow.stdout is not None
    assert slow.stdout.readline().startswith("claimed")
    other = second_process_much_later(world)
    result = other.sweep()
    assert result.recovered == 0
    assert world.state(tid) is TargetState.PUBLISHING
    assert world.network.publish_calls() == 0
    world.network.path.with_suffix(".go").touch()  # the slow call ends
    out, _ = slow.communicate(timeout=60)
    assert slow.returncode == 0
    assert f"published {tid}" in out.splitlines()
    other.sweep()
    assert world.state(tid) is TargetState.PUBLISHED
    assert world.network.publish_calls() == 1
    other.close()


@pytest.mark.parametrize(
    ("mode", "said"), [("pause_before_call", "claimed"), ("pause_after_accept", "accepted")]
)
def test_racing_publish_due_with_a_sigkill_mid_call_one_restart_publishes_each_once(
    tmp_path: Path, database: Database, mode: str, said: str
) -> None:
    """Two `publish-due` processes sweep one backlog at once; one is killed in the middle
    of a call. The very next run (no waiting for the claim to go stale) publishes everything
    left, each post exactly once, in one sweep: the killed process's claim lock is free."""
    world = real_world(tmp_path, database)
    targets = [t for i in range(20) for t in world.schedule(f"Bando {i}", accounts=("A", "B"))]
    killed = start_child(world, mode)
    assert killed.stdout is not None
    assert killed.stdout.readline().startswith(said)  # in the middle of its first call
    racer = start_child(world, "sweep")  # sweeps the rest while the first one is stuck
    out, _ = racer.communicate(timeout=120)
    assert racer.returncode == 0
    assert any(line.startswith("published") for line in out.splitlines())
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)
    left = [t for t in targets if world.state(t) is not TargetState.PUBLISHED]
    assert [world.state(t) for t in left] == [TargetState.PUBLISHING]
    restart = start_child(world, "sweep")  # its own clock: the real time, seconds later
    out, _ = restart.communicate(timeout=120)
    assert restart.returncode == 0 and "done" in out
    assert {world.state(t) for t in targets} == {TargetState.PUBLISHED}
    per_key = world.network.posts_per_key()
    assert len(per_key) == len(targets) and set(per_key.values()) == {1}
