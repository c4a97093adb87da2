"""Telegram Bot API: a bot, admin of the town hall's channel, posts for it.

- The bot token is part of every URL path (`/bot<token>/method`): the Bot API
  has no header for it. It is registered with the `Redactor` before the first
  request, so urllib3's DEBUG lines, our log lines and error details print
  `«oculto»` instead; no `requests` object escapes this module.
- Text is sent without `parse_mode` (a `*` or `_` typed by the clerk stays a
  `*` or `_`). Links and hashtags get explicit `entities`, whose offsets and
  lengths are in UTF-16 code units (an emoji outside the BMP counts 2).
- Comments live in the channel's linked discussion group. Every channel post
  is copied there automatically (`is_automatic_forward`); a comment is a group
  message replying to that copy (or in its thread). `getUpdates` is the only
  way to see them — there is no history endpoint — and the cursor is the next
  `offset` plus a small map from discussion threads to our channel posts.
- `find` cannot tell: the Bot API has no way to list a channel's messages, so
  it raises `OutcomeUnknown`; the outbox then marks the target unconfirmed for
  the clerk to check in the channel instead of posting twice.
- Counts (Resultados): the Bot API has no call that returns a post's counts.
  What a bot can have: `message_reaction_count` updates (the channel's
  anonymous reactions, grouped, up to a few minutes late; only to an admin bot
  that asks for them in `allowed_updates`) and the comments it sees in the
  discussion group. The inbox's `getUpdates` asks for both and keeps, in its
  cursor, each post's latest reaction total and its comment count; `metrics()`
  reads them from the stored cursor (`Extras.inbox_cursor`). Never given to
  bots: views, forwards (shares), reactions of posts sent before the bot
  listened, or whether a post was deleted. Updates wait on Telegram's side
  for 24 hours only: a program closed for longer misses what happened then.
- `migrate_to_chat_id`: a group upgraded to a supergroup has a new id. The
  request is repeated once with the new id (nothing was sent the first time)
  and `on_chat_migrated(old, new)` is called so the account can be updated.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import ItemKind
from smalltown_social.core.networks import rules_for
from smalltown_social.networks.base import (
    NOT_SUPPORTED,
    Capabilities,
    Content,
    Extras,
    Identity,
    InboxBatch,
    Media,
    Metrics,
    NeedsReconnect,
    OutcomeUnknown,
    PermanentError,
    Published,
    RemoteItem,
    ReplyTo,
)
from smalltown_social.networks.http import ErrorInfo, HttpClient, HttpResponse, parse_reset
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str
from smalltown_social.redaction import Redactor

log = logging.getLogger(__name__)

DEFAULT_SERVER = "https://api.telegram.org"
MAX_CAPTION = rules_for(Network.TELEGRAM).caption_max_length or 0
UPDATES_LIMIT = 100
MAX_THREADS_REMEMBERED = 300
MAX_COUNTS_REMEMBERED = 1000  # posts whose reactions and comments the cursor keeps
ALLOWED_UPDATES = ["message", "message_reaction_count"]

TEXT_CANNOT_FIND = Text(
    "Telegram no permite comprobar desde la aplicación si el mensaje llegó al canal. "
    "Mire el canal: si el mensaje está, márquelo como publicado; si no, vuelva a enviarlo.",
    "Telegram does not let the application check whether the message reached the channel. "
    "Look at the channel: if the message is there, mark it as published; if not, send it again.",
)
TEXT_NOT_ADMIN = Text(
    "El bot no puede publicar en el canal {channel}. En Telegram, abra el canal → "
    "Administradores → Añadir administrador, elija el bot y marque «Publicar mensajes».",
    "The bot cannot post in the channel {channel}. In Telegram, open the channel → "
    "Administrators → Add administrator, choose the bot and tick “Post messages”.",
)
TEXT_NO_CHANNEL = Text(
    "Falta el canal de Telegram de esta cuenta (por ejemplo, @ayuntamiento_valdelomar).",
    "This account's Telegram channel is missing (for example, @ayuntamiento_valdelomar).",
)
TEXT_TOO_OLD = Text(
    "Telegram solo deja borrar mensajes de menos de 48 horas. Bórrelo a mano en la aplicación "
    "de Telegram.",
    "Telegram only lets bots delete messages less than 48 hours old. Delete it by hand in the "
    "Telegram app.",
)
TEXT_CAPTION_TOO_LONG = Text(
    "Con imagen, Telegram admite como mucho {limit} caracteres de texto ({length} ahora).",
    "With an image, Telegram allows at most {limit} characters of text ({length} now).",
)

_RECONNECT_WORDS = (
    "not enough rights",
    "administrator rights",
    "bot is not a member",
    "bot was kicked",
    "have no rights",
)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'»”]")
_HASHTAG = re.compile(r"(?<![\w#])#\w+")


def build_entities(text: str) -> list[dict[str, Any]]:
    """`url` and `hashtag` entities with UTF-16 offsets and lengths."""
    entities: list[dict[str, Any]] = []
    for pattern, kind in ((_URL, "url"), (_HASHTAG, "hashtag")):
        for match in pattern.finditer(text):
            start = utf16_length(text[: match.start()])
            entities.append({"type": kind, "offset": start, "length": utf16_length(match[0])})
    entities.sort(key=lambda entity: int(entity["offset"]))
    # A hashtag inside a URL (…/page#part) belongs to the URL.
    kept: list[dict[str, Any]] = []
    for entity in entities:
        if kept and entity["offset"] < kept[-1]["offset"] + kept[-1]["length"]:
            continue
        kept.append(entity)
    return kept


def _describe(response: HttpResponse) -> ErrorInfo:
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ErrorInfo()
    if not isinstance(body, dict):
        return ErrorInfo()
    reason = str(body.get("description", ""))
    parameters = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
    assert isinstance(parameters, dict)
    retry_at = None
    retry_after = parameters.get("retry_after")
    if isinstance(retry_after, int):
        retry_at = parse_reset(str(int(datetime.now(UTC).timestamp()) + retry_after))
    reconnect = any(words in reason.lower() for words in _RECONNECT_WORDS)
    return ErrorInfo(reason=reason, retry_at=retry_at, reconnect=reconnect)


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> TelegramAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    heard = extras.inbox_cursor
    return TelegramAdapter(
        account,
        secret,
        redactor,
        on_chat_migrated=extras.on_chat_migrated,
        heard=(lambda: heard(account.id)) if heard is not None else None,
    )


class TelegramAdapter:
    def __init__(
        self,
        account: Account,
        token: str,
        redactor: Redactor,
        *,
        on_chat_migrated: Callable[[str, str], None] | None = None,
        heard: Callable[[], str | None] | None = None,
    ) -> None:
        """`heard` returns the inbox cursor last stored for this account (the counts)."""
        self.account = account
        self._heard = heard
        self._token = token.strip()
        redactor.add(token)
        self._http = HttpClient(
            base_url=account.server_url or DEFAULT_SERVER,
            redactor=redactor,
            server_name="Telegram",
            secrets=(token, self._token),
            describe=_describe,
        )
        self._redactor = redactor
        self.chat_id = (account.channel or "").strip()
        self._on_chat_migrated = on_chat_migrated
        self._channel_username: str | None = None

    def __repr__(self) -> str:
        return f"<TelegramAdapter {self.account.name!r} chat={self.chat_id!r}>"

    # --- the Bot API call --------------------------------------------------

    def _call(
        self,
        method: str,
        *,
        write: bool,
        params: dict[str, Any] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Any:
        form = {key: _form_value(value) for key, value in (params or {}).items()}
        for _attempt in range(2):
            response = self._http.send(
                "POST", f"/bot{self._token}/{method}", write=write, data=form, files=files
            )
            migrated = _migrated_to(response)
            if migrated and form.get("chat_id") is not None:
                self._migrate(str(form["chat_id"]), migrated)
                form["chat_id"] = migrated
                continue
            error = self._http.error_for(response)
            if error is not None:
                raise error
            body = response.json_object()
            if body.get("ok") is not True or "result" not in body:
                raise response.garbled(f"{method}: reply without ok/result")
            return body["result"]
        raise PermanentError(NOT_SUPPORTED, "chat migrated twice")

    def _migrate(self, old: str, new: str) -> None:
        log.warning("Telegram chat %s moved to %s", old, new)
        if old == self.chat_id:
            self.chat_id = new
        if self._on_chat_migrated is not None:
            self._on_chat_migrated(old, new)

    # --- limits and identity -------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.TELEGRAM,
            max_image_side=2560,  # Telegram shrinks bigger photos anyway
            replies=True,
            hide_comments=False,
            delete_comments=True,  # as admin of the discussion group
            direct_messages=True,  # only from people who started the bot themselves
            # Reactions and comments heard by the inbox (see the module's docstring);
            # never views nor forwards.
            metrics=self._heard is not None,
        )

    def verify(self) -> Identity:
        me = as_dict(self._call("getMe", write=False))
        permissions: list[str] = []
        if not self.chat_id:
            raise PermanentError(TEXT_NO_CHANNEL, "no channel")
        chat = as_dict(self._call("getChat", write=False, params={"chat_id": self.chat_id}))
        self._channel_username = as_str(chat.get("username")) or None
        member = as_dict(
            self._call(
                "getChatMember",
                write=False,
                params={"chat_id": self.chat_id, "user_id": me.get("id")},
            )
        )
        status = member.get("status")
        if status == "creator" or (status == "administrator" and member.get("can_post_messages")):
            permissions.append("post_messages")
        else:
            raise NeedsReconnect(
                TEXT_NOT_ADMIN.format(channel=self.chat_id), f"bot status {status!r}"
            )
        if member.get("can_delete_messages"):
            permissions.append("delete_messages")
        if chat.get("linked_chat_id"):
            permissions.append("discussion_group")
        return Identity(
            name=str(chat.get("title") or me.get("first_name") or ""),
            handle=f"@{me.get('username', '')}",
            permissions=tuple(permissions),
        )

    # --- publishing ----------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        # Telegram has no idempotency: the outbox calls find() (which cannot
        # tell) before any retry of an unknown outcome.
        if not self.chat_id:
            raise PermanentError(TEXT_NO_CHANNEL, "no channel")
        reply = _reply_parameters(content.reply_to)
        if not media:
            message = self._send_text(self.chat_id, content.text, reply)
            return self._published([message])
        if utf16_length(content.text) > MAX_CAPTION:
            length = utf16_length(content.text)
            text = TEXT_CAPTION_TOO_LONG.format(limit=MAX_CAPTION, length=length)
            raise PermanentError(text, "caption too long")
        if len(media) == 1:
            params: dict[str, Any] = {"chat_id": self.chat_id}
            if content.text:
                params["caption"] = content.text
                params["caption_entities"] = build_entities(content.text)
            if reply:
                params["reply_parameters"] = reply
            item = media[0]
            files = {"photo": ("photo" + _extension(item.mime_type), item.data, item.mime_type)}
            message = self._call("sendPhoto", write=True, params=params, files=files)
            return self._published([message])
        album: list[dict[str, Any]] = []
        files = {}
        for index, item in enumerate(media):
            name = f"p{index}"
            entry: dict[str, Any] = {"type": "photo", "media": f"attach://{name}"}
            if index == 0 and content.text:
                entry["caption"] = content.text
                entry["caption_entities"] = build_entities(content.text)
            album.append(entry)
            files[name] = (name + _extension(item.mime_type), item.data, item.mime_type)
        params = {"chat_id": self.chat_id, "media": album}
        if reply:
            params["reply_parameters"] = reply
        messages = self._call("sendMediaGroup", write=True, params=params, files=files)
        return self._published(as_list(messages))

    def _send_text(self, chat_id: str, text: str, reply: dict[str, Any] | None) -> Any:
        params: dict[str, Any] = {"chat_id": chat_id, "text": text}
        entities = build_entities(text)
        if entities:
            params["entities"] = entities
        if reply:
            params["reply_parameters"] = reply
        return self._call("sendMessage", write=True, params=params)

    def _published(self, messages: list[Any]) -> Published:
        first = as_dict(messages[0]) if messages else {}
        if "message_id" not in first:
            raise OutcomeUnknown(TEXT_CANNOT_FIND, "reply without message_id")
        chat = as_dict(first.get("chat"))
        chat_id = str(chat.get("id") or self.chat_id)
        ids = ",".join(str(as_dict(m).get("message_id")) for m in messages)
        username = as_str(chat.get("username")) or self._channel_username
        url = _message_url(chat_id, username, int(first["message_id"]))
        date = first.get("date")
        created = datetime.fromtimestamp(date, UTC) if isinstance(date, int) else None
        return Published(remote_id=f"{chat_id}:{ids}", url=url, created_utc=created)

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        raise OutcomeUnknown(TEXT_CANNOT_FIND, "the Bot API cannot list a channel's messages")

    # --- inbox ---------------------------------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        state = _cursor(cursor)
        params: dict[str, Any] = {
            "limit": UPDATES_LIMIT,
            "timeout": 0,
            "allowed_updates": ALLOWED_UPDATES,
        }
        if state["offset"]:
            params["offset"] = state["offset"]
        updates = as_list(self._call("getUpdates", write=False, params=params))
        threads: dict[str, str] = state["threads"]
        items: list[RemoteItem] = []
        offset = int(state["offset"] or 0)
        for entry in updates:
            update = as_dict(entry)
            update_id = update.get("update_id")
            if isinstance(update_id, int):
                offset = max(offset, update_id + 1)
            reaction = as_dict(update.get("message_reaction_count"))
            if reaction:
                self._reactions(reaction, state["reactions"])
            message = as_dict(update.get("message"))
            if not message:
                continue
            item = self._comment(message, threads)
            if item is not None:
                items.append(item)
                if item.kind == ItemKind.COMMENT and item.root_remote_id:
                    comments: dict[str, int] = state["comments"]
                    comments[item.root_remote_id] = comments.pop(item.root_remote_id, 0) + 1
        while len(threads) > MAX_THREADS_REMEMBERED:
            threads.pop(next(iter(threads)))
        for counts in (state["reactions"], state["comments"]):
            while len(counts) > MAX_COUNTS_REMEMBERED:
                counts.pop(next(iter(counts)))
        new_cursor = json.dumps(
            {
                "offset": offset,
                "threads": threads,
                "reactions": state["reactions"],
                "comments": state["comments"],
            }
        )
        return InboxBatch(tuple(items), new_cursor, more=len(updates) >= UPDATES_LIMIT)

    def _reactions(self, update: dict[str, Any], reactions: dict[str, int]) -> None:
        """Keep the latest total of a `message_reaction_count` on one of our channel's posts.

        Each update lists every reaction now on the message with its count: the
        total replaces the last one (the newest last, so the oldest go first).
        """
        chat = as_dict(update.get("chat"))
        message_id = update.get("message_id")
        if not isinstance(message_id, int) or not self._is_our_channel(chat):
            return
        total = sum(
            max(0, as_int(as_dict(entry).get("total_count")))
            for entry in as_list(update.get("reactions"))
        )
        key = f"{chat.get('id')}:{message_id}"
        reactions.pop(key, None)
        reactions[key] = total

    def _is_our_channel(self, chat: dict[str, Any]) -> bool:
        ours = self.chat_id
        chat_id = str(chat.get("id", ""))
        username = as_str(chat.get("username"))
        return bool(chat_id) and (
            not ours or ours in (chat_id, f"@{username}") or ours.lstrip("@") == username
        )

    def _comment(  # noqa: PLR0911 - one early return per kind of message skipped
        self, message: dict[str, Any], threads: dict[str, str]
    ) -> RemoteItem | None:
        chat = as_dict(message.get("chat"))
        chat_id = str(chat.get("id", ""))
        message_id = message.get("message_id")
        if not chat_id or not isinstance(message_id, int):
            return None
        if isinstance(message.get("migrate_to_chat_id"), int):
            self._migrate(chat_id, str(message["migrate_to_chat_id"]))
            return None
        if message.get("is_automatic_forward"):
            post = self._our_post(message)
            if post is not None:
                threads[f"{chat_id}:{message_id}"] = post
            return None
        sender = as_dict(message.get("from"))
        if sender.get("is_bot"):
            return None
        text = as_str(message.get("text")) or as_str(message.get("caption"))
        date = message.get("date")
        created = datetime.fromtimestamp(date, UTC) if isinstance(date, int) else datetime.now(UTC)
        names = (as_str(sender.get("first_name")), as_str(sender.get("last_name")))
        name = " ".join(part for part in names if part)
        handle = f"@{sender['username']}" if sender.get("username") else ""
        remote_id = f"{chat_id}:{message_id}"
        if chat.get("type") == "private":
            return RemoteItem(remote_id, ItemKind.MESSAGE, text, created, name, handle)
        replied = as_dict(message.get("reply_to_message"))
        root: str | None = None
        parent: str | None = None
        if replied.get("is_automatic_forward"):
            root = self._our_post(replied)
            parent = root
            if root is not None:
                threads[f"{chat_id}:{replied.get('message_id')}"] = root
        else:
            thread = message.get("message_thread_id")
            root = threads.get(f"{chat_id}:{thread}") if thread is not None else None
            if replied.get("message_id") is not None:
                parent = f"{chat_id}:{replied['message_id']}"
        if root is None:
            return None  # group chatter that is not a comment on one of our posts
        return RemoteItem(
            remote_id=remote_id,
            kind=ItemKind.COMMENT,
            text=text,
            created_utc=created,
            author_name=name,
            author_handle=handle,
            url=None,
            parent_remote_id=parent,
            root_remote_id=root,
        )

    def _our_post(self, forward: dict[str, Any]) -> str | None:
        """Our channel post id ("chat:message") behind an automatic forward, or None."""
        origin = as_dict(forward.get("forward_origin"))
        if origin.get("type") != "channel":
            return None
        chat = as_dict(origin.get("chat"))
        if not self._is_our_channel(chat):
            return None
        return f"{chat.get('id')}:{origin.get('message_id')}"

    # --- answering -----------------------------------------------------------

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        chat_id, message_ids = _split(to.remote_id)
        message = self._send_text(chat_id, text, {"message_id": message_ids[0]})
        return self._published([message])

    def cancel_scheduled(self, remote_id: str) -> None:
        raise PermanentError(NOT_SUPPORTED, "the Bot API cannot schedule")

    def hide(self, item: ReplyTo) -> None:
        raise PermanentError(NOT_SUPPORTED, "the Bot API cannot hide a message")

    def delete(self, item: ReplyTo) -> None:
        chat_id, message_ids = _split(item.remote_id)
        try:
            if len(message_ids) == 1:
                self._call(
                    "deleteMessage",
                    write=True,
                    params={"chat_id": chat_id, "message_id": message_ids[0]},
                )
            else:
                params = {"chat_id": chat_id, "message_ids": message_ids}
                self._call("deleteMessages", write=True, params=params)
        except PermanentError as error:
            refused = error
        else:
            return
        if "can't be deleted" in refused.reason.lower():
            raise PermanentError(TEXT_TOO_OLD, refused.reason)
        if "not found" in refused.reason.lower():
            return  # already gone
        raise refused

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        """Reactions (as likes) and comments (as replies) the inbox heard for each post.

        Every post is returned: the Bot API cannot tell a deleted post, and a post
        nobody reacted to gets no update (0 is what it has). No network call.
        """
        state = _cursor(self._heard() if self._heard is not None else None)
        reactions: dict[str, int] = state["reactions"]
        comments: dict[str, int] = state["comments"]
        found: dict[str, Metrics] = {}
        for remote_id in remote_ids:
            try:
                chat_id, message_ids = _split(remote_id)
            except PermanentError:
                continue  # not one of ours: absent
            keys = [f"{chat_id}:{message_id}" for message_id in message_ids]
            found[remote_id] = Metrics(
                likes=sum(reactions.get(key, 0) for key in keys),
                replies=sum(comments.get(key, 0) for key in keys),
            )
        return found

    def close(self) -> None:
        self._http.close()


# --- helpers -----------------------------------------------------------------------


def _form_value(value: Any) -> Any:
    """Bot API form fields: objects and lists as JSON, booleans lowercase."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _migrated_to(response: HttpResponse) -> str | None:
    if response.status < 400:
        return None
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    parameters = as_dict(as_dict(body).get("parameters"))
    new_id = parameters.get("migrate_to_chat_id")
    return str(new_id) if isinstance(new_id, int) else None


def _reply_parameters(reply_to: ReplyTo | None) -> dict[str, Any] | None:
    if reply_to is None:
        return None
    _chat, message_ids = _split(reply_to.remote_id)
    return {"message_id": message_ids[0], "allow_sending_without_reply": True}


def _split(remote_id: str) -> tuple[str, list[int]]:
    chat_id, _, ids = remote_id.rpartition(":")
    try:
        message_ids = [int(part) for part in ids.split(",") if part]
    except ValueError:
        message_ids = []
    if not chat_id or not message_ids:
        raise PermanentError(NOT_SUPPORTED, f"not a Telegram message id: {remote_id!r}")
    return chat_id, message_ids


def _message_url(chat_id: str, username: str | None, message_id: int) -> str | None:
    if username:
        return f"https://t.me/{username}/{message_id}"
    if chat_id.startswith("-100"):
        return f"https://t.me/c/{chat_id[4:]}/{message_id}"
    return None


def _cursor(cursor: str | None) -> dict[str, Any]:
    state: dict[str, Any] = {"offset": 0, "threads": {}, "reactions": {}, "comments": {}}
    if not cursor:
        return state
    try:
        value = json.loads(cursor)
    except ValueError:
        return state
    if isinstance(value, int):
        state["offset"] = value
    elif isinstance(value, dict):
        if isinstance(value.get("offset"), int):
            state["offset"] = value["offset"]
        if isinstance(value.get("threads"), dict):
            state["threads"] = {str(k): str(v) for k, v in value["threads"].items()}
        for name in ("reactions", "comments"):
            counts = value.get(name)
            if isinstance(counts, dict):
                state[name] = {str(k): v for k, v in counts.items() if isinstance(v, int)}
    return state


def _extension(mime_type: str) -> str:
    return ".png" if mime_type == "image/png" else ".jpg"
