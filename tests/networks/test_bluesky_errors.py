"""The Bluesky adapter against a local HTTP server that misbehaves on purpose.

The real server cannot be made to send an HTML page, a cut-short body, a 429
or a 502, so those cases are served here, in the shapes of the recorded
Bluesky replies in tests/fixtures/atproto (MIT, MarshalX/atproto) and the
XRPC error body `{"error": Name, "message": …}`.
"""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import (
    Content,
    NeedsReconnect,
    Offline,
    OutcomeUnknown,
    RateLimited,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.bluesky import BlueskyAdapter
from smalltown_social.networks.bluesky_facets import tid_from_key
from smalltown_social.networks.bluesky_session import Session
from smalltown_social.networks.connect import Draft, check_credential
from smalltown_social.networks.http import MAX_SERVER_WAIT
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import MAX_SECRET_BYTES
from tests.networks.conftest import CANARY, everything_about
from tests.networks.fake_server import FakeServer, Reply

ATPROTO = Path(__file__).resolve().parents[1] / "fixtures" / "atproto"
X = "/xrpc/"
SESSION = {
    "did": "did:plc:kvwvcn5iqfooopmyzvb4qzba",
    "handle": "test.marshal.dev",
    "accessJwt": "access-one-" + "a" * 40,
    "refreshJwt": "refresh-one-" + "r" * 40,
}
CREATED = {
    "uri": "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3k2yihcrp6f2c",
    "cid": "bafyreifzi5xyrf3c5jw7cci4zrltyl25ik2dboznop4qo4cotcfbyjtita",
}


def recorded(name: str) -> Any:
    return json.loads((ATPROTO / name).read_text("utf-8"))


def xrpc_error(name: str, status: int = 400, **headers: str) -> Reply:
    return Reply.json({"error": name, "message": f"{name} happened"}, status, **headers)


@pytest.fixture
def bsky(server: FakeServer, redactor: Redactor) -> Iterator[BlueskyAdapter]:
    server.route("POST", X + "com.atproto.server.createSession", Reply.json(SESSION))
    account = Account(1, Network.BLUESKY, "Ayto", "test.marshal.dev", server.url)
    adapter = BlueskyAdapter(account, CANARY, redactor, read_timeout_s=0.5)
    yield adapter
    adapter.close()


def bearer(seen: Any) -> str:
    return str(seen.headers.get("Authorization", ""))


def test_expired_token_is_refreshed_and_the_call_sent_once_more(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    renewed = {**SESSION, "accessJwt": "access-two-" + "b" * 40, "refreshJwt": "refresh-two"}
    server.route("POST", X + "com.atproto.server.refreshSession", Reply.json(renewed))
    server.route(
        "POST", X + "com.atproto.repo.createRecord", xrpc_error("ExpiredToken"), Reply.json(CREATED)
    )
    published = bsky.publish(Content("Hola"), [], "key-1")
    assert published.remote_id == CREATED["uri"]
    creates = server.requests_to("POST", X + "com.atproto.repo.createRecord")
    assert [bearer(c) for c in creates] == [
        f"Bearer {SESSION['accessJwt']}",
        f"Bearer {renewed['accessJwt']}",
    ]
    (refresh,) = server.requests_to("POST", X + "com.atproto.server.refreshSession")
    assert bearer(refresh) == f"Bearer {SESSION['refreshJwt']}"
    assert len(server.requests_to("POST", X + "com.atproto.server.createSession")) == 1
    body = json.loads(creates[1].body)
    assert body["rkey"] == tid_from_key("key-1")  # the same record key on the second try
    assert json.loads(creates[0].body)["rkey"] == body["rkey"]
    assert body["record"]["langs"] == ["es"]


def test_refused_refresh_token_falls_back_to_one_login(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    server.route("POST", X + "com.atproto.server.refreshSession", xrpc_error("ExpiredToken"))
    server.route(
        "GET",
        X + "app.bsky.notification.listNotifications",
        xrpc_error("ExpiredToken"),
        Reply.json({"notifications": []}),
    )
    assert bsky.fetch_inbox(None).items == ()
    assert (bsky.sessions.logins, bsky.sessions.refreshes) == (2, 1)


@pytest.mark.parametrize("name", ["InvalidToken", "AuthenticationRequired", "AccountTakedown"])
def test_credential_errors_need_reconnect(
    server: FakeServer, bsky: BlueskyAdapter, name: str
) -> None:
    server.route("GET", X + "app.bsky.notification.listNotifications", xrpc_error(name))
    with pytest.raises(NeedsReconnect):
        bsky.fetch_inbox(None)


def test_wrong_app_password_needs_reconnect(server: FakeServer, bsky: BlueskyAdapter) -> None:
    server.route(
        "POST", X + "com.atproto.server.createSession", xrpc_error("AuthenticationRequired", 401)
    )
    with pytest.raises(NeedsReconnect) as refused:
        bsky.verify()
    assert "contraseña de aplicación" in refused.value.text.es


def test_rate_limit_waits_until_the_reset_header(server: FakeServer, bsky: BlueskyAdapter) -> None:
    reset = int(datetime.now(UTC).timestamp()) + 120
    server.route(
        "POST",
        X + "com.atproto.repo.createRecord",
        xrpc_error("RateLimitExceeded", 429, **{"RateLimit-Reset": str(reset)}),
    )
    with pytest.raises(RateLimited) as limited:
        bsky.publish(Content("Hola"), [], "key-1")
    assert limited.value.until == datetime.fromtimestamp(reset, UTC)
    assert not server.requests_to("GET", X + "com.atproto.repo.getRecord")


@pytest.mark.parametrize("reset", ["99999999999", "9" * 40])
def test_a_reset_far_in_the_future_is_capped(
    server: FakeServer, bsky: BlueskyAdapter, reset: str
) -> None:
    server.route(
        "POST",
        X + "com.atproto.repo.createRecord",
        xrpc_error("RateLimitExceeded", 429, **{"RateLimit-Reset": reset}),
    )
    with pytest.raises(RateLimited) as limited:
        bsky.publish(Content("Hola"), [], "key-1")
    assert limited.value.until <= datetime.now(UTC) + MAX_SERVER_WAIT


def test_server_error_is_temporary(server: FakeServer, bsky: BlueskyAdapter) -> None:
    server.route("GET", X + "app.bsky.notification.listNotifications", xrpc_error("Upstream", 502))
    with pytest.raises(TemporaryError):
        bsky.fetch_inbox(None)


def test_html_error_page_is_a_typed_error(server: FakeServer, bsky: BlueskyAdapter) -> None:
    html = {"Content-Type": "text/html"}
    page = Reply(body=b"<html><body>Bad Gateway</body></html>", status=502, headers=html)
    server.route("POST", X + "com.atproto.server.createSession", page)
    with pytest.raises(TemporaryError):
        bsky.verify()
    ok_but_html = Reply(body=b"<!doctype html><p>portal</p>", status=200, headers=html)
    server.route("POST", X + "com.atproto.server.createSession", ok_but_html)
    with pytest.raises(TemporaryError):
        bsky.verify()


def test_session_reply_without_tokens_is_a_typed_error(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    server.route("POST", X + "com.atproto.server.createSession", Reply.json({"did": "x"}))
    with pytest.raises(TemporaryError):
        bsky.verify()


def test_cut_short_create_reply_means_outcome_unknown(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    cut = Reply.json(CREATED)
    cut.misbehave = "truncate"
    server.route("POST", X + "com.atproto.repo.createRecord", cut)
    with pytest.raises(OutcomeUnknown):
        bsky.publish(Content("Hola"), [], "key-1")


def test_create_reply_without_uri_means_outcome_unknown(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    server.route("POST", X + "com.atproto.repo.createRecord", Reply.json({"cid": "x"}))
    with pytest.raises(OutcomeUnknown):
        bsky.publish(Content("Hola"), [], "key-1")


def test_timeout_on_a_write_means_outcome_unknown(server: FakeServer, bsky: BlueskyAdapter) -> None:
    slow = Reply.json(CREATED)
    slow.delay_s = 1.5
    server.route("POST", X + "com.atproto.repo.createRecord", slow)
    with pytest.raises(OutcomeUnknown):
        bsky.publish(Content("Hola"), [], "key-1")


def test_connection_refused_is_offline(redactor: Redactor) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    account = Account(1, Network.BLUESKY, "Ayto", "ayto.test", f"http://127.0.0.1:{port}")
    adapter = BlueskyAdapter(account, CANARY, redactor)
    with pytest.raises(Offline):
        adapter.publish(Content("Hola"), [], "key-1")
    adapter.close()


def test_find_reads_the_recorded_record(server: FakeServer, bsky: BlueskyAdapter) -> None:
    server.route("GET", X + "com.atproto.repo.getRecord", Reply.json(recorded("post_record.json")))
    found = bsky.find("key-1", Content("x"), datetime(2024, 1, 1, tzinfo=UTC))
    assert found is not None
    assert found.remote_id.endswith("/3k2yihcrp6f2c")
    assert found.created_utc == datetime(2024, 2, 22, 19, 58, 13, 903293, tzinfo=UTC)
    (asked,) = server.requests_to("GET", X + "com.atproto.repo.getRecord")
    assert dict(asked.query)["repo"] == SESSION["did"]


def test_find_says_absent_only_on_record_not_found(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    server.route("GET", X + "com.atproto.repo.getRecord", xrpc_error("RecordNotFound"))
    assert bsky.find("key-1", Content("x"), datetime(2024, 1, 1, tzinfo=UTC)) is None
    server.route("GET", X + "com.atproto.repo.getRecord", xrpc_error("InternalServerError", 500))
    with pytest.raises(TemporaryError):
        bsky.find("key-1", Content("x"), datetime(2024, 1, 1, tzinfo=UTC))


def test_thread_from_the_recorded_thread_view(server: FakeServer, bsky: BlueskyAdapter) -> None:
    server.route(
        "GET",
        X + "app.bsky.feed.getPostThread",
        Reply.json(recorded("thread_view_post_with_embed_media.json")),
    )
    (item,) = bsky.thread("at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kaheyt6vpc22")
    assert item.author_handle == "@test.marshal.dev"
    assert item.author_name == "Python SDK"
    assert item.url == "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22"


def test_malformed_notifications_are_skipped_not_fatal(
    server: FakeServer, bsky: BlueskyAdapter
) -> None:
    post = recorded("thread_view_post_with_embed_media.json")["thread"]["post"]
    good = {**post, "reason": "reply", "indexedAt": "2026-11-29T04:00:00.000Z"}
    bad: list[Any] = [
        "not an object",
        {**good, "uri": None},
        {**good, "indexedAt": "yesterday"},
        {**good, "reason": "like"},
        {**good, "record": "text", "uri": good["uri"] + "x", "indexedAt": None},
    ]
    server.route(
        "GET",
        X + "app.bsky.notification.listNotifications",
        Reply.json({"notifications": [good, *bad], "cursor": 42}),
    )
    batch = bsky.fetch_inbox("{not json")
    assert [i.remote_id for i in batch.items] == [post["uri"]]
    assert batch.more is False
    assert json.loads(batch.cursor or "")["mark"].startswith("2026-11-29T04:00:00")


def test_inbox_pages_back_to_the_mark_then_stops(server: FakeServer, bsky: BlueskyAdapter) -> None:
    post = recorded("thread_view_post_with_embed_media.json")["thread"]["post"]

    def note(n: int, when: str) -> dict[str, Any]:
        return {**post, "uri": f"{post['uri']}{n}", "reason": "mention", "indexedAt": when}

    route = X + "app.bsky.notification.listNotifications"
    server.route("GET", route, Reply.json({"notifications": [note(1, "2026-01-01T10:00:00Z")]}))
    first = bsky.fetch_inbox(None)
    server.route(
        "GET",
        route,
        Reply.json({"notifications": [note(3, "2026-01-03T10:00:00Z")], "cursor": "p2"}),
        Reply.json(
            {
                "notifications": [note(2, "2026-01-02T10:00:00Z"), note(1, "2026-01-01T10:00:00Z")],
                "cursor": "p3",
            }
        ),
    )
    page1 = bsky.fetch_inbox(first.cursor)
    assert page1.more
    page2 = bsky.fetch_inbox(page1.cursor)
    assert [i.remote_id[-1] for i in (*page1.items, *page2.items)] == ["3", "2"]
    assert not page2.more
    asked = server.requests_to("GET", route)
    assert ("cursor", "p2") in asked[-1].query
    assert json.loads(page2.cursor or "")["mark"].startswith("2026-01-03T10:00:00")


def test_hide_refuses_threads_of_other_accounts(server: FakeServer, bsky: BlueskyAdapter) -> None:
    other_root = "at://did:plc:someoneelse/app.bsky.feed.post/3kaheyt6vpc22"
    with pytest.raises(Exception, match="not ours"):
        bsky.hide(ReplyTo("at://did:plc:x/app.bsky.feed.post/3kaheyt6vpc23", other_root))


def test_canary_never_in_logs_or_errors(
    server: FakeServer, bsky: BlueskyAdapter, log_text: io.StringIO
) -> None:
    server.route(
        "POST", X + "com.atproto.server.createSession", xrpc_error("AuthenticationRequired", 401)
    )
    with pytest.raises(NeedsReconnect) as refused:
        bsky.publish(Content("Hola"), [], "key-1")
    (login,) = server.requests_to("POST", X + "com.atproto.server.createSession")
    assert CANARY in login.body.decode()  # it was sent, so hiding it is not an accident
    assert "createSession" in log_text.getvalue()
    assert CANARY not in log_text.getvalue()
    assert CANARY not in everything_about(refused.value)
    assert CANARY not in repr(bsky)


def test_big_session_is_stored_without_its_access_token() -> None:
    small = Session("did:plc:a", "a.test", "r" * 300, "a" * 300)
    assert Session.from_secret(small.to_secret()) == small
    big = Session("did:plc:a", "a.test", "r" * 700, "a" * 700)
    stored = big.to_secret()
    assert len(stored.encode("utf-16-le")) <= MAX_SECRET_BYTES
    assert Session.from_secret(stored) == Session("did:plc:a", "a.test", "r" * 700, None)
    assert Session.from_secret("{oops") is None
    assert Session.from_secret(json.dumps({"did": "x", "handle": "y"})) is None


@pytest.mark.parametrize(
    "profile",
    [
        xrpc_error("UpstreamFailure", 502),
        Reply(body=b"<html>Bad Gateway</html>", status=502, headers={"Content-Type": "text/html"}),
        xrpc_error("RateLimitExceeded", 429),
    ],
)
def test_an_account_connects_while_the_appview_is_down(
    server: FakeServer, redactor: Redactor, profile: Reply
) -> None:
    """Issue #9, hole 12: `getProfile` answering 502 through the PDS stopped `account add`.

    The profile (display name, avatar) is decoration; the PDS accepted the app password.
    """
    server.route("POST", X + "com.atproto.server.createSession", Reply.json(SESSION))
    server.route("GET", X + "app.bsky.actor.getProfile", profile)
    draft = Draft(Network.BLUESKY, "Ayto en Bluesky", server.url, handle="test.marshal.dev")
    identity = check_credential(draft, CANARY, redactor)
    assert identity.handle == "@test.marshal.dev"
    assert identity.name == "test.marshal.dev"  # the handle stands in for the display name
    assert server.requests_to("GET", X + "app.bsky.actor.getProfile")
