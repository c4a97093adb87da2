"""The outbox with the real LinkedIn adapter: a 5xx or a dropped reply after LinkedIn made
the post is found by its text after the claim, never posted twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.networks.linkedin import LinkedInAdapter, escape_little
from smalltown_social.publishing.outbox import Outbox, Outcome
from smalltown_social.publishing.recovery import RECHECK_AFTER
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from tests.networks.conftest import CANARY
from tests.networks.fake_server import FakeServer, Reply
from tests.publishing.world import FakeClock

pytestmark = pytest.mark.expected_logs(
    r"outbox: target \d+: HTTP 50\d: .* on a network without idempotency: outcome unknown",
    r"outbox: target \d+: outcome unknown",
)

TEXT = "Pleno (ordinario) el jueves a las 20:00 #Valdelomar"


@pytest.mark.parametrize("failure", ["502", "reset"])
def test_created_then_5xx_or_dropped_is_found_not_sent_again(
    server: FakeServer, database: Database, redactor: Redactor, failure: str
) -> None:
    clock = FakeClock(wall=datetime.now(UTC).replace(microsecond=0))
    account = AccountsRepository(database).add(
        Network.LINKEDIN, "LinkedIn", server_url=server.url, channel="2414183"
    )
    posts = PostsRepository(database)
    post = posts.save(Post(text=TEXT, due_utc=clock.now()))
    assert post.id is not None
    (target,) = posts.add_targets([Target(post.id, account.id, TargetState.SCHEDULED, clock.now())])
    answer = (
        Reply.json({"status": 502, "message": "Bad Gateway"}, 502)
        if failure == "502"
        else Reply(misbehave="reset")
    )
    server.route("POST", "/rest/posts", answer)
    made = int((datetime.now(UTC) + timedelta(seconds=1)).timestamp() * 1000)
    ours = {"id": "urn:li:share:77", "commentary": escape_little(TEXT), "createdAt": made}
    server.route("GET", "/rest/posts", Reply.json({"elements": [ours], "paging": {}}))

    def build(acc: Account) -> LinkedInAdapter:
        return LinkedInAdapter(acc, CANARY, redactor)

    box = Outbox(database, build, clock)
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    clock.advance(RECHECK_AFTER.total_seconds() + 1)
    box.sweep()
    assert target.id is not None
    found = posts.target(target.id)
    assert found is not None and found.state is TargetState.PUBLISHED
    assert found.remote_id == "urn:li:share:77"
    assert len(server.requests_to("POST", "/rest/posts")) == 1
