"""X counts (public_metrics) when the town opted in to paid reads; every request checked
against X's OpenAPI description and signed as X documents (see test_x.py)."""

from __future__ import annotations

from smalltown_social.redaction import Redactor
from tests.networks.fake_server import FakeServer
from tests.networks.test_x import POST_ID, checked, make, x_reply


def test_public_metrics_are_read_in_one_request_when_opted_in(
    server: FakeServer, redactor: Redactor
) -> None:
    gone = "1863000000000000999"
    body = {
        "data": [
            {
                "id": POST_ID,
                "text": "Corte de agua mañana en la calle Mayor.",
                "edit_history_post_ids": [POST_ID],
                "public_metrics": {
                    "repost_count": 4,
                    "reply_count": 2,
                    "like_count": 11,
                    "quote_count": 1,
                    "bookmark_count": 0,
                    "impression_count": 350,
                },
            }
        ],
    }
    server.route("GET", "/2/tweets", x_reply("GET", "/2/tweets", body))
    adapter = make(server, redactor, read_paid=True)
    assert adapter.capabilities().metrics
    found = adapter.metrics([POST_ID, gone])
    assert gone not in found  # deleted: X leaves it out of `data`, so it is marked gone
    metrics = found[POST_ID]
    assert (metrics.likes, metrics.reposts, metrics.replies, metrics.quotes) == (11, 4, 2, 1)
    assert metrics.views == 350
    [request] = server.requests_to("GET", "/2/tweets")
    assert dict(request.query)["ids"] == f"{POST_ID},{gone}"
    checked(server)
