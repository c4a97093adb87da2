"""A hypothesis state machine over the outbox (RELIABILITY.md's model check).

Steps: schedule posts (late, due, ahead), let time pass, jump the wall
clock both ways, script the network (accept, refuse with each error class,
time out before or after accepting, crash the process before or after the
call), sweep, wake one target as a date job would, pause, restart, start a
second process while the first hangs in a call (its claim lock held), and let
the clerk settle an unconfirmed or failed target after looking at the network.
A crash is a `SimulatedCrash` escaping the outbox: the database is left as a
kill at that point would leave it, and the outbox restarts with no memory (its
claim lock dropped, as the OS drops a dead process's lock).

Invariants, after every step: never two remote posts for one target, and
every `published` target has its post on the network. At the end, with the
network healthy and the clock past every backoff and stale claim, a last
recovery and sweep leave every due target published, failed, unconfirmed or
missed — never forgotten.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from smalltown_social.core.settings import PAUSED
from smalltown_social.core.states import TargetState
from smalltown_social.publishing.outbox import BACKOFF_MAX, Outbox
from smalltown_social.publishing.recovery import STALE_AFTER
from smalltown_social.publishing.resolution import resolve_target
from smalltown_social.storage.database import Database
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import Resolution
from tests.publishing.fake_network import SimulatedCrash
from tests.publishing.world import World, make_world

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+ (failed|missed)",
    r"outbox: target \d+: outcome unknown",
    r"outbox: target \d+: cannot look before retrying",
    r"recovery: target \d+ unconfirmed",
    r"recovery: target \d+ surely absent and more than \d+ h late",
)

S = TargetState
# The model checks logic, not fsync (the SIGKILL tests check durability): RAM is faster.
FAST_DIR = "/dev/shm" if Path("/dev/shm").is_dir() else None
ENDINGS = {S.PUBLISHED, S.FAILED, S.UNCONFIRMED, S.MISSED}
PUBLISH_ACTIONS = [
    "accept",
    "offline",
    "temporary",
    "rate_limited",
    "reconnect",
    "permanent",
    "timeout_after_accept",
    "timeout_before",
    "temporary_after_accept",
    "crash_before",
    "crash_after",
]


class OutboxMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="outbox-machine-", dir=FAST_DIR))
        self.database: Database = open_database(
            self.directory / "smalltown.db", self.directory / "backups"
        )
        self.world: World = make_world(self.directory, self.database)
        self.outbox: Outbox = self.world.outbox()
        self.targets: list[int] = []
        self.crashes = 0
        self.drafted: set[int] = set()
        self.hung: list[Outbox] = []  # processes stuck in a call: their claim locks stay held
        self.went_back = 0  # seconds the wall clock was set back, in total

    # --- the clerk -------------------------------------------------------------------

    @rule(
        offset_min=st.integers(min_value=-600, max_value=90),
        accounts=st.sampled_from([("A",), ("A", "B"), ("B", "C")]),
    )
    def schedule(self, offset_min: int, accounts: tuple[str, ...]) -> None:
        at = self.world.clock.now() + timedelta(minutes=offset_min)
        self.targets += self.world.schedule(f"Aviso {len(self.targets)}", at=at, accounts=accounts)

    @precondition(lambda self: bool(self.targets))
    @rule(data=st.data(), give_up=st.booleans())
    def clerk_settles(self, data: st.DataObject, give_up: bool) -> None:
        """The clerk looks on the network for an unconfirmed or failed target and says so."""
        waiting = [t for t in self.targets if self.world.state(t) in (S.UNCONFIRMED, S.FAILED)]
        if not waiting:
            return
        target = self.world.target(data.draw(st.sampled_from(waiting)))
        assert target.id is not None
        there = self.world.network.posts_per_key().get(target.idempotency_key, 0) > 0
        if give_up and not there:
            resolution = Resolution.ABANDON
        else:
            resolution = Resolution.PUBLISHED if there else Resolution.NOT_PUBLISHED
        ends = resolve_target(self.database, self.world.clock.now(), target.id, resolution)
        if ends is S.DRAFT:
            self.drafted.add(target.id)  # too late to send: the clerk picks a new time

    @rule(paused=st.booleans())
    def pause(self, paused: bool) -> None:
        SettingsRepository(self.database).set(PAUSED, paused)

    # --- time --------------------------------------------------------------------------

    # Around the limits that matter: the recheck minute, a stale claim (10 min),
    # the idempotency hour, the backoff cap, the lateness rule (6 h).
    @rule(seconds=st.sampled_from([1, 30, 61, 301, 601, 1800, 3601, 3 * 3600, 7 * 3600]))
    def tick(self, seconds: int) -> None:
        self.world.clock.advance(seconds)

    @rule(seconds=st.sampled_from([-7200, -3601, -601, -61, 61, 601, 3601, 7200]))
    def clock_jump(self, seconds: int) -> None:
        self.world.clock.jump(seconds)
        self.went_back += max(-seconds, 0)

    # --- the network -----------------------------------------------------------------------

    @rule(actions=st.lists(st.sampled_from(PUBLISH_ACTIONS), min_size=1, max_size=4))
    def network_will(self, actions: list[str]) -> None:
        self.world.network.script(*actions)

    @rule(action=st.sampled_from(["answer", "offline", "unknown"]))
    def lookup_will(self, action: str) -> None:
        self.world.network.script_find(action)

    # --- the outbox ----------------------------------------------------------------------------

    @rule()
    def sweep(self) -> None:
        try:
            self.outbox.sweep()
        except SimulatedCrash:
            self.restart()

    @precondition(lambda self: bool(self.targets))
    @rule(data=st.data())
    def date_job(self, data: st.DataObject) -> None:
        target_id = data.draw(st.sampled_from(self.targets))
        try:
            self.outbox.process(target_id)
        except SimulatedCrash:
            self.restart()

    @rule()
    def restart(self) -> None:
        """A new process: the outbox remembers nothing but what SQLite holds."""
        self.crashes += 1
        self.outbox.close()  # the old process is gone: the OS has dropped its claim lock
        self.database.close()
        self.database = Database(self.database.path)
        self.world.database = self.database
        self.outbox = self.world.outbox()

    @rule()
    def another_process_while_this_one_hangs(self) -> None:
        """A second process starts while the first is stuck (alive, its claim lock held)."""
        self.hung.append(self.outbox)
        self.outbox = self.world.outbox()

    # --- what must always hold -----------------------------------------------------------------

    @invariant()
    def never_two_remote_posts_for_one_target(self) -> None:
        per_key = self.world.network.posts_per_key()
        assert all(n == 1 for n in per_key.values()), per_key

    @invariant()
    def published_means_on_the_network(self) -> None:
        per_key = self.world.network.posts_per_key()
        for target_id in self.targets:
            target = self.world.target(target_id)
            if target.state is S.PUBLISHED:
                assert per_key.get(target.idempotency_key) == 1, target

    def teardown(self) -> None:
        try:
            self.settle()
        finally:
            self.database.close()
            shutil.rmtree(self.directory, ignore_errors=True)

    def settle(self) -> None:
        """Healthy network, clock past every backoff and stale claim: nothing is forgotten.

        Time set back delays retries by as much (a retry time is a wall-clock
        time), so the clock moves on by that much more.
        """
        self.world.network.clear_script()
        SettingsRepository(self.database).set(PAUSED, False)
        for hung in self.hung:
            hung.close()
        self.restart()
        # Past every backoff and stale claim, also those set before the clock went back.
        wait = (STALE_AFTER + BACKOFF_MAX).total_seconds() + 60 + self.went_back
        self.world.clock.advance(wait)
        for _ in range(3):
            self.outbox.sweep()
        now = self.world.clock.now()
        for target_id in self.targets:
            target = self.world.target(target_id)
            assert target.due_utc is not None
            if target.due_utc <= now:
                ends = ENDINGS | ({S.DRAFT} if target_id in self.drafted else set())
                assert target.state in ends, target
        self.never_two_remote_posts_for_one_target()
        self.published_means_on_the_network()


OutboxMachine.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestOutboxMachine = OutboxMachine.TestCase
