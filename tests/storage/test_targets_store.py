"""The state table tested by behaviour: every write the store has, from every state.

For each state a target can be in, a fresh target is put there through the
store's own moves, then every store write is tried on it. The moves that
really happened must be exactly the pairs `ALLOWED` lists: an illegal pair is
refused by every write (nothing written), and every allowed pair is done by
some write (the table claims no move the code does not make).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post
from smalltown_social.core.states import ALLOWED, IllegalTransition, TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.targets_store import Resolution, TargetStore
from smalltown_social.storage.timefmt import from_db

S = TargetState
DUE = datetime(2027, 5, 4, 8, 0, tzinfo=UTC)
CLAIMED = DUE + timedelta(seconds=1)


@dataclass(frozen=True)
class Spot:
    post_id: int
    account_id: int
    target_id: int


def _claim_of(database: Database, target_id: int) -> datetime:
    found = from_db(database.scalar("SELECT claimed_utc FROM targets WHERE id = ?", (target_id,)))
    return found or CLAIMED


def _state(database: Database, target_id: int) -> TargetState:
    return TargetState(database.scalar("SELECT state FROM targets WHERE id = ?", (target_id,)))


def _events(database: Database) -> int:
    return int(database.scalar("SELECT count(*) FROM events"))


def put(database: Database, state: TargetState, *, on_server: bool = False) -> Spot:
    """A new post with one target in `state`, reached through the store's moves."""
    store = TargetStore(database)
    account_id = (
        AccountsRepository(database)
        .add(Network.MASTODON, f"M{database.scalar('SELECT count(*) FROM accounts')}")
        .id
    )
    post = PostsRepository(database).save(Post(text="Corte de agua el martes."))
    assert post.id is not None
    store.sync_drafts(post.id, [account_id])
    target_id = int(database.scalar("SELECT id FROM targets WHERE post_id = ?", (post.id,)))
    if state is not S.DRAFT:
        store.schedule(post.id, [account_id], DUE, "Europe/Madrid")
    if state not in (S.DRAFT, S.SCHEDULED):
        assert store.claim(target_id, CLAIMED) is not None
    moves: dict[TargetState, Callable[[], bool]] = {
        S.PUBLISHED: lambda: store.record_published(
            target_id, "r1", None, DUE, claim=CLAIMED, on_server=on_server
        ),
        S.FAILED: lambda: store.record_failed(target_id, CLAIMED, "x"),
        S.UNCONFIRMED: lambda: store.record_unconfirmed(target_id, CLAIMED, "x"),
        S.MISSED: lambda: store.record_missed(target_id, CLAIMED, "x"),
    }
    if state in moves:
        assert moves[state]()
    assert _state(database, target_id) is state
    return Spot(post.id, account_id, target_id)


Write = Callable[[TargetStore, Database, Spot], object]

WRITES: dict[str, Write] = {
    "claim": lambda st, db, s: st.claim(s.target_id, CLAIMED + timedelta(seconds=5)),
    "record_published": lambda st, db, s: st.record_published(
        s.target_id, "r2", None, DUE, claim=_claim_of(db, s.target_id)
    ),
    "record_failed": lambda st, db, s: st.record_failed(
        s.target_id, _claim_of(db, s.target_id), ""
    ),
    "record_unconfirmed": lambda st, db, s: st.record_unconfirmed(
        s.target_id, _claim_of(db, s.target_id), ""
    ),
    "record_missed": lambda st, db, s: st.record_missed(
        s.target_id, _claim_of(db, s.target_id), ""
    ),
    "record_retry": lambda st, db, s: st.record_retry(
        s.target_id, _claim_of(db, s.target_id), DUE, "", count_attempt=False
    ),
    "mark_missed": lambda st, db, s: st.mark_missed(DUE + timedelta(days=1), "late"),
    "withdraw": lambda st, db, s: st.withdraw(s.target_id, "r1", f"new-{s.target_id}"),
    "sync_drafts": lambda st, db, s: st.sync_drafts(s.post_id, [s.account_id]),
    "schedule": lambda st, db, s: st.schedule(s.post_id, [s.account_id], DUE, "Europe/Madrid"),
    "unschedule": lambda st, db, s: st.unschedule(s.post_id, ["rule"]),
    "reschedule": lambda st, db, s: st.reschedule(s.post_id, DUE, DUE + timedelta(hours=1)),
}


def _resolver(resolution: Resolution, late: bool) -> Write:
    return lambda st, db, s: st.resolve(s.target_id, resolution, late=late)


for _r in Resolution:
    WRITES[f"resolve {_r.value}"] = _resolver(_r, False)
    WRITES[f"resolve {_r.value} late"] = _resolver(_r, True)

STARTS = [(state, False) for state in TargetState] + [(S.PUBLISHED, True)]


def _moves_from(database: Database, state: TargetState, on_server: bool) -> set[TargetState]:
    """Every state a target in `state` was moved to by some write (each on a fresh target)."""
    reached: set[TargetState] = set()
    for write in WRITES.values():
        spot = put(database, state, on_server=on_server)
        events = _events(database)
        with contextlib.suppress(IllegalTransition):
            write(TargetStore(database), database, spot)
        after = _state(database, spot.target_id)
        if after is not state:
            assert _events(database) > events, f"{state} -> {after} wrote no event"
            reached.add(after)
    return reached


@pytest.mark.parametrize(("state", "on_server"), STARTS)
def test_the_store_makes_exactly_the_moves_the_table_allows(
    database: Database, state: TargetState, on_server: bool
) -> None:
    reached = _moves_from(database, state, on_server)
    if state is S.PUBLISHED and not on_server:
        assert reached == set()  # what went out never changes
    else:
        assert reached == ALLOWED[state]


def test_every_state_has_a_row_and_published_leaves_only_for_a_withdrawn_hand_over() -> None:
    assert set(ALLOWED) == set(TargetState)
    assert ALLOWED[S.PUBLISHED] == {S.DRAFT}


def test_a_refusal_says_why_in_both_languages(database: Database) -> None:
    spot = put(database, S.PUBLISHING)
    with pytest.raises(IllegalTransition) as caught:
        TargetStore(database).schedule(spot.post_id, [spot.account_id], DUE, "Europe/Madrid")
    assert "enviando" in caught.value.text.es and "sent" in caught.value.text.en


def test_only_the_holder_of_a_claim_records(database: Database) -> None:
    spot = put(database, S.PUBLISHING)
    store = TargetStore(database)
    assert not store.record_failed(spot.target_id, CLAIMED + timedelta(microseconds=1), "x")
    assert store.record_failed(spot.target_id, CLAIMED, "x")


def test_two_stores_racing_for_one_claim_only_one_wins(database: Database) -> None:
    spot = put(database, S.SCHEDULED)
    first, second = TargetStore(database), TargetStore(database)
    results = [first.claim(spot.target_id, CLAIMED), second.claim(spot.target_id, CLAIMED)]
    assert [r is not None for r in results] == [True, False]


def test_an_abandoned_target_keeps_its_note_in_both_languages(database: Database) -> None:
    spot = put(database, S.UNCONFIRMED)
    TargetStore(database).resolve(spot.target_id, Resolution.ABANDON)
    error = database.scalar("SELECT error FROM targets WHERE id = ?", (spot.target_id,))
    assert error == (
        "Abandonada: el personal decidió no publicarla. / "
        "Abandoned: the staff decided not to publish it."
    )
