"""The outbox and recovery with the real Instagram adapter, its containers in the real database.

A 5xx on `media_publish` after Instagram did publish: the retry sees the
container PUBLISHED, recovery finds the post by its caption, and
`media_publish` is never called twice. Nothing lost: the clerk's image file
goes through the same preparation as every network's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image as PilImage

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Image
from smalltown_social.core.states import TargetState as S
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.instagram import InstagramAdapter
from smalltown_social.publishing.outbox import Outbox, Outcome
from smalltown_social.publishing.recovery import recover
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.containers_repo import ContainersRepository
from smalltown_social.storage.database import Database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, graph_error, recorded
from tests.networks.test_instagram import (
    CONTAINER,
    IG,
    MEDIA,
    PAGE,
    PHOTO,
    container_status,
    instagram_graph,
    ready_to_publish,
)
from tests.publishing.world import FakeClock, World, make_world

NAME = "Ayto Instagram"

pytestmark = pytest.mark.expected_logs(r"outcome unknown", r"retry")


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


@pytest.fixture
def world(tmp_path: Path, database: Database, graph: GraphFake) -> Iterator[World]:
    built = make_world(tmp_path, database, FakeClock(wall=datetime.now(UTC)))
    AccountsRepository(database).add(Network.INSTAGRAM, NAME, server_url=graph.url, channel=IG)
    yield built


def outbox(world: World) -> Outbox:
    memory = ContainersRepository(world.database)

    def adapters(account: Account) -> Adapter:
        return InstagramAdapter(
            account, CANARY, Redactor(), containers=memory, sleep=lambda _s: None
        )

    return Outbox(world.database, adapters, world.clock)


def photo(tmp_path: Path) -> Image:
    path = tmp_path / "cartel.png"
    PilImage.new("RGB", (1080, 1350), (200, 40, 40)).save(path)
    return Image(str(path), "Cartel rojo de las fiestas")


def test_5xx_after_instagram_published_is_found_and_never_published_twice(
    world: World,
    graph: GraphFake,
    tmp_path: Path,
) -> None:
    ready_to_publish(graph)
    graph.on("POST", f"/{IG}/media_publish", Reply.json(graph_error(1, "Unknown error"), 500))
    (tid,) = world.schedule("Fiestas de agosto", accounts=(NAME,), images=(photo(tmp_path),))
    box = outbox(world)
    assert box.sweep().count(Outcome.RETRY) == 1  # same key later: the container is known
    upload = graph.calls("POST", f"/{PAGE}/photos")[0]
    assert b"image/jpeg" in upload.body  # the PNG became a JPEG for Instagram
    # Instagram had published it after all.
    graph.on("GET", f"/{CONTAINER}", container_status("PUBLISHED"))
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
    media = {
        "data": [
            {
                "id": MEDIA,
                "caption": "Fiestas de agosto",
                "timestamp": stamp,
                "permalink": "https://www.instagram.com/p/CSgf9BChwVq/",
            }
        ]
    }
    graph.on("GET", f"/{IG}/media", Reply.json(media))
    world.clock.advance(3600)
    assert box.sweep().count(Outcome.UNKNOWN) == 1
    assert recover(box, tid)
    target = world.target(tid)
    assert target.state is S.PUBLISHED and target.remote_id == MEDIA
    assert target.remote_url == "https://www.instagram.com/p/CSgf9BChwVq/"
    assert len(graph.calls("POST", f"/{IG}/media_publish")) == 1
    assert len(graph.calls("POST", f"/{IG}/media")) == 1
    assert PHOTO and recorded("instagram/apidata/publish/create_photo.json")["id"] == CONTAINER
