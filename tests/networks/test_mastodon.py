"""Mastodon adapter against recorded real replies served by a local HTTP server."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import (
    Content,
    Media,
    NeedsReconnect,
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.redaction import Redactor
from tests.networks.conftest import CANARY, everything_about
from tests.networks.fake_server import FakeServer, Reply, free_port, load_cassette


def make(server: FakeServer, redactor: Redactor, **kwargs: float) -> MastodonAdapter:
    account = Account(1, Network.MASTODON, "Ayuntamiento", server_url=server.url)
    naps: list[float] = []
    adapter = MastodonAdapter(account, CANARY, redactor, sleep=naps.append, **kwargs)
    adapter.naps = naps  # type: ignore[attr-defined]
    return adapter


def recorded(cassette: str, index: int) -> dict[str, object]:
    body: dict[str, object] = json.loads(load_cassette(cassette)[index]["response"]["body"])
    return body


def test_capabilities_come_from_the_instance(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_instance", 0)
    caps = make(server, redactor).capabilities()
    assert (caps.max_length, caps.url_length, caps.max_images) == (500, 23, 4)
    assert caps.max_image_bytes == 16_777_216
    assert caps.max_image_pixels == 33_177_600
    assert caps.alt_text_max == 10_000
    assert caps.server_scheduling and caps.min_schedule_ahead_s == 300
    # read once
    make_twice = make(server, redactor)
    make_twice.capabilities()
    make_twice.capabilities()
    assert len(server.requests_to("GET", "/api/v2/instance")) == 2


def test_verify_sends_the_token_in_a_header_only(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    identity = make(server, redactor).verify()
    assert identity.handle == "@mastodonpy_test@" + server.url.split("//")[1]
    assert "write" in identity.permissions
    assert identity.expires_utc is None
    seen = server.requests_to("GET", "/api/v1/accounts/verify_credentials")[0]
    assert seen.headers["Authorization"] == f"Bearer {CANARY}"
    assert all(CANARY not in value for _, value in seen.query)


def test_publish_sends_the_idempotency_key(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_status_reply", 0)
    published = make(server, redactor).publish(Content("Toot, finally!"), [], "key-123")
    assert published.remote_id == "117020583245459824"
    assert published.url and published.url.endswith("/117020583245459824")
    assert not published.scheduled_on_server
    seen = server.requests_to("POST", "/api/v1/statuses")[0]
    assert seen.headers["Idempotency-Key"] == "key-123"
    form = seen.form_dict()
    assert (form["status"], form["visibility"], form["language"]) == (
        "Toot, finally!",
        "public",
        "es",
    )
    assert "scheduled_at" not in form


def test_media_is_uploaded_with_alt_text_and_polled(server: FakeServer, redactor: Redactor) -> None:
    ready = recorded("test_media_post_file", 0)
    processing = {**ready, "url": None}
    media_id = str(ready["id"])
    server.route("POST", "/api/v2/media", Reply.json(processing, 202))
    server.route(
        "GET",
        f"/api/v1/media/{media_id}",
        Reply.json(processing, 206),
        Reply.json(processing, 206),
        Reply.json(ready, 200),
    )
    server.replay("test_status_delete_media", 2)
    adapter = make(server, redactor)
    image = Media(b"\xff\xd8\xff fake jpeg", "image/jpeg", "Cartel de la fiesta", 10, 10)
    adapter.publish(Content("Status with media"), [image], "key-m")
    upload = server.requests_to("POST", "/api/v2/media")[0]
    assert b'name="description"' in upload.body and b"Cartel de la fiesta" in upload.body
    assert b"fake jpeg" in upload.body
    assert len(server.requests_to("GET", f"/api/v1/media/{media_id}")) == 3
    assert adapter.naps == [1.0, 1.0, 1.0]  # type: ignore[attr-defined]
    form = server.requests_to("POST", "/api/v1/statuses")[0].form()
    assert ("media_ids[]", media_id) in form


def test_media_that_never_finishes_is_temporary(
    server: FakeServer, redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smalltown_social.networks.mastodon.MEDIA_WAIT_S", 5.0)
    processing = {**recorded("test_media_post_file", 0), "url": None}
    server.route("POST", "/api/v2/media", Reply.json(processing, 202))
    server.route("GET", f"/api/v1/media/{processing['id']}", Reply.json(processing, 206))
    adapter = make(server, redactor)
    with pytest.raises(TemporaryError):
        adapter.publish(Content("x"), [Media(b"x", "image/png", "", 1, 1)], "k")
    assert server.requests_to("POST", "/api/v1/statuses") == []


def test_scheduled_post_goes_to_the_server(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_scheduled_status", 0)
    when = datetime.now(UTC) + timedelta(days=2)
    published = make(server, redactor).publish(Content("hola", scheduled_utc=when), [], "k")
    assert published.scheduled_on_server and published.url is None
    form = server.requests_to("POST", "/api/v1/statuses")[0].form_dict()
    assert datetime.fromisoformat(form["scheduled_at"]) == when.replace(
        microsecond=when.microsecond
    )


def test_a_scheduled_post_can_be_cancelled(server: FakeServer, redactor: Redactor) -> None:
    server.route("DELETE", "/api/v1/scheduled_statuses/7", Reply.json({}))
    make(server, redactor).cancel_scheduled("7")
    assert len(server.requests_to("DELETE", "/api/v1/scheduled_statuses/7")) == 1


def test_cancelling_one_that_already_went_out_says_so(
    server: FakeServer, redactor: Redactor
) -> None:
    server.route(
        "DELETE", "/api/v1/scheduled_statuses/8", Reply.json({"error": "Record not found"}, 404)
    )
    with pytest.raises(PermanentError) as refused:
        make(server, redactor).cancel_scheduled("8")
    assert refused.value.text.en.startswith("Mastodon no longer has this scheduled post")
    assert "ya ha salido" in refused.value.text.es


def test_too_soon_to_schedule_posts_now(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_status_reply", 0)
    when = datetime.now(UTC) + timedelta(minutes=3)
    make(server, redactor).publish(Content("hola", scheduled_utc=when), [], "k")
    assert "scheduled_at" not in server.requests_to("POST", "/api/v1/statuses")[0].form_dict()


def test_find_matches_own_status_text(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_verify_credentials", 0)
    reply = recorded("test_status_reply", 2)
    first = recorded("test_status_reply", 0)
    own = "/api/v1/accounts/117020457910412882/statuses"
    server.route("GET", own, Reply.json([reply, first]))
    adapter = make(server, redactor)
    since = datetime(2026, 8, 1, 13, 0, tzinfo=UTC)
    found = adapter.find("k", Content("Toot,   finally!"), since)
    assert found is not None and found.remote_id == "117020583245459824"
    # A remote mention shows as @user on the server: still the same post.
    found = adapter.find("k", Content("@mastodonpy_test_2@localhost same!"), since)
    assert found is not None and found.remote_id == "117020583258292382"


def test_find_tells_a_scheduled_copy_from_the_post_it_became(
    server: FakeServer, redactor: Redactor
) -> None:
    """What results reading asks of a handed-over post once its time has come."""
    server.replay("test_verify_credentials", 0)
    waiting = json.loads(load_cassette("test_scheduled_status")[2]["response"]["body"])
    out = recorded("test_status_reply", 0)
    server.route("GET", "/api/v1/scheduled_statuses", Reply.json(waiting), Reply.json([]))
    server.route("GET", "/api/v1/accounts/117020457910412882/statuses", Reply.json([out]))
    adapter = make(server, redactor)
    since = datetime(2026, 8, 1, 13, 0, tzinfo=UTC)
    text = "please ensure adequate headroom"
    still = adapter.find("k", Content(text, scheduled_utc=since), since)
    assert still is not None and still.scheduled_on_server and still.remote_id == "1"
    became = adapter.find("k", Content("Toot, finally!", scheduled_utc=since), since)
    assert became is not None and not became.scheduled_on_server
    assert became.remote_id == "117020583245459824" and became.url


def test_find_proves_absence_by_walking_back(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_verify_credentials", 0)
    first = recorded("test_status_reply", 0)
    own = "/api/v1/accounts/117020457910412882/statuses"
    server.route("GET", own, Reply.json([first]), Reply.json([]))
    since = datetime(2026, 8, 1, 13, 0, tzinfo=UTC)
    assert make(server, redactor).find("k", Content("nunca publicado"), since) is None
    pages = server.requests_to("GET", own)
    assert len(pages) == 2 and ("max_id", "117020583245459824") in pages[1].query


def test_find_that_cannot_tell_raises(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_verify_credentials", 0)
    server.route("GET", "/api/v1/accounts/117020457910412882/statuses", Reply(502, b"oops"))
    with pytest.raises(TemporaryError):
        make(server, redactor).find("k", Content("x"), datetime.now(UTC))


def test_inbox_mentions_conversations_and_cursor(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_notifications_mentions_only", 1)
    server.replay("test_conversations", 2)
    # The older conversation ends with a reply: its thread is looked up.
    server.replay("test_status_context", 1, path="/api/v1/statuses/117020588388552703/context")
    adapter = make(server, redactor)
    batch = adapter.fetch_inbox(None)
    kinds = {item.remote_id: item.kind for item in batch.items}
    assert kinds["117020577157693549"] == ItemKind.MENTION
    assert kinds["117020593780198542"] == ItemKind.MESSAGE
    mention = next(i for i in batch.items if i.remote_id == "117020577157693549")
    assert mention.text == "@mastodonpy_test hello!"
    assert mention.author_handle == "@admin"
    assert batch.cursor is not None and not batch.more
    assert json.loads(batch.cursor)["n"] == "21"  # from the Link header's rel="prev"
    adapter.fetch_inbox(batch.cursor)
    second = server.requests_to("GET", "/api/v1/notifications")[1]
    assert ("min_id", "21") in second.query and ("types[]", "mention") in second.query
    # The direct message already seen is not delivered again.
    again = adapter.fetch_inbox(batch.cursor)
    assert "117020593780198542" not in {item.remote_id for item in again.items}


def test_reply_in_a_thread_fetches_its_root(server: FakeServer, redactor: Redactor) -> None:
    status = recorded("test_status_reply", 2)
    notification = {"id": "30", "type": "mention", "status": status}
    server.route("GET", "/api/v1/notifications", Reply.json([notification]))
    server.route("GET", "/api/v1/conversations", Reply.json([]))
    context = {"ancestors": [recorded("test_status_reply", 0)], "descendants": []}
    server.route("GET", f"/api/v1/statuses/{status['id']}/context", Reply.json(context))
    item = make(server, redactor).fetch_inbox(None).items[0]
    assert item.kind == ItemKind.REPLY
    assert item.parent_remote_id == item.root_remote_id == "117020583245459824"


def test_reply_mentions_the_author_and_keeps_dms_direct(
    server: FakeServer, redactor: Redactor
) -> None:
    server.replay("test_status_reply", 2)
    to = ReplyTo("117020583245459824", author_handle="vecina@pueblo.es", private=True)
    make(server, redactor).reply(to, "Gracias, lo miramos.", "rk")
    seen = server.requests_to("POST", "/api/v1/statuses")[0]
    form = seen.form_dict()
    assert form["status"] == "@vecina@pueblo.es Gracias, lo miramos."
    assert form["visibility"] == "direct"
    assert form["in_reply_to_id"] == "117020583245459824"
    assert seen.headers["Idempotency-Key"] == "rk"


def test_delete_and_already_deleted(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_status_reply", 3)
    adapter = make(server, redactor)
    adapter.delete(ReplyTo("117020583258292382"))
    gone = server.replay("test_status_delete_media", 7)  # recorded 404 "Record not found"
    assert gone.status == 404 and b"Record not found" in gone.body
    adapter.delete(ReplyTo("117020606379845323"))  # already deleted: nothing left to do
    for remote_id in ("117020583258292382", "117020606379845323"):
        assert len(server.requests_to("DELETE", f"/api/v1/statuses/{remote_id}")) == 1


def test_metrics(server: FakeServer, redactor: Redactor) -> None:
    status = {**recorded("test_status_reply", 0), "favourites_count": 7, "reblogs_count": 2}
    server.route("GET", "/api/v1/statuses/117020583245459824", Reply.json(status))
    server.replay("test_status_missing", 0)
    metrics = make(server, redactor).metrics(["117020583245459824", "0"])
    assert metrics["117020583245459824"].likes == 7
    assert metrics["117020583245459824"].reposts == 2
    assert "0" not in metrics


# --- errors -----------------------------------------------------------------------


def test_recorded_401_needs_reconnect(server: FakeServer, redactor: Redactor) -> None:
    server.replay("test_unauthed_home_tl_throws", 1, path="/api/v1/accounts/verify_credentials")
    with pytest.raises(NeedsReconnect) as caught:
        make(server, redactor).verify()
    assert "The access token is invalid" in caught.value.detail
    assert "Cuentas" in caught.value.text.es


def test_recorded_422_is_permanent_with_the_servers_reason(
    server: FakeServer, redactor: Redactor
) -> None:
    server.replay("test_status_empty", 0)
    with pytest.raises(PermanentError) as caught:
        make(server, redactor).publish(Content(""), [], "k")
    assert "Textを入力してください" in caught.value.reason
    assert "Textを入力してください" in caught.value.text.es


def test_429_waits_until_the_servers_reset(server: FakeServer, redactor: Redactor) -> None:
    reset = (datetime.now(UTC) + timedelta(minutes=4)).replace(microsecond=0)
    stamp = reset.isoformat().replace("+00:00", ".000000Z")
    reply = Reply.json({"error": "Too many requests"}, 429, **{"X-RateLimit-Reset": stamp})
    server.route("POST", "/api/v1/statuses", reply)
    with pytest.raises(RateLimited) as caught:
        make(server, redactor).publish(Content("x"), [], "k")
    assert caught.value.until == reset


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_is_temporary(server: FakeServer, redactor: Redactor, status: int) -> None:
    server.route("POST", "/api/v1/statuses", Reply(status, b"<html>Bad gateway</html>"))
    with pytest.raises(TemporaryError) as caught:
        make(server, redactor).publish(Content("x"), [], "k")
    assert not isinstance(caught.value, RateLimited)


def test_html_page_instead_of_json(server: FakeServer, redactor: Redactor) -> None:
    page = Reply(200, b"<!DOCTYPE html><html>Login to wifi</html>", {"Content-Type": "text/html"})
    server.route("POST", "/api/v1/statuses", page)
    server.route("GET", "/api/v2/instance", page)
    adapter = make(server, redactor)
    with pytest.raises(OutcomeUnknown):  # a write: maybe it went out
        adapter.publish(Content("x"), [], "k")
    with pytest.raises(TemporaryError):  # a read: just try later
        adapter.capabilities()


@pytest.mark.parametrize(
    "body", [b'{"id": "1", "url":', b"[1, 2, 3]", b"\xff\xfe\x00garbage", b"", b'"text"']
)
def test_malformed_json_is_typed(server: FakeServer, redactor: Redactor, body: bytes) -> None:
    server.route("POST", "/api/v1/statuses", Reply(200, body))
    with pytest.raises(OutcomeUnknown):
        make(server, redactor).publish(Content("x"), [], "k")


def test_truncated_reply(server: FakeServer, redactor: Redactor) -> None:
    body = json.dumps(recorded("test_status_reply", 0)).encode()
    server.route("POST", "/api/v1/statuses", Reply(200, body, misbehave="truncate"))
    server.route("GET", "/api/v2/instance", Reply(200, body, misbehave="truncate"))
    adapter = make(server, redactor)
    with pytest.raises(OutcomeUnknown):
        adapter.publish(Content("x"), [], "k")
    with pytest.raises(TemporaryError):
        adapter.capabilities()


def test_huge_body_is_refused_without_reading_it(server: FakeServer, redactor: Redactor) -> None:
    server.route("GET", "/api/v2/instance", Reply(200, b"[" + b"0," * 600_000 + b"0]"))
    adapter = make(server, redactor)
    adapter._http.max_body_bytes = 1_000_000
    with pytest.raises(TemporaryError) as caught:
        adapter.capabilities()
    assert "too big" in caught.value.detail


def test_huge_body_without_a_length_is_cut_off(server: FakeServer, redactor: Redactor) -> None:
    body = b"[" + b"0," * 3_000_000 + b"0]"
    server.route("POST", "/api/v1/statuses", Reply(200, body, misbehave="nolength"))
    adapter = make(server, redactor)
    adapter._http.max_body_bytes = 1_000_000
    with pytest.raises(OutcomeUnknown) as caught:
        adapter.publish(Content("x"), [], "k")
    assert "body over 1000000 bytes" in caught.value.detail


def test_timeout_after_sending_a_write_is_unknown(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/api/v1/statuses", Reply(200, b"{}", delay_s=1.5))
    server.route("GET", "/api/v2/instance", Reply(200, b"{}", delay_s=1.5))
    adapter = make(server, redactor, read_timeout_s=0.3)
    with pytest.raises(OutcomeUnknown):
        adapter.publish(Content("x"), [], "k")
    with pytest.raises(TemporaryError):
        adapter.capabilities()


def test_reset_after_sending_a_write_is_unknown(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", "/api/v1/statuses", Reply(misbehave="reset"))
    with pytest.raises(OutcomeUnknown):
        make(server, redactor).publish(Content("x"), [], "k")


def test_connection_refused_is_offline(redactor: Redactor) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    account = Account(1, Network.MASTODON, "A", server_url=url)
    with pytest.raises(Exception) as caught:
        MastodonAdapter(account, CANARY, redactor).publish(Content("x"), [], "k")
    assert type(caught.value).__name__ == "Offline"


def test_unknown_host_is_offline(redactor: Redactor) -> None:
    account = Account(1, Network.MASTODON, "A", server_url="https://nonexistent.invalid")
    with pytest.raises(Exception) as caught:
        MastodonAdapter(account, CANARY, redactor).verify()
    assert type(caught.value).__name__ == "Offline"


def test_the_token_never_shows(
    server: FakeServer, redactor: Redactor, log_text: io.StringIO
) -> None:
    """Every failure path, with urllib3 at DEBUG: the token is in no log, error or repr."""
    echo = {"error": f"invalid token {CANARY}"}
    server.route("GET", "/api/v1/accounts/verify_credentials", Reply.json(echo, 401))
    server.route("POST", "/api/v1/statuses", Reply.json(echo, 422), Reply(misbehave="reset"))
    server.route("GET", "/api/v2/instance", Reply(200, b"<html>"))
    adapter = make(server, redactor)
    errors: list[BaseException] = []
    for call in (
        adapter.verify,
        lambda: adapter.publish(Content("x"), [], "k"),
        lambda: adapter.publish(Content("x"), [], "k"),
        adapter.capabilities,
    ):
        with pytest.raises(Exception) as caught:
            call()
        errors.append(caught.value)
    assert [type(e).__name__ for e in errors] == [
        "NeedsReconnect",
        "PermanentError",
        "OutcomeUnknown",
        "TemporaryError",
    ]
    for error in errors:
        assert CANARY not in everything_about(error)
        assert error.__context__ is None and error.__cause__ is None
    assert CANARY not in repr(adapter) and CANARY not in repr(adapter._http)
    logged = log_text.getvalue()
    assert "/api/v1/statuses" in logged  # urllib3 did log at DEBUG
    assert CANARY not in logged


def test_missing_server_url_is_permanent(redactor: Redactor) -> None:
    with pytest.raises(PermanentError):
        MastodonAdapter(Account(1, Network.MASTODON, "A"), CANARY, redactor)


def test_a_stored_token_with_a_euro_sign_is_a_clear_error_not_a_traceback(
    server: FakeServer, redactor: Redactor
) -> None:
    """Issue #9, hole 10: a token kept by an older version fails in words, and sends nothing."""
    token = "tok€n-kept-before-1234"
    account = Account(1, Network.MASTODON, "Ayuntamiento", server_url=server.url)
    adapter = MastodonAdapter(account, token, redactor)
    with pytest.raises(PermanentError) as refused:
        adapter.publish(Content("Pleno el jueves."), [], "key-1")
    assert "caracteres que no se pueden enviar" in refused.value.text.es
    assert token not in everything_about(refused.value)
    assert refused.value.__context__ is None
    assert server.seen == []
