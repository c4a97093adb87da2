"""Facebook Page adapter against the local Graph server that checks Meta's field names and types.

Replies are the recorded ones (tests/fixtures/graph-api) where a recording
exists; creating a feed post and most error codes have none and are written
from design/NETWORKS.md and Meta's error-handling page, in the recorded shape.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

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
from smalltown_social.networks.facebook import FacebookAdapter
from smalltown_social.networks.graph import GRAPH_VERSION
from smalltown_social.redaction import Redactor
from tests.networks.conftest import CANARY, everything_about
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import PREFIX, GraphFake, graph_error, recorded

PAGE = "104593022431585"
POST = f"{PAGE}_122110000000000001"
COMMENT = "122110000000000001_900000000000001"
SCOPES = [
    "pages_show_list",
    "pages_manage_posts",
    "pages_read_engagement",
    "pages_manage_engagement",
    "pages_read_user_engagement",
    "read_insights",
]


def page_token_info(**changes: Any) -> dict[str, Any]:
    """The recorded debug_token reply (a USER token) turned into a Page token's."""
    body: dict[str, Any] = recorded("base/token_info.json")
    data = body["data"] | {
        "type": "PAGE",
        "profile_id": PAGE,
        "scopes": SCOPES,
        "expires_at": 0,
        "data_access_expires_at": 0,
    }
    body["data"] = data | changes
    return body


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake()
    fake.start()
    fake.node(PAGE, "Page")
    fake.node(POST, "PagePost")
    fake.node(COMMENT, "Comment")
    yield fake
    fake.stop()
    assert fake.violations == []


def adapter_for(graph: GraphFake, redactor: Redactor | None = None) -> FacebookAdapter:
    account = Account(1, Network.FACEBOOK, "Ayto", server_url=graph.url, channel=PAGE)
    return FacebookAdapter(account, CANARY, redactor or Redactor(), read_timeout_s=2)


def jpeg(alt: str = "Cartel de la fiesta") -> Media:
    return Media(b"\xff\xd8\xff\xe0fakejpeg", "image/jpeg", alt, 800, 600)


# --- verify -----------------------------------------------------------------------------


def test_verify_reads_page_name_scopes_and_no_expiry(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(page_token_info()))
    page = recorded("facebook/apidata/pages/single_fields_page.json") | {"id": PAGE}
    graph.on("GET", f"/{PAGE}", Reply.json(page))
    identity = adapter_for(graph).verify()
    assert identity.name == "Facebook" and identity.handle == "facebookapp"
    assert identity.expires_utc is None and "pages_manage_posts" in identity.permissions
    (check,) = graph.calls("GET", "/debug_token")
    assert check.headers["Authorization"] == f"Bearer {CANARY}"
    assert GRAPH_VERSION == "v25.0" and PREFIX == "/v25.0"


def test_a_personal_profile_token_is_refused_in_spanish(graph: GraphFake) -> None:
    # The recorded reply as it is: a USER token.
    graph.on("GET", "/debug_token", Reply.json(recorded("base/token_info.json")))
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).verify()
    assert "perfil personal" in refused.value.text.es
    assert graph.calls("GET", f"/{PAGE}") == []


def test_a_token_of_another_page_names_both_pages(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(page_token_info(profile_id="999")))
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).verify()
    assert "999" in refused.value.text.es and PAGE in refused.value.text.es


def test_without_read_insights_it_connects_and_names_the_permission(graph: GraphFake) -> None:
    scopes = [s for s in SCOPES if s != "read_insights"]
    graph.on("GET", "/debug_token", Reply.json(page_token_info(scopes=scopes)))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
    identity = adapter_for(graph).verify()  # not refused
    assert identity.note is not None
    assert "read_insights" in identity.note.es and "alcance" in identity.note.es
    assert "read_insights" in identity.note.en


def test_with_read_insights_nothing_is_said(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(page_token_info()))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
    assert adapter_for(graph).verify().note is None


def test_missing_permissions_are_named(graph: GraphFake) -> None:
    scopes = ["pages_show_list", "pages_read_engagement"]
    graph.on("GET", "/debug_token", Reply.json(page_token_info(scopes=scopes)))
    with pytest.raises(NeedsReconnect) as refused:
        adapter_for(graph).verify()
    text = refused.value.text.es
    assert "pages_manage_posts" in text and "pages_manage_engagement" in text
    assert "pages_show_list" not in text


def test_an_expiring_token_reports_its_first_expiry(graph: GraphFake) -> None:
    soon = int((datetime.now(UTC) + timedelta(days=20)).timestamp())
    later = soon + 86_400 * 40
    info = page_token_info(expires_at=later, data_access_expires_at=soon)
    graph.on("GET", "/debug_token", Reply.json(info))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
    identity = adapter_for(graph).verify()
    assert identity.expires_utc == datetime.fromtimestamp(soon, UTC)


def test_a_page_the_token_cannot_use_is_told(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(page_token_info()))
    graph.on("GET", f"/{PAGE}", Reply.json(recorded("base/error_data.json"), 400))
    with pytest.raises(NeedsReconnect) as refused:  # code 100 naming a permission
        adapter_for(graph).verify()
    assert "pages_read_engagement" in refused.value.text.es


# --- publishing -----------------------------------------------------------------------------


def test_text_with_a_link_lets_facebook_build_the_preview(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    text = "Programa de fiestas: https://valdelomar.es/fiestas."
    published = adapter_for(graph).publish(Content(text), [], "k1")
    assert published.remote_id == POST
    assert published.url == f"https://www.facebook.com/{POST}"
    (sent,) = graph.calls("POST", f"/{PAGE}/feed")
    assert sent.form_dict() == {"message": text, "link": "https://valdelomar.es/fiestas"}


def test_one_photo_goes_with_its_caption_and_alt_text(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/photos", Reply.json({"id": "555", "post_id": POST}))
    published = adapter_for(graph).publish(Content("Fiestas"), [jpeg()], "k1")
    assert published.remote_id == POST
    (sent,) = graph.calls("POST", f"/{PAGE}/photos")
    body = sent.body
    assert b'name="alt_text_custom"' in body and b"Cartel de la fiesta" in body
    assert b'name="caption"' in body and b'name="source"; filename="image.jpg"' in body


def test_several_photos_are_uploaded_unpublished_then_attached(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/photos", Reply.json({"id": "801"}), Reply.json({"id": "802"}))
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    adapter_for(graph).publish(Content("Dos fotos"), [jpeg("uno"), jpeg("dos")], "k1")
    uploads = graph.calls("POST", f"/{PAGE}/photos")
    assert len(uploads) == 2 and all(b"temporary" in u.body for u in uploads)
    (feed,) = graph.calls("POST", f"/{PAGE}/feed")
    form = feed.form_dict()
    assert json.loads(form["attached_media[0]"]) == {"media_fbid": "801"}
    assert json.loads(form["attached_media[1]"]) == {"media_fbid": "802"}
    assert "link" not in form


def test_hand_over_to_facebooks_scheduler_and_withdraw(graph: GraphFake) -> None:
    due = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    adapter = adapter_for(graph)
    published = adapter.publish(Content("Pleno el jueves", scheduled_utc=due), [], "k1")
    assert published.scheduled_on_server and published.url is None
    form = graph.calls("POST", f"/{PAGE}/feed")[0].form_dict()
    assert form["published"] == "false"
    assert form["scheduled_publish_time"] == str(int(due.timestamp()))
    graph.on("GET", f"/{POST}", Reply.json({"id": POST, "is_published": False}))
    graph.on("DELETE", f"/{POST}", Reply.json({"success": True}))
    adapter.cancel_scheduled(POST)
    assert len(graph.calls("DELETE", f"/{POST}")) == 1


def test_a_scheduled_post_already_out_cannot_be_withdrawn(graph: GraphFake) -> None:
    graph.on("GET", f"/{POST}", Reply.json({"id": POST, "is_published": True}))
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).cancel_scheduled(POST)
    assert refused.value.text.es.startswith("Facebook ya no tiene esta publicación programada")
    assert "ya ha salido" in refused.value.text.es
    assert graph.calls("DELETE", f"/{POST}") == []


def test_too_close_to_its_time_it_is_sent_now_not_scheduled(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    soon = datetime.now(UTC) + timedelta(minutes=5)
    published = adapter_for(graph).publish(Content("Ya", scheduled_utc=soon), [], "k")
    assert not published.scheduled_on_server
    assert "scheduled_publish_time" not in graph.calls("POST", f"/{PAGE}/feed")[0].form_dict()


# --- faults -------------------------------------------------------------------------------


def test_a_dropped_connection_after_sending_is_an_unknown_outcome(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply(misbehave="reset"))
    with pytest.raises(OutcomeUnknown):
        adapter_for(graph).publish(Content("Bando"), [], "k")


def test_a_5xx_is_temporary_so_the_outbox_treats_it_as_unknown(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json(graph_error(2, "Service temporarily"), 500))
    with pytest.raises(TemporaryError) as error:
        adapter_for(graph).publish(Content("Bando"), [], "k")
    assert adapter_for(graph).capabilities().idempotent_publish is False
    assert "pasajero" in error.value.text.es


def test_a_revoked_token_asks_to_reconnect(graph: GraphFake) -> None:
    body = graph_error(190, "Error validating access token: session invalidated", 460)
    graph.on("POST", f"/{PAGE}/feed", Reply.json(body, 400))
    with pytest.raises(NeedsReconnect) as error:
        adapter_for(graph).publish(Content("Bando"), [], "k")
    assert "Vuelva a conectar" in error.value.text.es


@pytest.mark.expected_logs(r"Facebook: usage at 100 %")
def test_rate_limit_waits_for_metas_estimate(graph: GraphFake) -> None:
    usage = {PAGE: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 42}]}
    body = graph_error(80001, "There have been too many calls to this Page account")
    headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
    graph.on("POST", f"/{PAGE}/feed", Reply.json(body, 400, **headers))
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as limited:
        adapter_for(graph).publish(Content("Bando"), [], "k")
    assert timedelta(minutes=41) < limited.value.until - before < timedelta(minutes=43)
    assert "demasiadas peticiones" in limited.value.text.es


@pytest.mark.expected_logs(r"Facebook: usage at 100 %")
def test_usage_at_100_percent_holds_the_next_write_before_sending(graph: GraphFake) -> None:
    full = {"X-App-Usage": json.dumps({"call_count": 100, "total_time": 20, "total_cputime": 5})}
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}, 200, **full))
    adapter = adapter_for(graph)
    adapter.publish(Content("Uno"), [], "k1")
    with pytest.raises(RateLimited):
        adapter.publish(Content("Dos"), [], "k2")
    assert len(graph.calls("POST", f"/{PAGE}/feed")) == 1  # the second was never sent


def test_duplicate_post_506_is_permanent(graph: GraphFake) -> None:
    body = graph_error(506, "Duplicate status message")
    graph.on("POST", f"/{PAGE}/feed", Reply.json(body, 400))
    with pytest.raises(PermanentError) as error:
        adapter_for(graph).publish(Content("Bando"), [], "k")
    assert "igual a una publicación reciente" in error.value.text.es


def test_an_image_facebook_refuses_is_a_clear_permanent_error(graph: GraphFake) -> None:
    body = graph_error(324, "(#324) Requires upload file", error_user_msg="Imagen no válida")
    graph.on("POST", f"/{PAGE}/photos", Reply.json(body, 400))
    with pytest.raises(PermanentError) as error:
        adapter_for(graph).publish(Content("Foto"), [jpeg()], "k")
    assert "no acepta la imagen" in error.value.text.es


def test_the_token_is_only_in_the_header_and_never_logged(
    graph: GraphFake, redactor: Redactor, log_text: io.StringIO
) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json(graph_error(190, "Invalid token"), 400))
    with pytest.raises(NeedsReconnect) as error:
        adapter_for(graph, redactor).publish(Content("Bando"), [], "k")
    for seen in graph.seen:
        assert CANARY not in seen.path and CANARY not in str(seen.query)
        assert CANARY.encode() not in seen.body
    assert CANARY not in log_text.getvalue() and CANARY not in repr(error.value)


# --- find after a claim -----------------------------------------------------------------------


def feed_page(*posts: tuple[str, str, datetime]) -> dict[str, Any]:
    """The recorded feed page's shape with our posts."""
    page: dict[str, Any] = recorded("facebook/apidata/posts/feed_fields_p1.json")
    page["data"] = [
        {"id": pid, "message": text, "created_time": when.strftime("%Y-%m-%dT%H:%M:%S+0000")}
        for pid, text, when in posts
    ]
    del page["paging"]["next"]
    return page


def test_find_after_claim_skips_older_posts_and_posts_of_other_targets(graph: GraphFake) -> None:
    claim = datetime.now(UTC) - timedelta(minutes=5)
    graph.on(
        "GET",
        f"/{PAGE}/published_posts",
        Reply.json(
            feed_page(
                (f"{PAGE}_3", "Bando  de fiestas", claim + timedelta(minutes=2)),
                (f"{PAGE}_2", "Bando de fiestas", claim + timedelta(minutes=1)),
                (f"{PAGE}_1", "Bando de fiestas", claim - timedelta(minutes=1)),
            )
        ),
    )
    found = adapter_for(graph).find(
        "k", Content("Bando de fiestas"), claim, frozenset({f"{PAGE}_3"})
    )
    assert found is not None and found.remote_id == f"{PAGE}_2"
    (query,) = graph.calls("GET", f"/{PAGE}/published_posts")
    assert dict(query.query)["since"] == str(int(claim.timestamp()))


def test_find_says_absent_only_after_seeing_everything(graph: GraphFake) -> None:
    claim = datetime.now(UTC) - timedelta(minutes=5)
    graph.on("GET", f"/{PAGE}/published_posts", Reply.json(feed_page()))
    assert adapter_for(graph).find("k", Content("Bando"), claim) is None
    more = recorded("facebook/apidata/posts/feed_fields_p1.json")  # always a next page
    graph.on("GET", f"/{PAGE}/published_posts", Reply.json(more))
    with pytest.raises(TemporaryError) as cannot_tell:
        adapter_for(graph).find("k", Content("Bando"), claim)
    assert cannot_tell.value.text.es.startswith("No se ha podido comprobar en Facebook si")
    assert "Look on Facebook: if it is there" in cannot_tell.value.text.en


# --- inbox, answers, moderation ------------------------------------------------------------------


def test_inbox_has_comments_and_replies_with_their_post(graph: GraphFake) -> None:
    seen = datetime(2021, 8, 10, 19, 0, tzinfo=UTC)
    graph.on(
        "GET",
        f"/{PAGE}/published_posts",
        Reply.json({"data": [{"id": POST, "updated_time": "2021-08-12T18:30:51+0000"}]}),
    )
    page = recorded("facebook/apidata/comments/comments_p1.json")
    comments = sorted(page["data"], key=lambda c: c["created_time"], reverse=True)
    for index, comment in enumerate(comments):
        comment["id"] = f"c{index}"
        comment["from"] = {"id": f"u{index}", "name": f"Vecino {index:02d}"}
        if "reply_comment_id" in comment["permalink_url"]:
            comment["parent"] = {"id": "parent-comment"}
    comments[1]["from"] = {"id": PAGE, "name": "Ayuntamiento"}  # our own answer
    page["data"] = comments
    del page["paging"]["next"]
    graph.on("GET", f"/{POST}/comments", Reply.json(page))
    cursor = json.dumps({"t": int(seen.timestamp())})
    batch = adapter_for(graph).fetch_inbox(cursor)
    # Newer than the cursor (19:00 on the 10th): 9 of 10, one of them ours.
    assert len(batch.items) == 8
    kinds = {item.kind for item in batch.items}
    assert kinds == {ItemKind.COMMENT, ItemKind.REPLY}
    assert all(item.root_remote_id == POST for item in batch.items)
    reply = next(item for item in batch.items if item.kind is ItemKind.REPLY)
    assert reply.parent_remote_id == "parent-comment"
    assert json.loads(batch.cursor or "{}")["t"] == int(
        datetime(2021, 8, 12, 18, 30, 51, tzinfo=UTC).timestamp()
    )
    query = dict(graph.calls("GET", f"/{POST}/comments")[0].query)
    assert query["filter"] == "stream" and query["order"] == "reverse_chronological"


def test_reply_hide_and_delete_a_comment(graph: GraphFake) -> None:
    graph.on(
        "POST",
        f"/{COMMENT}/comments",
        Reply.json(recorded("facebook/apidata/comments/create_resp.json")),
    )
    graph.on("POST", f"/{COMMENT}", Reply.json({"success": True}))
    graph.on("GET", f"/{COMMENT}", Reply.json({"id": COMMENT}))  # a top-level comment
    graph.on(
        "DELETE",
        f"/{COMMENT}",
        Reply.json({"success": True}),
        Reply.json(graph_error(100, "Object does not exist", 33), 400),
    )
    adapter = adapter_for(graph)
    answer = adapter.reply(ReplyTo(COMMENT), "Gracias, lo miramos", "k")
    assert answer.remote_id == "245778718206154_229887283291835"
    adapter.hide(ReplyTo(COMMENT))
    assert graph.calls("POST", f"/{COMMENT}")[0].form_dict() == {"is_hidden": "true"}
    adapter.delete(ReplyTo(COMMENT))
    adapter.delete(ReplyTo(COMMENT))  # already gone: fine
    with pytest.raises(PermanentError):
        adapter.reply(ReplyTo(COMMENT, private=True), "privado", "k2")


def test_metrics_read_reactions_comments_and_shares(graph: GraphFake) -> None:
    body = {
        "id": POST,
        "shares": {"count": 3},
        "reactions": {"data": [], "summary": {"total_count": 12}},
        "comments": {"data": [], "summary": {"total_count": 4, "order": "chronological"}},
    }
    graph.on("GET", f"/{POST}", Reply.json(body))
    metrics = adapter_for(graph).metrics([POST])[POST]
    assert (metrics.likes, metrics.replies, metrics.reposts) == (12, 4, 3)


def test_the_fake_refuses_a_parameter_meta_does_not_have(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    adapter = adapter_for(graph)
    with pytest.raises(PermanentError):
        adapter.graph.post(f"/{PAGE}/feed", {"mesage": "typo"}, write=True)
    with pytest.raises(PermanentError):
        adapter.graph.post(f"/{PAGE}/feed", {"published": "yes"}, write=True)
    assert len(graph.violations) == 2
    graph.violations.clear()


def test_debug_token_never_shows_the_token_in_logs_or_errors(
    graph: GraphFake, redactor: Redactor, log_text: io.StringIO
) -> None:
    # Meta's debug_token takes the token in the query: the one place it is in a URL.
    graph.on("GET", "/debug_token", Reply.json(graph_error(2, "Service temporarily"), 503))
    with pytest.raises(TemporaryError) as error:
        adapter_for(graph, redactor).verify()
    (check,) = graph.calls("GET", "/debug_token")
    assert dict(check.query) == {"input_token": CANARY}  # what Meta asks for
    logged = log_text.getvalue()
    assert "debug_token" in logged  # urllib3 and our own lines did log the request
    assert CANARY not in logged and CANARY not in everything_about(error.value)


def test_an_answer_to_a_reply_goes_to_its_comment(graph: GraphFake) -> None:
    reply_id = "122110000000000001_900000000000002"
    graph.node(reply_id, "Comment")
    graph.on("GET", f"/{reply_id}", Reply.json({"id": reply_id, "parent": {"id": COMMENT}}))
    graph.on("POST", f"/{COMMENT}/comments", Reply.json({"id": "c-new"}))
    assert adapter_for(graph).reply(ReplyTo(reply_id), "Gracias", "k").remote_id == "c-new"
    assert graph.calls("POST", f"/{reply_id}/comments") == []


def test_find_a_handed_over_post_among_the_scheduled_ones(graph: GraphFake) -> None:
    due = datetime.now(UTC) + timedelta(days=2)
    planned = {
        "data": [
            {"id": f"{PAGE}_5", "message": "Otra cosa", "scheduled_publish_time": 1},
            {"id": f"{PAGE}_6", "message": "Pleno el jueves", "scheduled_publish_time": 2},
        ]
    }
    graph.on("GET", f"/{PAGE}/scheduled_posts", Reply.json(planned))
    content = Content("Pleno el jueves", scheduled_utc=due)
    found = adapter_for(graph).find("k", content, datetime.now(UTC) - timedelta(minutes=3))
    assert found is not None and found.remote_id == f"{PAGE}_6" and found.scheduled_on_server


def test_more_than_30_days_ahead_is_refused_before_sending(graph: GraphFake) -> None:
    far = datetime.now(UTC) + timedelta(days=31)
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).publish(Content("Feria de 2027", scheduled_utc=far), [], "k")
    assert "30 días" in refused.value.text.es and graph.seen == []


def test_just_past_the_outbox_handover_margin_is_still_scheduled(graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    # The outbox hands over at 10 min + 60 s; a moment later the adapter must still schedule.
    due = datetime.now(UTC) + timedelta(minutes=10, seconds=58)
    published = adapter_for(graph).publish(Content("Bando", scheduled_utc=due), [], "k")
    assert published.scheduled_on_server
