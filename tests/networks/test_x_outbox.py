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
from smalltown_social.core.states import TargetState
from smalltown_social.networks.x import XAdapter
from smalltown_social.publishing.outbox import Outbox, Outcome
from smalltown_social.publishing.recovery import RECHECK_AFTER
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_x import KEYS, ME, SECRET, created, problem, timeline
from tests.networks.x_openapi import check_request
from tests.publishing.world import FakeClock

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+: HTTP 50\d: .* on a network without idempotency: outcome unknown",
    r"outbox: target \d+: outcome unknown",
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
