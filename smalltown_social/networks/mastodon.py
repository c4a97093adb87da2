"""Mastodon: an access token on the account's own server.

- Limits come from `GET /api/v2/instance` (read once per adapter).
- `publish` sends `Idempotency-Key`: a retry with the same key within the hour
  the server remembers it returns the first post instead of a second one.
- Images go through `POST /api/v2/media` with the alt text; a 202 means the
  server is still processing and `GET /api/v1/media/:id` is polled until 200.
- `find` walks our own recent statuses (newest first) back to `since` and
  compares the text, because the key is forgotten after an hour. It returns
  None only after it has seen every status back to `since`.
- The inbox cursor is a small JSON object: the newest mention notification
  seen (`min_id` for the next call, read from the `Link` header) and the
  newest direct-message status seen in `/api/v1/conversations`.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from requests.utils import parse_header_links

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
    PermanentError,
    Published,
    RemoteItem,
    ReplyTo,
    TemporaryError,
    cannot_tell,
    scheduled_gone,
)
from smalltown_social.networks.http import HttpClient, HttpResponse
from smalltown_social.networks.shapes import as_dict, as_int, as_list, parse_time
from smalltown_social.redaction import Redactor

RULES = rules_for(Network.MASTODON)
MIN_SCHEDULE_AHEAD_S = Capabilities.of(Network.MASTODON).min_schedule_ahead_s
_SCHEDULE_MARGIN_S = 60  # the request takes time to arrive
PAGE_LIMIT = 40
MEDIA_POLL_S = 1.0
MEDIA_WAIT_S = 120.0
FIND_MAX_PAGES = 10

TEXT_NO_SERVER = Text(
    "Falta la dirección del servidor de Mastodon de esta cuenta (por ejemplo, "
    "https://mastodon.social).",
    "This account's Mastodon server address is missing (for example, https://mastodon.social).",
)
TEXT_MEDIA_SLOW = Text(
    "Mastodon sigue procesando la imagen después de {seconds} segundos. Se volverá a intentar.",
    "Mastodon is still processing the image after {seconds} seconds. It will be tried again.",
)


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> MastodonAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return MastodonAdapter(account, secret, redactor)


class MastodonAdapter:
    def __init__(
        self,
        account: Account,
        token: str,
        redactor: Redactor,
        *,
        sleep: Callable[[float], None] = time.sleep,
        read_timeout_s: float | None = None,
    ) -> None:
        self.account = account
        if not account.server_url:
            raise PermanentError(TEXT_NO_SERVER, "no server_url")
        server = urlsplit(account.server_url).netloc or account.server_url
        self._http = HttpClient(
            base_url=account.server_url,
            redactor=redactor,
            server_name=server,
            headers={"Authorization": f"Bearer {token.strip()}"},
            secrets=(token,),
        )
        if read_timeout_s is not None:
            self._http.read_timeout_s = read_timeout_s
        self._sleep = sleep
        self._capabilities: Capabilities | None = None
        self._own_id: str | None = None

    def __repr__(self) -> str:
        return f"<MastodonAdapter {self.account.name!r} {self._http!r}>"

    # --- limits and identity ----------------------------------------------

    def capabilities(self) -> Capabilities:
        if self._capabilities is None:
            body = self._http.request("GET", "/api/v2/instance", write=False).json_object()
            config = as_dict(body.get("configuration"))
            statuses = as_dict(config.get("statuses"))
            media = as_dict(config.get("media_attachments"))
            self._capabilities = Capabilities.of(
                Network.MASTODON,
                max_length=as_int(statuses.get("max_characters"), RULES.max_length),
                url_length=as_int(
                    statuses.get("characters_reserved_per_url"), RULES.url_length or 23
                ),
                max_images=as_int(statuses.get("max_media_attachments"), RULES.max_images),
                max_image_bytes=as_int(media.get("image_size_limit"), RULES.max_image_bytes),
                max_image_pixels=as_int(media.get("image_matrix_limit"), 33_177_600),
                alt_text_max=as_int(media.get("description_limit"), RULES.alt_text_max),
                idempotent_publish=True,  # Idempotency-Key, kept one hour by the server
                idempotency_memory_s=3600,
                replies=True,
                hide_comments=False,
                delete_comments=False,
                direct_messages=True,
                metrics=True,
            )
        return self._capabilities

    def verify(self) -> Identity:
        me = self._me()
        scopes: tuple[str, ...] = ()
        app = self._http.send("GET", "/api/v1/apps/verify_credentials", write=False)
        if app.status == 200:
            scopes = tuple(str(s) for s in as_list(app.json_object().get("scopes")))
        host = urlsplit(self._http.base_url).netloc
        return Identity(
            name=str(me.get("display_name") or me.get("username") or ""),
            handle=f"@{me.get('acct', '')}@{host}",
            avatar_url=_str_or_none(me.get("avatar")),
            permissions=scopes,
            expires_utc=None,  # Mastodon tokens do not expire; only the user revokes them
        )

    def _me(self) -> dict[str, Any]:
        me = self._http.request("GET", "/api/v1/accounts/verify_credentials", write=False)
        body = me.json_object()
        self._own_id = str(body.get("id", ""))
        return body

    def _own(self) -> str:
        if not self._own_id:
            self._me()
        return self._own_id or ""

    # --- publishing ---------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        media_ids = [self._upload(item) for item in media]
        form: list[tuple[str, Any]] = [("status", content.text), ("language", content.language)]
        form += [("media_ids[]", media_id) for media_id in media_ids]
        visibility = "public"
        if content.reply_to is not None:
            form.append(("in_reply_to_id", content.reply_to.remote_id))
            if content.reply_to.private:
                visibility = "direct"
        form.append(("visibility", visibility))
        scheduled = content.scheduled_utc
        ahead = MIN_SCHEDULE_AHEAD_S + _SCHEDULE_MARGIN_S
        if scheduled is not None and scheduled - datetime.now(UTC) >= timedelta(seconds=ahead):
            form.append(("scheduled_at", scheduled.astimezone(UTC).isoformat()))
        return self._post_status(form, idempotency_key)

    def _post_status(self, form: list[tuple[str, Any]], idempotency_key: str) -> Published:
        response = self._http.request(
            "POST",
            "/api/v1/statuses",
            write=True,
            data=form,
            headers={"Idempotency-Key": idempotency_key},
        )
        body = response.json_object()
        if "params" in body and "scheduled_at" in body:  # a ScheduledStatus
            return Published(
                remote_id=str(body["id"]),
                url=None,
                created_utc=parse_time(body.get("scheduled_at")),
                scheduled_on_server=True,
            )
        if "id" not in body:
            raise response.garbled("status reply without id")
        return _published(body)

    def _upload(self, media: Media) -> str:
        # Not a "write" for the outbox: a lost upload publishes nothing, so a
        # retry is safe (the server drops unattached media on its own).
        extension = {"image/png": "png", "image/gif": "gif", "image/webp": "webp"}
        name = f"image.{extension.get(media.mime_type, 'jpg')}"
        response = self._http.request(
            "POST",
            "/api/v2/media",
            write=False,
            data={"description": media.alt_text} if media.alt_text else None,
            files={"file": (name, media.data, media.mime_type)},
            read_timeout_s=max(self._http.read_timeout_s, 120.0),
        )
        body = response.json_object()
        media_id = str(body.get("id") or "")
        if not media_id:
            raise response.garbled("media reply without id")
        waited = 0.0
        status = response.status
        while status != 200 or not body.get("url"):
            if waited >= MEDIA_WAIT_S:
                raise TemporaryError(
                    TEXT_MEDIA_SLOW.format(seconds=int(waited)), f"media {media_id} not ready"
                )
            self._sleep(MEDIA_POLL_S)
            waited += MEDIA_POLL_S
            poll = self._http.request("GET", f"/api/v1/media/{media_id}", write=False)
            status = poll.status
            body = poll.json_object() if poll.body else {}
            if status == 200 and not body.get("url"):
                status = 206
        return media_id

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        wanted = _normalize(content.text)
        if content.scheduled_utc is not None:
            for item in self._http.request(
                "GET", "/api/v1/scheduled_statuses", write=False, params={"limit": PAGE_LIMIT}
            ).json_list():
                planned = as_dict(as_dict(item).get("params"))
                if str(as_dict(item).get("id")) in exclude:
                    continue
                if _normalize(str(planned.get("text", ""))) == wanted:
                    return Published(
                        str(item["id"]),
                        None,
                        parse_time(item.get("scheduled_at")),
                        scheduled_on_server=True,
                    )
        own = self._own()
        params: dict[str, Any] = {"limit": PAGE_LIMIT}
        for _page in range(FIND_MAX_PAGES):
            statuses = self._http.request(
                "GET", f"/api/v1/accounts/{own}/statuses", write=False, params=params
            ).json_list()
            if not statuses:
                return None  # nothing older: surely absent
            for entry in statuses:
                status = as_dict(entry)
                created = parse_time(status.get("created_at"))
                if str(status.get("id")) in exclude or created is None or created < since:
                    continue  # another target's post, or older than this key's first claim
                if _normalize(_plain(str(status.get("content", "")))) == wanted:
                    return _published(status)
            oldest = as_dict(statuses[-1])
            created = parse_time(oldest.get("created_at"))
            if created is not None and created < since:
                return None  # walked past `since` without a match
            params = {"limit": PAGE_LIMIT, "max_id": str(oldest.get("id"))}
        raise TemporaryError(cannot_tell(Network.MASTODON), "too many statuses since the attempt")

    # --- inbox --------------------------------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        state = _cursor(cursor)
        params: list[tuple[str, Any]] = [("types[]", "mention"), ("limit", PAGE_LIMIT)]
        if state.get("n"):
            params.append(("min_id", state["n"]))
        response = self._http.request("GET", "/api/v1/notifications", write=False, params=params)
        notifications = [as_dict(n) for n in response.json_list()]
        items: dict[str, RemoteItem] = {}
        newest_n = state.get("n", "")
        for notification in notifications:
            newest_n = _max_id(newest_n, str(notification.get("id", "")))
            status = as_dict(notification.get("status"))
            if notification.get("type") == "mention" and status.get("id"):
                item = self._item(status)
                items[item.remote_id] = item
        # Where the server says the next (newer) page starts.
        prev = _link_param(response, "prev", "min_id")
        if prev and notifications:
            newest_n = _max_id(newest_n, prev)
        more = len(notifications) >= PAGE_LIMIT
        newest_d = self._conversations(state.get("d", ""), items)
        new_state = {"n": newest_n, "d": newest_d}
        return InboxBatch(tuple(items.values()), json.dumps(new_state), more)

    def _conversations(self, seen: str, items: dict[str, RemoteItem]) -> str:
        response = self._http.request(
            "GET", "/api/v1/conversations", write=False, params={"limit": PAGE_LIMIT}
        )
        own = self._own_id
        newest = seen
        for conversation in response.json_list():
            status = as_dict(as_dict(conversation).get("last_status"))
            status_id = str(status.get("id", ""))
            if not status_id or (seen and _id_key(status_id) <= _id_key(seen)):
                continue
            newest = _max_id(newest, status_id)
            author = as_dict(status.get("account"))
            if own and str(author.get("id")) == own:
                continue  # our own last message
            if status_id not in items:
                items[status_id] = self._item(status)
        return newest

    def _item(self, status: dict[str, Any]) -> RemoteItem:
        author = as_dict(status.get("account"))
        parent = _str_or_none(status.get("in_reply_to_id"))
        if status.get("visibility") == "direct":
            kind = ItemKind.MESSAGE
        elif parent:
            kind = ItemKind.REPLY
        else:
            kind = ItemKind.MENTION
        root = self._root(str(status["id"])) if parent else None
        return RemoteItem(
            remote_id=str(status["id"]),
            kind=kind,
            text=_plain(str(status.get("content", ""))),
            created_utc=parse_time(status.get("created_at")) or datetime.now(UTC),
            author_name=str(author.get("display_name") or author.get("username") or ""),
            author_handle=f"@{author.get('acct', '')}",
            url=_str_or_none(status.get("url")),
            parent_remote_id=parent,
            root_remote_id=root,
        )

    def _root(self, status_id: str) -> str | None:
        """The top of the thread, from `GET /api/v1/statuses/:id/context`."""
        context = self._http.request(
            "GET", f"/api/v1/statuses/{status_id}/context", write=False
        ).json_object()
        ancestors = as_list(context.get("ancestors"))
        return str(as_dict(ancestors[0]).get("id")) if ancestors else None

    # --- answering ------------------------------------------------------------

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        handle = to.author_handle.strip()
        if handle and not handle.startswith("@"):
            handle = f"@{handle}"
        if handle and handle.lower() not in text.lower():
            text = f"{handle} {text}"  # without the mention a direct message reaches nobody
        form: list[tuple[str, Any]] = [
            ("status", text),
            ("in_reply_to_id", to.remote_id),
            ("visibility", "direct" if to.private else "public"),
        ]
        return self._post_status(form, idempotency_key)

    def cancel_scheduled(self, remote_id: str) -> None:
        path = f"/api/v1/scheduled_statuses/{remote_id}"
        response = self._http.send("DELETE", path, write=True)
        if response.status == 404:
            raise PermanentError(scheduled_gone(Network.MASTODON), "scheduled status not found")
        error = self._http.error_for(response)
        if error is not None:
            raise error

    def hide(self, item: ReplyTo) -> None:
        raise PermanentError(NOT_SUPPORTED, "Mastodon cannot hide another person's reply")

    def delete(self, item: ReplyTo) -> None:
        response = self._http.send("DELETE", f"/api/v1/statuses/{item.remote_id}", write=True)
        if response.status == 404:
            return  # already gone
        error = self._http.error_for(response)
        if error is not None:
            raise error

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        found: dict[str, Metrics] = {}
        for remote_id in remote_ids:
            response = self._http.send("GET", f"/api/v1/statuses/{remote_id}", write=False)
            if response.status == 404:
                continue
            error = self._http.error_for(response)
            if error is not None:
                raise error
            status = response.json_object()
            found[remote_id] = Metrics(
                likes=as_int(status.get("favourites_count"), 0),
                reposts=as_int(status.get("reblogs_count"), 0),
                replies=as_int(status.get("replies_count"), 0),
                quotes=as_int(status.get("quotes_count"), 0),
            )
        return found

    def close(self) -> None:
        self._http.close()


# --- helpers --------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)
_REMOTE_MENTION = re.compile(r"@([\w.]+)@[\w.-]+")


def _plain(content: str) -> str:
    """Mastodon's HTML `content` as plain text."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", content))).strip()


def _normalize(text: str) -> str:
    """Text compared the way Mastodon shows it: remote mentions short, spaces collapsed."""
    return " ".join(_REMOTE_MENTION.sub(r"@\1", text).split())


def _published(status: dict[str, Any]) -> Published:
    return Published(
        remote_id=str(status["id"]),
        url=_str_or_none(status.get("url")) or _str_or_none(status.get("uri")),
        created_utc=parse_time(status.get("created_at")),
    )


def _cursor(cursor: str | None) -> dict[str, str]:
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except ValueError:
        return {"n": cursor} if cursor.isdigit() else {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _link_param(response: HttpResponse, rel: str, name: str) -> str:
    header = response.headers.get("Link", "")
    if not header:
        return ""
    for link in parse_header_links(header):
        if link.get("rel") == rel:
            values = parse_qs(urlsplit(link.get("url", "")).query).get(name)
            if values:
                return values[0]
    return ""


def _id_key(value: str) -> tuple[int, str]:
    """Mastodon ids are numeric strings; compare them as numbers."""
    return (len(value), value) if value.isdigit() else (0, value)


def _max_id(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    return a if _id_key(a) >= _id_key(b) else b


def _str_or_none(value: object) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value) else None
