"""The outbox and recovery with the real Facebook adapter against the checking Graph server.

The faults of issue #10: a 5xx after the post was created, the connection
dropped before the answer, a token revoked between scheduling and
publishing, the same text already recorded for another target; and the
hand-over to Facebook's scheduler, withdrawn. Nothing twice, nothing lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.states import TargetState as S
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.publishing.handover import withdraw_post
from smalltown_social.publishing.outbox import Outbox, Outcome
from smalltown_social.publishing.recovery import recover
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, graph_error
from tests.publishing.world import FakeClock, World, make_world

PAGE = "104593022431585"
NAME = "Ayto Facebook"

pytestmark = pytest.mark.expected_logs(
    r"outcome unknown",
    r"on a network without idempotency",
    r"needs_reconnect|reconnect|failed",
    r"usage at 100 %",
)


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake()
    fake.start()
    fake.node(PAGE, "Page")
    yield fake
    fake.stop()
    assert fake.violations == []


@pytest.fixture
def world(tmp_path: Path, database: Database, graph: GraphFake) -> World:
    built = make_world(tmp_path, database, FakeClock(wall=datetime.now(UTC)))
    AccountsRepository(database).add(Network.FACEBOOK, NAME, server_url=graph.url, channel=PAGE)
    return built


def outbox(world: World) -> Outbox:
    def adapters(account: Account) -> Adapter:
        return FacebookAdapter(account, CANARY, Redactor(), read_timeout_s=2)

    return Outbox(world.database, adapters, world.clock)


def on_page(post_id: str, text: str) -> Reply:
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
    return Reply.json({"data": [{"id": post_id, "message": text, "created_time": when}]})


def test_5xx_after_the_post_was_created_is_found_not_sent_again(
    world: World, graph: GraphFake
) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json(graph_error(2, "Service unavailable"), 503))
    (tid,) = world.schedule("Corte de agua el martes", accounts=(NAME,))
    box = outbox(world)
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    assert world.state(tid) is S.PUBLISHING
    # Facebook did create it: it is on the Page.
    graph.on("GET", f"/{PAGE}/published_posts", on_page(f"{PAGE}_77", "Corte de agua el martes"))
    assert recover(box, tid)
    target = world.target(tid)
    assert target.state is S.PUBLISHED and target.remote_id == f"{PAGE}_77"
    assert len(graph.calls("POST", f"/{PAGE}/feed")) == 1


def test_dropped_connection_and_absent_goes_out_once_later(world: World, graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply(misbehave="reset"), Reply.json({"id": f"{PAGE}_78"}))
    (tid,) = world.schedule("Bando de fiestas", accounts=(NAME,))
    box = outbox(world)
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    graph.on("GET", f"/{PAGE}/published_posts", Reply.json({"data": []}))
    assert recover(box, tid)
    assert world.state(tid) is S.SCHEDULED
    assert box.sweep().count(Outcome.PUBLISHED) == 1
    assert world.target(tid).remote_id == f"{PAGE}_78"
    assert len(graph.calls("POST", f"/{PAGE}/feed")) == 2  # the first never arrived


def test_a_post_recorded_for_another_target_is_never_taken(world: World, graph: GraphFake) -> None:
    graph.on(
        "POST",
        f"/{PAGE}/feed",
        Reply.json({"id": f"{PAGE}_80"}),
        Reply.json(graph_error(1, "An unknown error occurred"), 500),
    )
    (first,) = world.schedule("Pleno el jueves", accounts=(NAME,))
    box = outbox(world)
    assert box.sweep().count(Outcome.PUBLISHED) == 1
    (second,) = world.schedule("Pleno el jueves", accounts=(NAME,))
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    # Only the first target's post is on the Page with that text.
    graph.on("GET", f"/{PAGE}/published_posts", on_page(f"{PAGE}_80", "Pleno el jueves"))
    assert recover(box, second)
    assert world.state(second) is S.SCHEDULED  # absent: not the other target's post
    assert world.target(first).remote_id == f"{PAGE}_80"


def test_token_revoked_between_scheduling_and_publishing(world: World, graph: GraphFake) -> None:
    body = graph_error(190, "Error validating access token: user changed password", 460)
    graph.on("POST", f"/{PAGE}/feed", Reply.json(body, 400))
    (tid,) = world.schedule("Recogida de enseres", accounts=(NAME,))
    box = outbox(world)
    assert box.sweep().count(Outcome.FAILED) == 1
    target = world.target(tid)
    assert target.state is S.FAILED and "Vuelva a conectar" in (target.error or "")
    account = AccountsRepository(world.database).by_name(NAME)
    assert account is not None and account.status == "needs_reconnect"
    assert len(graph.calls("POST", f"/{PAGE}/feed")) == 1  # no retry loop


def test_hand_over_to_facebook_and_withdraw(world: World, graph: GraphFake) -> None:
    post_id = f"{PAGE}_90"
    graph.node(post_id, "PagePost")
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": post_id}))
    due = world.clock.now() + timedelta(days=3)
    (tid,) = world.schedule("Fiestas en agosto", at=due, accounts=(NAME,), server_scheduling=True)
    box = outbox(world)
    assert box.sweep().count(Outcome.SCHEDULED_ON_SERVER) == 1
    target = world.target(tid)
    assert target.state is S.PUBLISHED and target.on_server and target.remote_id == post_id
    form = graph.calls("POST", f"/{PAGE}/feed")[0].form_dict()
    assert form["scheduled_publish_time"] == str(int(due.timestamp()))
    graph.on("GET", f"/{post_id}", Reply.json({"id": post_id, "is_published": False}))
    graph.on("DELETE", f"/{post_id}", Reply.json({"success": True}))
    assert withdraw_post(world.database, box.adapters, world.clock, target.post_id) == 1
    assert world.state(tid) is S.DRAFT
    assert len(graph.calls("DELETE", f"/{post_id}")) == 1


def test_rate_limit_waits_for_metas_time_and_sends_nothing_meanwhile(
    world: World, graph: GraphFake
) -> None:
    usage = {PAGE: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 30}]}
    body = graph_error(80001, "There have been too many calls to this Page account")
    headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
    graph.on(
        "POST",
        f"/{PAGE}/feed",
        Reply.json(body, 400, **headers),
        Reply.json({"id": f"{PAGE}_81"}),
    )
    (tid,) = world.schedule("Bando de limpieza", accounts=(NAME,))
    box = outbox(world)
    assert box.sweep().count(Outcome.RETRY) == 1
    assert world.state(tid) is S.SCHEDULED
    assert "demasiadas peticiones" in (world.target(tid).error or "")
    world.clock.advance(20 * 60)
    assert box.sweep().count(Outcome.PUBLISHED) == 0  # 20 minutes: still waiting
    world.clock.advance(11 * 60)
    assert box.sweep().count(Outcome.PUBLISHED) == 1
    assert len(graph.calls("POST", f"/{PAGE}/feed")) == 2
    assert world.target(tid).remote_id == f"{PAGE}_81"
