"""Facebook and Instagram counts with their insights, against the checking Graph server.

Every request is checked against Meta's own API specs (graph_fake.py); the
replies are in Meta's documented shapes: a post's fields with summaries, an
insights list of `{"name", "values": [{"value"}]}`, and the permission error
`(#10)` a token without `read_insights` / `instagram_manage_insights` gets.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smalltown_social.networks.graph_insights import insight_values
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, graph_error
from tests.networks.test_facebook import POST
from tests.networks.test_facebook import adapter_for as facebook_adapter
from tests.networks.test_facebook import graph as facebook_graph  # noqa: F401 - fixture
from tests.networks.test_instagram import MEDIA, instagram_graph
from tests.networks.test_instagram import adapter_for as instagram_adapter

POST_FIELDS = {
    "id": POST,
    "shares": {"count": 3},
    "reactions": {"data": [], "summary": {"total_count": 12}},
    "comments": {"data": [], "summary": {"total_count": 4, "order": "chronological"}},
}
NO_INSIGHTS = graph_error(10, "(#10) Requires read_insights permission to access this endpoint")


def insights(**values: int) -> Reply:
    return Reply.json(
        {
            "data": [
                {
                    "name": name,
                    "period": "lifetime",
                    "values": [{"value": value}],
                    "title": name,
                    "id": f"x/insights/{name}/lifetime",
                }
                for name, value in values.items()
            ]
        }
    )


@pytest.fixture
def ig_graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


def test_facebook_reads_reach_with_read_insights(facebook_graph: GraphFake) -> None:  # noqa: F811
    facebook_graph.on("GET", f"/{POST}", Reply.json(POST_FIELDS))
    facebook_graph.on(
        "GET",
        f"/{POST}/insights/post_total_media_view_unique",
        insights(post_total_media_view_unique=480),
    )
    metrics = facebook_adapter(facebook_graph).metrics([POST])[POST]
    assert (metrics.likes, metrics.reposts, metrics.replies, metrics.views) == (12, 3, 4, 480)
    assert metrics.missing_permissions == ()


def test_facebook_without_read_insights_names_it_and_keeps_the_rest(
    facebook_graph: GraphFake,  # noqa: F811
) -> None:
    facebook_graph.on("GET", f"/{POST}", Reply.json(POST_FIELDS))
    facebook_graph.on(
        "GET", f"/{POST}/insights/post_total_media_view_unique", Reply.json(NO_INSIGHTS, 403)
    )
    metrics = facebook_adapter(facebook_graph).metrics([POST])[POST]
    assert (metrics.likes, metrics.reposts, metrics.replies) == (12, 3, 4)
    assert metrics.views is None and metrics.missing_permissions == ("read_insights",)


def test_facebook_a_deleted_post_is_absent(facebook_graph: GraphFake) -> None:  # noqa: F811
    facebook_graph.on(
        "GET", f"/{POST}", Reply.json(graph_error(100, "Object does not exist", 33), 400)
    )
    assert facebook_adapter(facebook_graph).metrics([POST]) == {}


def test_instagram_reads_likes_comments_shares_and_views(ig_graph: GraphFake) -> None:
    ig_graph.on(
        "GET", f"/{MEDIA}", Reply.json({"id": MEDIA, "like_count": 21, "comments_count": 5})
    )
    ig_graph.on("GET", f"/{MEDIA}/insights", insights(views=900, shares=7))
    metrics = instagram_adapter(ig_graph).metrics([MEDIA])[MEDIA]
    assert (metrics.likes, metrics.replies, metrics.reposts, metrics.views) == (21, 5, 7, 900)
    [call] = ig_graph.calls("GET", f"/{MEDIA}/insights")
    assert ("metric", "views,shares") in call.query


def test_instagram_without_insights_permission_names_it(ig_graph: GraphFake) -> None:
    ig_graph.on(
        "GET", f"/{MEDIA}", Reply.json({"id": MEDIA, "like_count": 21, "comments_count": 5})
    )
    refused = graph_error(10, "(#10) Application does not have permission for this action")
    ig_graph.on("GET", f"/{MEDIA}/insights", Reply.json(refused, 403))
    metrics = instagram_adapter(ig_graph).metrics([MEDIA])[MEDIA]
    assert (metrics.likes, metrics.replies, metrics.reposts, metrics.views) == (21, 5, 0, None)
    assert metrics.missing_permissions == ("instagram_manage_insights",)


def test_insight_values_reads_both_shapes() -> None:
    body = {
        "data": [
            {"name": "reach", "values": [{"value": 3}, {"value": 12}]},
            {"name": "views", "total_value": {"value": 40}},
        ]
    }
    assert insight_values(body) == {"reach": 12, "views": 40}
