"""Telegram adapter against hand-written Bot API replies, each checked against the spec.

There is no recorded Telegram traffic; every object the fake server returns
is first checked field by field against `tests/fixtures/telegram/api-subset.json`
(from the Bot API spec): no unknown field, every required field present.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import (
    Content,
    Media,
    Metrics,
    NeedsReconnect,
    Offline,
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    ReplyTo,
)
from smalltown_social.networks.telegram import TelegramAdapter, build_entities, utf16_length
from smalltown_social.redaction import Redactor
from tests.networks.conftest import FIXTURES_DIR, TELEGRAM_CANARY, everything_about
from tests.networks.fake_server import FakeServer, Reply, free_port

TOKEN = TELEGRAM_CANARY
SPEC = json.loads((FIXTURES_DIR / "telegram" / "api-subset.json").read_text("utf-8"))
CHANNEL_ID = -1001234567890
GROUP_ID = -1009876543210
BOT = {"id": 7012345678, "is_bot": True, "first_name": "Bot Ayto", "username": "ayto_bot"}
VECINA = {"id": 5550001, "is_bot": False, "first_name": "Lucía", "last_name": "M."}
CHANNEL = {
    "id": CHANNEL_ID,
    "type": "channel",
    "title": "Ayto. Valdelomar",
    "username": "aytovaldelomar",
}
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "Comentarios Valdelomar"}

_NESTED = {
    "chat": "Chat",
    "from": "User",
    "forward_origin": "MessageOriginChannel",
    "reply_to_message": "Message",
    "message": "Message",
    "user": "User",
    "parameters": "ResponseParameters",
    "message_reaction_count": "MessageReactionCountUpdated",
}


def check(value: dict[str, Any], type_name: str) -> dict[str, Any]:
    """Fail unless `value` has only fields the spec knows and every required one."""
    fields = {f["name"]: f for f in SPEC["types"][type_name]["fields"]}
    unknown = set(value) - set(fields)
    assert not unknown, f"{type_name} has no fields {unknown}"
    missing = {name for name, f in fields.items() if f["required"] and name not in value}
    assert not missing, f"{type_name} misses required {missing}"
    for name, nested in value.items():
        kind = _NESTED.get(name)
        if isinstance(nested, dict) and kind and kind in SPEC["types"]:
            check(nested, kind)
        if name == "entities":
            for entity in nested:
                check(entity, "MessageEntity")
    return value


def ok(result: Any) -> Reply:
    return Reply.json({"ok": True, "result": result})


def fail(code: int, description: str, **parameters: int) -> Reply:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = check(parameters, "ResponseParameters")
    return Reply.json(body, code)


def message(message_id: int, chat: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return check({"message_id": message_id, "date": 1790000000, "chat": chat, **fields}, "Message")


def path(method: str) -> str:
    return f"/bot{TOKEN}/{method}"


def make(
    server: FakeServer, redactor: Redactor, channel: str = "@aytovaldelomar"
) -> TelegramAdapter:
    account = Account(3, Network.TELEGRAM, "Canal", server_url=server.url, channel=channel)
    return TelegramAdapter(account, TOKEN, redactor)


def sent_entities(form: dict[str, str], key: str = "entities") -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = json.loads(form[key])
    for entity in entities:
        check(entity, "MessageEntity")
    return entities


def by_utf16(text: str, entity: dict[str, Any]) -> str:
    """What Telegram would underline: the slice in UTF-16 code units."""
    units = text.encode("utf-16-le")
    start, length = entity["offset"] * 2, entity["length"] * 2
    return units[start : start + length].decode("utf-16-le")


# --- entities --------------------------------------------------------------------------


def test_entity_offsets_count_utf16_units_with_emoji() -> None:
    text = "🎉🎉 Fiestas de #SanJuan 👨‍👩‍👧: programa en https://valdelomar.es/fiestas. ¡Vengan!"
    entities = build_entities(text)
    assert [e["type"] for e in entities] == ["hashtag", "url"]
    assert by_utf16(text, entities[0]) == "#SanJuan"
    assert by_utf16(text, entities[1]) == "https://valdelomar.es/fiestas"
    # Python counts code points; Telegram counts UTF-16 units: they differ here.
    assert entities[0]["offset"] == 16 != text.index("#SanJuan")
    assert utf16_length("🎉") == 2


def test_hashtag_inside_a_url_is_part_of_the_url() -> None:
    entities = build_entities("ver https://valdelomar.es/p#horarios")
    assert [e["type"] for e in entities] == ["url"]


# --- publishing ------------------------------------------------------------------------


def test_text_post_with_entities(server: FakeServer, redactor: Redactor) -> None:
    text = "🔔 Corte de agua mañana #Valdelomar https://valdelomar.es/avisos"
    server.route("POST", path("sendMessage"), ok(message(42, CHANNEL, text=text)))
    published = make(server, redactor).publish(Content(text), [], "k")
    assert published.remote_id == f"{CHANNEL_ID}:42"
    assert published.url == "https://t.me/aytovaldelomar/42"
    form = server.requests_to("POST", path("sendMessage"))[0].form_dict()
    assert form["chat_id"] == "@aytovaldelomar" and form["text"] == text
    assert "parse_mode" not in form
    assert [by_utf16(text, e) for e in sent_entities(form)] == [
        "#Valdelomar",
        "https://valdelomar.es/avisos",
    ]


def test_photo_with_caption(server: FakeServer, redactor: Redactor) -> None:
    photo = {"file_id": "AgAC", "file_unique_id": "AQAD", "width": 800, "height": 600}
    check(photo, "PhotoSize")
    reply = message(43, CHANNEL, photo=[photo], caption="Plaza 🌳 #obras")
    server.route("POST", path("sendPhoto"), ok(reply))
    image = Media(b"\x89PNG fake", "image/png", "", 800, 600)
    make(server, redactor).publish(Content("Plaza 🌳 #obras"), [image], "k")
    body = server.requests_to("POST", path("sendPhoto"))[0].body
    assert b'name="photo"; filename="photo.png"' in body and b"\x89PNG fake" in body
    assert b'name="caption_entities"' in body
    assert b'"offset": 9' in body  # "Plaza 🌳 " is 9 UTF-16 units, 8 code points


def test_album(server: FakeServer, redactor: Redactor) -> None:
    replies = [message(50 + i, CHANNEL, media_group_id="g1") for i in range(3)]
    server.route("POST", path("sendMediaGroup"), ok(replies))
    images = [Media(bytes([i]) * 10, "image/jpeg", "", 1, 1) for i in range(3)]
    published = make(server, redactor).publish(Content("Tres fotos"), images, "k")
    assert published.remote_id == f"{CHANNEL_ID}:50,51,52"
    seen = server.requests_to("POST", path("sendMediaGroup"))[0]
    media_field = re.search(rb'name="media"\r\n\r\n(.*?)\r\n--', seen.body, re.S)
    assert media_field is not None
    album = json.loads(media_field.group(1))
    for entry in album:
        check(entry, "InputMediaPhoto")
    assert [e["media"] for e in album] == ["attach://p0", "attach://p1", "attach://p2"]
    assert album[0]["caption"] == "Tres fotos" and "caption" not in album[1]
    assert b'name="p2"; filename="p2.jpg"' in seen.body


def test_caption_over_1024_units_is_refused_before_sending(
    server: FakeServer, redactor: Redactor
) -> None:
    with pytest.raises(PermanentError):
        make(server, redactor).publish(
            Content("😀" * 513), [Media(b"x", "image/jpeg", "", 1, 1)], "k"
        )
    assert server.seen == []


def test_find_cannot_tell(server: FakeServer, redactor: Redactor) -> None:
    with pytest.raises(OutcomeUnknown) as caught:
        make(server, redactor).find("k", Content("x"), datetime.now(UTC))
    assert "Mire el canal" in caught.value.text.es


# --- errors ------------------------------------------------------------------------------


def test_retry_after_is_rate_limited(server: FakeServer, redactor: Redactor) -> None:
    server.route(
        "POST", path("sendMessage"), fail(429, "Too Many Requests: retry after 35", retry_after=35)
    )
    with pytest.raises(RateLimited) as caught:
        make(server, redactor).publish(Content("x"), [], "k")
    wait = caught.value.until - datetime.now(UTC)
    assert timedelta(seconds=30) < wait <= timedelta(seconds=36)


@pytest.mark.expected_logs(r"telegram: Telegram chat -?\d+ moved to")
def test_migrated_chat_is_retried_and_reported(server: FakeServer, redactor: Redactor) -> None:
    moved: list[tuple[str, str]] = []
    account = Account(3, Network.TELEGRAM, "G", server_url=server.url, channel="-4001")
    adapter = TelegramAdapter(
        account, TOKEN, redactor, on_chat_migrated=lambda a, b: moved.append((a, b))
    )
    server.route(
        "POST",
        path("sendMessage"),
        fail(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            migrate_to_chat_id=-1004001,
        ),
        ok(message(7, {"id": -1004001, "type": "supergroup", "title": "G"})),
    )
    published = adapter.publish(Content("hola"), [], "k")
    assert moved == [("-4001", "-1004001")]
    assert adapter.chat_id == "-1004001"
    assert published.remote_id == "-1004001:7"
    chats = [s.form_dict()["chat_id"] for s in server.requests_to("POST", path("sendMessage"))]
    assert chats == ["-4001", "-1004001"]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (fail(401, "Unauthorized"), NeedsReconnect),
        (fail(403, "Forbidden: bot is not a member of the channel chat"), NeedsReconnect),
        (fail(400, "Bad Request: need administrator rights in the channel chat"), NeedsReconnect),
        (fail(400, "Bad Request: message is too long"), PermanentError),
        (fail(502, "Bad Gateway"), Exception),
        (
            Reply(502, b"<html><body>502 Bad Gateway</body></html>", {"Content-Type": "text/html"}),
            Exception,
        ),
        (Reply(200, b"<html>captive portal</html>", {"Content-Type": "text/html"}), OutcomeUnknown),
        (Reply(200, b'{"ok": true}'), OutcomeUnknown),
        (Reply(200, b'{"ok": true, "result": {"message_id"'), OutcomeUnknown),
    ],
)
def test_error_mapping(
    server: FakeServer, redactor: Redactor, reply: Reply, error: type[Exception]
) -> None:
    server.route("POST", path("sendMessage"), reply)
    with pytest.raises(error) as caught:
        make(server, redactor).publish(Content("x"), [], "k")
    if error is Exception:
        assert type(caught.value).__name__ == "TemporaryError"
    if isinstance(caught.value, PermanentError):
        assert "message is too long" in caught.value.reason


def test_delete_older_than_48_hours(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", path("deleteMessage"), fail(400, "Bad Request: message can't be deleted"))
    with pytest.raises(PermanentError) as caught:
        make(server, redactor).delete(ReplyTo(f"{CHANNEL_ID}:42"))
    assert "48 horas" in caught.value.text.es


def test_delete_album(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", path("deleteMessages"), ok(True))
    make(server, redactor).delete(ReplyTo(f"{CHANNEL_ID}:50,51,52"))
    form = server.requests_to("POST", path("deleteMessages"))[0].form_dict()
    assert json.loads(form["message_ids"]) == [50, 51, 52]


# --- verify ------------------------------------------------------------------------------


def _verify_routes(server: FakeServer, member_status: str, can_post: bool) -> None:
    server.route("POST", path("getMe"), ok(check(BOT, "User")))
    chat = {**CHANNEL, "accent_color_id": 1, "max_reaction_count": 11, "linked_chat_id": GROUP_ID}
    chat["accepted_gift_types"] = {}
    server.route("POST", path("getChat"), ok(check(chat, "ChatFullInfo")))
    member: dict[str, Any] = {"status": member_status, "user": BOT}
    if member_status == "administrator":
        flags = [f["name"] for f in SPEC["types"]["ChatMemberAdministrator"]["fields"]]
        member |= {name: False for name in flags if name.startswith(("can_", "is_"))}
        member |= {"can_post_messages": can_post, "can_delete_messages": True}
        check(member, "ChatMemberAdministrator")
    else:
        check(member, "ChatMemberMember")
    server.route("POST", path("getChatMember"), ok(member))


def test_verify_admin_bot(server: FakeServer, redactor: Redactor) -> None:
    _verify_routes(server, "administrator", can_post=True)
    identity = make(server, redactor).verify()
    assert identity.handle == "@ayto_bot" and identity.name == "Ayto. Valdelomar"
    assert set(identity.permissions) == {"post_messages", "delete_messages", "discussion_group"}


def test_verify_bot_that_cannot_post(server: FakeServer, redactor: Redactor) -> None:
    _verify_routes(server, "member", can_post=False)
    with pytest.raises(NeedsReconnect) as caught:
        make(server, redactor).verify()
    assert "Publicar mensajes" in caught.value.text.es


# --- inbox ---------------------------------------------------------------------------------


def _updates() -> list[dict[str, Any]]:
    copy = message(
        900,
        GROUP,
        sender_chat=CHANNEL,
        is_automatic_forward=True,
        forward_origin=check(
            {"type": "channel", "date": 1790000000, "chat": CHANNEL, "message_id": 42},
            "MessageOriginChannel",
        ),
        text="🔔 Corte de agua mañana",
    )
    comment = message(
        901, GROUP, message_thread_id=900, reply_to_message=copy, text="¿A qué hora? 🙏"
    )
    comment["from"] = check(VECINA, "User")
    answer_to_comment = message(
        902, GROUP, message_thread_id=900, reply_to_message=comment, text="Yo también lo pregunto"
    )
    answer_to_comment["from"] = {
        "id": 5550002,
        "is_bot": False,
        "first_name": "Pedro",
        "username": "pedro_v",
    }
    chatter = message(903, GROUP, text="Buenos días a todos")
    chatter["from"] = VECINA
    private = message(
        904, {"id": 5550001, "type": "private", "first_name": "Lucía"}, text="Hola, una consulta"
    )
    private["from"] = VECINA
    own = message(905, GROUP, message_thread_id=900, text="Respuesta del ayuntamiento")
    own["from"] = BOT
    updates = [
        {"update_id": 1000 + i, "message": m}
        for i, m in enumerate([copy, comment, answer_to_comment, chatter, private, own])
    ]
    return [check(u, "Update") for u in updates]


def test_inbox_comments_from_the_discussion_group(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", path("getUpdates"), ok(_updates()), ok([]))
    adapter = make(server, redactor)
    batch = adapter.fetch_inbox(None)
    items = {item.remote_id: item for item in batch.items}
    assert set(items) == {f"{GROUP_ID}:901", f"{GROUP_ID}:902", "5550001:904"}
    comment = items[f"{GROUP_ID}:901"]
    assert comment.kind == ItemKind.COMMENT and comment.text == "¿A qué hora? 🙏"
    assert comment.root_remote_id == comment.parent_remote_id == f"{CHANNEL_ID}:42"
    assert comment.author_name == "Lucía M."
    nested = items[f"{GROUP_ID}:902"]
    assert nested.root_remote_id == f"{CHANNEL_ID}:42"
    assert nested.parent_remote_id == f"{GROUP_ID}:901"
    assert nested.author_handle == "@pedro_v"
    assert items["5550001:904"].kind == ItemKind.MESSAGE
    assert batch.cursor is not None and json.loads(batch.cursor)["offset"] == 1006
    first = server.requests_to("POST", path("getUpdates"))[0].form_dict()
    assert "offset" not in first
    # Reaction counts of channel posts come only to a bot that asks for them.
    assert json.loads(first["allowed_updates"]) == ["message", "message_reaction_count"]
    # The next fetch confirms what was received and remembers the thread.
    later = adapter.fetch_inbox(batch.cursor)
    assert later.items == () and json.loads(later.cursor or "")["threads"]
    assert server.requests_to("POST", path("getUpdates"))[1].form_dict()["offset"] == "1006"


def test_inbox_thread_known_from_an_earlier_batch(server: FakeServer, redactor: Redactor) -> None:
    updates = _updates()
    server.route("POST", path("getUpdates"), ok(updates[:1]), ok(updates[2:3]))
    adapter = make(server, redactor)
    first = adapter.fetch_inbox(None)
    second = adapter.fetch_inbox(first.cursor)
    assert [item.root_remote_id for item in second.items] == [f"{CHANNEL_ID}:42"]


def test_comments_on_another_channel_are_ignored(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", path("getUpdates"), ok(_updates()[:3]))
    batch = make(server, redactor, channel="@otro_canal").fetch_inbox(None)
    assert batch.items == ()


def test_reply_uses_reply_parameters(server: FakeServer, redactor: Redactor) -> None:
    server.route("POST", path("sendMessage"), ok(message(906, GROUP, text="A las 9.")))
    published = make(server, redactor).reply(ReplyTo(f"{GROUP_ID}:901"), "A las 9.", "k")
    assert published.remote_id == f"{GROUP_ID}:906"
    form = server.requests_to("POST", path("sendMessage"))[0].form_dict()
    assert form["chat_id"] == str(GROUP_ID)
    assert check(json.loads(form["reply_parameters"]), "ReplyParameters")["message_id"] == 901


# --- the token in the URL never shows --------------------------------------------------------


def test_the_token_never_shows(
    server: FakeServer, redactor: Redactor, log_text: io.StringIO
) -> None:
    server.route(
        "POST", path("sendMessage"), fail(401, f"Unauthorized {TOKEN}"), Reply(misbehave="reset")
    )
    server.route("POST", path("getUpdates"), Reply(200, b"<html>"))
    adapter = make(server, redactor)
    account = Account(
        3, Network.TELEGRAM, "C", server_url=f"http://127.0.0.1:{free_port()}", channel="@c"
    )
    offline = TelegramAdapter(account, TOKEN, redactor)
    errors: list[BaseException] = []
    for call in (
        lambda: adapter.publish(Content("x"), [], "k"),
        lambda: adapter.publish(Content("x"), [], "k"),
        lambda: adapter.fetch_inbox(None),
        lambda: offline.publish(Content("x"), [], "k"),
    ):
        with pytest.raises(Exception) as caught:
            call()
        errors.append(caught.value)
    assert [type(e).__name__ for e in errors] == [
        "NeedsReconnect",
        "OutcomeUnknown",
        "TemporaryError",
        "Offline",
    ]
    assert isinstance(errors[3], Offline)
    for error in errors:
        text = everything_about(error)
        assert TOKEN not in text and TOKEN.split(":")[1] not in text
    assert "/bot" in errors[3].detail  # the URL is in the detail, with the token hidden
    logged = log_text.getvalue()
    assert "sendMessage" in logged  # urllib3 logged the path at DEBUG
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
    assert TOKEN not in repr(adapter)


# --- counts (Resultados) ------------------------------------------------------------------

EMOJI = {"type": "emoji", "emoji": "👍"}
HEART = {"type": "emoji", "emoji": "❤"}


def reaction_count(update_id: int, message_id: int, *counts: tuple[dict[str, Any], int]) -> Any:
    """A `message_reaction_count` update as the spec describes it (every type checked)."""
    reactions = []
    for kind, total in counts:
        check(kind, {"emoji": "ReactionTypeEmoji", "paid": "ReactionTypePaid"}[kind["type"]])
        reactions.append(check({"type": kind, "total_count": total}, "ReactionCount"))
    body = {"chat": CHANNEL, "message_id": message_id, "date": 1790000600, "reactions": reactions}
    return check({"update_id": update_id, "message_reaction_count": body}, "Update")


def test_reactions_and_comments_heard_by_the_inbox_are_the_posts_counts(
    server: FakeServer, redactor: Redactor
) -> None:
    updates = [
        *_updates(),  # the copy of post 42 and two comments on it (901, 902)
        reaction_count(1010, 42, (EMOJI, 3)),
        reaction_count(1011, 42, (EMOJI, 4), (HEART, 2)),  # the newest total replaces the last
        reaction_count(1012, 43, (EMOJI, 1), ({"type": "paid"}, 2)),
        reaction_count(1013, 44, (EMOJI, 9)),  # another message of the channel, not ours here
    ]
    other = dict(CHANNEL, id=-1009999999999, username="otro")
    foreign = reaction_count(1014, 42, (EMOJI, 50))
    foreign["message_reaction_count"]["chat"] = other  # another channel: ignored
    server.route("POST", path("getUpdates"), ok([*updates, foreign]))
    stored: dict[str, str | None] = {"cursor": None}
    account = Account(
        3, Network.TELEGRAM, "Canal", server_url=server.url, channel="@aytovaldelomar"
    )
    adapter = TelegramAdapter(account, TOKEN, redactor, heard=lambda: stored["cursor"])
    assert adapter.capabilities().metrics
    assert adapter.metrics([f"{CHANNEL_ID}:42"]) == {f"{CHANNEL_ID}:42": Metrics()}  # none yet
    batch = adapter.fetch_inbox(None)
    stored["cursor"] = batch.cursor  # what the inbox sync stores
    found = adapter.metrics([f"{CHANNEL_ID}:42", f"{CHANNEL_ID}:43,45", f"{CHANNEL_ID}:46"])
    assert found[f"{CHANNEL_ID}:42"] == Metrics(likes=6, replies=2)
    assert found[f"{CHANNEL_ID}:43,45"] == Metrics(likes=3)  # an album: its messages add up
    assert found[f"{CHANNEL_ID}:46"] == Metrics()  # nobody reacted: 0, never "gone"
    assert found[f"{CHANNEL_ID}:42"].views is None  # the Bot API never gives views
    assert found[f"{CHANNEL_ID}:42"].reposts == 0 and found[f"{CHANNEL_ID}:42"].quotes == 0
    assert [seen.path for seen in server.seen] == [path("getUpdates")]  # metrics(): no call


def test_counts_survive_the_next_batch_and_stay_bounded(
    server: FakeServer, redactor: Redactor
) -> None:
    many = [reaction_count(2000 + i, 100 + i, (EMOJI, 1)) for i in range(60)]
    server.route("POST", path("getUpdates"), ok(many), ok([reaction_count(3000, 42, (EMOJI, 5))]))
    adapter = make(server, redactor)
    first = adapter.fetch_inbox(None)
    second = adapter.fetch_inbox(first.cursor)
    state = json.loads(second.cursor or "")
    assert state["reactions"][f"{CHANNEL_ID}:42"] == 5
    assert state["reactions"][f"{CHANNEL_ID}:100"] == 1  # kept from the first batch
    assert len(state["reactions"]) == 61


def test_without_the_stored_cursor_telegram_says_it_gives_no_counts(
    server: FakeServer, redactor: Redactor
) -> None:
    assert not make(server, redactor).capabilities().metrics
