"""LinkedIn counts from a post's social actions (likes and comments), in LinkedIn's shape."""

from __future__ import annotations

from smalltown_social.redaction import Redactor
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_linkedin import SHARE, check_headers, error, make

PATH = "/rest/socialActions/urn%3Ali%3Ashare%3A7140000000000000001"


def test_likes_and_comments_come_from_social_actions(
    server: FakeServer, redactor: Redactor
) -> None:
    body = {
        "$URN": f"urn:li:socialActions:{SHARE}",
        "target": SHARE,
        "likesSummary": {"totalLikes": 9, "likedByCurrentUser": False, "aggregatedTotalLikes": 9},
        "commentsSummary": {"totalFirstLevelComments": 2, "aggregatedTotalComments": 3},
    }
    server.route("GET", PATH, Reply.json(body))
    adapter = make(server, redactor)
    assert adapter.capabilities().metrics
    metrics = adapter.metrics([SHARE])[SHARE]
    assert (metrics.likes, metrics.replies, metrics.reposts) == (9, 3, 0)
    assert metrics.missing_permissions == ("rw_organization_admin",)  # reposts not readable
    check_headers(server.requests_to("GET", PATH)[0])


def test_a_deleted_post_is_absent(server: FakeServer, redactor: Redactor) -> None:
    server.route("GET", PATH, error(404, "Not Found"))
    assert make(server, redactor).metrics([SHARE]) == {}
