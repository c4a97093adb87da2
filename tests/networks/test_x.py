"""X adapter against a local server; every request checked against X's OpenAPI.

There is no recorded X traffic: each reply the fake server sends is checked
against the operation's response schema in X's own OpenAPI description, and
each request the adapter sends is checked against the operation (path,
query, body) and its OAuth 1.0a signature recomputed (tests/networks/x_openapi.py).
"""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import (
    DUPLICATE,
    Content,
    Media,
    NeedsReconnect,
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.oauth1 import OAuth1Keys, OAuth1Signer
from smalltown_social.networks.x import (
    TEXT_IMAGE_REFUSED,
    TEXT_KEYS_REFUSED,
    TEXT_NO_CREDITS,
    TEXT_READ_ONLY,
    XAdapter,
)
from smalltown_social.redaction import Redactor
from tests.networks.conftest import everything_about
from tests.networks.fake_server import FakeServer, Reply, Seen
from tests.networks.x_openapi import check_reply, check_request, signature

KEYS = (
    "XKEYcanaryQ7vLm2Zp9",
    "XSECRETcanaryWq4Rt8Yh3Jk6Bn1Mx5Cv0Gf2Ds7",
    "1840000000000000001-XTOKENcanaryPl0Ok9Ij8",
    "XTOKSECRETcanaryUy7Tr6Ew5Qa4Sd3Fg2Hj1Kl",
)
SECRET = " ".join(KEYS)
ME = {"id": "1840000000000000001", "name": "Ayto. Valdelomar", "username": "aytovaldelomar"}
POST_ID = "1863000000000000042"


def make(server: FakeServer, redactor: Redactor, *, read_paid: bool = False) -> XAdapter:
    account = Account(7, Network.X, "X Ayto", server_url=server.url)
    return XAdapter(account, SECRET, redactor, read_paid=read_paid)


def checked(server: FakeServer) -> None:
    """Every request the server saw is a valid, correctly signed X API request."""
    assert server.seen, "nothing was sent"
    for seen in server.seen:
        check_request(seen, KEYS)


def x_reply(
    method: str, path: str, body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Reply:
    """A reply checked against the operation's response schema before it is served."""
    probe = Seen(method, path, [], {"Host": "api.x.com"}, b"")
    check_reply(probe, status, body)
    return Reply.json(body, status, **(headers or {}))


def problem(status: int, title: str, detail: str, kind: str = "about:blank") -> Reply:
    return Reply.json({"title": title, "detail": detail, "type": kind, "status": status}, status)


def image(alt: str = "") -> Media:
    return Media(b"\xff\xd8\xff\xe0fakejpeg", "image/jpeg", alt, 10, 10)


# --- OAuth 1.0a ---------------------------------------------------------------------------

# The worked example of X's "Creating a signature" page.
DOC_KEYS = OAuth1Keys(
    "xvz1evFS4wEEPTGEFPHBog",
    "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
)
DOC_NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"
DOC_SIGNATURE = "hCtSmYh+iHYCEqBWrE7C7hYmtUk="


def test_the_test_verifier_reproduces_x_documentation_example() -> None:
    params = [
        ("include_entities", "true"),
        ("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        ("oauth_consumer_key", DOC_KEYS.api_key),
        ("oauth_nonce", DOC_NONCE),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1318622958"),
        ("oauth_token", DOC_KEYS.access_token),
        ("oauth_version", "1.0"),
    ]
    uri = "https://api.twitter.com/1.1/statuses/update.json"
    assert signature("POST", uri, params, DOC_KEYS.api_secret, DOC_KEYS.access_secret) == (
        DOC_SIGNATURE
    )


def test_signer_reproduces_x_documentation_example() -> None:
    signer = OAuth1Signer(DOC_KEYS, nonce=DOC_NONCE, timestamp="1318622958")
    prepared = requests.Request(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
        data={"status": "Hello Ladies + Gentlemen, a signed OAuth request!"},
        auth=signer,
    ).prepare()
    header = str(prepared.headers["Authorization"])
    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in header
    assert DOC_KEYS.api_secret not in header and DOC_KEYS.access_secret not in header


def test_four_values_are_needed(redactor: Redactor) -> None:
    account = Account(7, Network.X, "X Ayto")
    with pytest.raises(PermanentError) as raised:
        XAdapter(account, " ".join(KEYS[:3]), redactor)
    assert "cuatro valores" in raised.value.text.es


# --- verify -------------------------------------------------------------------------------


def test_verify_reads_the_user_and_checks_write_access(
    server: FakeServer, redactor: Redactor
) -> None:
    me = x_reply("GET", "/2/users/me", {"data": ME}, headers={"x-access-level": "read-write"})
    server.route("GET", "/2/users/me", me)
    identity = make(server, redactor).verify()
    assert identity.name == "Ayto. Valdelomar"
    assert identity.handle == "@aytovaldelomar"
    assert "write" in identity.permissions
    checked(server)


def test_a_read_only_app_is_told_how_to_fix_it(server: FakeServer, redactor: Redactor) -> None:
    me = x_reply("GET", "/2/users/me", {"data": ME}, headers={"x-access-level": "read"})
    server.route("GET", "/2/users/me", me)
    with pytest.raises(NeedsReconnect) as raised:
        make(server, redactor).verify()
    assert raised.value.text == TEXT_READ_ONLY
    assert "Read and write" in raised.value.text.es and "regenere" in raised.value.text.es


def test_wrong_or_revoked_keys(server: FakeServer, redactor: Redactor) -> None:
    server.route("GET", "/2/users/me", problem(401, "Unauthorized", "Unauthorized"))
    with pytest.raises(NeedsReconnect) as raised:
        make(server, redactor).verify()
    assert raised.value.text == TEXT_KEYS_REFUSED
    for key in KEYS:
        assert key not in everything_about(raised.value)
    checked(server)


# --- publishing ---------------------------------------------------------------------------


def created(text: str, post_id: str = POST_ID) -> Reply:
    return x_reply("POST", "/2/tweets", {"data": {"id": post_id, "text": text}}, 201)


def test_publish_text(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/2/tweets", created("Pleno el jueves."))
    adapter = make(server, redactor)
    published = adapter.publish(Content("Pleno el jueves."), (), "key-1")
    assert published.remote_id == POST_ID
    assert published.url == f"https://x.com/i/status/{POST_ID}"
    (sent,) = server.requests_to("POST", "/2/tweets")
    assert json.loads(sent.body) == {"text": "Pleno el jueves."}
    checked(server)


def test_publish_reply(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/2/tweets", created("@vecina Gracias, lo miramos."))
    to = ReplyTo("1863000000000000007", author_handle="@vecina")
    make(server, redactor).reply(to, "@vecina Gracias, lo miramos.", "key-2")
    (sent,) = server.requests_to("POST", "/2/tweets")
    assert json.loads(sent.body)["reply"] == {"in_reply_to_tweet_id": "1863000000000000007"}
    checked(server)


def test_publish_images_with_alt_text(server: FakeServer, redactor: Redactor) -> None:
    uploads = [
        x_reply("POST", "/2/media/upload", {"data": {"id": media_id, "media_key": f"3_{media_id}"}})
        for media_id in ("1863000000000000100", "1863000000000000101")
    ]
    server.route("POST", "/2/media/upload", *uploads)
    metadata = {"data": {"id": "1863000000000000100", "associated_metadata": {}}}
    server.route("POST", "/2/media/metadata", x_reply("POST", "/2/media/metadata", metadata))
    server.route("POST", "/2/tweets", created("Fiestas"))
    long_alt = "Cartel de las fiestas " + "x" * 1200
    make(server, redactor).publish(Content("Fiestas"), [image(long_alt), image("")], "key-3")
    assert len(server.requests_to("POST", "/2/media/upload")) == 2
    (meta,) = server.requests_to("POST", "/2/media/metadata")
    alt = json.loads(meta.body)["metadata"]["alt_text"]["text"]
    assert alt == long_alt[:1000]  # X's limit, from the rules table
    (sent,) = server.requests_to("POST", "/2/tweets")
    media_ids = json.loads(sent.body)["media"]["media_ids"]
    assert media_ids == ["1863000000000000100", "1863000000000000101"]
    upload = server.requests_to("POST", "/2/media/upload")[0]
    assert upload.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="media_category"\r\n\r\ntweet_image' in upload.body
    checked(server)


def test_an_image_refused_posts_nothing(server: FakeServer, redactor: Redactor) -> None:
    refused = problem(400, "Invalid Request", "media type unrecognized.")
    server.route("POST", "/2/media/upload", refused)
    with pytest.raises(PermanentError) as raised:
        make(server, redactor).publish(Content("Fiestas"), [image("Cartel")], "key-4")
    assert raised.value.text == TEXT_IMAGE_REFUSED.format(reason=raised.value.reason)
    assert raised.value.text.es.startswith(
        "X ha rechazado la imagen: media type unrecognized. No se ha publicado nada."
    )
    assert "{" not in raised.value.text.es  # X's words, not its JSON
    assert not server.requests_to("POST", "/2/tweets")
    checked(server)


def test_text_over_the_limit_sends_nothing(server: FakeServer, redactor: Redactor) -> None:
    text = "á" * 258 + " https://sede.valdelomar.es/x"  # 258 + 1 + 23 = 282
    with pytest.raises(PermanentError) as raised:
        make(server, redactor).publish(Content(text), (), "key-5")
    assert "282 de 280" in raised.value.text.es
    assert not server.seen
    fits = "á" * 256 + " https://sede.valdelomar.es/x"  # 280: goes
    server.route("POST", "/2/tweets", created(fits))
    make(server, redactor).publish(Content(fits), (), "key-5")
    checked(server)


@pytest.mark.parametrize(
    ("reply", "kind", "text"),
    [
        (
            problem(402, "CreditsDepleted", "Your account does not have any credits."),
            PermanentError,
            TEXT_NO_CREDITS,
        ),
        (
            problem(
                403,
                "Forbidden",
                "You are not allowed to create a Tweet with duplicate content.",
            ),
            PermanentError,
            DUPLICATE.format(network="X"),
        ),
        (
            problem(
                403,
                "Unsupported Authentication",
                "Your client app is not configured with the appropriate oauth1 app "
                "permissions for this endpoint.",
                "https://api.twitter.com/2/problems/oauth1-permissions",
            ),
            NeedsReconnect,
            TEXT_READ_ONLY,
        ),
        (problem(401, "Unauthorized", "Unauthorized"), NeedsReconnect, TEXT_KEYS_REFUSED),
    ],
)
def test_refusals_are_typed_and_told_in_spanish(
    server: FakeServer, redactor: Redactor, reply: Reply, kind: type[Exception], text: Any
) -> None:
    server.route("POST", "/2/tweets", reply)
    with pytest.raises(kind) as raised:
        make(server, redactor).publish(Content("Pleno"), (), "key-6")
    assert getattr(raised.value, "text", None) == text
    checked(server)


def test_429_waits_until_x_rate_limit_reset(server: FakeServer, redactor: Redactor) -> None:
    reset = int(time.time()) + 600
    headers = {
        "x-rate-limit-limit": "100",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": str(reset),
    }
    server.route("POST", "/2/tweets", Reply.json({"title": "Too Many Requests"}, 429, **headers))
    with pytest.raises(RateLimited) as raised:
        make(server, redactor).publish(Content("Pleno"), (), "key-7")
    assert raised.value.until == datetime.fromtimestamp(reset, UTC)
    assert "(UTC)" in raised.value.text.es


def test_429_of_the_24_hour_user_limit_waits_for_its_own_reset(
    server: FakeServer, redactor: Redactor
) -> None:
    now = int(time.time())
    headers = {
        "x-rate-limit-reset": str(now + 60),
        "x-user-limit-24hour-limit": "17",
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": str(now + 7200),
    }
    server.route("POST", "/2/tweets", Reply.json({"title": "Too Many Requests"}, 429, **headers))
    with pytest.raises(RateLimited) as raised:
        make(server, redactor).publish(Content("Pleno"), (), "key-8")
    assert raised.value.until == datetime.fromtimestamp(now + 7200, UTC)


def test_5xx_is_temporary_and_a_dropped_connection_unknown(
    server: FakeServer, redactor: Redactor
) -> None:
    server.route("POST", "/2/tweets", problem(503, "Service Unavailable", "Service Unavailable"))
    with pytest.raises(TemporaryError):
        make(server, redactor).publish(Content("Pleno"), (), "key-9")
    server.route("POST", "/2/tweets", Reply(misbehave="reset"))
    with pytest.raises(OutcomeUnknown):
        make(server, redactor).publish(Content("Pleno"), (), "key-9")


def test_capabilities_say_no_idempotency() -> None:
    account = Account(7, Network.X, "X Ayto")
    adapter = XAdapter(account, SECRET, Redactor())
    capabilities = adapter.capabilities()
    assert not capabilities.idempotent_publish
    assert capabilities.max_length == 280 and capabilities.url_length == 23
    assert not capabilities.metrics  # reading is paid: off until the clerk opts in


# --- find after the claim -----------------------------------------------------------------


def timeline(*posts: dict[str, Any], next_token: str | None = None) -> Reply:
    meta: dict[str, Any] = {"result_count": len(posts)}
    if next_token:
        meta["next_token"] = next_token
    body = {"data": list(posts), "meta": meta} if posts else {"meta": meta}
    return x_reply("GET", f"/2/users/{ME['id']}/tweets", body)


def own_post(post_id: str, text: str, created: str) -> dict[str, Any]:
    return {"id": post_id, "text": text, "created_at": created, "edit_history_post_ids": [post_id]}


def test_find_matches_text_after_the_claim_and_not_another_targets(
    server: FakeServer, redactor: Redactor
) -> None:
    server.route("GET", "/2/users/me", x_reply("GET", "/2/users/me", {"data": ME}))
    text = "Agua cortada mañana de 9 a 11 & más: https://sede.valdelomar.es/avisos"
    shown = "Agua cortada mañana de 9 a 11 &amp; más: https://t.co/AbCdEf123"
    older = own_post("1863000000000000001", shown, "2026-12-01T08:00:00.000Z")
    other = own_post("1863000000000000002", shown, "2026-12-01T09:01:00.000Z")
    ours = own_post("1863000000000000003", shown, "2026-12-01T09:02:00.000Z")
    path = f"/2/users/{ME['id']}/tweets"
    server.route("GET", path, timeline(ours, other, next_token="7140dibdnow9c7btw3z"), timeline())
    since = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    adapter = make(server, redactor)
    found = adapter.find("k", Content(text), since, frozenset({other["id"]}))
    assert found is not None and found.remote_id == ours["id"]
    assert found.url == f"https://x.com/aytovaldelomar/status/{ours['id']}"
    (first, *_rest) = server.requests_to("GET", path)
    assert dict(first.query)["start_time"] == "2026-12-01T09:00:00Z"
    # only the older post and another target's: surely absent
    server.route("GET", path, timeline(other, older))
    assert adapter.find("k", Content(text), since, frozenset({other["id"]})) is None
    checked(server)


# --- paid reading is opt-in ---------------------------------------------------------------


def test_inbox_and_metrics_read_nothing_without_opt_in(
    server: FakeServer, redactor: Redactor
) -> None:
    adapter = make(server, redactor)
    assert adapter.fetch_inbox("1863000000000000000").items == ()
    assert adapter.metrics([POST_ID]) == {}
    assert not server.seen


def test_inbox_reads_mentions_when_opted_in(server: FakeServer, redactor: Redactor) -> None:
    server.route("GET", "/2/users/me", x_reply("GET", "/2/users/me", {"data": ME}))
    mention = {
        "id": "1863000000000000050",
        "text": "@aytovaldelomar ¿A qué hora es el pleno?",
        "author_id": "99",
        "conversation_id": POST_ID,
        "created_at": "2026-12-01T10:00:00.000Z",
        "edit_history_post_ids": ["1863000000000000050"],
    }
    body = {
        "data": [mention],
        "includes": {"users": [{"id": "99", "name": "Lucía", "username": "lucia"}]},
        "meta": {"result_count": 1, "newest_id": mention["id"]},
    }
    path = f"/2/users/{ME['id']}/mentions"
    server.route("GET", path, x_reply("GET", path, body))
    batch = make(server, redactor, read_paid=True).fetch_inbox("1863000000000000000")
    (item,) = batch.items
    assert item.author_handle == "@lucia" and item.root_remote_id == POST_ID
    assert batch.cursor == mention["id"]
    assert dict(server.requests_to("GET", path)[0].query)["since_id"] == "1863000000000000000"
    checked(server)


# --- delete, hide -------------------------------------------------------------------------


def test_delete_and_hide(server: FakeServer, redactor: Redactor) -> None:
    path = f"/2/tweets/{POST_ID}"
    server.route("DELETE", path, x_reply("DELETE", path, {"data": {"deleted": True}}))
    adapter = make(server, redactor)
    adapter.delete(ReplyTo(POST_ID))
    server.route("DELETE", path, problem(404, "Not Found Error", "Could not find tweet"))
    adapter.delete(ReplyTo(POST_ID))  # already gone: fine
    hidden = f"/2/tweets/{POST_ID}/hidden"
    server.route("PUT", hidden, x_reply("PUT", hidden, {"data": {"hidden": True}}))
    adapter.hide(ReplyTo(POST_ID))
    assert json.loads(server.requests_to("PUT", hidden)[0].body) == {"hidden": True}
    checked(server)


# --- the keys never leak ------------------------------------------------------------------


def test_keys_never_in_logs(server: FakeServer, redactor: Redactor, log_text: io.StringIO) -> None:
    server.route("POST", "/2/tweets", problem(401, "Unauthorized", "Unauthorized"))
    with pytest.raises(NeedsReconnect):
        make(server, redactor).publish(Content("Pleno"), (), "key-10")
    logged = log_text.getvalue()
    assert "/2/tweets" in logged
    for key in KEYS:
        assert key not in logged


def test_the_validator_refuses_what_x_would(server: FakeServer, redactor: Redactor) -> None:
    """The checks can fail: a body X does not define, a wrong query parameter."""
    from openapi_core.validation.request.exceptions import InvalidRequestBody

    ok = requests.Request(
        "POST",
        "http://api.x.com/2/tweets",
        json={"text": "a"},
        auth=OAuth1Signer(OAuth1Keys(*KEYS)),
    ).prepare()
    headers = {**{k: str(v) for k, v in ok.headers.items()}, "Host": "api.x.com"}
    body = ok.body if isinstance(ok.body, bytes) else b""
    check_request(Seen("POST", "/2/tweets", [], headers, body), KEYS)
    with pytest.raises(InvalidRequestBody):
        bad = json.dumps({"text": "a", "reply": {"in_reply_to_tweet_id": "@x"}}).encode()
        check_request(Seen("POST", "/2/tweets", [], headers, bad), KEYS)
    with pytest.raises(AssertionError, match="undeclared"):
        check_request(Seen("GET", "/2/users/me", [("tweet.fields", "id")], headers, b""), KEYS)
    with pytest.raises(AssertionError, match="signature"):
        check_request(Seen("POST", "/2/tweets", [], {**headers, "Host": "x.test"}, body), KEYS)
    _ = (server, redactor, timedelta)
