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
    Content,
    Metrics,
    NetworkError,
    Offline,
    Published,
    RateLimited,
)
from smalltown_social.publishing.results_sync import ResultsPoller, ResultsReport, ResultsSync
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
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
    # Handed-over posts: the scheduled copies still waiting, the posts out by their text.
    scheduled: dict[str, str] = field(default_factory=dict)  # text -> scheduled id
    out: dict[str, Published] = field(default_factory=dict)  # text -> the post
    keeps_scheduled_id: bool = False  # Facebook: the scheduled id is the post's
    finds: list[tuple[str, datetime, frozenset[str]]] = field(default_factory=list)


class CountingAdapter:
    def __init__(self, account: Account, remote: Remote) -> None:
        self.account = account
        self._remote = remote

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            self.account.network,
            metrics=self._remote.gives_counts,
            scheduled_id_is_post_id=self._remote.keeps_scheduled_id,
        )

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        """As `Adapter.find` says: a scheduled copy first (when asked), then a post since."""
        self._remote.finds.append((content.text, since, exclude))
        if content.scheduled_utc is not None and content.text in self._remote.scheduled:
            return Published(self._remote.scheduled[content.text], None, scheduled_on_server=True)
        post = self._remote.out.get(content.text)
        return None if post is None or post.remote_id in exclude else post

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
        self.sync = ResultsSync(database, self.accounts, self.adapter, self.settings)
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


def test_offline_for_days_marks_nothing_gone_and_reads_again_when_back(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "7", T0)
    remote = world.remotes[account.id]
    remote.fail_with = Offline(Text("sin conexión", "offline"))
    for minutes in range(30, 6 * 24 * 60, 15):  # six days of the poller's rounds, offline
        world.sync.sync(T0 + timedelta(minutes=minutes))
    tries = len(remote.calls)
    assert 6 <= tries <= 30  # backing off (5 min doubling, at most 12 h), not every round
    assert world.state(target)["gone_utc"] is None and world.slots(target) == {}
    remote.fail_with = None
    remote.counts["7"] = Metrics(likes=5, reposts=1)
    back = T0 + timedelta(days=6)
    for minutes in range(0, 3 * 24 * 60, 15):  # the connection is back
        world.sync.sync(back + timedelta(minutes=minutes))
    ages = snapshot_ages(world, target, T0)
    assert set(ages) == {"7d", "latest"}  # 1 h and 1 day were never seen: left empty
    assert timedelta(days=7) <= ages["7d"] < timedelta(days=9)
    state = world.state(target)
    assert state["failures"] == 0 and state["last_error"] is None


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


def snapshot_ages(world: World, target_id: int, published: datetime) -> dict[str, timedelta]:
    rows = world.database.query(
        "SELECT slot, taken_utc FROM metric_snapshots WHERE target_id = ?", (target_id,)
    )
    return {r["slot"]: datetime.fromisoformat(r["taken_utc"]) - published for r in rows}


def test_a_clock_set_days_forward_then_back_fills_every_slot_once_at_its_age(
    world: World,
) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "1", T0)
    remote = world.remotes[account.id]
    remote.counts["1"] = Metrics(likes=1)
    world.sync.sync(T0 + timedelta(days=8))  # the PC's clock runs 8 days ahead two hours in
    remote.counts["1"] = Metrics(likes=2)
    world.sync.sync(T0 + timedelta(hours=2))  # and is set right
    remote.counts["1"] = Metrics(likes=3)
    for hours in range(3, 24 * 10, 1):  # then the poller's rounds, hour by hour
        world.sync.sync(T0 + timedelta(hours=hours))
        if hours == 30:
            remote.counts["1"] = Metrics(likes=4)
    ages = snapshot_ages(world, target, T0)
    assert set(ages) == {"1h", "1d", "7d", "latest"}  # one row each, none skipped
    assert timedelta(hours=1) <= ages["1h"] < timedelta(hours=3)
    assert timedelta(days=1) <= ages["1d"] < timedelta(days=2)
    assert timedelta(days=7) <= ages["7d"] < timedelta(days=9)  # not the ahead clock's reading
    assert world.slots(target)["1h"] == (2, 0, 0, 0)
    assert world.slots(target)["7d"] == (4, 0, 0, 0)


def test_a_clock_set_forward_by_hours_then_back_does_not_skip_the_hour_slot(
    world: World,
) -> None:
    """Less than a day ahead: the next reading it planned is not far enough to look wrong."""
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "1", T0)
    world.remotes[account.id].counts["1"] = Metrics(likes=1)
    world.sync.sync(T0 + timedelta(hours=20))  # 20 h ahead, 30 min after publication
    for minutes in range(45, 4 * 60, 15):  # set right; the poller's rounds
        world.sync.sync(T0 + timedelta(minutes=minutes))
    ages = snapshot_ages(world, target, T0)
    assert "1h" in ages and timedelta(hours=1) <= ages["1h"] < timedelta(hours=3)


def test_a_clock_behind_the_network_stores_no_reading_before_the_publication(
    world: World,
) -> None:
    account = world.account(Network.MASTODON, "ayto")
    target = world.published(account, "1", T0)  # the network's own time of publication
    remote = world.remotes[account.id]
    remote.counts["1"] = Metrics(likes=1)
    world.sync.sync(T0 - timedelta(hours=3), force=True)  # the PC is three hours behind
    assert snapshot_ages(world, target, T0) == {}
    world.sync.sync(T0 + timedelta(hours=1, minutes=10))
    ages = snapshot_ages(world, target, T0)
    assert set(ages) == {"1h", "latest"} and all(age >= timedelta(0) for age in ages.values())


def test_wild_clocks_never_hold_the_database(world: World) -> None:
    """A clock years off still reads, records and lets publishing write at once."""
    account = world.account(Network.MASTODON, "ayto")
    world.published(account, "1", T0)
    world.remotes[account.id].counts["1"] = Metrics(likes=1)
    for now in (T0 + timedelta(days=3650), datetime(1990, 1, 1, tzinfo=UTC), T0):
        world.sync.sync(now, force=True)
        other = sqlite3.connect(world.database.path, timeout=0.2, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # what the outbox does to record a post
        other.execute("COMMIT")
        other.close()
    assert world.slots(1)["latest"] == (1, 0, 0, 0)


def test_more_than_a_round_waits_for_the_next_one(database: Database) -> None:
    world = World(database)
    world.sync = ResultsSync(
        database, world.accounts, world.adapter, world.settings, max_per_round=3
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
    world.sync = ResultsSync(world.database, world.accounts, world.adapter, world.settings)
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


def handed_over(world: World, account: Account, scheduled_id: str, due: datetime, text: str) -> int:
    target = world.published(account, scheduled_id, due, text=text)
    with world.database.write() as conn:
        conn.execute("UPDATE targets SET on_server = 1, remote_url = NULL WHERE id = ?", (target,))
    return target


def test_a_post_handed_to_the_network_s_scheduler_is_not_read_before_it_goes_out(
    world: World,
) -> None:
    """Regression: its scheduled id was read as a post id and the post marked gone."""
    account = world.account(Network.MASTODON, "ayto")
    text = "Mañana a las 10:00, pleno ordinario en el salón de actos."
    due = T0 + timedelta(days=2)
    handed_over(world, account, "sched-1", due, text)
    remote = world.remotes[account.id]
    remote.scheduled[text] = "sched-1"
    world.sync.sync(T0, force=True)
    world.sync.sync(T0 + timedelta(hours=2))
    assert remote.calls == [] and remote.finds == []  # nothing to read yet: it is not out
    gone = world.database.scalar("SELECT count(*) FROM metric_state WHERE gone_utc IS NOT NULL")
    assert gone == 0


def test_a_handed_over_post_is_read_under_its_own_id_once_it_went_out(world: World) -> None:
    """Mastodon gives the post another id than its scheduled copy: found by text, then read."""
    account = world.account(Network.MASTODON, "ayto")
    text = "Mañana a las 10:00, pleno ordinario en el salón de actos."
    due = T0 + timedelta(days=2)
    target = handed_over(world, account, "sched-1", due, text)
    other = world.published(account, "111", T0 - timedelta(days=1), text=text)  # same text, older
    remote = world.remotes[account.id]
    remote.scheduled[text] = "sched-1"
    remote.counts["111"] = Metrics(likes=1)
    # Its time came but the network has not sent it yet: looked for, not marked gone.
    report = world.sync.sync(due + timedelta(minutes=1), force=True)
    assert report.accounts[0].not_out == 1 and report.accounts[0].gone == 0
    assert world.state(target)["gone_utc"] is None
    _text, since, exclude = remote.finds[-1]
    assert since < due and "111" in exclude  # another target's post is never taken for it
    # Out now, with an id of its own.
    del remote.scheduled[text]
    remote.out[text] = Published("222", "https://masto.test/@ayto/222", due)
    remote.counts["222"] = Metrics(likes=4, reposts=2, replies=1)
    report = world.sync.sync(due + timedelta(hours=1, minutes=5), force=True)
    assert report.accounts[0].gone == 0 and report.accounts[0].not_out == 0
    row = world.database.query(
        "SELECT remote_id, remote_url, published_utc FROM targets WHERE id = ?", (target,)
    )[0]
    assert (row["remote_id"], row["remote_url"]) == ("222", "https://masto.test/@ayto/222")
    assert row["published_utc"] == to_db(due)  # its time stays the one it was recorded with
    assert world.slots(target)["1h"] == (4, 2, 1, 0)
    asked = {remote_id for call in remote.calls for remote_id in call}
    assert "222" in asked and "sched-1" not in asked
    assert world.slots(other)["latest"] == (1, 0, 0, 0)
    kinds = [r["kind"] for r in world.database.query("SELECT kind FROM events")]
    assert "went_out" in kinds
    finds = len(remote.finds)
    world.sync.sync(due + timedelta(hours=8), force=True)
    assert len(remote.finds) == finds  # found once: read under its own id from then on


def test_a_handed_over_post_not_out_is_looked_for_less_and_less_often(world: World) -> None:
    account = world.account(Network.MASTODON, "ayto")
    text = "Bando: limpieza de solares antes del 1 de junio."
    handed_over(world, account, "sched-9", T0, text)  # the clerk deleted it on the network
    looked = []
    for minutes in range(0, 24 * 60, 15):
        world.sync.sync(T0 + timedelta(minutes=minutes))
        looked.append(len(world.remotes[account.id].finds))
    assert looked[-1] <= 6  # 1 h, 2 h, 4 h, 8 h, 16 h: not every round


def test_facebook_keeps_the_scheduled_id_and_reads_it_from_its_time(world: World) -> None:
    account = world.account(Network.FACEBOOK, "pagina")
    remote = world.remotes[account.id]
    remote.keeps_scheduled_id = True
    due = T0 + timedelta(hours=3)
    target = handed_over(world, account, "1_99", due, "Feria de ganado el domingo.")
    remote.counts["1_99"] = Metrics(likes=2)
    world.sync.sync(T0 + timedelta(hours=2), force=True)
    assert remote.calls == []
    world.sync.sync(due + timedelta(hours=1, minutes=1))
    assert remote.calls == [["1_99"]] and remote.finds == []
    assert world.slots(target)["1h"] == (2, 0, 0, 0)
