"""RELIABILITY.md fault scenarios, one named test each, over a real SQLite file.

The kills of real child processes (scenarios 1, 2 and 6 across processes)
are in tests/faults/test_kill_while_publishing.py; here a `SimulatedCrash`
(a BaseException the outbox does not catch) stops the outbox at the same
points, which leaves the database exactly as a kill would.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image as PILImage

from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Image, Post
from smalltown_social.core.recurrence import weekly
from smalltown_social.core.settings import LATENESS_HOURS, PAUSED
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.publishing.outbox import MAX_ATTEMPTS, Outcome
from smalltown_social.publishing.recovery import RECHECK_AFTER, STALE_AFTER
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.errors import WriteFailed
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.outbox_repo import OutboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import TargetStore
from tests.publishing.fake_network import SimulatedCrash
from tests.publishing.world import World

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+ (failed|missed)",
    r"outbox: target \d+: outcome unknown",
    r"recovery: target \d+ unconfirmed",
    r"recovery: target \d+ surely absent and more than \d+ h late",
)

S = TargetState


class Recorder:
    def __init__(self) -> None:
        self.published: list[int] = []
        self.failed: list[tuple[int, str]] = []
        self.unconfirmed: list[int] = []

    def on_published(self, target_id: int) -> None:
        self.published.append(target_id)

    def on_failed(self, target_id: int, reason: str) -> None:
        self.failed.append((target_id, reason))

    def on_unconfirmed(self, target_id: int) -> None:
        self.unconfirmed.append(target_id)


def test_a_due_target_is_published_once_with_its_key_and_an_event(world: World) -> None:
    (tid,) = world.schedule()
    reports = Recorder()
    result = world.outbox(reports=reports).sweep()
    target = world.target(tid)
    assert result.count(Outcome.PUBLISHED) == 1
    assert target.state is S.PUBLISHED
    assert target.remote_id is not None and target.remote_url is not None
    assert world.network.posts_per_key() == {target.idempotency_key: 1}
    assert reports.published == [tid]
    assert "published" in [e.kind for e in EventLog(world.database).recent()]
    assert all(a.closed for a in world.built)
    # A second sweep does nothing more.
    world.outbox().sweep()
    assert world.network.publish_calls() == 1


def test_a_target_not_yet_due_is_left_alone(world: World) -> None:
    (tid,) = world.schedule(at=world.clock.now() + timedelta(minutes=5))
    world.outbox().sweep()
    assert world.state(tid) is S.SCHEDULED
    assert world.network.publish_calls() == 0


def test_scenario_1_crash_after_claim_before_call_publishes_once_after_restart(
    world: World,
) -> None:
    (tid,) = world.schedule()
    world.network.script("crash_before")
    crashed = world.outbox()
    with pytest.raises(SimulatedCrash):
        crashed.sweep()
    assert world.state(tid) is S.PUBLISHING
    # While the claiming process lives (its claim lock held), another one waits.
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHING
    # Once it is gone (the OS drops its lock), the restart recovers at once.
    crashed.close()
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]


def test_a_claim_whose_owner_still_holds_its_lock_is_never_taken_over(world: World) -> None:
    """However old: its call may just be slow, and it records the outcome itself."""
    (tid,) = world.schedule()
    world.network.script("crash_before")
    hung = world.outbox()
    with pytest.raises(SimulatedCrash):
        hung.sweep()
    for _ in range(3):
        world.clock.advance(STALE_AFTER.total_seconds() + 3600)
        assert world.outbox().sweep().recovered == 0
    assert world.state(tid) is S.PUBLISHING
    assert world.network.publish_calls() == 0
    hung.close()  # the process ends: its lock is free
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]


def test_a_claim_with_no_owner_recorded_is_recovered_once_stale(world: World) -> None:
    """No claim lock could be taken (or an older version claimed it): only time tells."""
    (tid,) = world.schedule()
    assert TargetStore(world.database).claim(tid, world.clock.now(), owner=None) is not None
    world.clock.advance(STALE_AFTER.total_seconds() - 5)
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHING
    world.clock.advance(10)
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]


def test_a_sweep_leaves_a_target_another_thread_of_its_process_is_publishing(
    world: World,
) -> None:
    """The date job and the sweep run on two threads of one process: the sweep must not
    recover the claim the date job is calling the network for, however long it takes."""
    (tid,) = world.schedule()
    outbox = world.outbox()
    calling, finish = threading.Event(), threading.Event()
    publish = world.network.create

    def slow_create(*args: Any, **kwargs: Any) -> Any:
        calling.set()
        assert finish.wait(30)
        return publish(*args, **kwargs)

    world.network.create = slow_create  # type: ignore[method-assign]
    job = threading.Thread(target=outbox.process, args=(tid,))
    job.start()
    assert calling.wait(30)
    world.clock.advance(STALE_AFTER.total_seconds() + 3600)
    assert outbox.sweep().recovered == 0
    assert world.state(tid) is S.PUBLISHING
    finish.set()
    job.join(30)
    assert world.state(tid) is S.PUBLISHED
    assert world.network.publish_calls() == 1


def test_recovery_leaves_a_claim_taken_again_since_it_was_judged_abandoned(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process judges a dead owner's claim abandoned; before it acts, another process
    has recovered the target and claimed it again (alive, calling the network). Acting
    on the new claim would reschedule it under its owner's feet: a second post."""
    (tid,) = world.schedule()
    world.network.script("crash_before")
    dead = world.outbox()
    with pytest.raises(SimulatedCrash):
        dead.sweep()
    judged = OutboxRepository(world.database).publishing()  # the dead process's claim
    dead.close()
    world.network.script("crash_before")
    alive = world.outbox()
    with pytest.raises(SimulatedCrash):
        alive.sweep()  # recovers it, claims it again and hangs in the call
    late = world.outbox()
    monkeypatch.setattr(late.repo, "publishing", lambda: judged)
    late.sweep()
    assert world.state(tid) is S.PUBLISHING
    assert world.network.publish_calls() == 0
    alive.close()
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.publish_calls() == 1


def test_scenario_2_crash_after_accept_before_record_is_found_not_resent(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("crash_after")
    with pytest.raises(SimulatedCrash):
        world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHING
    # Longer than Mastodon's idempotency hour: only a look on the network prevents a duplicate.
    world.clock.advance(3 * 3600)
    world.database.conn.execute(
        "UPDATE settings SET value = '24' WHERE key = 'lateness_hours'"
    )  # no-op when unset; the target is in publishing, the lateness rule does not apply
    calls_before = world.network.publish_calls()
    world.outbox().sweep()
    target = world.target(tid)
    assert target.state is S.PUBLISHED
    assert world.network.publish_calls() == calls_before  # found, not sent again
    assert world.network.posts_per_key() == {target.idempotency_key: 1}


def test_scenario_3_timeout_after_accept_stays_publishing_then_is_found(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("timeout_after_accept")
    outbox = world.outbox()
    assert outbox.sweep().count(Outcome.UNKNOWN) == 1
    assert world.state(tid) is S.PUBLISHING
    outbox.sweep()  # too soon to look
    assert world.state(tid) is S.PUBLISHING
    world.clock.advance(RECHECK_AFTER.total_seconds() + 1)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]


def test_scenario_3_timeout_before_accept_is_retried_only_after_the_network_says_absent(
    world: World,
) -> None:
    (tid,) = world.schedule()
    world.network.script("timeout_before")
    outbox = world.outbox()
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHING
    assert world.network.posts_per_key() == {}
    world.clock.advance(RECHECK_AFTER.total_seconds() + 1)
    outbox.sweep()  # find() says absent → scheduled → sent in the same sweep
    target = world.target(tid)
    assert target.state is S.PUBLISHED
    assert world.network.posts_per_key() == {target.idempotency_key: 1}


def test_scenario_3_unconfirmed_when_the_network_cannot_tell(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("timeout_after_accept")
    world.network.script_find("unknown")
    reports = Recorder()
    outbox = world.outbox(reports=reports)
    outbox.sweep()
    world.clock.advance(RECHECK_AFTER.total_seconds() + 1)
    outbox.sweep()
    target = world.target(tid)
    assert target.state is S.UNCONFIRMED
    assert target.error is not None and "No se sabe si salió" in target.error
    assert reports.unconfirmed == [tid]
    assert world.network.publish_calls() == 1  # never retried blindly


def test_scenario_3_recovery_waits_while_offline(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("timeout_after_accept")
    world.network.script_find("offline")
    outbox = world.outbox()
    outbox.sweep()
    world.clock.advance(RECHECK_AFTER.total_seconds() + 1)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHING  # cannot look yet: not unconfirmed, not resent
    world.clock.advance(60)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.publish_calls() == 1


def test_scenario_4_offline_at_due_time_waits_for_the_connection(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("offline", "offline", "offline")
    outbox = world.outbox()
    for _ in range(3):
        assert outbox.sweep().count(Outcome.WAITING) == 1
        target = world.target(tid)
        assert target.state is S.SCHEDULED
        assert target.attempts == 0  # being offline is not a failed attempt
        assert target.error is not None and "Esperando conexión" in target.error
        outbox.sweep()  # before the retry time: not claimed again
        assert world.network.publish_calls() == 0
        world.clock.advance(61)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.target(tid).error is None


def test_scenario_5_pc_off_across_the_due_time_publishes_at_start_when_not_too_late(
    world: World,
) -> None:
    SettingsRepository(world.database).set(LATENESS_HOURS, 6)
    (tid,) = world.schedule(at=world.clock.now() - timedelta(hours=5))
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED


def test_scenario_5_too_late_becomes_missed_for_the_clerk_never_dropped(world: World) -> None:
    SettingsRepository(world.database).set(LATENESS_HOURS, 6)
    late, fine = world.schedule(at=world.clock.now() - timedelta(hours=7)), world.schedule()
    reports = Recorder()
    result = world.outbox(reports=reports).sweep()
    assert result.missed == 1
    target = world.target(late[0])
    assert target.state is S.MISSED
    assert target.error is not None and "6 h" in target.error
    assert [r[0] for r in reports.failed] == late
    assert world.state(fine[0]) is S.PUBLISHED
    assert world.network.publish_calls() == 1


def test_scenario_6_date_job_sweep_and_second_instance_fire_together_one_post(
    world: World,
) -> None:
    targets = world.schedule(accounts=("A", "B", "C"))
    outboxes = [world.outbox() for _ in range(4)]
    barrier = threading.Barrier(len(outboxes) * 2)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            if index % 2:
                outboxes[index // 2].sweep()
            else:
                for tid in targets:
                    outboxes[index // 2].process(tid)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(outboxes) * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [world.state(t) for t in targets] == [S.PUBLISHED] * 3
    assert sorted(world.network.posts_per_key().values()) == [1, 1, 1]
    assert world.network.publish_calls() == 3


def test_scenario_7_clock_going_back_after_a_claim_still_recovers(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("crash_before")
    with pytest.raises(SimulatedCrash):
        world.outbox().sweep()
    world.clock.jump(-2 * STALE_AFTER.total_seconds())  # the claim now lies in the future
    world.outbox().sweep()
    # Recovered (surely absent), but by the clock it is not due yet: it waits for its time.
    assert world.state(tid) is S.SCHEDULED
    assert world.network.posts_per_key() == {}
    world.clock.advance(2 * STALE_AFTER.total_seconds())
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]


def test_scenario_7_clock_jumping_forward_makes_old_posts_missed_not_sent(world: World) -> None:
    SettingsRepository(world.database).set(LATENESS_HOURS, 2)
    (tid,) = world.schedule(at=world.clock.now() + timedelta(minutes=10))
    world.clock.jump(3 * 3600)
    world.outbox().sweep()
    assert world.state(tid) is S.MISSED
    assert world.network.publish_calls() == 0


def test_scenario_8_edit_or_delete_while_publishing_is_refused(world: World) -> None:
    (tid,) = world.schedule()
    assert TargetStore(world.database).claim(tid, world.clock.now()) is not None
    posts = PostsRepository(world.database)
    post = posts.get(world.target(tid).post_id)
    assert post is not None
    with pytest.raises(IllegalTransition) as refused:
        posts.save(Post(text="otro texto", id=post.id, due_utc=post.due_utc))
    assert "se está enviando" in refused.value.text.es
    with pytest.raises(IllegalTransition):
        posts.delete(post.id or 0)


def test_scenario_9_expired_token_fails_with_reconnect_and_no_retry(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("reconnect")
    reports = Recorder()
    outbox = world.outbox(reports=reports)
    assert outbox.sweep().count(Outcome.FAILED) == 1
    target = world.target(tid)
    assert target.state is S.FAILED
    assert target.error is not None and "Vuelva a conectar esta cuenta" in target.error
    assert "Reconnect this account" in target.error
    account = AccountsRepository(world.database).get(target.account_id)
    assert account is not None and account.status == "needs_reconnect"
    assert reports.failed and "Vuelva a conectar" in reports.failed[0][1]
    world.clock.advance(7200)
    outbox.sweep()
    assert world.network.publish_calls() == 0  # refused before anything was made; no loop
    assert world.state(tid) is S.FAILED


def test_scenario_9_validation_error_fails_and_is_not_retried(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("permanent")
    outbox = world.outbox()
    outbox.sweep()
    world.clock.advance(7200)
    outbox.sweep()
    assert world.state(tid) is S.FAILED
    assert world.network.posts_per_key() == {}


def test_scenario_9_rate_limit_waits_for_the_reset_with_the_same_key(world: World) -> None:
    (tid,) = world.schedule()
    key = world.target(tid).idempotency_key
    world.network.script("rate_limited")
    outbox = world.outbox()
    assert outbox.sweep().count(Outcome.RETRY) == 1
    target = world.target(tid)
    assert target.state is S.SCHEDULED and target.attempts == 1
    next_at = world.database.scalar("SELECT next_attempt_utc FROM targets WHERE id = ?", (tid,))
    assert next_at == (world.clock.now() + timedelta(minutes=5)).isoformat(timespec="seconds")
    world.clock.advance(299)
    outbox.sweep()
    assert world.state(tid) is S.SCHEDULED  # before the server's reset time
    world.clock.advance(2)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.posts_per_key() == {key: 1}


def test_scenario_9_server_errors_back_off_then_give_up_with_a_reason(world: World) -> None:
    SettingsRepository(world.database).set(LATENESS_HOURS, 24)  # backoff alone decides here
    (tid,) = world.schedule()
    world.network.script(*["temporary"] * MAX_ATTEMPTS)
    outbox = world.outbox()
    waits = []
    for _ in range(MAX_ATTEMPTS):
        outbox.sweep()
        if world.state(tid) is not S.SCHEDULED:
            break
        next_at = world.database.scalar("SELECT next_attempt_utc FROM targets WHERE id = ?", (tid,))
        waits.append(next_at)
        world.clock.advance(3601)
    assert len(waits) == MAX_ATTEMPTS - 1
    assert world.state(tid) is S.FAILED
    assert "veces seguidas" in (world.target(tid).error or "")


def test_scenario_10_one_network_failing_leaves_the_others_published(world: World) -> None:
    ok1, bad, ok2 = world.schedule(accounts=("Mastodon", "Bluesky", "Telegram"))
    world.network.script("accept", "permanent", "accept")
    world.outbox().sweep()
    assert [world.state(t) for t in (ok1, bad, ok2)] == [S.PUBLISHED, S.FAILED, S.PUBLISHED]


def test_scenario_12_disk_full_between_call_and_record_recovers_without_duplicate(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tid,) = world.schedule()
    outbox = world.outbox()

    def disk_full(*args: object, **kwargs: object) -> bool:
        raise WriteFailed(world.database.path, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(outbox.store, "record_published", disk_full)
    with pytest.raises(WriteFailed):
        outbox.sweep()  # publishing halts with the storage error; the scheduler logs it
    monkeypatch.undo()
    assert world.state(tid) is S.PUBLISHING
    # Another process leaves it to its owner, which is alive …
    world.clock.advance(STALE_AFTER.total_seconds() + 1)
    assert world.outbox().sweep().recovered == 0
    # … and settles it on its next sweep, without sending it again.
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert list(world.network.posts_per_key().values()) == [1]
    assert world.network.publish_calls() == 1


def test_paused_publishing_claims_nothing(world: World) -> None:
    (tid,) = world.schedule()
    SettingsRepository(world.database).set(PAUSED, True)
    outbox = world.outbox()
    outbox.sweep()
    assert outbox.process(tid) is Outcome.NOT_CLAIMED
    assert world.state(tid) is S.SCHEDULED
    SettingsRepository(world.database).set(PAUSED, False)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED


def test_a_reply_goes_out_as_a_reply_and_marks_the_inbox_item_answered(world: World) -> None:
    account_id = world.account()
    inbox = InboxRepository(world.database)
    inbox.upsert(
        [
            InboxItem(
                account_id=account_id,
                network=Network.MASTODON,
                remote_id="109",
                kind=ItemKind.COMMENT,
                text="¿A qué hora abre la piscina?",
                received_utc=world.clock.now(),
                author_handle="vecina@example",
                root_remote_id="100",
            )
        ]
    )
    item = inbox.by_remote_id("mastodon", "109")
    assert item is not None and item.id is not None
    (tid,) = world.schedule("A las 11:00.", reply_to_item_id=item.id)
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.rows()[0][:3] == (world.target(tid).idempotency_key, "A las 11:00.", "109")
    answered = inbox.get(item.id)
    assert answered is not None and answered.status == "answered"


def test_server_side_scheduling_hands_the_post_over_ahead(world: World) -> None:
    world.server_scheduling = True
    due = world.clock.now() + timedelta(days=2)
    (tid,) = world.schedule(at=due, server_scheduling=True)
    assert world.outbox().sweep().count(Outcome.SCHEDULED_ON_SERVER) == 1
    assert world.state(tid) is S.PUBLISHED
    assert world.network.rows()[0][3] == due.isoformat()
    published = world.database.scalar("SELECT published_utc FROM targets WHERE id = ?", (tid,))
    assert published == due.isoformat(timespec="seconds")


def test_server_side_scheduling_too_close_goes_out_locally_at_its_time(world: World) -> None:
    world.server_scheduling = True
    (tid,) = world.schedule(at=world.clock.now() + timedelta(minutes=3), server_scheduling=True)
    outbox = world.outbox()
    outbox.sweep()
    assert world.state(tid) is S.SCHEDULED
    assert world.network.publish_calls() == 0
    world.clock.advance(181)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.rows()[0][3] is None


def test_images_are_prepared_and_sent(world: World, tmp_path: Path) -> None:
    photo = tmp_path / "fiesta.png"
    PILImage.new("RGB", (64, 48), "orange").save(photo)
    (tid,) = world.schedule(images=(Image(str(photo), "Cartel de las fiestas"),))
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.rows()[0][4] == 1


def test_a_missing_image_fails_that_target_with_a_reason(world: World, tmp_path: Path) -> None:
    (tid,) = world.schedule(images=(Image(str(tmp_path / "gone.jpg"), "x"),))
    world.outbox().sweep()
    target = world.target(tid)
    assert target.state is S.FAILED
    assert target.error is not None and "No se encuentra la imagen" in target.error


def test_the_demo_town_is_never_published_to_nor_marked_missed(world: World) -> None:
    from smalltown_social.storage.demo import fill_demo

    fill_demo(world.database, world.clock.now() - timedelta(days=3))
    before = PostsRepository(world.database).counts_by_state()
    assert before.get(S.SCHEDULED)
    world.clock.advance(30 * 24 * 3600)
    world.outbox().sweep()
    assert PostsRepository(world.database).counts_by_state() == before
    assert world.network.publish_calls() == 0


def test_a_sweep_opens_one_adapter_per_account_and_closes_it(world: World) -> None:
    for i in range(3):
        world.schedule(f"Aviso {i}", accounts=("A", "B"))
    world.outbox().sweep()
    assert len(world.built) == 2
    assert all(adapter.closed for adapter in world.built)
    assert world.network.publish_calls() == 6


def test_scenario_4_offline_longer_than_the_lateness_rule_asks_the_clerk(world: World) -> None:
    SettingsRepository(world.database).set(LATENESS_HOURS, 1)
    (tid,) = world.schedule()
    world.network.script(*["offline"] * 70)
    outbox = world.outbox()
    for _ in range(70):
        outbox.sweep()
        world.clock.advance(61)
    assert world.state(tid) is S.MISSED
    assert world.network.posts_per_key() == {}


def test_a_crash_after_handing_over_to_the_server_looks_among_scheduled_posts(
    world: World,
) -> None:
    world.server_scheduling = True
    due = world.clock.now() + timedelta(days=2)
    (tid,) = world.schedule(at=due, server_scheduling=True)
    world.network.script("crash_after")
    with pytest.raises(SimulatedCrash):
        world.outbox().sweep()
    world.clock.advance(STALE_AFTER.total_seconds() + 3600)
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.publish_calls() == 1
    looked = [c for a in world.built for c in a.looked_for]
    assert [c.scheduled_utc for c in looked] == [due]


def test_a_sweep_rolls_a_recurring_post_on_to_its_next_occurrence(world: World) -> None:
    (tid,) = world.schedule("Recordatorio: recogida de enseres")
    post_id = world.target(tid).post_id
    wall = world.clock.now().astimezone(ZoneInfo("Europe/Madrid")).replace(tzinfo=None)
    CalendarRepository(world.database).set_recurrence(post_id, weekly(wall).to_text())
    result = world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED
    assert result.rolled == 1
    posts = PostsRepository(world.database)
    newest = max(post_ids_with_targets(world))
    assert newest != post_id
    (next_target,) = posts.targets_of(newest)
    assert next_target.state is S.SCHEDULED
    assert next_target.due_utc is not None
    assert timedelta(days=6) < next_target.due_utc - world.clock.now() <= timedelta(days=7)
    assert world.outbox().sweep().rolled == 0  # once only


def post_ids_with_targets(world: World) -> list[int]:
    return [int(r[0]) for r in world.database.query("SELECT DISTINCT post_id FROM targets")]


def test_a_retry_later_than_the_servers_key_memory_looks_first(world: World) -> None:
    """Mastodon answered 502 after making the post, then the PC slept past the hour
    it remembers the Idempotency-Key: the retry finds the post, it does not make another."""
    SettingsRepository(world.database).set(LATENESS_HOURS, 24)
    (tid,) = world.schedule()
    world.network.script("temporary_after_accept")
    outbox = world.outbox()
    assert outbox.sweep().count(Outcome.RETRY) == 1
    world.clock.advance(2 * 3600)
    outbox.sweep()
    target = world.target(tid)
    assert target.state is S.PUBLISHED
    assert world.network.posts_per_key() == {target.idempotency_key: 1}


def test_a_prompt_retry_needs_no_look(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("temporary_after_accept")
    outbox = world.outbox()
    outbox.sweep()
    world.clock.advance(61)
    outbox.sweep()
    assert world.state(tid) is S.PUBLISHED
    assert world.network.posts_per_key() == {world.target(tid).idempotency_key: 1}
    assert all(not adapter.looked_for for adapter in world.built)


@pytest.mark.expected_logs(r"outbox: target \d+: 503 on a network without idempotency")
def test_a_server_failing_for_hours_on_a_network_without_keys_is_not_hammered(
    world: World,
) -> None:
    """Each 5xx is looked up (not resent blindly); each look that finds nothing counts as
    a failed attempt, so the outbox gives up after MAX_ATTEMPTS."""
    world.idempotent = False
    SettingsRepository(world.database).set(LATENESS_HOURS, 24)
    (tid,) = world.schedule()
    world.network.script(*["temporary"] * 40)
    outbox = world.outbox()
    for _ in range(120):  # two hours of sweeps, one a minute
        outbox.sweep()
        world.clock.advance(61)
    target = world.target(tid)
    assert target.state is S.FAILED
    with closing(sqlite3.connect(world.network.path)) as conn:
        left = conn.execute("SELECT count(*) FROM script WHERE kind = 'publish'").fetchone()[0]
    assert 40 - left == MAX_ATTEMPTS  # publish calls made
    assert world.network.posts_per_key() == {}
