"""Reading back counts: slots, gone posts, networks without counts, failures and backoff.

A real SQLite file; the adapter is a fake at our boundary that answers as the
`Adapter.metrics` protocol says (a post absent from the answer is gone).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.results import Theme
from smalltown_social.core.settings import RESULTS_MAX_AGE_DAYS
from smalltown_social.networks.base import (
    Adapter,
    Capabilities,
    Metrics,
    NetworkError,
    Offline,
    RateLimited,
)
from smalltown_social.publishing.results_sync import ResultsPoller, ResultsReport, ResultsSync
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.metrics_repo import MetricsRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.results_query import ResultsQuery
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.timefmt import to_db

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@dataclass
class Remote:
    """What the fake network holds: counts per remote id, and what it does next."""

    counts: dict[str, Metrics] = field(default_factory=dict)
    gives_counts: bool = True
    fail_with: NetworkError | None = None
    calls: list[list[str]] = field(default_factory=list)


class CountingAdapter:
    def __init__(self, account: Account, remote: Remote) -> None:
        self.account = account
        self._remote = remote

    def capabilities(self) -> Capabilities:
        return Capabilities.of(self.account.network, metrics=self._remote.gives_counts)

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        self._remote.calls.append(list(remote_ids))
        if self._remote.fail_with is not None:
            raise self._remote.fail_with
        return {i: self._remote.counts[i] for i in remote_ids if i in self._remote.counts}

    def close(self) -> None:
        pass


class World:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.accounts = AccountsRepository(database)
        self.posts = PostsRepository(database)
        self.settings = SettingsRepository(database)
        self.remotes: dict[int, Remote] = {}
        self.sync = ResultsSync(
            MetricsRepository(database), self.accounts, self.adapter, self.settings
        )
        self.query = ResultsQuery(database)

    def adapter(self, account: Account) -> Adapter:
        return CountingAdapter(account, self.remotes[account.id])  # type: ignore[return-value]

    def account(self, network: Network, name: str) -> Account:
        account = self.accounts.add(network, name, handle=name)
        self.remotes[account.id] = Remote()
        return account

    def published(
        self,
        account: Account,
        remote_id: str,
        at: datetime,
        text: str = "Corte de agua el martes en la calle Mayor de 8:00 a 12:00.",
        content_type: str | None = "urgent",
    ) -> int:
        post = self.posts.save(Post(text=text, content_type=content_type))
        assert post.id is not None
        target = self.posts.add_target(Target(post.id, account.id))
        with self.database.write() as conn:
            conn.execute(
                "UPDATE targets SET state = 'published', remote_id = ?, remote_url = ?, "
                "published_utc = ? WHERE id = ?",
                (remote_id, f"https://example.test/{remote_id}", to_db(at), target.id),
            )
        assert target.id is not None
        return target.id

    def slots(self, target_id: int) -> dict[str, tuple[int, int, int, int]]:
        rows = self.database.query(
            "SELECT slot, likes, reposts, replies, quotes FROM metric_snapshots "
            "WHERE target_id = ?",
            (target_id,),
        )
        return {r["slot"]: (r["likes"], r["reposts"], r["replies"], r["quotes"]) for r in rows}

    def state(self, target_id: int) -> dict[str, object]:
        [row] = self.database.query("SELECT * FROM metric_state WHERE target_id = ?", (target_id,))
        return dict(row)


@pytest.fixture
def world(database: Database) -> World:
    return World(database)


def test_slots_fill_at_one_hour_one_day_and_seven_days_and_the_latest_follows(
    world: World,
) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "101", T0)
    remote = world.remotes[account.id]
    for hours, likes in ((1.1, 1), (5, 2), (25, 3), (30, 4), (7 * 24 + 1, 5), (10 * 24, 6)):
        remote.counts["101"] = Metrics(likes=likes, reposts=likes // 2)
        world.sync.sync(T0 + timedelta(hours=hours), force=True)
    slots = world.slots(target)
    assert slots["1h"] == (1, 0, 0, 0)  # the first reading after an hour, not the later ones
    assert slots["1d"] == (3, 1, 0, 0)
    assert slots["7d"] == (5, 2, 0, 0)
    assert slots["latest"] == (6, 3, 0, 0)
    [row] = world.query.rows(*EVER)
    assert row.counts is not None and (row.counts.likes, row.counts.shares) == (6, 3)
    assert row.theme is Theme.SERVICE


def test_offline_for_days_leaves_the_early_slots_empty_rather_than_mislabelled(
    world: World,
) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "7", T0)
    world.remotes[account.id].counts["7"] = Metrics(likes=9)
    world.sync.sync(T0 + timedelta(days=3))
    assert set(world.slots(target)) == {"latest"}  # 1h and 1d were never seen
    world.sync.sync(T0 + timedelta(days=8))
    assert set(world.slots(target)) == {"latest", "7d"}


def test_only_due_posts_are_read_and_nothing_older_than_the_setting(world: World) -> None:
    account = world.account(Network.BLUESKY, "ayto.test")
    remote = world.remotes[account.id]
    world.published(account, "young", T0)
    world.published(account, "old", T0 - timedelta(days=31))
    remote.counts = {"young": Metrics(likes=1), "old": Metrics(likes=1)}
    world.sync.sync(T0 + timedelta(minutes=70))
    assert remote.calls == [["young"]]  # 31 days old: never asked for
    world.sync.sync(T0 + timedelta(minutes=80))
    assert len(remote.calls) == 1  # not due again so soon
    world.sync.sync(T0 + timedelta(hours=7, minutes=11))
    assert len(remote.calls) == 2  # the latest is refreshed every six hours
    world.settings.set(RESULTS_MAX_AGE_DAYS, 60)
    world.sync.sync(T0 + timedelta(hours=8), force=True)
    assert sorted(remote.calls[-1]) == ["old", "young"]


def test_a_post_deleted_on_the_network_is_marked_gone_and_keeps_its_history(
    world: World,
) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "55", T0)
    remote = world.remotes[account.id]
    remote.counts["55"] = Metrics(likes=4, reposts=2, replies=1)
    world.sync.sync(T0 + timedelta(hours=2))
    del remote.counts["55"]
    report = world.sync.sync(T0 + timedelta(days=2))
    assert report.accounts[0].gone == 1
    assert world.state(target)["gone_utc"] is not None
    assert world.slots(target)["latest"] == (4, 2, 1, 0)  # the last figures stay
    [row] = world.query.rows(*EVER)
    assert row.gone_utc is not None and row.counts is not None and row.counts.likes == 4
    calls = len(remote.calls)
    world.sync.sync(T0 + timedelta(days=3), force=True)
    assert len(remote.calls) == calls  # never asked again
    kinds = [r["kind"] for r in world.database.query("SELECT kind FROM events")]
    assert "metrics_post_gone" in kinds


def test_a_network_without_counts_says_so_and_is_not_marked_gone(world: World) -> None:
    account = world.account(Network.TELEGRAM, "canal")
    target = world.published(account, "-100:5", T0)
    world.remotes[account.id].gives_counts = False
    report = world.sync.sync(T0 + timedelta(hours=2))
    assert report.accounts[0].no_counts == 1 and report.accounts[0].gone == 0
    assert world.remotes[account.id].calls == []
    state = world.state(target)
    assert state["unavailable"] == "no_counts" and state["gone_utc"] is None
    [row] = world.query.rows(*EVER)
    assert row.counts is None and row.unavailable == "no_counts"


def test_missing_permissions_are_named_and_the_other_counts_kept(world: World) -> None:
    account = world.account(Network.FACEBOOK, "pagina")
    target = world.published(account, "1_2", T0)
    world.remotes[account.id].counts["1_2"] = Metrics(
        likes=3, reposts=1, replies=2, missing_permissions=("read_insights",)
    )
    report = world.sync.sync(T0 + timedelta(hours=2))
    assert report.accounts[0].missing_permissions == ("read_insights",)
    assert world.slots(target)["latest"] == (3, 1, 2, 0)
    [row] = world.query.rows(*EVER)
    assert row.missing_permissions == ("read_insights",)


def test_failures_back_off_per_account_without_holding_back_the_others(world: World) -> None:
    down = world.account(Network.MASTODON, "caido")
    up = world.account(Network.BLUESKY, "bien.test")
    world.published(down, "1", T0)
    world.published(up, "at://x/1", T0)
    world.remotes[down.id].fail_with = Offline(Text("sin red", "offline"))
    world.remotes[up.id].counts["at://x/1"] = Metrics(likes=2)
    report = world.sync.sync(T0 + timedelta(hours=2))
    assert [o.error is not None for o in report.accounts] == [True, False]
    assert report.read == 1
    # backoff grows: 5 min, then 10 min
    world.sync.sync(T0 + timedelta(hours=2, minutes=4))
    assert len(world.remotes[down.id].calls) == 1
    world.sync.sync(T0 + timedelta(hours=2, minutes=6))
    assert len(world.remotes[down.id].calls) == 2
    world.sync.sync(T0 + timedelta(hours=2, minutes=14))
    assert len(world.remotes[down.id].calls) == 2
    world.sync.sync(T0 + timedelta(hours=2, minutes=17))
    assert len(world.remotes[down.id].calls) == 3


def test_a_rate_limit_waits_until_the_network_says(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    world.published(account, "1", T0)
    remote = world.remotes[account.id]
    until = T0 + timedelta(hours=3)
    remote.fail_with = RateLimited(Text("espere", "wait"), until)
    world.sync.sync(T0 + timedelta(hours=2))
    remote.fail_with = None
    remote.counts["1"] = Metrics(likes=1)
    world.sync.sync(T0 + timedelta(hours=2, minutes=30))
    assert len(remote.calls) == 1
    world.sync.sync(until)
    assert len(remote.calls) == 2


def test_a_clock_set_back_does_not_stop_the_readings(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    world.published(account, "1", T0)
    remote = world.remotes[account.id]
    remote.counts["1"] = Metrics(likes=1)
    world.sync.sync(T0 + timedelta(days=5))  # the clock ran days ahead
    world.sync.sync(T0 + timedelta(hours=2))  # and was set right
    assert len(remote.calls) == 2


def test_more_than_a_round_waits_for_the_next_one(database: Database) -> None:
    world = World(database)
    world.sync = ResultsSync(
        MetricsRepository(database), world.accounts, world.adapter, world.settings, max_per_round=3
    )
    account = world.account(Network.MASTODON, "ayto")
    for n in range(5):
        world.published(account, str(n), T0 + timedelta(minutes=n))
        world.remotes[account.id].counts[str(n)] = Metrics()
    report = world.sync.sync(T0 + timedelta(hours=2))
    assert (report.read, report.accounts[0].waiting) == (3, 2)
    assert world.sync.sync(T0 + timedelta(hours=2, minutes=1)).read == 2


def test_institutional_self_promotion_is_told_apart(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(
        account,
        "9",
        T0,
        text="El alcalde inaugura la nueva rotonda gracias al esfuerzo del equipo de gobierno.",
        content_type=None,
    )
    world.remotes[account.id].counts["9"] = Metrics()
    world.sync.sync(T0 + timedelta(hours=2))
    assert world.state(target)["theme"] == "institutional"


def test_reading_counts_holds_no_lock_while_the_network_answers(world: World) -> None:
    """Publishing must never wait for a slow network's counts: no transaction spans the call."""
    account = world.account(Network.MASTODON, "ayto")
    world.published(account, "1", T0)
    remote = world.remotes[account.id]
    remote.counts["1"] = Metrics(likes=3)
    entered = threading.Event()
    release = threading.Event()

    class Slow(CountingAdapter):
        def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
            entered.set()
            release.wait(10)
            return super().metrics(remote_ids)

    world.adapter = lambda a: Slow(a, world.remotes[a.id])  # type: ignore[method-assign, assignment, return-value]
    world.sync = ResultsSync(
        MetricsRepository(world.database), world.accounts, world.adapter, world.settings
    )
    worker = threading.Thread(target=lambda: world.sync.sync(T0 + timedelta(hours=2)))
    worker.start()
    try:
        assert entered.wait(5)
        other = sqlite3.connect(world.database.path, timeout=0.2, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # what the outbox does to record a post
        other.execute("UPDATE targets SET attempts = attempts + 1")
        other.execute("COMMIT")
        other.close()
    finally:
        release.set()
        worker.join(10)
    assert world.slots(1)["latest"] == (3, 0, 0, 0)


def test_the_poller_reads_in_its_thread_and_reads_everything_when_woken(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    world.published(account, "1", T0)
    remote = world.remotes[account.id]
    remote.counts["1"] = Metrics(likes=1)
    now = [T0 + timedelta(hours=2)]
    rounds: list[ResultsReport] = []
    done = threading.Event()

    def heard(report: ResultsReport) -> None:
        rounds.append(report)
        done.set()

    poller = ResultsPoller(world.sync, clock=lambda: now[0], on_done=heard)
    poller.start()
    try:
        assert done.wait(5) and rounds[0].read == 1
        done.clear()
        now[0] += timedelta(minutes=1)  # nothing is due again yet, but the clerk asks
        poller.wake()
        assert done.wait(5) and rounds[-1].read == 1
    finally:
        poller.stop()
    assert len(remote.calls) == 2
