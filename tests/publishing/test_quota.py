"""Instagram's 24-hour allowance, read through the real adapter, told when near its end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.networks.instagram import InstagramAdapter
from smalltown_social.publishing.quota import quota_notes
from smalltown_social.redaction import Redactor
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake
from tests.networks.test_instagram import IG, PAGE, instagram_graph


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


def limit(used: int) -> Reply:
    return Reply.json(
        {"data": [{"config": {"quota_total": 25, "quota_duration": 86400}, "quota_usage": used}]}
    )


def test_near_the_limit_the_clerk_is_told_how_many_are_left(graph: GraphFake) -> None:
    instagram = Account(1, Network.INSTAGRAM, "Ayto IG", server_url=graph.url, channel=IG)
    facebook = Account(2, Network.FACEBOOK, "Ayto FB", server_url=graph.url, channel=PAGE)

    def adapters(account: Account) -> Adapter:
        if account.network is Network.INSTAGRAM:
            return InstagramAdapter(account, CANARY, Redactor(), read_timeout_s=2)
        return FacebookAdapter(account, CANARY, Redactor(), read_timeout_s=2)

    graph.on("GET", f"/{IG}/content_publishing_limit", limit(22))
    notes = quota_notes([instagram, facebook], adapters)
    assert list(notes) == [1]
    assert (
        notes[1].es == "«Ayto IG» lleva 22 de 25 publicaciones en las últimas 24 horas: quedan 3."
    )
    graph.on("GET", f"/{IG}/content_publishing_limit", limit(5))
    assert quota_notes([instagram], adapters) == {}
    assert (
        quota_notes([Account(3, Network.INSTAGRAM, "Demo", channel=IG, demo=True)], adapters) == {}
    )
