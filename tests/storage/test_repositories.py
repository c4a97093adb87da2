from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Image, Post, Target
from smalltown_social.core.settings import LATENESS_HOURS, PAUSED, TIME_ZONE
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery, fts_query
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from tests.target_states import drive

S = TargetState
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def post_with_target(database: Database, state: TargetState = S.SCHEDULED) -> tuple[int, int]:
    account = AccountsRepository(database).add(Network.MASTODON, "Ayto en Mastodon")
    posts = PostsRepository(database)
    post = posts.save(Post(text="Mañana se corta el agua en la calle Mayor de 9:00 a 13:00."))
    assert post.id is not None
    target = posts.add_target(
        Target(post_id=post.id, account_id=account.id, state=state, due_utc=NOW)
    )
    assert target.id is not None
    return post.id, target.id


def test_draft_round_trip_with_images(database: Database) -> None:
    posts = PostsRepository(database)
    saved = posts.save(
        Post(
            text="Fiestas de San Roque",
            content_type="event",
            due_utc=NOW,
            images=(Image("/tmp/cartel.jpg", "Cartel de las fiestas con el programa"),),
        )
    )
    assert saved.id is not None
    loaded = posts.get(saved.id)
    assert loaded is not None
    assert loaded.text == "Fiestas de San Roque"
    assert loaded.due_utc == NOW
    assert loaded.images[0].alt_text.startswith("Cartel")
    edited = posts.save(
        Post(id=saved.id, text="Fiestas de San Roque, del 14 al 17 de agosto", images=())
    )
    reloaded = posts.get(edited.id or 0)
    assert reloaded is not None
    assert reloaded.images == ()
    assert reloaded.text.endswith("agosto")


def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="naive"):
        PostsRepository(database).save(Post(text="x", due_utc=datetime(2027, 1, 1)))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("state", "said"),
    [
        (S.PUBLISHING, "enviando"),
        (S.PUBLISHED, "ya salió"),
        # Maybe out: the look before sending it again matches by this text.
        (S.UNCONFIRMED, "Puede que esta publicación ya saliera"),
    ],
)
def test_editing_or_deleting_a_post_that_is_or_may_be_out_is_refused(
    database: Database, state: TargetState, said: str
) -> None:
    post_id, target_id = post_with_target(database)
    posts = PostsRepository(database)
    drive(database, target_id, state)
    with pytest.raises(IllegalTransition) as caught:
        posts.save(Post(id=post_id, text="cambiado"))
    assert said in caught.value.text.es
    with pytest.raises(IllegalTransition):
        posts.delete(post_id)
    loaded = posts.get(post_id)
    assert loaded is not None
    assert loaded.text.startswith("Mañana")


def test_a_failed_post_can_still_be_corrected(database: Database) -> None:
    """Refused by the network: surely not out, so the clerk fixes the text and tries again."""
    post_id, target_id = post_with_target(database)
    posts = PostsRepository(database)
    drive(database, target_id, S.FAILED)
    posts.save(Post(id=post_id, text="corregido"))
    assert (posts.get(post_id) or Post(text="")).text == "corregido"


def test_next_scheduled_and_counts(database: Database) -> None:
    post_with_target(database)
    posts = PostsRepository(database)
    upcoming = posts.next_scheduled()
    assert upcoming is not None
    assert upcoming.due_utc == NOW
    assert upcoming.account_name == "Ayto en Mastodon"
    assert posts.counts_by_state() == {S.SCHEDULED: 1}


def test_settings_have_declared_defaults_and_types(database: Database) -> None:
    settings = SettingsRepository(database)
    assert settings.get(TIME_ZONE) == "Europe/Madrid"
    assert settings.get(PAUSED) is False
    settings.set(LATENESS_HOURS, 3)
    settings.set(PAUSED, True)
    assert settings.get(LATENESS_HOURS) == 3
    assert settings.get(PAUSED) is True
    with pytest.raises(TypeError):
        wrong: Any = "tres"
        settings.set(LATENESS_HOURS, wrong)
    with database.write() as conn:
        conn.execute("UPDATE settings SET value = '\"x\"' WHERE key = 'lateness_hours'")
    assert settings.get(LATENESS_HOURS) == LATENESS_HOURS.default


def test_event_log(database: Database) -> None:
    log = EventLog(database)
    log.record("published", "Mastodon 123", post_id=1, target_id=2, account_id=3)
    (event,) = log.recent()
    assert event.kind == "published"
    assert event.at_utc.tzinfo is not None


def test_inbox_upsert_is_idempotent_and_search_ignores_accents(database: Database) -> None:
    account = AccountsRepository(database).add(Network.BLUESKY, "Ayto en Bluesky")
    inbox = InboxRepository(database)
    item = InboxItem(
        account_id=account.id,
        network=Network.BLUESKY,
        remote_id="at://did:plc:x/app.bsky.feed.post/1",
        kind=ItemKind.REPLY,
        text="¿Dónde aparco el VEHÍCULO durante la obra?",
        author_name="Lucía M.",
        received_utc=NOW - timedelta(hours=1),
    )
    assert inbox.upsert([item]) == 1
    assert inbox.upsert([item]) == 0
    assert inbox.count() == 1
    assert [i.remote_id for i in InboxQuery(database).page(InboxFilter(search="vehiculo"))] == [
        item.remote_id
    ]
    assert [i.remote_id for i in InboxQuery(database).page(InboxFilter(search="lucia"))] == [
        item.remote_id
    ]
    assert InboxQuery(database).page(InboxFilter(search="aparcamiento")) == []
    assert (
        InboxQuery(database).page(InboxFilter(search='" OR *')) == []
    )  # hostile input is searched for, not executed


@pytest.mark.parametrize("typed", ['"', "a AND", "NEAR(", "*", "-x", "título:", "   "])
def test_fts_query_quotes_hostile_input(database: Database, typed: str) -> None:
    for term in fts_query(typed).split():
        assert term.startswith('"')
        assert term.endswith('"*')
    assert InboxQuery(database).page(InboxFilter(search=typed)) == []


def test_a_write_inside_a_write_joins_it_all_or_nothing(database: Database) -> None:
    settings = SettingsRepository(database)
    with pytest.raises(RuntimeError), database.write():
        settings.set(TIME_ZONE, "Atlantic/Canary")  # its own write() joins the outer one
        raise RuntimeError("later step failed")
    assert settings.get(TIME_ZONE) == "Europe/Madrid"
    with database.write():
        settings.set(TIME_ZONE, "Atlantic/Canary")
    assert settings.get(TIME_ZONE) == "Atlantic/Canary"
