"""A post handed to the network's scheduler can be withdrawn, changed and handed over again.

The promise holds across it: the network deletes its copy before anything
changes here, and a fresh key keeps the new copy from being taken for the old.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from smalltown_social.core.states import IllegalTransition
from smalltown_social.core.states import TargetState as S
from smalltown_social.publishing.handover import TOO_CLOSE, WithdrawRefused, withdraw_post
from smalltown_social.publishing.outbox import Outcome
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.targets_store import TargetStore
from tests.publishing.world import World

pytestmark = pytest.mark.expected_logs(
    r"handover: target \d+: withdrawal refused",
)


def hand_over(world: World, ahead: timedelta = timedelta(days=2)) -> int:
    world.server_scheduling = True
    (tid,) = world.schedule(at=world.clock.now() + ahead, server_scheduling=True)
    assert world.outbox().sweep().count(Outcome.SCHEDULED_ON_SERVER) == 1
    target = world.target(tid)
    assert target.state is S.PUBLISHED and target.on_server
    return tid


def test_withdraw_edit_and_hand_over_again_leaves_one_copy_on_the_network(world: World) -> None:
    tid = hand_over(world)
    first = world.target(tid)
    posts = PostsRepository(world.database)
    assert withdraw_post(world.database, world.adapter, world.clock, first.post_id) == 1
    reopened = world.target(tid)
    assert reopened.state is S.DRAFT and not reopened.on_server and reopened.remote_id is None
    assert reopened.idempotency_key != first.idempotency_key
    assert world.network.rows() == []  # the network deleted its scheduled copy
    assert "withdrawn" in [e.kind for e in EventLog(world.database).recent()]
    # The clerk changes the text and schedules it again: one new copy, new key.
    post = posts.get(first.post_id)
    assert post is not None
    posts.save(replace(post, text="Corte de agua el miércoles (cambia el día)"))
    assert reopened.due_utc is not None
    TargetStore(world.database).schedule(
        first.post_id, [first.account_id], reopened.due_utc, "Europe/Madrid"
    )
    assert world.outbox().sweep().count(Outcome.SCHEDULED_ON_SERVER) == 1
    rows = world.network.rows()
    assert len(rows) == 1 and rows[0][1].startswith("Corte de agua el miércoles")
    assert rows[0][0] == reopened.idempotency_key


def test_offline_withdrawal_changes_nothing(world: World) -> None:
    tid = hand_over(world)
    world.network.script_cancel("offline")
    with pytest.raises(WithdrawRefused):
        withdraw_post(world.database, world.adapter, world.clock, world.target(tid).post_id)
    target = world.target(tid)
    assert target.state is S.PUBLISHED and target.on_server
    assert len(world.network.rows()) == 1


def test_too_close_to_its_time_is_refused(world: World) -> None:
    tid = hand_over(world, ahead=timedelta(minutes=10))
    world.clock.advance((timedelta(minutes=10) - TOO_CLOSE).total_seconds() + 1)
    with pytest.raises(WithdrawRefused) as refused:
        withdraw_post(world.database, world.adapter, world.clock, world.target(tid).post_id)
    assert "no se puede retirar" in refused.value.text.es
    assert world.target(tid).state is S.PUBLISHED


def test_a_copy_that_already_went_out_cannot_be_withdrawn(world: World) -> None:
    tid = hand_over(world, ahead=timedelta(minutes=10))
    # The network sent it early (or the clocks differ): nothing to delete any more.
    with world.network._conn() as conn:
        conn.execute("UPDATE remote_posts SET scheduled_utc = ?", ("2000-01-01T00:00:00+00:00",))
    with pytest.raises(WithdrawRefused):
        withdraw_post(world.database, world.adapter, world.clock, world.target(tid).post_id)
    assert world.target(tid).state is S.PUBLISHED


def test_a_post_sent_locally_has_nothing_to_withdraw(world: World) -> None:
    (tid,) = world.schedule()
    world.outbox().sweep()
    with pytest.raises(WithdrawRefused):
        withdraw_post(world.database, world.adapter, world.clock, world.target(tid).post_id)


def test_the_calendar_refuses_to_move_it_and_says_how(world: World) -> None:
    tid = hand_over(world)
    target = world.target(tid)
    assert target.due_utc is not None
    with pytest.raises(IllegalTransition) as refused:
        CalendarRepository(world.database).reschedule(
            target.post_id, target.due_utc, target.due_utc + timedelta(days=1)
        )
    # The network by its name and the composer's button as it reads, in both languages.
    assert "programada en Mastodon" in refused.value.text.es
    assert "«Retirar de la red para cambiarla»" in refused.value.text.es
    assert "scheduled on Mastodon" in refused.value.text.en
    assert "“Withdraw from the network to change it”" in refused.value.text.en
