"""Instagram adapter against the local Graph server that checks Meta's field names and types.

Replies are the recorded ones (tests/fixtures/graph-api/instagram) where a
recording exists: container create/status/publish, the publishing limit,
media and comments, the user. The containers are remembered in the real
SQLite table (storage/containers_repo.py).
"""

from __future__ import annotations

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
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    ReplyTo,
)
from smalltown_social.networks.instagram import InstagramAdapter, near_quota
from smalltown_social.redaction import Redactor
from smalltown_social.storage.containers_repo import ContainersRepository
from smalltown_social.storage.database import Database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake, graph_error, recorded

PAGE = "104593022431585"
IG = "17841407673135339"  # the recorded user_fields.json's id
PHOTO = "556677889900"
CONTAINER = "17889455560051444"  # create_photo.json
MEDIA = "17920238422030506"  # publish_container.json
COMMENT = "17858154961981086"
CDN = "https://scontent.xx.fbcdn.net/v/t39.30808-6/cartel.jpg?oe=6A1B2C3D"
SCOPES = [
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_comments",
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_posts",
]


def token_info(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = recorded("base/token_info.json")
    body["data"] |= {"type": "PAGE", "profile_id": PAGE, "scopes": SCOPES, "expires_at": 0}
    body["data"] |= changes
    return body


def instagram_graph() -> Iterator[GraphFake]:
    """The checking Graph server with the Page, the Instagram user and its objects declared."""
    fake = GraphFake()
    fake.start()
    for object_id, kind in (
        (PAGE, "Page"),
        ("me", "Page"),
        (IG, "IGUser"),
        (PHOTO, "Photo"),
        (CONTAINER, "IGContainer"),
        (MEDIA, "IGMedia"),
        (COMMENT, "IGComment"),
    ):
        fake.node(object_id, kind)
    fake.on("GET", "/me", Reply.json({"id": PAGE}))
    yield fake
    fake.stop()
    assert fake.violations == []


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


@pytest.fixture
def memory(database: Database) -> ContainersRepository:
    return ContainersRepository(database)


def adapter_for(
    graph: GraphFake, memory: ContainersRepository | None = None, sleeps: list[float] | None = None
) -> InstagramAdapter:
    account = Account(3, Network.INSTAGRAM, "Ayto IG", server_url=graph.url, channel=IG)
    slept = sleeps if sleeps is not None else []
    return InstagramAdapter(
        account, CANARY, Redactor(), containers=memory, sleep=slept.append, read_timeout_s=2
    )


def jpeg(alt: str = "Cartel de la fiesta", width: int = 1080, height: int = 1080) -> Media:
    return Media(b"\xff\xd8\xff\xe0fakejpeg", "image/jpeg", alt, width, height)


def container_status(code: str) -> Reply:
    body = recorded("instagram/apidata/publish/container_info.json") | {
        "id": CONTAINER,
        "status_code": code,
    }
    return Reply.json(body)


def ready_to_publish(graph: GraphFake, *statuses: str) -> None:
    graph.on(
        "GET",
        f"/{IG}/content_publishing_limit",
        Reply.json(recorded("instagram/apidata/users/content_publish_limit.json")),
    )
    graph.on("POST", f"/{PAGE}/photos", Reply.json({"id": PHOTO}))
    graph.on(
        "GET",
        f"/{PHOTO}",
        Reply.json(
            {
                "id": PHOTO,
                "images": [
                    {"height": 320, "width": 320, "source": "https://small.example/x.jpg"},
                    {"height": 1080, "width": 1080, "source": CDN},
                ],
            }
        ),
    )
    graph.on(
        "POST", f"/{IG}/media", Reply.json(recorded("instagram/apidata/publish/create_photo.json"))
    )
    graph.on("GET", f"/{CONTAINER}", *[container_status(s) for s in statuses or ("FINISHED",)])
    graph.on(
        "POST",
        f"/{IG}/media_publish",
        Reply.json(recorded("instagram/apidata/publish/publish_container.json")),
    )
    graph.on(
        "GET",
        f"/{MEDIA}",
        Reply.json(
            {
                "id": MEDIA,
                "permalink": "https://www.instagram.com/p/CSgf9BChwVq/",
                "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            }
        ),
    )


# --- verify ------------------------------------------------------------------------------


def test_verify_checks_the_linked_instagram_account(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(token_info()))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "instagram_business_account": {"id": IG}}))
    graph.on("GET", f"/{IG}", Reply.json(recorded("instagram/apidata/users/user_fields.json")))
    identity = adapter_for(graph).verify()
    assert identity.handle == "@facebookfordevelopers"
    assert identity.name == "Facebook for Developers"


def test_a_page_without_instagram_says_how_to_link_it(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(token_info()))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).verify()
    assert "cuenta profesional" in refused.value.text.es


def test_a_page_linked_to_another_account_names_it(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(token_info()))
    graph.on(
        "GET", f"/{PAGE}", Reply.json({"id": PAGE, "instagram_business_account": {"id": "999"}})
    )
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).verify()
    assert "999" in refused.value.text.es and IG in refused.value.text.es


def test_without_instagram_manage_insights_it_connects_and_names_the_permission(
    graph: GraphFake,
) -> None:
    graph.on("GET", "/debug_token", Reply.json(token_info()))  # SCOPES lack the insights
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "instagram_business_account": {"id": IG}}))
    graph.on("GET", f"/{IG}", Reply.json(recorded("instagram/apidata/users/user_fields.json")))
    identity = adapter_for(graph).verify()  # not refused: publishing and answering work
    assert identity.note is not None
    assert "instagram_manage_insights" in identity.note.es
    assert "visualizaciones ni los compartidos de Instagram" in identity.note.es
    assert "Lo demás funciona" in identity.note.es
    assert (
        "instagram_manage_insights" in identity.note.en and "views and shares" in identity.note.en
    )


def test_with_instagram_manage_insights_nothing_is_said(graph: GraphFake) -> None:
    scopes = [*SCOPES, "instagram_manage_insights"]
    graph.on("GET", "/debug_token", Reply.json(token_info(scopes=scopes)))
    graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "instagram_business_account": {"id": IG}}))
    graph.on("GET", f"/{IG}", Reply.json(recorded("instagram/apidata/users/user_fields.json")))
    assert adapter_for(graph).verify().note is None


def test_missing_instagram_permissions_are_named(graph: GraphFake) -> None:
    graph.on("GET", "/debug_token", Reply.json(token_info(scopes=["pages_show_list"])))
    with pytest.raises(Exception) as refused:
        adapter_for(graph).verify()
    assert "instagram_content_publish" in str(getattr(refused.value, "text", ""))


# --- publishing ---------------------------------------------------------------------------


def test_one_image_through_an_unpublished_page_photo(
    graph: GraphFake, memory: ContainersRepository
) -> None:
    ready_to_publish(graph, "IN_PROGRESS", "FINISHED")
    sleeps: list[float] = []
    published = adapter_for(graph, memory, sleeps).publish(Content("Fiestas"), [jpeg()], "k1")
    assert published.remote_id == MEDIA and published.url and "instagram.com" in published.url
    upload = graph.calls("POST", f"/{PAGE}/photos")[0]
    assert b'name="published"' in upload.body and b"false" in upload.body
    form = graph.calls("POST", f"/{IG}/media")[0].form_dict()
    assert form == {"image_url": CDN, "caption": "Fiestas", "alt_text": "Cartel de la fiesta"}
    assert graph.calls("POST", f"/{IG}/media_publish")[0].form_dict() == {"creation_id": CONTAINER}
    assert sleeps == [3.0]  # polled once while IN_PROGRESS
    assert memory.get(3, "k1") == CONTAINER
    # The limit was read before anything was sent.
    assert graph.seen[0].path.endswith(f"/{IG}/content_publishing_limit")


def test_a_carousel_has_children_with_alt_text(
    graph: GraphFake, memory: ContainersRepository
) -> None:
    ready_to_publish(graph)
    child_a, child_b = "17900000000000001", "17900000000000002"
    for child in (child_a, child_b):
        graph.node(child, "IGContainer")
        graph.on("GET", f"/{child}", container_status("FINISHED"))
    graph.on(
        "POST",
        f"/{IG}/media",
        Reply.json({"id": child_a}),
        Reply.json({"id": child_b}),
        Reply.json({"id": CONTAINER}),
    )
    adapter_for(graph, memory).publish(Content("Dos"), [jpeg("uno"), jpeg("dos")], "k1")
    first, second, parent = (s.form_dict() for s in graph.calls("POST", f"/{IG}/media"))
    assert first["is_carousel_item"] == "true" and first["alt_text"] == "uno"
    assert second["alt_text"] == "dos" and "caption" not in second
    assert parent == {
        "media_type": "CAROUSEL",
        "children": f"{child_a},{child_b}",
        "caption": "Dos",
    }


def test_text_only_is_refused_before_sending(graph: GraphFake) -> None:
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).publish(Content("Sin foto"), [], "k")
    assert "al menos una imagen" in refused.value.text.es
    assert graph.seen == []


def test_an_image_with_a_ratio_instagram_refuses_is_told_before_sending(graph: GraphFake) -> None:
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph).publish(Content("Panorámica"), [jpeg(width=3000, height=1000)], "k")
    assert "proporción" in refused.value.text.es and graph.seen == []


def test_an_image_instagram_refuses_gives_a_clear_message(
    graph: GraphFake, memory: ContainersRepository
) -> None:
    ready_to_publish(graph)
    body = graph_error(36003, "The aspect ratio is not supported.", 2207009)
    graph.on("POST", f"/{IG}/media", Reply.json(body, 400))
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph, memory).publish(Content("Foto"), [jpeg()], "k")
    assert "no acepta la imagen" in refused.value.text.es
    assert graph.calls("POST", f"/{IG}/media_publish") == []


def test_a_container_in_error_is_permanent(graph: GraphFake, memory: ContainersRepository) -> None:
    ready_to_publish(graph, "ERROR")
    with pytest.raises(PermanentError) as refused:
        adapter_for(graph, memory).publish(Content("Foto"), [jpeg()], "k")
    assert "ERROR" in refused.value.text.es
    assert graph.calls("POST", f"/{IG}/media_publish") == []


def test_the_24_hour_limit_is_read_first_and_respected(graph: GraphFake) -> None:
    full = {"data": [{"config": {"quota_total": 25, "quota_duration": 86400}, "quota_usage": 25}]}
    graph.on("GET", f"/{IG}/content_publishing_limit", Reply.json(full))
    with pytest.raises(RateLimited) as limited:
        adapter_for(graph).publish(Content("Foto"), [jpeg()], "k")
    assert "25 veces" in limited.value.text.es
    assert [s.method for s in graph.seen] == ["GET"]
    assert near_quota(20, 25) and not near_quota(5, 25)


def test_retry_after_an_unknown_publish_never_makes_a_second_container(
    graph: GraphFake, memory: ContainersRepository
) -> None:
    ready_to_publish(graph)
    graph.on("POST", f"/{IG}/media_publish", Reply(misbehave="reset"))
    adapter = adapter_for(graph, memory)
    with pytest.raises(OutcomeUnknown):
        adapter.publish(Content("Fiestas"), [jpeg()], "k1")
    # It did not go out: the container is still FINISHED. The retry publishes the same one.
    graph.on(
        "POST",
        f"/{IG}/media_publish",
        Reply.json(recorded("instagram/apidata/publish/publish_container.json")),
    )
    claim = datetime.now(UTC) - timedelta(minutes=1)
    assert adapter.find("k1", Content("Fiestas"), claim) is None
    published = adapter_for(graph, memory).publish(Content("Fiestas"), [jpeg()], "k1")
    assert published.remote_id == MEDIA
    assert len(graph.calls("POST", f"/{IG}/media")) == 1
    assert len(graph.calls("POST", f"/{PAGE}/photos")) == 1
    assert [s.form_dict() for s in graph.calls("POST", f"/{IG}/media_publish")] == [
        {"creation_id": CONTAINER},
        {"creation_id": CONTAINER},
    ]


def test_a_published_container_is_found_by_caption_not_published_again(
    graph: GraphFake, memory: ContainersRepository
) -> None:
    memory.put(3, "k1", CONTAINER)
    graph.on("GET", f"/{CONTAINER}", container_status("PUBLISHED"))
    adapter = adapter_for(graph, memory)
    with pytest.raises(OutcomeUnknown):  # the outbox then asks recovery, which calls find
        adapter.publish(Content("Fiestas"), [jpeg()], "k1")
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S+0000")
    media: dict[str, Any] = recorded("instagram/apidata/users/medias_p1.json")
    media["data"] = [
        {"id": "111", "caption": "Fiestas", "timestamp": stamp, "permalink": "https://i/1"},
        {"id": MEDIA, "caption": "Fiestas", "timestamp": stamp, "permalink": "https://i/2"},
    ]
    del media["paging"]["next"]
    graph.node("111", "IGMedia")
    graph.on("GET", f"/{IG}/media", Reply.json(media))
    found = adapter.find("k1", Content("Fiestas"), now - timedelta(minutes=5), frozenset({"111"}))
    assert found is not None and found.remote_id == MEDIA
    assert graph.calls("POST", f"/{IG}/media_publish") == []
    assert graph.calls("POST", f"/{IG}/media") == []


def test_an_expired_container_is_replaced(graph: GraphFake, memory: ContainersRepository) -> None:
    memory.put(3, "k1", "17000000000000009")
    graph.node("17000000000000009", "IGContainer")
    graph.on("GET", "/17000000000000009", container_status("EXPIRED"))
    ready_to_publish(graph)
    adapter_for(graph, memory).publish(Content("Fiestas"), [jpeg()], "k1")
    assert memory.get(3, "k1") == CONTAINER
    assert len(graph.calls("POST", f"/{IG}/media_publish")) == 1


# --- inbox, answers, moderation ------------------------------------------------------------


def test_inbox_has_comments_and_replies_with_their_post(graph: GraphFake) -> None:
    graph.on("GET", f"/{IG}", Reply.json({"id": IG, "username": "aytovaldelomar"}))
    media: dict[str, Any] = recorded("instagram/apidata/users/medias_p1.json")
    media["data"][0] |= {"id": MEDIA, "comments_count": 3}
    media["data"][1] |= {"comments_count": 0}
    del media["paging"]["next"]
    graph.on("GET", f"/{IG}/media", Reply.json(media))
    comments: dict[str, Any] = recorded("instagram/apidata/medias/comments_p1.json")
    comments["data"][0] |= {"username": "vecina_una"}
    comments["data"][1] |= {"username": "aytovaldelomar"}  # our own
    replies = recorded("instagram/apidata/comments/replies.json")
    replies["data"][0] |= {"username": "vecino_dos"}
    comments["data"][0]["replies"] = replies
    del comments["paging"]["next"]
    graph.node(MEDIA, "IGMedia")
    graph.on("GET", f"/{MEDIA}/comments", Reply.json(comments))
    cursor = json.dumps({"t": int(datetime(2020, 1, 1, tzinfo=UTC).timestamp())})
    batch = adapter_for(graph).fetch_inbox(cursor)
    by_id = {item.remote_id: item for item in batch.items}
    assert set(by_id) == {COMMENT, "17847314687296283"}
    assert by_id[COMMENT].kind is ItemKind.COMMENT and by_id[COMMENT].root_remote_id == MEDIA
    reply = by_id["17847314687296283"]
    assert reply.kind is ItemKind.REPLY and reply.parent_remote_id == COMMENT
    assert reply.author_handle == "@vecino_dos"


def test_reply_hide_and_delete(graph: GraphFake) -> None:
    graph.on("POST", f"/{COMMENT}/replies", Reply.json({"id": "17800000000000077"}))
    graph.on("POST", f"/{COMMENT}", Reply.json({"success": True}))
    graph.on("GET", f"/{COMMENT}", Reply.json({"id": COMMENT}))  # a top-level comment
    graph.on(
        "DELETE",
        f"/{COMMENT}",
        Reply.json({"success": True}),
        Reply.json(graph_error(100, "Object does not exist", 33), 400),
    )
    adapter = adapter_for(graph)
    assert adapter.reply(ReplyTo(COMMENT), "¡Gracias!", "k").remote_id == "17800000000000077"
    adapter.hide(ReplyTo(COMMENT))
    assert graph.calls("POST", f"/{COMMENT}")[0].form_dict() == {"hide": "true"}
    adapter.delete(ReplyTo(COMMENT))
    adapter.delete(ReplyTo(COMMENT))  # already gone: fine


def test_an_answer_to_a_reply_goes_to_its_comment(graph: GraphFake) -> None:
    reply_id = "17847314687296283"  # replies.json
    graph.node(reply_id, "IGComment")
    graph.on("GET", f"/{reply_id}", Reply.json({"id": reply_id, "parent_id": COMMENT}))
    graph.on("POST", f"/{COMMENT}/replies", Reply.json({"id": "17800000000000078"}))
    answer = adapter_for(graph).reply(ReplyTo(reply_id), "@vecino_dos gracias", "k")
    assert answer.remote_id == "17800000000000078"
    assert graph.calls("POST", f"/{reply_id}/replies") == []
