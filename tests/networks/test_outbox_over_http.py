"""The outbox with the real adapters against a local server replaying recorded replies.

Issue #9's holes that live between the outbox and a network: a repeated
text taken for proof (hole 2), Telegram's 5xx after sending (hole 3), a
`Retry-After` far in the future (hole 11).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter, Content
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.networks.telegram import TelegramAdapter
from smalltown_social.publishing.outbox import SERVER_RETRY_MAX, Outbox, Outcome
from smalltown_social.publishing.recovery import RECHECK_AFTER, STALE_AFTER
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.targets_store import TargetStore
from tests.networks.conftest import CANARY, TELEGRAM_CANARY
from tests.networks.fake_server import FakeServer, Reply, load_cassette
from tests.networks.test_telegram import CHANNEL, fail, message, ok
from tests.publishing.world import FakeClock
from tests.target_states import drive

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+: HTTP 50\d: .* on a network without idempotency: outcome unknown",
    r"recovery: target \d+ unconfirmed",
    r"outbox: target \d+: retry",
)

S = TargetState
FIRST_ID = "117020583245459824"  # "Toot, finally!", created 2026-08-01T13:53:15Z


def recorded(cassette: str, index: int) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(load_cassette(cassette)[index]["response"]["body"])
    return body


def schedule(database: Database, account_id: int, text: str, due: datetime) -> int:
    posts = PostsRepository(database)
    post = posts.save(Post(text=text, due_utc=due))
    assert post.id is not None
    (target,) = posts.add_targets([Target(post.id, account_id, S.SCHEDULED, due)])
    assert target.id is not None
    return target.id


def state(database: Database, target_id: int) -> TargetState:
    found = PostsRepository(database).target(target_id)
    assert found is not None
    return found.state


def outbox(
    database: Database, clock: FakeClock, build: Any, adapters: list[Adapter] | None = None
) -> Outbox:
    def adapter(account: Account) -> Adapter:
        made: Adapter = build(account)
        if adapters is not None:
            adapters.append(made)
        return made

    return Outbox(database, adapter, clock)


def mastodon(server: FakeServer, database: Database, redactor: Redactor) -> tuple[int, Any]:
    account = AccountsRepository(database).add(Network.MASTODON, "Ayto", server_url=server.url)
    server.replay("test_instance", 0)
    server.replay("test_verify_credentials", 0)

    def build(acc: Account) -> MastodonAdapter:
        return MastodonAdapter(acc, CANARY, redactor, sleep=lambda _s: None)

    return account.id, build


# --- hole 2: the same text twice ----------------------------------------------------------


def test_a_repeated_text_is_not_taken_for_the_post_already_recorded(
    server: FakeServer, database: Database, redactor: Redactor
) -> None:
    """Post A "Toot, finally!" went out; post B has the same text and its process died
    after the claim, before the server got anything. Recovery must not record B with
    A's status: it sends B (one new status) instead."""
    clock = FakeClock(wall=datetime(2026, 8, 1, 13, 54, tzinfo=UTC))
    account_id, build = mastodon(server, database, redactor)
    first = schedule(database, account_id, "Toot, finally!", clock.now() - timedelta(minutes=1))
    drive(database, first, S.PUBLISHED, remote_id=FIRST_ID)
    second = schedule(database, account_id, "Toot, finally!", clock.now())
    assert TargetStore(database).claim(second, clock.now()) is not None  # then the PC died
    own = "/api/v1/accounts/117020457910412882/statuses"
    server.route("GET", own, Reply.json([recorded("test_status_reply", 0)]), Reply.json([]))
    new_status = {**recorded("test_status_reply", 0), "id": "117020600000000001"}
    server.route("POST", "/api/v1/statuses", Reply.json(new_status))
    clock.advance(STALE_AFTER.total_seconds() + 1)
    outbox(database, clock, build).sweep()
    target = PostsRepository(database).target(second)
    assert target is not None and target.state is S.PUBLISHED
    assert target.remote_id == "117020600000000001"
    assert len(server.requests_to("POST", "/api/v1/statuses")) == 1


def test_a_post_older_than_the_first_claim_is_not_proof(
    server: FakeServer, redactor: Redactor
) -> None:
    """The same text posted (by hand) an hour before this key was first sent."""
    adapter = MastodonAdapter(
        Account(1, Network.MASTODON, "Ayto", server_url=server.url), CANARY, redactor
    )
    server.replay("test_verify_credentials", 0)
    own = "/api/v1/accounts/117020457910412882/statuses"

    def find(since: datetime, exclude: frozenset[str] = frozenset()) -> str | None:
        page = Reply.json([recorded("test_status_reply", 0)])
        server.route("GET", own, page, Reply.json([]))
        found = adapter.find("k", Content("Toot, finally!"), since, exclude)
        return found.remote_id if found else None

    assert find(datetime(2026, 8, 1, 14, 50, tzinfo=UTC)) is None
    earlier = datetime(2026, 8, 1, 13, 50, tzinfo=UTC)
    assert find(earlier, frozenset({FIRST_ID})) is None
    assert find(earlier) == FIRST_ID


# --- hole 3: Telegram answers 5xx after sending ---------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 504])
def test_telegram_5xx_goes_to_the_clerk_never_sent_twice(
    server: FakeServer, database: Database, redactor: Redactor, status: int
) -> None:
    clock = FakeClock(wall=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    account = AccountsRepository(database).add(
        Network.TELEGRAM, "Canal", server_url=server.url, channel="@ayto"
    )
    send = f"/bot{TELEGRAM_CANARY}/sendMessage"
    # Replies checked field by field against the Bot API spec (tests/fixtures/telegram).
    server.route("POST", send, fail(status, "Bad Gateway"), ok(message(8, CHANNEL)))
    tid = schedule(database, account.id, "Pleno el jueves a las 20:00.", clock.now())

    def build(acc: Account) -> TelegramAdapter:
        return TelegramAdapter(acc, TELEGRAM_CANARY, redactor)

    box = outbox(database, clock, build)
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    for _ in range(4):  # the next sweeps, past every backoff
        clock.advance(RECHECK_AFTER.total_seconds() + 3600)
        box.sweep()
    assert state(database, tid) is S.UNCONFIRMED
    assert len(server.requests_to("POST", send)) == 1


def test_telegram_rate_limit_is_still_a_plain_retry(
    server: FakeServer, database: Database, redactor: Redactor
) -> None:
    """A 429 is a refusal before anything was done: retried, not sent to the clerk."""
    clock = FakeClock(wall=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    account = AccountsRepository(database).add(
        Network.TELEGRAM, "Canal", server_url=server.url, channel="@ayto"
    )
    send = f"/bot{TELEGRAM_CANARY}/sendMessage"
    server.route("POST", send, fail(429, "Too Many Requests: retry after 5", retry_after=5))
    tid = schedule(database, account.id, "Pleno el jueves.", clock.now())
    box = outbox(database, clock, lambda acc: TelegramAdapter(acc, TELEGRAM_CANARY, redactor))
    assert box.sweep().count(Outcome.RETRY) == 1
    assert state(database, tid) is S.SCHEDULED


# --- hole 11: Retry-After far in the future -------------------------------------------------


@pytest.mark.parametrize("retry_after", ["99999999999", "9" * 40, "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_huge_retry_after_is_capped(
    server: FakeServer, database: Database, redactor: Redactor, retry_after: str
) -> None:
    clock = FakeClock(wall=datetime.now(UTC))
    account_id, build = mastodon(server, database, redactor)
    reply = Reply.json({"error": "Service Unavailable"}, 503, **{"Retry-After": retry_after})
    server.route("POST", "/api/v1/statuses", reply)
    tid = schedule(database, account_id, "Corte de agua", clock.now())
    assert outbox(database, clock, build).sweep().count(Outcome.RETRY) == 1
    at = database.scalar("SELECT next_attempt_utc FROM targets WHERE id = ?", (tid,))
    assert at is not None
    wait = datetime.fromisoformat(at) - clock.now()
    assert timedelta(0) < wait <= SERVER_RETRY_MAX + timedelta(seconds=1)


@pytest.mark.parametrize("reset", ["99999999999", "9" * 40])
def test_a_huge_rate_limit_reset_is_capped(
    server: FakeServer, database: Database, redactor: Redactor, reset: str
) -> None:
    clock = FakeClock(wall=datetime.now(UTC))
    account_id, build = mastodon(server, database, redactor)
    reply = Reply.json({"error": "Too many requests"}, 429, **{"X-RateLimit-Reset": reset})
    server.route("POST", "/api/v1/statuses", reply)
    tid = schedule(database, account_id, "Corte de agua", clock.now())
    assert outbox(database, clock, build).sweep().count(Outcome.RETRY) == 1
    at = database.scalar("SELECT next_attempt_utc FROM targets WHERE id = ?", (tid,))
    wait = datetime.fromisoformat(at) - clock.now()
    assert timedelta(0) < wait <= timedelta(hours=24, seconds=5)
