"""LinkedIn page adapter against a local server, checked against the documented shapes.

No recorded LinkedIn traffic and no machine-readable description exist in
the fixtures; each request is checked against the Posts, Images and Comments
API pages of LinkedIn's documentation (design/NETWORKS.md): the two version
headers on every call, the post body's required fields, URNs (percent-encoded
in paths), the post URN read from `x-restli-id`, and the commentary escaped
for the "little" text format.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import ItemKind
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
from smalltown_social.networks.linkedin import (
    LINKEDIN_VERSION,
    TEXT_NOT_ALLOWED,
    TEXT_TOKEN_REFUSED,
    LinkedInAdapter,
    escape_little,
    unescape_little,
)
from smalltown_social.redaction import Redactor
from tests.networks.conftest import CANARY, everything_about
from tests.networks.fake_server import FakeServer, Reply, Seen

ORG = "urn:li:organization:2414183"
SHARE = "urn:li:share:7140000000000000001"
POST_FIELDS = {"author", "commentary", "visibility", "distribution", "lifecycleState"}
OPTIONAL_FIELDS = {"content", "isReshareDisabledByAuthor", "contentLandingPage"}


def make(server: FakeServer, redactor: Redactor) -> LinkedInAdapter:
    account = Account(
        9, Network.LINKEDIN, "LinkedIn Ayto", server_url=server.url, channel="2414183"
    )
    return LinkedInAdapter(account, CANARY, redactor)


def check_headers(seen: Seen) -> None:
    assert seen.headers["LinkedIn-Version"] == LINKEDIN_VERSION
    assert len(LINKEDIN_VERSION) == 6 and LINKEDIN_VERSION.isdigit()  # YYYYMM
    assert seen.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert seen.headers["Authorization"] == f"Bearer {CANARY}"


def check_post_body(body: dict[str, Any]) -> None:
    """The Posts API's required fields for an organisation's public feed post."""
    assert POST_FIELDS <= set(body) <= POST_FIELDS | OPTIONAL_FIELDS
    assert body["author"] == ORG
    assert body["visibility"] == "PUBLIC"
    assert body["lifecycleState"] == "PUBLISHED"
    assert body["distribution"]["feedDistribution"] == "MAIN_FEED"
    assert body["distribution"]["targetEntities"] == []
    assert body["distribution"]["thirdPartyDistributionChannels"] == []


def created(urn: str = SHARE) -> Reply:
    return Reply(201, b"", {"x-restli-id": urn, "Content-Type": "application/json"})


def error(status: int, message: str, code: int = 0) -> Reply:
    return Reply.json({"status": status, "serviceErrorCode": code, "message": message}, status)


# --- the little text format ----------------------------------------------------------------


def test_reserved_characters_are_escaped_links_and_hashtags_kept() -> None:
    text = (
        "Pleno (ordinario) el jueves: orden del día en https://sede.valdelomar.es/pleno_2026?a=1 "
        "— dudas a info@valdelomar.es [urgente] {sic} <b> *nota* ~aprox~ a|b c\\d #Valdelomar #"
    )
    escaped = escape_little(text)
    assert escaped == (
        "Pleno \\(ordinario\\) el jueves: orden del día en "
        "https://sede.valdelomar.es/pleno_2026?a=1 — dudas a info\\@valdelomar.es "
        "\\[urgente\\] \\{sic\\} \\<b\\> \\*nota\\* \\~aprox\\~ a\\|b c\\\\d #Valdelomar \\#"
    )
    assert unescape_little(escaped) == text
    # A link followed by a closing bracket: the bracket is text, escaped.
    assert escape_little("(ver https://valdelomar.es/a_b)") == "\\(ver https://valdelomar.es/a_b\\)"


# --- verify ----------------------------------------------------------------------------------


def test_verify_reads_the_page_and_sets_the_60_day_expiry(
    server: FakeServer, redactor: Redactor
) -> None:
    server.route(
        "GET",
        "/rest/organizations/2414183",
        Reply.json(
            {
                "id": 2414183,
                "localizedName": "Ayuntamiento de Valdelomar",
                "vanityName": "valdelomar",
            }
        ),
    )
    identity = make(server, redactor).verify()
    assert identity.name == "Ayuntamiento de Valdelomar" and identity.handle == "valdelomar"
    assert identity.expires_utc is not None
    left = identity.expires_utc - datetime.now(UTC)
    assert timedelta(days=59, hours=23) < left <= timedelta(days=60)
    check_headers(server.seen[0])


def test_organization_id_is_required(redactor: Redactor) -> None:
    with pytest.raises(PermanentError) as raised:
        LinkedInAdapter(Account(9, Network.LINKEDIN, "L"), CANARY, redactor)
    assert "número de la página" in raised.value.text.es


@pytest.mark.parametrize(
    ("status", "kind", "text"),
    [(401, NeedsReconnect, TEXT_TOKEN_REFUSED), (403, NeedsReconnect, TEXT_NOT_ALLOWED)],
)
def test_expired_token_and_missing_permission(
    server: FakeServer, redactor: Redactor, status: int, kind: type[Exception], text: Any
) -> None:
    server.route("POST", "/rest/posts", error(status, "Invalid access token", 65600))
    with pytest.raises(kind) as raised:
        make(server, redactor).publish(Content("Pleno"), (), "k")
    assert getattr(raised.value, "text", None) == text
    assert CANARY not in everything_about(raised.value)


# --- posting ---------------------------------------------------------------------------------


def test_publish_text_as_the_page(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/rest/posts", created())
    text = "Pleno (ordinario) el jueves #Valdelomar"
    published = make(server, redactor).publish(Content(text), (), "k")
    assert published.remote_id == SHARE
    assert published.url == f"https://www.linkedin.com/feed/update/{SHARE}/"
    (seen,) = server.requests_to("POST", "/rest/posts")
    check_headers(seen)
    body = json.loads(seen.body)
    check_post_body(body)
    assert body["commentary"] == "Pleno \\(ordinario\\) el jueves #Valdelomar"
    assert "content" not in body


def test_publish_images_with_alt_text(server: FakeServer, redactor: Redactor) -> None:
    uploads = []
    for number in (1, 2):
        value = {
            "uploadUrlExpiresAt": 1790000000000,
            "uploadUrl": f"{server.url}/dms-uploads/img{number}?ca=vector_feedshare",
            "image": f"urn:li:image:C4E10AQ{number}",
        }
        uploads.append(Reply.json({"value": value}))
    server.route("POST", "/rest/images", *uploads)
    for number in (1, 2):
        server.route("PUT", f"/dms-uploads/img{number}", Reply(201, b""))
    server.route("POST", "/rest/posts", created())
    media = [
        Media(b"\xff\xd8\xffone", "image/jpeg", "Cartel de las fiestas", 10, 10),
        Media(b"\x89PNGtwo", "image/png", "Plano del recorrido", 10, 10),
    ]
    make(server, redactor).publish(Content("Fiestas"), media, "k")
    starts = server.requests_to("POST", "/rest/images")
    assert [dict(s.query) for s in starts] == [{"action": "initializeUpload"}] * 2
    assert json.loads(starts[0].body) == {"initializeUploadRequest": {"owner": ORG}}
    put = server.requests_to("PUT", "/dms-uploads/img2")[0]
    assert put.body == b"\x89PNGtwo" and put.headers["Content-Type"] == "image/png"
    body = json.loads(server.requests_to("POST", "/rest/posts")[0].body)
    check_post_body(body)
    assert body["content"] == {
        "multiImage": {
            "images": [
                {"id": "urn:li:image:C4E10AQ1", "altText": "Cartel de las fiestas"},
                {"id": "urn:li:image:C4E10AQ2", "altText": "Plano del recorrido"},
            ]
        }
    }
    for seen in server.seen:
        if seen.path.startswith("/rest/"):
            check_headers(seen)


def test_an_upload_url_elsewhere_never_gets_the_token(
    server: FakeServer, redactor: Redactor
) -> None:
    value = {"uploadUrl": "https://evil.example/up", "image": "urn:li:image:X"}
    server.route("POST", "/rest/images", Reply.json({"value": value}))
    media = Media(b"\xff\xd8\xff", "image/jpeg", "", 1, 1)
    with pytest.raises(PermanentError):
        make(server, redactor).publish(Content("Fiestas"), [media], "k")
    assert not server.requests_to("POST", "/rest/posts")


def test_an_image_refused_posts_nothing(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/rest/images", error(400, "Invalid image owner"))
    media = Media(b"\xff\xd8\xff", "image/jpeg", "Cartel", 1, 1)
    with pytest.raises(PermanentError) as raised:
        make(server, redactor).publish(Content("Fiestas"), [media], "k")
    assert "LinkedIn ha rechazado la imagen" in raised.value.text.es
    assert not server.requests_to("POST", "/rest/posts")


def test_text_over_the_limit_sends_nothing(server: FakeServer, redactor: Redactor) -> None:
    with pytest.raises(PermanentError) as raised:
        make(server, redactor).publish(Content("a" * 3001), (), "k")
    assert "3001 de 3000" in raised.value.text.es
    assert not server.seen


def test_faults(server: FakeServer, redactor: Redactor) -> None:
    adapter = make(server, redactor)
    server.route("POST", "/rest/posts", Reply.json({"status": 429, "message": "Too many"}, 429))
    with pytest.raises(RateLimited) as limited:
        adapter.publish(Content("Pleno"), (), "k")
    assert limited.value.until.hour == 0 and limited.value.until > datetime.now(UTC)
    server.route("POST", "/rest/posts", error(422, "Content is a duplicate of urn:li:share:1"))
    with pytest.raises(PermanentError) as duplicate:
        adapter.publish(Content("Pleno"), (), "k")
    assert duplicate.value.text == DUPLICATE.format(network="LinkedIn")
    server.route("POST", "/rest/posts", error(500, "Internal error"))
    with pytest.raises(TemporaryError):
        adapter.publish(Content("Pleno"), (), "k")
    server.route("POST", "/rest/posts", Reply(misbehave="reset"))
    with pytest.raises(OutcomeUnknown):
        adapter.publish(Content("Pleno"), (), "k")
    server.route("POST", "/rest/posts", Reply(201, b""))  # no x-restli-id: cannot tell
    with pytest.raises(OutcomeUnknown):
        adapter.publish(Content("Pleno"), (), "k")


# --- find after the claim ---------------------------------------------------------------------


def test_find_matches_the_escaped_text_after_the_claim(
    server: FakeServer, redactor: Redactor
) -> None:
    since = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    millis = int((since + timedelta(minutes=1)).timestamp() * 1000)
    text = "Pleno (ordinario) el jueves"
    ours = {"id": "urn:li:share:3", "commentary": escape_little(text), "createdAt": millis}
    other = {"id": "urn:li:share:2", "commentary": escape_little(text), "createdAt": millis}
    old = {
        "id": "urn:li:share:1",
        "commentary": escape_little(text),
        "createdAt": millis - 7_200_000,
    }
    server.route("GET", "/rest/posts", Reply.json({"elements": [ours, other, old], "paging": {}}))
    adapter = make(server, redactor)
    found = adapter.find("k", Content(text), since, frozenset({"urn:li:share:2"}))
    assert found is not None and found.remote_id == "urn:li:share:3"
    query = dict(server.requests_to("GET", "/rest/posts")[0].query)
    assert query["author"] == ORG and query["q"] == "author"
    server.route("GET", "/rest/posts", Reply.json({"elements": [other, old], "paging": {}}))
    assert adapter.find("k", Content(text), since, frozenset({"urn:li:share:2"})) is None


# --- comments and replies ------------------------------------------------------------------


def test_comments_come_in_and_replies_go_out(server: FakeServer, redactor: Redactor) -> None:
    server.route("GET", "/rest/posts", Reply.json({"elements": [{"id": SHARE}]}))
    comment_urn = "urn:li:comment:(urn:li:activity:7140000000000000001,7140000000000000009)"
    comment = {
        "actor": "urn:li:person:abc123",
        "commentUrn": comment_urn,
        "created": {"time": 1790000000000},
        "message": {"text": "¿Habrá streaming del pleno?"},
        "object": "urn:li:activity:7140000000000000001",
    }
    own = {**comment, "actor": ORG, "commentUrn": "urn:li:comment:(x,1)"}
    path = "/rest/socialActions/urn%3Ali%3Ashare%3A7140000000000000001/comments"
    server.route("GET", path, Reply.json({"elements": [comment, own]}))
    adapter = make(server, redactor)
    batch = adapter.fetch_inbox(None)
    (item,) = batch.items
    assert item.kind is ItemKind.COMMENT and item.root_remote_id == SHARE
    assert item.text == "¿Habrá streaming del pleno?"
    assert batch.cursor == "1790000000000"
    assert adapter.fetch_inbox(batch.cursor).items == ()  # nothing newer
    server.route("POST", path, created("urn:li:comment:(urn:li:activity:1,2)"))
    published = adapter.reply(ReplyTo(comment_urn, root_remote_id=SHARE), "Sí, en directo.", "k")
    assert published.remote_id == "urn:li:comment:(urn:li:activity:1,2)"
    sent = server.requests_to("POST", path)[0]
    check_headers(sent)
    assert json.loads(sent.body) == {
        "actor": ORG,
        "object": SHARE,
        "message": {"text": "Sí, en directo."},
        "parentComment": comment_urn,
    }


def test_the_daily_key_check_never_pushes_the_expiry_forward(
    server: FakeServer, redactor: Redactor
) -> None:
    """The token's 60 days run from when it was connected: a later `verify` (the daily
    check of every key) keeps that date, so the warning before day 60 still comes."""
    server.route(
        "GET", "/rest/organizations/2414183", Reply.json({"localizedName": "Ayuntamiento"})
    )
    in_ten_days = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    account = Account(
        9,
        Network.LINKEDIN,
        "LinkedIn Ayto",
        server_url=server.url,
        channel="2414183",
        expires_utc=in_ten_days,
    )
    identity = LinkedInAdapter(account, CANARY, redactor).verify()
    assert identity.expires_utc == in_ten_days


@pytest.mark.keyring_real
def test_a_refresh_token_renews_the_key_before_it_expires(
    server: FakeServer, redactor: Redactor
) -> None:
    """Partners' refresh tokens: the daily check renews a token with 7 days or less left,
    keeps the new one in the keyring and reports its new expiry; further calls use it."""
    import uuid

    from smalltown_social.networks.base import Extras
    from smalltown_social.networks.linkedin import build
    from smalltown_social.secrets import SecretStore

    store = SecretStore(f"smalltown-test-{uuid.uuid4().hex[:8]}", redactor)
    soon = datetime.now(UTC) + timedelta(days=5)
    account = Account(
        9, Network.LINKEDIN, "L", server_url=server.url, channel="2414183", expires_utc=soon
    )
    old = f"{CANARY} REFRESHcanary7Kq2 client77 CLIENTSECRETcanary9"
    store.set(account.secret_key, old)
    renewed = {"access_token": "NEWTOKENcanary3Xz", "expires_in": 5_184_000}
    server.route("POST", "/oauth/v2/accessToken", Reply.json(renewed))
    server.route("GET", "/rest/organizations/2414183", Reply.json({"localizedName": "Ayto"}))
    server.route("POST", "/rest/posts", created())
    try:
        adapter = build(account, old, redactor, Extras(secrets=store))
        identity = adapter.verify()
        assert identity.expires_utc is not None
        assert identity.expires_utc - datetime.now(UTC) > timedelta(days=59)
        form = server.requests_to("POST", "/oauth/v2/accessToken")[0].form_dict()
        assert form == {
            "grant_type": "refresh_token",
            "refresh_token": "REFRESHcanary7Kq2",
            "client_id": "client77",
            "client_secret": "CLIENTSECRETcanary9",
        }
        assert store.get(account.secret_key) == (
            "NEWTOKENcanary3Xz REFRESHcanary7Kq2 client77 CLIENTSECRETcanary9"
        )
        adapter.publish(Content("Pleno"), (), "k")
        assert server.requests_to("POST", "/rest/posts")[0].headers["Authorization"] == (
            "Bearer NEWTOKENcanary3Xz"
        )
        # Far from expiry: no refresh.
        later = Account(
            9,
            Network.LINKEDIN,
            "L",
            server_url=server.url,
            channel="2414183",
            expires_utc=datetime.now(UTC) + timedelta(days=30),
        )
        build(later, old, redactor, Extras(secrets=store)).verify()
        assert len(server.requests_to("POST", "/oauth/v2/accessToken")) == 1
        # A refused refresh: reconnect.
        server.route("POST", "/oauth/v2/accessToken", Reply.json({"error": "invalid_grant"}, 400))
        with pytest.raises(NeedsReconnect):
            build(account, old, redactor, Extras(secrets=store)).verify()
    finally:
        store.delete(account.secret_key)
