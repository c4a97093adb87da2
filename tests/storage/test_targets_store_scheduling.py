"""The store's writes for the composer: drafts follow the chosen accounts; scheduling is guarded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.targets_store import TargetStore
from tests.target_states import drive

DUE = datetime(2027, 5, 4, 8, 0, tzinfo=UTC)


def _setup(database: Database) -> tuple[PostsRepository, int, list[int]]:
    accounts = AccountsRepository(database)
    ids = [
        accounts.add(Network.BLUESKY, "B").id,
        accounts.add(Network.MASTODON, "M").id,
        accounts.add(Network.TELEGRAM, "T").id,
    ]
    posts = PostsRepository(database)
    post = posts.save(Post(text="Corte de agua el martes."))
    assert post.id is not None
    return posts, post.id, ids


def _states(posts: PostsRepository, post_id: int) -> dict[int, TargetState]:
    return {t.account_id: t.state for t in posts.targets_of(post_id)}


def test_draft_targets_follow_the_chosen_accounts(database: Database) -> None:
    posts, post_id, (b, m, t) = _setup(database)
    TargetStore(database).sync_drafts(post_id, [b, m])
    assert _states(posts, post_id) == {b: TargetState.DRAFT, m: TargetState.DRAFT}
    keys = {x.account_id: x.idempotency_key for x in posts.targets_of(post_id)}
    TargetStore(database).sync_drafts(post_id, [m, t])
    assert _states(posts, post_id) == {m: TargetState.DRAFT, t: TargetState.DRAFT}
    # A kept target keeps its idempotency key.
    assert {x.account_id: x.idempotency_key for x in posts.targets_of(post_id)}[m] == keys[m]


def test_scheduling_moves_drafts_and_adds_new_accounts(database: Database) -> None:
    posts, post_id, (b, m, t) = _setup(database)
    TargetStore(database).sync_drafts(post_id, [b, t])
    count = TargetStore(database).schedule(post_id, [b, m], DUE, "Europe/Madrid")
    assert count == 2
    assert _states(posts, post_id) == {b: TargetState.SCHEDULED, m: TargetState.SCHEDULED}
    assert {x.due_utc for x in posts.targets_of(post_id)} == {DUE}
    post = posts.get(post_id)
    assert post is not None and post.due_utc == DUE
    assert [e.kind for e in EventLog(database).recent()] == ["scheduled"]


def test_rescheduling_a_failed_target_clears_its_error(database: Database) -> None:
    posts, post_id, (b, _m, _t) = _setup(database)
    (target,) = posts.add_targets([Target(post_id, b, state=TargetState.SCHEDULED, due_utc=DUE)])
    assert target.id is not None
    drive(database, target.id, TargetState.FAILED, error="401")
    TargetStore(database).schedule(post_id, [b], DUE, "Europe/Madrid")
    again = posts.target(target.id)
    assert again is not None and again.state is TargetState.SCHEDULED and again.error is None


@pytest.mark.parametrize("state", [TargetState.PUBLISHING, TargetState.UNCONFIRMED])
def test_targets_with_the_outbox_are_refused_and_nothing_is_written(
    database: Database, state: TargetState
) -> None:
    posts, post_id, (b, m, _t) = _setup(database)
    (target,) = posts.add_targets([Target(post_id, b, state=TargetState.SCHEDULED, due_utc=DUE)])
    assert target.id is not None
    drive(database, target.id, state)
    before = EventLog(database).recent()
    with pytest.raises(IllegalTransition):
        TargetStore(database).schedule(post_id, [m, b], DUE, "Europe/Madrid", override_reason="x")
    assert _states(posts, post_id) == {b: state}  # m was not added either
    assert EventLog(database).recent() == before


def test_an_override_is_logged_with_the_rules(database: Database) -> None:
    _posts, post_id, (b, _m, _t) = _setup(database)
    TargetStore(database).schedule(
        post_id,
        [b],
        DUE,
        "Europe/Madrid",
        override_reason="Teléfono municipal, no personal",
        overridden_rules=["personal_data", "personal_data"],
    )
    events = {e.kind: e for e in EventLog(database).recent()}
    assert events["block_override"].detail == "[personal_data] Teléfono municipal, no personal"
    assert events["block_override"].post_id == post_id
