"""The save-or-schedule use case on a real SQLite file: drafts, refusals, one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.guidance import engine
from smalltown_social.core.settings import ELECTION_CALLED, ELECTION_DAY, TIME_ZONE
from smalltown_social.core.states import TargetState
from smalltown_social.publishing.compose import Draft, PostComposer, Refused
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import TargetStore

pytestmark = pytest.mark.expected_logs(r"guidance rule personal_data failed")

NOW = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)
DNI = "Enhorabuena al vecino con DNI 12345678Z por su premio."
NOTICE = "Mañana se corta el agua de 9:00 a 12:00 en la calle Mayor."


@pytest.fixture
def account(database: Database) -> Account:
    return AccountsRepository(database).add(
        Network.MASTODON, "Ayto", server_url="https://m.example"
    )


@pytest.fixture
def composer(database: Database) -> PostComposer:
    return PostComposer(database, clock=lambda: NOW)


def _states(database: Database, post_id: int) -> list[TargetState]:
    return [t.state for t in PostsRepository(database).targets_of(post_id)]


def test_a_draft_with_a_block_finding_is_saved_never_refused(
    composer: PostComposer, database: Database, account: Account
) -> None:
    saved = composer.save_draft(Draft(DNI, (account,)))
    assert any(f.severity == "block" for f in saved.findings)
    assert _states(database, saved.post_id) == [TargetState.DRAFT]
    blank = composer.save_draft(Draft("", ()))  # even an empty draft: the clerk decides
    assert PostsRepository(database).get(blank.post_id) is not None


def test_scheduling_refuses_a_block_unless_a_reason_is_given_and_logged(
    composer: PostComposer, database: Database, account: Account
) -> None:
    with pytest.raises(Refused) as refused:
        composer.schedule(Draft(DNI, (account,)), LATER)
    assert [f.rule for f in refused.value.findings] == ["personal_data"]
    assert PostsRepository(database).count() == 0  # nothing written
    with pytest.raises(Refused):  # a word is no reason: the same rule as the composer's
        composer.schedule(Draft(DNI, (account,)), LATER, override_reason="vale", who="ana")
    assert PostsRepository(database).count() == 0
    reason = "lo autoriza el interesado por escrito"
    saved = composer.schedule(Draft(DNI, (account,)), LATER, override_reason=reason, who="ana")
    assert _states(database, saved.post_id) == [TargetState.SCHEDULED]
    assert saved.post.block_override == reason
    override = next(e for e in EventLog(database).recent() if e.kind == "block_override")
    assert f"ana: {reason}" in override.detail and "personal_data" in override.detail
    assert override.post_id == saved.post_id


def test_a_scheduled_post_edited_into_a_blocked_one_goes_back_to_draft(
    composer: PostComposer, database: Database, account: Account
) -> None:
    saved = composer.schedule(Draft(NOTICE, (account,)), LATER)
    edited = composer.save_draft(Draft(DNI, (account,), post_id=saved.post_id), LATER)
    assert edited.unscheduled == 1
    assert _states(database, saved.post_id) == [TargetState.DRAFT]


def test_the_towns_settings_are_read_per_call(
    composer: PostComposer, database: Database, account: Account
) -> None:
    settings = SettingsRepository(database)
    settings.set(TIME_ZONE, "Atlantic/Canary")
    draft = composer.save_draft(Draft(NOTICE, (account,)))
    assert draft.post.time_zone == "Atlantic/Canary"
    assert [t.time_zone for t in PostsRepository(database).targets_of(draft.post_id)] == [
        "Atlantic/Canary"
    ]
    propaganda = Draft("El alcalde inaugura el nuevo parque de la calle Mayor.", (account,))
    composer.schedule(propaganda, LATER)  # no elections: allowed
    settings.set(ELECTION_CALLED, (date(2027, 4, 20)).isoformat())
    settings.set(ELECTION_DAY, (date(2027, 5, 28)).isoformat())
    with pytest.raises(Refused) as refused:
        composer.schedule(propaganda, LATER)
    assert [f.rule for f in refused.value.findings] == ["propaganda"]


def test_post_targets_and_events_are_one_transaction(
    composer: PostComposer, database: Database, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(TargetStore, "schedule", broken)
    with pytest.raises(RuntimeError):
        composer.schedule(Draft(NOTICE, (account,)), LATER)
    assert PostsRepository(database).count() == 0  # the post itself was rolled back


def test_a_guidance_bug_blocks_scheduling_but_not_the_draft(
    composer: PostComposer, database: Database, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[object]:
        raise RuntimeError("bug")

    monkeypatch.setattr(engine, "check_personal_data", broken)
    with pytest.raises(Refused) as refused:
        composer.schedule(Draft(DNI, (account,)), LATER)
    assert [f.rule for f in refused.value.findings] == ["guidance_failed"]
    assert "no ha podido comprobar" in refused.value.findings[0].message
    saved = composer.save_draft(Draft(DNI, (account,)))
    assert _states(database, saved.post_id) == [TargetState.DRAFT]


@pytest.mark.parametrize(
    ("draft_text", "due", "words"),
    [
        ("", LATER, "vacía"),
        ("Pleno el jueves.", NOW - timedelta(minutes=5), "ya ha pasado"),
        ("Pleno \udce7 el jueves.", LATER, "no son válidos"),
    ],
)
def test_refusals_before_the_guidance(
    composer: PostComposer, account: Account, draft_text: str, due: datetime, words: str
) -> None:
    with pytest.raises(Refused) as refused:
        composer.schedule(Draft(draft_text, (account,)), due)
    assert words in refused.value.text.es and not refused.value.findings
    with pytest.raises(Refused):
        composer.schedule(Draft("Pleno el jueves.", (account, account)), LATER)
    with pytest.raises(Refused):
        composer.schedule(Draft("Pleno el jueves.", ()), LATER)


def test_now_means_the_clocks_now(composer: PostComposer, account: Account) -> None:
    saved = composer.schedule(Draft(NOTICE, (account,)))
    assert saved.post.due_utc == NOW and saved.scheduled == 1


def test_a_reply_goes_through_the_same_refusals(
    composer: PostComposer, database: Database, account: Account
) -> None:
    from smalltown_social.core.inbox import InboxItem, ItemKind
    from smalltown_social.storage.inbox_repo import InboxRepository

    inbox = InboxRepository(database)
    inbox.upsert(
        [
            InboxItem(
                account.id, Network.MASTODON, "c1", ItemKind.COMMENT, "¿Y mi expediente?", NOW
            ),
            InboxItem(
                account.id, Network.MASTODON, "m1", ItemKind.MESSAGE, "¿Y mi expediente?", NOW
            ),
        ]
    )
    public, private = inbox.by_remote_id("mastodon", "c1"), inbox.by_remote_id("mastodon", "m1")
    assert public is not None and private is not None
    answer = "Su expediente con DNI 12345678Z está resuelto."
    with pytest.raises(Refused):
        composer.reply(public, answer, who="ana")  # personal data in public: never
    saved = composer.reply(private, answer, who="ana")
    assert saved.post.reply_to_item_id == private.id
    assert _states(database, saved.post_id) == [TargetState.SCHEDULED]
    again = inbox.get(private.id or 0)
    assert again is not None and again.status == "pending"
    with pytest.raises(Refused):
        composer.reply(private, "  ", who="ana")


def test_instagram_without_an_image_is_refused_before_anything_is_written(
    composer: PostComposer, database: Database, account: Account
) -> None:
    instagram = AccountsRepository(database).add(Network.INSTAGRAM, "Ayto IG", channel="17841")
    with pytest.raises(Refused) as refused:
        composer.schedule(Draft(NOTICE, (account, instagram)), LATER)
    assert "Instagram solo publica con al menos una imagen" in refused.value.text.es
    assert PostsRepository(database).count() == 0
    saved = composer.save_draft(Draft(NOTICE, (instagram,)))  # a draft is kept as it is
    assert _states(database, saved.post_id) == [TargetState.DRAFT]
    assert composer.schedule(Draft(NOTICE, (account,)), LATER).post_id  # Mastodon alone: fine
