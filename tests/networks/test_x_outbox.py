"""The outbox with the real X adapter: no idempotency key, so nothing is ever sent twice.

X created the post but the reply was a 5xx or the connection dropped: the
outbox must not send it again; recovery lists the account's posts since the
claim and records the one it finds. Not found in a complete listing: sent
again once (nothing was created the first time).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import X_MONTHLY_CAP_USD
from smalltown_social.core.states import TargetState
from smalltown_social.networks.x import XAdapter
from smalltown_social.publishing.outbox import SPENDING_CAP_RECHECK, Outbox, Outcome
from smalltown_social.publishing.recovery import RECHECK_AFTER
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.timefmt import to_db
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_x import KEYS, ME, SECRET, created, problem, timeline
from tests.networks.x_openapi import check_request
from tests.publishing.world import FakeClock
from tests.target_states import drive

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+: HTTP 50\d: .* on a network without idempotency: outcome unknown",
    r"outbox: target \d+: outcome unknown",
    r"outbox: target \d+ held: x spending limit",
)

S = TargetState
TEXT = "Mañana, corte de agua de 9 a 11 en la calle Mayor."


def setup(
    server: FakeServer, database: Database, redactor: Redactor
) -> tuple[int, Outbox, FakeClock]:
    clock = FakeClock(wall=datetime.now(UTC).replace(microsecond=0))
    account = AccountsRepository(database).add(Network.X, "X Ayto", server_url=server.url)
    posts = PostsRepository(database)
    post = posts.save(Post(text=TEXT, due_utc=clock.now()))
    assert post.id is not None
    (target,) = posts.add_targets([Target(post.id, account.id, S.SCHEDULED, clock.now())])
    assert target.id is not None

    def build(acc: Account) -> XAdapter:
        return XAdapter(acc, SECRET, redactor)

    box = Outbox(database, build, clock)
    return target.id, box, clock


def after_claim(post_id: str) -> dict[str, Any]:
    moment = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {"id": post_id, "text": TEXT, "created_at": moment, "edit_history_post_ids": [post_id]}


@pytest.mark.parametrize("failure", ["503", "reset"])
def test_created_then_5xx_or_dropped_is_found_not_sent_again(
    server: FakeServer, database: Database, redactor: Redactor, failure: str
) -> None:
    target_id, box, clock = setup(server, database, redactor)
    answer = (
        problem(503, "Service Unavailable", "Service Unavailable")
        if failure == "503"
        else Reply(misbehave="reset")
    )
    server.route("POST", "/2/tweets", answer, created(TEXT))
    server.route("GET", "/2/users/me", Reply.json({"data": ME}))
    path = f"/2/users/{ME['id']}/tweets"
    server.route("GET", path, timeline(after_claim("1863000000000000077")))
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    clock.advance(RECHECK_AFTER.total_seconds() + 1)
    box.sweep()
    target = PostsRepository(database).target(target_id)
    assert target is not None and target.state is S.PUBLISHED
    assert target.remote_id == "1863000000000000077"
    assert len(server.requests_to("POST", "/2/tweets")) == 1
    for seen in server.seen:
        check_request(seen, KEYS)


def test_dropped_before_creation_is_sent_once_more(
    server: FakeServer, database: Database, redactor: Redactor
) -> None:
    target_id, box, clock = setup(server, database, redactor)
    server.route("POST", "/2/tweets", Reply(misbehave="reset"), created(TEXT))
    server.route("GET", "/2/users/me", Reply.json({"data": ME}))
    server.route("GET", f"/2/users/{ME['id']}/tweets", timeline())
    box.sweep()
    clock.advance(RECHECK_AFTER.total_seconds() + 1)
    box.sweep()  # recovery: surely absent → scheduled again, due at once
    box.sweep()
    target = PostsRepository(database).target(target_id)
    assert target is not None and target.state is S.PUBLISHED
    assert len(server.requests_to("POST", "/2/tweets")) == 2  # the first one created nothing


# --- the monthly spending limit -------------------------------------------------------------


class Told:
    def __init__(self) -> None:
        self.failed: list[tuple[int, str]] = []

    def on_published(self, target_id: int) -> None:
        pass

    def on_failed(self, target_id: int, reason: str) -> None:
        self.failed.append((target_id, reason))

    def on_unconfirmed(self, target_id: int) -> None:
        pass


def add_post(database: Database, account_id: int, text: str, due: datetime) -> int:
    posts = PostsRepository(database)
    post = posts.save(Post(text=text, due_utc=due))
    assert post.id is not None
    (target,) = posts.add_targets([Target(post.id, account_id, S.SCHEDULED, due)])
    assert target.id is not None
    return target.id


def test_a_post_over_the_monthly_limit_waits_and_the_clerk_is_told_once(
    server: FakeServer, database: Database, redactor: Redactor
) -> None:
    clock = FakeClock(wall=datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    account = AccountsRepository(database).add(Network.X, "X Ayto", server_url=server.url)
    settings = SettingsRepository(database)
    settings.set(X_MONTHLY_CAP_USD, 1)
    # Already this month: four posts with a link and one without (0,815 US$).
    texts = ["Bando https://sede.valdelomar.es/1", "Bando en sede.valdelomar.es"] * 2
    for number, text in enumerate([*texts, "Pleno el jueves."]):
        due = datetime(2026, 12, 1, 8 + number, tzinfo=UTC)
        done = add_post(database, account.id, text, due)
        drive(database, done, S.PUBLISHED, remote_id=f"186300000000000010{number}")
        published(database, done, due)
    # Last month's posts do not count.
    old = add_post(database, account.id, "https://sede.valdelomar.es", clock.now())
    drive(database, old, S.PUBLISHED, remote_id="1863000000000000999")
    published(database, old, datetime(2026, 11, 30, 23, 59, tzinfo=UTC))
    with_link = add_post(database, account.id, "Fiestas: https://sede.valdelomar.es/f", clock.now())
    plain = add_post(database, account.id, "Corte de agua mañana de 9 a 11.", clock.now())
    server.route("POST", "/2/tweets", created("ok", "1863000000000000500"))
    told = Told()
    box = Outbox(database, lambda acc: XAdapter(acc, SECRET, redactor), clock, reports=told)
    result = box.sweep()
    # 0,815 + 0,20 > 1: the link post waits; 0,815 + 0,015 ≤ 1: the plain one goes.
    assert result.outcomes == {with_link: Outcome.WAITING, plain: Outcome.PUBLISHED}
    assert len(server.requests_to("POST", "/2/tweets")) == 1
    held = PostsRepository(database).target(with_link)
    assert held is not None and held.state is S.SCHEDULED
    assert held.error is not None and "0,20 US$" in held.error and "0,815 US$" in held.error
    ((target_id, reason),) = told.failed
    assert target_id == with_link and "límite" in reason and "Ajustes" in reason
    clock.advance(SPENDING_CAP_RECHECK.total_seconds() + 1)
    assert box.sweep().outcomes == {with_link: Outcome.WAITING}
    assert len(told.failed) == 1  # told once, not every hour
    settings.set(X_MONTHLY_CAP_USD, 2)
    clock.advance(SPENDING_CAP_RECHECK.total_seconds() + 1)
    assert box.sweep().outcomes == {with_link: Outcome.PUBLISHED}
    assert len(server.requests_to("POST", "/2/tweets")) == 2


def test_a_limit_of_zero_sends_nothing_to_x(
    server: FakeServer, database: Database, redactor: Redactor
) -> None:
    target_id, box, _clock = setup(server, database, redactor)
    SettingsRepository(database).set(X_MONTHLY_CAP_USD, 0)
    assert box.sweep().count(Outcome.WAITING) == 1
    assert not server.seen
    target = PostsRepository(database).target(target_id)
    assert target is not None and target.state is S.SCHEDULED


def published(database: Database, target_id: int, when: datetime) -> None:
    with database.write() as conn:
        conn.execute("UPDATE targets SET published_utc = ? WHERE id = ?", (to_db(when), target_id))


# --- paid reading: the clerk's switch reaches the adapter -----------------------------------


def test_the_paid_reading_switch_reaches_the_x_adapter(
    server: FakeServer, database: Database, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off (the default): the inbox of an X account reads nothing; on: it reads mentions."""
    from smalltown_social.core.settings import X_PAID_READING
    from smalltown_social.networks import registry

    settings = SettingsRepository(database)
    account = AccountsRepository(database).add(Network.X, "X Ayto", server_url=server.url)
    built: list[bool] = []

    def build(acc: Account, secrets: object, red: Redactor, **extras: Any) -> XAdapter:
        built.append(bool(extras.get("read_paid")))
        return XAdapter(acc, SECRET, red, read_paid=bool(extras.get("read_paid")))

    factory = registry.adapter_factory(
        None,  # type: ignore[arg-type]  # the keyring is not asked: build is replaced
        redactor,
        read_paid=lambda: settings.get(X_PAID_READING),
    )
    monkeypatch.setattr(registry, "build_adapter", build)
    assert factory(account).fetch_inbox(None).items == ()
    assert not server.seen
    settings.set(X_PAID_READING, True)
    server.route("GET", "/2/users/me", Reply.json({"data": ME}))
    server.route("GET", f"/2/users/{ME['id']}/mentions", Reply.json({"meta": {}}))
    factory(account).fetch_inbox(None)
    assert built == [False, True]
    assert server.requests_to("GET", f"/2/users/{ME['id']}/mentions")
