"""The Bluesky adapter against the real reference servers (PLC + PDS + AppView).

The servers come from npm (`@atproto/dev-env`, pinned in tests/peers/bluesky)
and are started once for this module by `bluesky_server.start()`. If they
cannot start, every test here fails: nothing is skipped.

What the tests read back, they read with plain `requests` calls to the
server, not through the adapter, so the adapter cannot agree with itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import random
import struct
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.guidance.lengths import count_graphemes, count_utf8_bytes
from smalltown_social.networks.base import Content, Media, NeedsReconnect, PermanentError, ReplyTo
from smalltown_social.networks.bluesky import BlueskyAdapter
from smalltown_social.networks.bluesky_facets import tid_from_key
from smalltown_social.networks.bluesky_session import Session, jwt_claims
from smalltown_social.networks.connect import (
    Draft,
    check_credential,
    remove_account,
    save_account,
)
from smalltown_social.networks.registry import build_adapter
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import MAX_SECRET_BYTES, SecretStore
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from tests.networks import bluesky_server
from tests.networks.bluesky_server import BlueskyServer, PeerAccount
from tests.networks.conftest import everything_about

pytestmark = [pytest.mark.keyring_real, pytest.mark.slow]

DEV_ENV_JWT_SECRET = b"jwt-secret"  # @atproto/dev-env's const.ts: the PDS signs sessions with it
SERVICE = "smalltown-social-bluesky-test"


@pytest.fixture(scope="module")
def network(request: pytest.FixtureRequest) -> Iterator[BlueskyServer]:
    began = time.monotonic()
    server = bluesky_server.start()
    seconds = f"{server.start_seconds:.1f} s (launcher {server.launcher_seconds:.1f} s)"
    _say(request, f"Bluesky dev network ready in {seconds}")
    yield server
    server.stop()
    _say(request, f"Bluesky real-server module, start to stop: {time.monotonic() - began:.1f} s")


def _say(request: pytest.FixtureRequest, line: str) -> None:
    """Print past pytest's capture: the timings belong in the CI log."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is None or reporter is None:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"\n{line}")


@pytest.fixture(scope="module")
def town(network: BlueskyServer) -> PeerAccount:
    return network.create_account("ayto")


@pytest.fixture(scope="module")
def neighbour(network: BlueskyServer) -> PeerAccount:
    return network.create_account("vecina")


@pytest.fixture
def store(redactor: Redactor) -> Iterator[SecretStore]:
    secrets = SecretStore(SERVICE, redactor)
    yield secrets
    for number in range(1, 10):
        for key in (f"account-{number}", f"account-{number}-session"):
            if secrets.get(key) is not None:
                secrets.delete(key)


Make = Callable[..., BlueskyAdapter]


@pytest.fixture
def make(network: BlueskyServer, redactor: Redactor, store: SecretStore) -> Iterator[Make]:
    made: list[BlueskyAdapter] = []

    def build(who: PeerAccount, number: int = 1, password: str | None = None) -> BlueskyAdapter:
        account = Account(number, Network.BLUESKY, who.handle, who.handle, network.pds_url)
        secret = password or who.app_password
        store.set(account.secret_key, secret)
        adapter = BlueskyAdapter(account, secret, redactor, store)
        made.append(adapter)
        return adapter

    yield build
    for adapter in made:
        adapter.close()


def get_record(network: BlueskyServer, uri: str) -> dict[str, Any] | None:
    repo, collection, rkey = uri[len("at://") :].split("/")
    reply = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.repo.getRecord",
        params={"repo": repo, "collection": collection, "rkey": rkey},
        timeout=10,
    )
    if reply.status_code == 400 and reply.json().get("error") == "RecordNotFound":
        return None
    reply.raise_for_status()
    value: dict[str, Any] = reply.json()["value"]
    return value


def own_posts(network: BlueskyServer, did: str) -> list[dict[str, Any]]:
    reply = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.repo.listRecords",
        params={"repo": did, "collection": "app.bsky.feed.post", "limit": "100"},
        timeout=10,
    )
    reply.raise_for_status()
    records: list[dict[str, Any]] = reply.json()["records"]
    return records


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A real PNG (solid colour unless `rows` are given) without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    if rows is None:
        rows = b"".join(b"\x00" + b"\x20\x80\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def key() -> str:
    return uuid.uuid4().hex


# --- publishing ----------------------------------------------------------------


def test_publish_link_facet_and_image_with_alt_text(
    network: BlueskyServer, town: PeerAccount, make: Make
) -> None:
    adapter = make(town)
    link = "https://valdelomar.es/fiestas?día=1"
    text = f"Año nuevo en Peñaflor 🎉👍🏽: programa en {link}. #FiestasValdelomar"
    image = Media(png(40, 30), "image/png", "Cartel de las fiestas con la plaza", 40, 30)

    published = adapter.publish(Content(text), [image], key())

    record = get_record(network, published.remote_id)
    assert record is not None
    assert record["text"] == text
    raw = text.encode("utf-8")
    spans = {
        f["features"][0]["$type"]: (
            f["index"]["byteStart"],
            f["index"]["byteEnd"],
            f["features"][0],
        )
        for f in record["facets"]
    }
    start, end, feature = spans["app.bsky.richtext.facet#link"]
    assert raw[start:end].decode() == link
    assert feature["uri"] == link
    assert start == len(text[: text.index("https")].encode())  # bytes, not characters
    assert start != text.index("https")
    start, end, feature = spans["app.bsky.richtext.facet#tag"]
    assert raw[start:end].decode() == "#FiestasValdelomar"
    assert feature["tag"] == "FiestasValdelomar"
    (embedded,) = record["embed"]["images"]
    assert embedded["alt"] == "Cartel de las fiestas con la plaza"
    assert embedded["aspectRatio"] == {"width": 40, "height": 30}
    assert embedded["image"]["mimeType"] == "image/png"
    assert embedded["image"]["size"] == len(image.data)
    assert published.url is not None
    assert published.url.endswith(published.remote_id.rsplit("/", 1)[1])


def test_image_over_2_mb_is_shrunk_before_upload(
    network: BlueskyServer, town: PeerAccount, make: Make
) -> None:
    noise = random.Random(7).randbytes
    width, height = 1000, 800
    rows = b"".join(b"\x00" + noise(width * 3) for _ in range(height))
    big = png(width, height, rows)
    assert len(big) > 2_000_000
    adapter = make(town)
    image = Media(big, "image/png", "Ruido de colores", width, height)
    published = adapter.publish(Content("Imagen grande"), [image], key())
    record = get_record(network, published.remote_id)
    assert record is not None
    (embedded,) = record["embed"]["images"]
    assert embedded["image"]["size"] <= 2_000_000
    assert embedded["alt"] == "Ruido de colores"
    ratio = embedded["aspectRatio"]
    assert abs(ratio["width"] / ratio["height"] - width / height) < 0.01


def test_mention_facet_points_to_the_did(
    network: BlueskyServer, town: PeerAccount, neighbour: PeerAccount, make: Make
) -> None:
    adapter = make(town)
    text = f"Gracias, @{neighbour.handle}, y también a @nadie.test"
    published = adapter.publish(Content(text), [], key())
    record = get_record(network, published.remote_id)
    assert record is not None
    (mention,) = record["facets"]  # the unknown handle stays plain text
    assert mention["features"][0] == {
        "$type": "app.bsky.richtext.facet#mention",
        "did": neighbour.did,
    }
    start, end = mention["index"]["byteStart"], mention["index"]["byteEnd"]
    assert text.encode()[start:end] == f"@{neighbour.handle}".encode()


def test_image_without_alt_text_is_refused_before_upload(town: PeerAccount, make: Make) -> None:
    adapter = make(town)
    with pytest.raises(PermanentError) as refused:
        adapter.publish(Content("Foto"), [Media(png(4, 4), "image/png", "  ", 4, 4)], key())
    assert "texto alternativo" in refused.value.text.es


def test_retry_with_the_same_key_does_not_duplicate(
    network: BlueskyServer, town: PeerAccount, make: Make
) -> None:
    adapter = make(town)
    same = key()
    text = f"Bando {same[:6]}: corte de agua el martes"
    first = adapter.publish(Content(text), [], same)
    again = adapter.publish(Content(text), [], same)  # e.g. after a timeout
    assert again.remote_id == first.remote_id
    assert first.remote_id.endswith("/" + tid_from_key(same))
    assert [r["value"]["text"] for r in own_posts(network, town.did)].count(text) == 1
    found = adapter.find(same, Content(text), first.created_utc or _never())
    assert found is not None
    assert found.remote_id == first.remote_id
    assert adapter.find(key(), Content(text), _never()) is None


def test_301_graphemes_refused_by_our_counter_before_the_server(
    network: BlueskyServer, town: PeerAccount, make: Make
) -> None:
    adapter = make(town)
    fits = "👍🏽" * 300  # 300 graphemes, 2,400 bytes
    too_long = fits + "ñ"
    assert count_graphemes(too_long) == 301
    assert count_utf8_bytes(too_long) < 3000  # the grapheme limit is the one that bites
    posts_before = len(own_posts(network, town.did))

    with pytest.raises(PermanentError) as refused:
        adapter.publish(Content(too_long), [], key())
    assert "demasiado largo" in refused.value.text.es
    assert refused.value.detail == "301 graphemes, 2402 bytes"
    assert len(own_posts(network, town.did)) == posts_before

    # The server agrees on both sides of the limit.
    session = adapter.sessions.current()
    raw = requests.post(
        f"{network.pds_url}/xrpc/com.atproto.repo.createRecord",
        json={
            "repo": town.did,
            "collection": "app.bsky.feed.post",
            "record": {"$type": "app.bsky.feed.post", "text": too_long, "createdAt": _iso()},
        },
        headers={"Authorization": f"Bearer {session.access_jwt}"},
        timeout=10,
    )
    assert raw.status_code == 400
    assert "grapheme" in raw.json()["message"]
    assert get_record(network, adapter.publish(Content(fits), [], key()).remote_id) is not None


def test_delete_own_post(network: BlueskyServer, town: PeerAccount, make: Make) -> None:
    adapter = make(town)
    published = adapter.publish(Content("Aviso equivocado"), [], key())
    adapter.delete(ReplyTo(published.remote_id))
    assert get_record(network, published.remote_id) is None


# --- inbox, replies, threads, hiding, metrics -------------------------------------------


def test_reply_from_a_neighbour_reaches_the_inbox_once_and_is_answered(
    network: BlueskyServer, town: PeerAccount, neighbour: PeerAccount, make: Make
) -> None:
    ours = make(town, 1)
    theirs = make(neighbour, 2)
    start_cursor = _drain(ours)
    post = ours.publish(Content("¿Qué actividades os gustaría para el verano?"), [], key())
    # The neighbour answers once she can see the post. (The AppView indexes each
    # repository on its own: a reply indexed before its parent makes no notification.)
    _wait_indexed(ours, post.remote_id)
    answer = theirs.reply(ReplyTo(post.remote_id), "¡Cine de verano en la plaza!", key())

    found = _wait_for(lambda: _items(ours, start_cursor), answer.remote_id)
    items, cursor = found
    assert [i.remote_id for i in items].count(answer.remote_id) == 1
    item = next(i for i in items if i.remote_id == answer.remote_id)
    assert item.text == "¡Cine de verano en la plaza!"
    assert item.author_handle == f"@{neighbour.handle}"
    assert item.parent_remote_id == post.remote_id
    assert item.root_remote_id == post.remote_id
    again = ours.fetch_inbox(cursor)
    assert answer.remote_id not in [i.remote_id for i in again.items]

    thread = ours.thread(post.remote_id)
    assert [t.remote_id for t in thread] == [post.remote_id, answer.remote_id]

    # Our answer to the neighbour's reply: root = our post, parent = their reply.
    ours_again = ours.reply(ReplyTo(item.remote_id, item.root_remote_id), "¡Apuntado!", key())
    record = get_record(network, ours_again.remote_id)
    assert record is not None
    assert record["reply"]["root"]["uri"] == post.remote_id
    assert record["reply"]["parent"]["uri"] == answer.remote_id

    ours.hide(ReplyTo(answer.remote_id, post.remote_id))
    gate = get_record(network, post.remote_id.replace("feed.post", "feed.threadgate"))
    assert gate is not None
    assert gate["hiddenReplies"] == [answer.remote_id]
    assert gate["post"] == post.remote_id
    assert "allow" not in gate  # hiding one reply must not close the thread to everyone

    counts = _wait_metrics(ours, post.remote_id)
    assert counts.replies == 1


def test_mention_reaches_the_inbox(town: PeerAccount, neighbour: PeerAccount, make: Make) -> None:
    ours = make(town, 1)
    theirs = make(neighbour, 2)
    cursor = _drain(ours)
    said = theirs.publish(Content(f"La fuente de la plaza pierde agua @{town.handle}"), [], key())
    items, _ = _wait_for(lambda: _items(ours, cursor), said.remote_id)
    (item,) = [i for i in items if i.remote_id == said.remote_id]
    assert item.kind == "mention"


# --- session -------------------------------------------------------------------------


def test_session_kept_in_the_keyring_and_reused_without_a_login(
    town: PeerAccount, make: Make, store: SecretStore
) -> None:
    first = make(town)
    first.verify()
    assert first.sessions.logins == 1
    stored = store.get("account-1-session")
    assert stored is not None
    assert len(stored.encode("utf-16-le")) <= MAX_SECRET_BYTES
    session = Session.from_secret(stored)
    assert session is not None
    assert session.access_jwt
    assert jwt_claims(session.access_jwt)["scope"] == "com.atproto.appPass"

    second = make(town)  # the app started again
    for _ in range(3):
        second.publish(Content(f"Sin volver a entrar {key()[:5]}"), [], key())
    assert second.sessions.logins == 0
    assert second.sessions.refreshes == 0


def test_expired_access_token_is_refreshed_once(
    network: BlueskyServer, town: PeerAccount, make: Make, store: SecretStore
) -> None:
    make(town).verify()
    session = Session.from_secret(store.get("account-1-session"))
    assert session is not None
    assert session.access_jwt is not None
    expired = _expired_copy(session.access_jwt)
    proof = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.server.getSession",
        headers={"Authorization": f"Bearer {expired}"},
        timeout=10,
    )
    assert (proof.status_code, proof.json()["error"]) == (400, "ExpiredToken")
    store.set(
        "account-1-session",
        Session(session.did, session.handle, session.refresh_jwt, expired).to_secret(),
    )

    adapter = make(town)
    published = adapter.publish(Content("Publicado tras renovar la sesión"), [], key())

    assert get_record(network, published.remote_id) is not None
    assert (adapter.sessions.logins, adapter.sessions.refreshes) == (0, 1)
    renewed = Session.from_secret(store.get("account-1-session"))
    assert renewed is not None
    assert renewed.access_jwt not in (None, expired)
    assert renewed.refresh_jwt != session.refresh_jwt  # refresh tokens rotate


def test_wrong_app_password_needs_reconnect(town: PeerAccount, make: Make) -> None:
    adapter = make(town, password="aaaa-bbbb-cccc-dddd")
    with pytest.raises(NeedsReconnect) as refused:
        adapter.verify()
    assert "contraseña de aplicación" in refused.value.text.es


def test_app_password_and_tokens_never_in_logs_or_errors(
    town: PeerAccount, make: Make, store: SecretStore, log_text: io.StringIO
) -> None:
    adapter = make(town)
    adapter.verify()
    adapter.publish(Content("Canario"), [], key())
    session = Session.from_secret(store.get("account-1-session"))
    assert session is not None
    wrong = make(town, 2, password="zzzz-yyyy-xxxx-wwww")
    with pytest.raises(NeedsReconnect) as refused:
        wrong.publish(Content("No sale"), [], key())
    logged = log_text.getvalue()
    assert "createSession" in logged or "new session" in logged  # the log did see the calls
    for secret in (town.app_password, "zzzz-yyyy-xxxx-wwww", session.refresh_jwt):
        assert secret not in logged
        assert secret not in everything_about(refused.value)
        assert secret not in repr(adapter)
    assert session.access_jwt is not None
    assert session.access_jwt not in logged


def test_connect_publish_and_remove_through_the_registry(
    network: BlueskyServer, town: PeerAccount, redactor: Redactor, database: Database
) -> None:
    """The clerk's path: check the app password, save, publish, remove — keyring entries too."""
    secrets = SecretStore(f"smalltown-test-{uuid.uuid4().hex[:8]}", redactor)
    accounts = AccountsRepository(database)
    draft = Draft(Network.BLUESKY, "Ayto en Bluesky", network.pds_url, town.handle)
    identity = check_credential(draft, town.app_password, redactor)
    assert identity.handle == f"@{town.handle}"
    saved = save_account(draft, town.app_password, identity, accounts, secrets)
    assert secrets.get(saved.session_key) is None  # the check kept its session in memory only

    adapter = build_adapter(saved, secrets, redactor)
    assert isinstance(adapter, BlueskyAdapter)
    published = adapter.publish(Content("Primera publicación desde la aplicación"), [], key())
    adapter.close()
    assert get_record(network, published.remote_id) is not None
    assert secrets.get(saved.session_key) is not None

    remove_account(saved, accounts, secrets)
    assert secrets.get(saved.secret_key) is None
    assert secrets.get(saved.session_key) is None  # the refresh token went with the account


# --- helpers ---------------------------------------------------------------------------


def _never() -> Any:
    from datetime import UTC, datetime

    return datetime(2020, 1, 1, tzinfo=UTC)


def _iso() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def _drain(adapter: BlueskyAdapter) -> str | None:
    """Fetch everything already waiting; return the cursor after it."""
    cursor = None
    while True:
        batch = adapter.fetch_inbox(cursor)
        cursor = batch.cursor
        if not batch.more:
            return cursor


def _items(adapter: BlueskyAdapter, cursor: str | None) -> tuple[list[Any], str | None]:
    items: list[Any] = []
    while True:
        batch = adapter.fetch_inbox(cursor)
        items += batch.items
        cursor = batch.cursor
        if not batch.more:
            return items, cursor


def _wait_for(
    fetch: Callable[[], tuple[list[Any], str | None]], remote_id: str
) -> tuple[list[Any], str | None]:
    """The AppView indexes from the PDS's firehose: allow it a few seconds."""
    deadline = time.monotonic() + 15
    while True:
        items, cursor = fetch()
        if remote_id in [i.remote_id for i in items] or time.monotonic() > deadline:
            return items, cursor
        time.sleep(0.2)


def _wait_indexed(adapter: BlueskyAdapter, uri: str) -> None:
    deadline = time.monotonic() + 15
    while uri not in adapter.metrics([uri]):
        assert time.monotonic() < deadline, f"the AppView never indexed {uri}"
        time.sleep(0.1)


def _wait_metrics(adapter: BlueskyAdapter, uri: str) -> Any:
    deadline = time.monotonic() + 15
    while True:
        counts = adapter.metrics([uri])[uri]
        if counts.replies >= 1 or time.monotonic() > deadline:
            return counts
        time.sleep(0.2)


def _expired_copy(token: str) -> str:
    """The same access token, expired an hour ago, signed as dev-env's PDS signs."""
    header = {"typ": "at+jwt", "alg": "HS256"}
    claims = jwt_claims(token)
    now = int(time.time())
    claims.update(iat=now - 7200, exp=now - 3600)

    def part(value: dict[str, Any]) -> str:
        raw = json.dumps(value, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing = f"{part(header)}.{part(claims)}"
    signature = hmac.new(DEV_ENV_JWT_SECRET, signing.encode(), hashlib.sha256).digest()
    return f"{signing}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
