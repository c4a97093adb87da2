"""Bluesky (AT Protocol): an app password on the account's PDS.

- The session is kept in the keyring and refreshed (`bluesky_session.py`);
  an `ExpiredToken` reply refreshes it and the request is sent once more.
- `publish` writes an `app.bsky.feed.post` record whose record key is a TID
  derived from our idempotency key: a retry asks for the same key, the PDS
  refuses to create it twice, and the record already there is returned.
  `find` is a `getRecord` on that key.
- Links, mentions and hashtags become facets with UTF-8 byte offsets
  (`bluesky_facets.py`); images are uploaded as blobs with their alt text
  (required here) and aspect ratio, at most 2,000,000 bytes each.
- The inbox is `listNotifications` (reply, mention, quote); its cursor and
  the reading of every reply shape live in `bluesky_inbox.py`.
- Replies carry `root` and `parent`; hiding a reply adds it to the root
  post's threadgate `hiddenReplies`; `delete` removes our own records only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urlsplit

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.guidance.lengths import count_graphemes, count_utf8_bytes
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
    NetworkError,
    PermanentError,
    Published,
    RateLimited,
    RemoteItem,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.bluesky_facets import facets, tid_from_key
from smalltown_social.networks.bluesky_inbox import (
    at_uri_parts,
    cursor_state,
    post_item,
    read_notifications,
    web_url,
)
from smalltown_social.networks.bluesky_session import (
    Session,
    SessionKeeper,
    error_name,
    jwt_claims,
)
from smalltown_social.networks.http import (
    ErrorInfo,
    HttpClient,
    HttpResponse,
    default_describe,
    parse_reset,
)
from smalltown_social.networks.shapes import as_dict, as_int, as_list, parse_time
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore

log = logging.getLogger(__name__)

DEFAULT_SERVER = "https://bsky.social"
POST = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
RULES = rules_for(Network.BLUESKY)
MAX_GRAPHEMES = RULES.max_length
MAX_BYTES = RULES.max_bytes or 0
MAX_IMAGE_BYTES = RULES.max_image_bytes
MAX_IMAGES = RULES.max_images
INBOX_REASONS = ("reply", "mention", "quote")
PAGE_LIMIT = 50
GET_POSTS_MAX = 25

TEXT_TOO_LONG = Text(
    "El texto es demasiado largo para Bluesky: {graphemes} caracteres de {limit} "
    "y {size} bytes de {bytes_limit}. Acórtelo antes de publicar.",
    "The text is too long for Bluesky: {graphemes} characters of {limit} and {size} "
    "bytes of {bytes_limit}. Shorten it before publishing.",
)
TEXT_NO_ALT = Text(
    "Bluesky necesita una descripción (texto alternativo) para cada imagen. Escríbala "
    "para las personas que no pueden ver la imagen.",
    "Bluesky needs a description (alt text) for every image. Write it for the people "
    "who cannot see the image.",
)
TEXT_TOO_MANY_IMAGES = Text(
    "Bluesky admite como mucho {limit} imágenes por publicación.",
    "Bluesky allows at most {limit} images per post.",
)
TEXT_IMAGE_TOO_BIG = Text(
    "Una imagen sigue ocupando más de 2 MB y Bluesky no la acepta: {reason}",
    "An image is still over 2 MB and Bluesky does not accept it: {reason}",
)
TEXT_NOT_FOUND = Text(
    "La publicación a la que se responde ya no existe en Bluesky.",
    "The post being answered no longer exists on Bluesky.",
)
TEXT_NOT_OURS = Text(
    "Solo se pueden ocultar respuestas a publicaciones de esta cuenta.",
    "Only replies to this account's own posts can be hidden.",
)

_RECONNECT_ERRORS = frozenset(
    {"InvalidToken", "AuthenticationRequired", "AuthMissing", "AccountTakedown"}
)
_NOT_FOUND_ERRORS = frozenset({"RecordNotFound", "NotFound"})


def describe(response: HttpResponse) -> ErrorInfo:
    """`{"error": Name, "message": …}`; `RateLimit-Reset` is epoch seconds."""
    info = default_describe(response)
    name = error_name(response)
    # Epoch seconds, capped like every server-given wait (no year 5195, no overflow).
    retry_at = parse_reset(response.headers.get("RateLimit-Reset", ""))
    return ErrorInfo(reason=info.reason, retry_at=retry_at, reconnect=name in _RECONNECT_ERRORS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> BlueskyAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return BlueskyAdapter(account, secret, redactor, extras.secrets)


class BlueskyAdapter:
    def __init__(
        self,
        account: Account,
        app_password: str,
        redactor: Redactor,
        secrets: SecretStore | None = None,
        *,
        read_timeout_s: float | None = None,
        prepare: Callable[[Media, Capabilities], Media] | None = None,
    ) -> None:
        self.account = account
        base_url = account.server_url or DEFAULT_SERVER
        self._http = HttpClient(
            base_url=base_url,
            redactor=redactor,
            server_name=urlsplit(base_url).netloc or base_url,
            secrets=(app_password,),
            describe=describe,
        )
        if read_timeout_s is not None:
            self._http.read_timeout_s = read_timeout_s
        self.sessions = SessionKeeper(
            self._http,
            secrets,
            secret_key=account.session_key,
            identifier=account.handle,
            app_password=app_password,
            redactor=redactor,
        )
        self._prepare = prepare or _shrink
        self._resolved: dict[str, str | None] = {}

    def __repr__(self) -> str:
        return f"<BlueskyAdapter {self.account.name!r} {self._http!r}>"

    def close(self) -> None:
        self._http.close()

    # --- XRPC with the session --------------------------------------------

    def call(
        self,
        method: str,
        nsid: str,
        *,
        write: bool,
        params: dict[str, Any] | list[tuple[str, Any]] | None = None,
        json_body: Any = None,
        body: bytes | None = None,
        content_type: str | None = None,
    ) -> HttpResponse:
        """One XRPC call with the access token; refreshed and sent again once on `ExpiredToken`."""

        def send(session: Session) -> HttpResponse:
            headers = {"Authorization": f"Bearer {session.access_jwt}"}
            if content_type:
                headers["Content-Type"] = content_type
            return self._http.send(
                method,
                f"/xrpc/{nsid}",
                write=write,
                params=params,
                json_body=json_body,
                data=cast(Any, body),  # raw bytes (uploadBlob); http.py passes them to requests
                headers=headers,
            )

        session = self.sessions.current()
        response = send(session)
        if response.status == 400 and error_name(response) == "ExpiredToken":
            response = send(self.sessions.refresh(session))
        failure = self._http.error_for(response)
        if failure is not None:
            raise failure
        return response

    def _get(self, nsid: str, params: dict[str, Any] | list[tuple[str, Any]]) -> dict[str, Any]:
        return self.call("GET", nsid, write=False, params=params).json_object()

    @property
    def did(self) -> str:
        return self.sessions.current().did

    # --- limits and identity -------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.BLUESKY,
            idempotent_publish=True,  # the record key comes from our idempotency key
            replies=True,
            hide_comments=True,  # through the threadgate of our own post
            delete_comments=False,  # only our own records can be deleted
            direct_messages=False,  # chat.bsky.* is a separate service: not done yet
            metrics=True,
        )

    def verify(self) -> Identity:
        session = self.sessions.current()
        name = session.handle
        avatar = None
        try:
            profile = self._get("app.bsky.actor.getProfile", {"actor": session.did})
            name = str(profile.get("displayName") or session.handle)
            avatar = profile.get("avatar") if isinstance(profile.get("avatar"), str) else None
        except NeedsReconnect:
            raise
        except NetworkError as error:
            # The profile is decoration: the PDS accepted the app password. A PDS
            # without an AppView answers 501/404; one whose AppView is down, 502;
            # a busy one, 429. The handle stands in for the display name.
            log.info("Bluesky: no profile from the AppView: %s", error.detail)
        scope = jwt_claims(session.access_jwt or "").get("scope")
        return Identity(
            name=name,
            handle=f"@{session.handle}",
            avatar_url=avatar,
            permissions=(str(scope),) if scope else (),
            expires_utc=None,  # app passwords do not expire; the session renews itself
        )

    # --- publishing -------------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        self._check_length(content.text)
        ready = self._check_media(media)
        rkey = tid_from_key(idempotency_key)
        record: dict[str, Any] = {
            "$type": POST,
            "text": content.text,
            "createdAt": _now(),
            "langs": [content.language],
        }
        found = facets(content.text, self._resolve_handle)
        if found:
            record["facets"] = found
        if content.reply_to is not None:
            record["reply"] = self._reply_refs(content.reply_to)
        if ready:
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [self._image(item) for item in ready],
            }
        return self._create(POST, rkey, record)

    def _check_length(self, text: str) -> None:
        graphemes, size = count_graphemes(text), count_utf8_bytes(text)
        if graphemes > MAX_GRAPHEMES or size > MAX_BYTES:
            message = TEXT_TOO_LONG.format(
                graphemes=graphemes, limit=MAX_GRAPHEMES, size=size, bytes_limit=MAX_BYTES
            )
            raise PermanentError(message, f"{graphemes} graphemes, {size} bytes")

    def _check_media(self, media: Sequence[Media]) -> list[Media]:
        if len(media) > MAX_IMAGES:
            raise PermanentError(TEXT_TOO_MANY_IMAGES.format(limit=MAX_IMAGES), "too many images")
        ready = []
        for item in media:
            if not item.alt_text.strip():
                raise PermanentError(TEXT_NO_ALT, "image without alt text")
            small = item
            if len(item.data) > MAX_IMAGE_BYTES:
                small = self._prepare(item, self.capabilities())
            ready.append(small)
        return ready

    def _image(self, item: Media) -> dict[str, Any]:
        reply = self.call(
            "POST",
            "com.atproto.repo.uploadBlob",
            write=False,  # a lost upload publishes nothing: safe to send again
            body=item.data,
            content_type=item.mime_type,
        )
        blob = reply.json_object().get("blob")
        if not isinstance(blob, dict) or "ref" not in blob:
            raise reply.garbled("uploadBlob reply without a blob")
        image: dict[str, Any] = {"image": blob, "alt": item.alt_text.strip()}
        if item.width > 0 and item.height > 0:
            image["aspectRatio"] = {"width": item.width, "height": item.height}
        return image

    def _create(self, collection: str, rkey: str, record: dict[str, Any]) -> Published:
        body = {"repo": self.did, "collection": collection, "rkey": rkey, "record": record}
        failure: NetworkError | None = None
        reply: HttpResponse | None = None
        try:
            reply = self.call("POST", "com.atproto.repo.createRecord", write=True, json_body=body)
        except RateLimited:
            raise
        except (PermanentError, TemporaryError) as error:
            # The PDS answers a second create with the same key with an error
            # (HTTP 500 in PDS 0.5): the record may be there from a first try.
            failure = error
        if reply is None:
            existing = self._get_record(self.did, collection, rkey)
            if existing is None:
                assert failure is not None
                raise failure
            log.info("Bluesky: record %s already exists; not publishing it twice", rkey)
            return self._published(existing)
        created = reply.json_object()
        uri = created.get("uri")
        if not isinstance(uri, str) or not uri.startswith("at://"):
            raise reply.garbled("createRecord reply without a uri")
        return Published(
            remote_id=uri,
            url=web_url(self.sessions.current().handle, uri),
            created_utc=parse_time(record.get("createdAt")),
        )

    def _published(self, found: dict[str, Any]) -> Published:
        uri = str(found["uri"])
        created = parse_time(as_dict(found.get("value")).get("createdAt"))
        return Published(uri, web_url(self.sessions.current().handle, uri), created)

    def _get_record(self, repo: str, collection: str, rkey: str) -> dict[str, Any] | None:
        params = {"repo": repo, "collection": collection, "rkey": rkey}
        failure: NetworkError | None = None
        try:
            found = self._get("com.atproto.repo.getRecord", params)
        except PermanentError as error:
            failure = error
        if failure is not None:
            if _is_not_found(failure):
                return None
            raise failure
        if not isinstance(found.get("uri"), str):
            raise PermanentError(NOT_SUPPORTED, "getRecord reply without uri")
        return found

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        found = self._get_record(self.did, POST, tid_from_key(idempotency_key))
        return self._published(found) if found is not None else None

    def _resolve_handle(self, handle: str) -> str | None:
        if handle not in self._resolved:
            params = {"handle": handle}
            did: str | None = None
            try:
                body = self.call(
                    "GET", "com.atproto.identity.resolveHandle", write=False, params=params
                ).json_object()
                did = body.get("did") if isinstance(body.get("did"), str) else None
            except PermanentError:
                did = None  # an unknown handle stays plain text
            self._resolved[handle] = did
        return self._resolved[handle]

    # --- replies and threads ---------------------------------------------------------

    def _posts(self, uris: Sequence[str]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for start in range(0, len(uris), GET_POSTS_MAX):
            chunk = [("uris", uri) for uri in uris[start : start + GET_POSTS_MAX]]
            body = self._get("app.bsky.feed.getPosts", chunk)
            found += [post for post in as_list(body.get("posts")) if isinstance(post, dict)]
        return found

    def _reply_refs(self, to: ReplyTo) -> dict[str, Any]:
        """`{root, parent}` strong refs; the root is read from the parent record itself.

        `getRecord` (the parent's own PDS, or the AppView for other servers)
        rather than `getPosts`, which lags behind while the AppView indexes.
        """
        parent = self._get_record(*at_uri_parts(to.remote_id))
        if parent is None or not isinstance(parent.get("cid"), str):
            raise PermanentError(TEXT_NOT_FOUND, f"post not found: {to.remote_id[:120]}")
        parent_ref = {"uri": to.remote_id, "cid": parent["cid"]}
        root = as_dict(as_dict(as_dict(parent.get("value")).get("reply")).get("root"))
        if isinstance(root.get("uri"), str) and isinstance(root.get("cid"), str):
            return {"root": {"uri": root["uri"], "cid": root["cid"]}, "parent": parent_ref}
        return {"root": parent_ref, "parent": parent_ref}

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        return self.publish(Content(text=text, reply_to=to), (), idempotency_key)

    def thread(self, remote_id: str, depth: int = 6) -> tuple[RemoteItem, ...]:
        """The post and the replies under it (`getPostThread`), parents before children.

        Not part of the `Adapter` protocol: the inbox uses it where the
        network has threads.
        """
        body = self._get("app.bsky.feed.getPostThread", {"uri": remote_id, "depth": depth})
        items: list[RemoteItem] = []
        pending = [as_dict(body.get("thread"))]
        while pending:
            node = pending.pop(0)
            post = as_dict(node.get("post"))
            item = post_item(post, ItemKind.REPLY)
            if item is not None:
                items.append(item)
            pending += [as_dict(child) for child in as_list(node.get("replies"))]
        return tuple(items)

    # --- inbox ------------------------------------------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        state = cursor_state(cursor)
        params: list[tuple[str, Any]] = [("reasons", r) for r in INBOX_REASONS]
        params.append(("limit", PAGE_LIMIT))
        if state.get("page"):
            params.append(("cursor", state["page"]))
        body = self._get("app.bsky.notification.listNotifications", params)
        return read_notifications(body, state)

    # --- moderation and metrics ----------------------------------------------------------

    def cancel_scheduled(self, remote_id: str) -> None:
        raise PermanentError(NOT_SUPPORTED, "Bluesky has no server-side scheduling")

    def hide(self, item: ReplyTo) -> None:
        """Add the reply to the threadgate `hiddenReplies` of our post at the thread's root."""
        root_uri = item.root_remote_id
        if not root_uri:
            found = self._get_record(*at_uri_parts(item.remote_id))
            record = as_dict(as_dict(found).get("value"))
            root_uri = as_dict(as_dict(record.get("reply")).get("root")).get("uri")
        if not isinstance(root_uri, str):
            raise PermanentError(TEXT_NOT_FOUND, "reply without a thread root")
        repo, collection, rkey = at_uri_parts(root_uri)
        if repo != self.did or collection != POST:
            raise PermanentError(TEXT_NOT_OURS, "root post is not ours")
        gate = self._get_record(repo, THREADGATE, rkey)
        value = as_dict(gate.get("value")) if gate else {}
        hidden = [u for u in as_list(value.get("hiddenReplies")) if isinstance(u, str)]
        if item.remote_id in hidden:
            return
        record = {**value, "$type": THREADGATE, "post": root_uri}
        record.setdefault("createdAt", _now())
        record["hiddenReplies"] = [*hidden, item.remote_id]
        body: dict[str, Any] = {
            "repo": repo,
            "collection": THREADGATE,
            "rkey": rkey,
            "record": record,
        }
        if gate and isinstance(gate.get("cid"), str):
            body["swapRecord"] = gate["cid"]
        self.call("POST", "com.atproto.repo.putRecord", write=True, json_body=body)

    def delete(self, item: ReplyTo) -> None:
        """Delete one of our own records; other people's posts cannot be deleted."""
        repo, collection, rkey = at_uri_parts(item.remote_id)
        if repo != self.did:
            raise PermanentError(NOT_SUPPORTED, "not our record")
        body = {"repo": repo, "collection": collection, "rkey": rkey}
        self.call("POST", "com.atproto.repo.deleteRecord", write=True, json_body=body)

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        result: dict[str, Metrics] = {}
        for post in self._posts(list(remote_ids)):
            uri = post.get("uri")
            if isinstance(uri, str):
                result[uri] = Metrics(
                    likes=as_int(post.get("likeCount")),
                    reposts=as_int(post.get("repostCount")),
                    replies=as_int(post.get("replyCount")),
                    quotes=as_int(post.get("quoteCount")),
                )
        return result


def _is_not_found(error: NetworkError) -> bool:
    detail = error.detail
    return any(name in detail for name in _NOT_FOUND_ERRORS) or "HTTP 404" in detail


def _shrink(item: Media, capabilities: Capabilities) -> Media:
    """Downscale an image over 2 MB with `networks.media` (Pillow)."""
    from smalltown_social.networks.media import ImageError, prepare_bytes  # noqa: PLC0415

    failure: PermanentError | None = None
    try:
        return prepare_bytes(item.data, "image", item.alt_text, capabilities)
    except ImageError as error:
        failure = PermanentError(TEXT_IMAGE_TOO_BIG.format(reason=error.text.es), str(error))
    raise failure
