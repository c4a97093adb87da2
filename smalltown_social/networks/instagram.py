"""Instagram professional accounts, through the linked Facebook Page's token (Graph API).

The account keeps the Instagram user id in `channel` (and, for the tests'
local server, the Graph API base in `server_url`). The key is the Page token
of the Page the Instagram account is linked to: `GET /me` with it is that Page.

Publishing (images only; Instagram has no text-only post):

1. `GET /{ig}/content_publishing_limit` first: at the 24-hour limit nothing is
   sent and the post waits (`RateLimited`).
2. Instagram fetches images from a public address and a desktop app has none.
   Without third-party hosting: each photo is uploaded to the linked Facebook
   Page **unpublished** (`published=false`, `temporary=true`; nobody sees it
   on the Page) and the address of Meta's own copy (`GET /{photo}?fields=images`,
   the largest) is given to Instagram as `image_url`.
3. A container (`POST /{ig}/media`: `image_url`, `caption`, `alt_text`; a
   carousel: one child per image with `is_carousel_item`, then the parent
   with `media_type=CAROUSEL` and `children`) is made once; its id is stored
   under the post's idempotency key (`Extras.containers`) the moment
   Instagram returns it.
4. Its `status_code` is polled until FINISHED (ERROR / EXPIRED end it), then
   `POST /{ig}/media_publish` with `creation_id`.

A retry with the same key first asks the stored container: PUBLISHED → the
post exists (found by caption, never one recorded for another target);
FINISHED → published now, the same container; EXPIRED or ERROR → a new one
(an expired container can never be published, so there is no second post).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import (
    NOT_SUPPORTED,
    Capabilities,
    ContainerMemory,
    Content,
    Extras,
    Identity,
    InboxBatch,
    Media,
    Metrics,
    OutcomeUnknown,
    PermanentError,
    Published,
    RateLimited,
    RemoteItem,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.graph import GraphClient, GraphNotFound, graph_time
from smalltown_social.networks.graph_insights import read_insights
from smalltown_social.networks.graph_token import (
    INSTAGRAM_INSIGHTS,
    INSTAGRAM_SCOPES,
    check_token,
    insights_note,
)
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str
from smalltown_social.redaction import Redactor

NAME = "Instagram"
POLL_S = 3.0
POLL_MAX_S = 300.0
MIN_RATIO = 4 / 5  # width / height, portrait limit
MAX_RATIO = 1.91  # landscape limit
QUOTA_WAIT = timedelta(hours=1)
NEAR_QUOTA = 0.8
INBOX_MEDIA = 10
INBOX_FIRST_LOOK = timedelta(days=3)
FIND_MAX_PAGES = 4
MEDIA_FIELDS = "id,caption,timestamp,permalink"
COMMENT_FIELDS = "id,text,timestamp,username,from"

TEXT_NO_USER = Text(
    "Falta el identificador de la cuenta de Instagram (un número como 17841405822304914).",
    "The Instagram account id is missing (a number such as 17841405822304914).",
)
TEXT_NOT_LINKED = Text(
    "La página de Facebook de esta clave no tiene vinculada ninguna cuenta profesional de "
    "Instagram. En Instagram: Configuración → Cuenta → Cambiar a cuenta profesional, y "
    "vincúlela a la página; luego genere la clave otra vez.",
    "The Facebook Page of this key has no professional Instagram account linked. In "
    "Instagram: Settings → Account → Switch to professional account, and link it to the Page; "
    "then create the key again.",
)
TEXT_OTHER_ACCOUNT = Text(
    "La página de esta clave está vinculada a otra cuenta de Instagram ({found}), no a "
    "{wanted}. Corrija el identificador o use la clave de la página correcta.",
    "This key's Page is linked to another Instagram account ({found}), not to {wanted}. "
    "Correct the id or use the right Page's key.",
)
TEXT_NEEDS_IMAGE = Text(
    "Instagram solo publica con al menos una imagen. Añada una foto o quite Instagram de "
    "esta publicación.",
    "Instagram only publishes with at least one image. Add a photo or remove Instagram from "
    "this post.",
)
TEXT_RATIO = Text(
    "Instagram no acepta la imagen «{alt}»: su proporción ({ratio}) está fuera de lo que "
    "admite, entre 4:5 (vertical) y 1,91:1 (horizontal). Recórtela y vuelva a añadirla.",
    "Instagram does not accept the image “{alt}”: its ratio ({ratio}) is outside what it takes, "
    "between 4:5 (portrait) and 1.91:1 (landscape). Crop it and add it again.",
)
TEXT_QUOTA = Text(
    "Instagram deja publicar {total} veces cada 24 horas y esta cuenta ya lleva {used}. La "
    "publicación espera y se volverá a intentar sola.",
    "Instagram allows {total} posts every 24 hours and this account has made {used}. The post "
    "waits and will be tried again on its own.",
)
TEXT_CONTAINER_FAILED = Text(
    "Instagram no ha podido preparar la imagen ({status}). Pruebe con otra foto JPEG.",
    "Instagram could not prepare the image ({status}). Try another JPEG photo.",
)
TEXT_SLOW = Text(
    "Instagram sigue preparando la imagen. Se volverá a intentar con la misma, sin duplicar.",
    "Instagram is still preparing the image. It will be tried again with the same one, "
    "without duplicating.",
)
TEXT_PUBLISHED_NOT_FOUND = Text(
    "Instagram dice que la publicación ya salió, pero no se encuentra en la cuenta. "
    "Mírelo en Instagram y márquela a mano.",
    "Instagram says the post went out, but it cannot be found on the account. Look on "
    "Instagram and mark it by hand.",
)
TEXT_NO_URL = Text(
    "Facebook no ha dado la dirección de la foto que necesita Instagram. Se volverá a intentar.",
    "Facebook did not give the photo address Instagram needs. It will be tried again.",
)


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> InstagramAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return InstagramAdapter(account, secret, redactor, containers=extras.containers)


class InstagramAdapter:
    def __init__(
        self,
        account: Account,
        token: str,
        redactor: Redactor,
        *,
        containers: ContainerMemory | None = None,
        sleep: Callable[[float], None] = time.sleep,
        read_timeout_s: float | None = None,
    ) -> None:
        self.account = account
        self.ig_user = (account.channel or "").strip()
        if not self.ig_user:
            raise PermanentError(TEXT_NO_USER, "no instagram user id")
        self._token = token.strip()
        self._containers = containers
        self._sleep = sleep
        self.graph = GraphClient(
            account.server_url, token, redactor, NAME, read_timeout_s=read_timeout_s
        )
        self._page_id: str | None = None
        self._username: str | None = None
        self.quota: tuple[int, int] | None = None  # (used, total) in the last 24 hours

    def __repr__(self) -> str:
        return f"<InstagramAdapter {self.account.name!r} user {self.ig_user}>"

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.INSTAGRAM,
            hide_comments=True,
            delete_comments=True,
            metrics=True,
            # With the containers remembered, a retry with the same key reuses the container.
            idempotent_publish=self._containers is not None,
        )

    def verify(self) -> Identity:
        info = check_token(self.graph, self._token, None, INSTAGRAM_SCOPES, INSTAGRAM_INSIGHTS)
        page_id = info.profile_id or self._page()
        page = self.graph.get(f"/{page_id}", {"fields": "id,name,instagram_business_account"})
        linked = as_str(as_dict(page.get("instagram_business_account")).get("id"))
        if not linked:
            raise PermanentError(TEXT_NOT_LINKED, "no instagram_business_account")
        if linked != self.ig_user:
            raise PermanentError(
                TEXT_OTHER_ACCOUNT.format(found=linked, wanted=self.ig_user), "other account"
            )
        user = self.graph.get(f"/{self.ig_user}", {"fields": "id,username,name"})
        username = as_str(user.get("username"))
        return Identity(
            name=as_str(user.get("name")) or username,
            handle=f"@{username}" if username else self.ig_user,
            permissions=info.scopes,
            expires_utc=info.expires_utc,
            note=insights_note(info.missing_optional),
        )

    def _page(self) -> str:
        if self._page_id is None:
            self._page_id = as_str(self.graph.get("/me", {"fields": "id"}).get("id"))
        return self._page_id

    def _own_username(self) -> str:
        if self._username is None:
            user = self.graph.get(f"/{self.ig_user}", {"fields": "id,username"})
            self._username = as_str(user.get("username"))
        return self._username

    # --- publishing -------------------------------------------------------------

    def publishing_quota(self) -> tuple[int, int]:
        """(used, total) of the 24-hour publishing limit, read from Instagram."""
        body = self.graph.get(
            f"/{self.ig_user}/content_publishing_limit", {"fields": "quota_usage,config"}
        )
        entry = as_dict((as_list(body.get("data")) or [{}])[0])
        total = as_int(as_dict(entry.get("config")).get("quota_total"), 50)
        self.quota = (as_int(entry.get("quota_usage")), total)
        return self.quota

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        if content.reply_to is not None:
            return self.reply(content.reply_to, content.text, idempotency_key)
        if not media:
            raise PermanentError(TEXT_NEEDS_IMAGE, "no image")
        for item in media:
            _check_ratio(item)
        container = self._remembered(idempotency_key)
        if container is not None:
            status = self._status(container)
            if status == "PUBLISHED":  # the earlier attempt went through: recovery finds it
                raise self.graph.unknown(f"container {container} already published")
            if status in ("EXPIRED", "ERROR", ""):
                self._forget(idempotency_key)
                container = None
        if container is None:
            used, total = self.publishing_quota()
            if used >= total:
                until = datetime.now(UTC) + QUOTA_WAIT
                raise RateLimited(TEXT_QUOTA.format(total=total, used=used), until, "quota")
            container = self._create(content.text, media)
            self._remember(idempotency_key, container)
        self._wait_finished(container)
        body = self.graph.post(
            f"/{self.ig_user}/media_publish", {"creation_id": container}, write=True
        )
        media_id = as_str(body.get("id"))
        if not media_id:
            raise self.graph.unknown("media_publish without id")
        return self._describe(media_id)

    def _create(self, caption: str, media: Sequence[Media]) -> str:
        """The container (a carousel's parent for several images). Nothing visible yet."""
        urls = [self._public_url(item) for item in media]
        if len(media) == 1:
            form: dict[str, Any] = {"image_url": urls[0], "caption": caption}
            if media[0].alt_text:
                form["alt_text"] = media[0].alt_text
            return self._container(form)
        children = []
        for url, item in zip(urls, media, strict=True):
            child: dict[str, Any] = {"image_url": url, "is_carousel_item": "true"}
            if item.alt_text:
                child["alt_text"] = item.alt_text
            children.append(self._container(child))
        for child_id in children:
            self._wait_finished(child_id)
        return self._container(
            {"media_type": "CAROUSEL", "children": ",".join(children), "caption": caption}
        )

    def _container(self, form: dict[str, Any]) -> str:
        # Not a "write" for the outbox: a container is never seen until published.
        body = self.graph.post(f"/{self.ig_user}/media", form, write=False)
        container = as_str(body.get("id"))
        if not container:
            raise TemporaryError(TEXT_CONTAINER_FAILED.format(status="?"), "container without id")
        return container

    def _public_url(self, item: Media) -> str:
        """Meta's own address of the photo, uploaded unpublished to the linked Page."""
        form = {"published": "false", "temporary": "true"}
        files = {"source": ("image.jpg", item.data, item.mime_type)}
        body = self.graph.post(f"/{self._page()}/photos", form, write=False, files=files)
        photo_id = as_str(body.get("id"))
        photo = self.graph.get(f"/{photo_id}", {"fields": "id,images"}) if photo_id else {}
        sizes = [as_dict(s) for s in as_list(photo.get("images"))]
        sizes.sort(key=lambda s: as_int(s.get("width")), reverse=True)
        url = as_str(sizes[0].get("source")) if sizes else ""
        if not url:
            raise TemporaryError(TEXT_NO_URL, "photo without images")
        return url

    def _status(self, container: str) -> str:
        try:
            body = self.graph.get(f"/{container}", {"fields": "id,status_code,status"})
        except GraphNotFound:
            return ""
        return as_str(body.get("status_code")).upper()

    def _wait_finished(self, container: str) -> None:
        waited = 0.0
        while True:
            status = self._status(container)
            if status == "FINISHED":
                return
            if status in ("ERROR", "EXPIRED", ""):
                raise PermanentError(
                    TEXT_CONTAINER_FAILED.format(status=status or "?"), status, "container failed"
                )
            if waited >= POLL_MAX_S:
                raise TemporaryError(TEXT_SLOW, f"container {container} still {status}")
            self._sleep(POLL_S)
            waited += POLL_S

    def _describe(self, media_id: str) -> Published:
        try:
            body = self.graph.get(f"/{media_id}", {"fields": "id,permalink,timestamp"})
        except TemporaryError:
            return Published(media_id, None, datetime.now(UTC))
        created = graph_time(body.get("timestamp")) or datetime.now(UTC)
        return Published(media_id, as_str(body.get("permalink")) or None, created)

    def _published_by_caption(
        self, caption: str, since: datetime, exclude: frozenset[str] = frozenset()
    ) -> Published:
        found = self._find_media(caption, since, exclude)
        if found is None:
            raise OutcomeUnknown(TEXT_PUBLISHED_NOT_FOUND, "container PUBLISHED, media not found")
        return found

    def _find_media(
        self, caption: str, since: datetime, exclude: frozenset[str]
    ) -> Published | None:
        wanted = " ".join(caption.split())
        posts, more = self.graph.pages(
            f"/{self.ig_user}/media", {"fields": MEDIA_FIELDS, "limit": 25}, FIND_MAX_PAGES
        )
        for post in posts:
            created = graph_time(post.get("timestamp"))
            if created is not None and created < since:
                return None  # newest first: the rest is older
            media_id = as_str(post.get("id"))
            if media_id in exclude:
                continue
            if " ".join(as_str(post.get("caption")).split()) == wanted:
                return Published(media_id, as_str(post.get("permalink")) or None, created)
        if more:
            raise TemporaryError(TEXT_PUBLISHED_NOT_FOUND, "too many media since the claim")
        return None

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        if content.reply_to is not None:
            top = self._top_comment(content.reply_to.remote_id)
            return self._find_reply(top, content.text, since, exclude)
        container = self._remembered(idempotency_key)
        if container is not None:
            status = self._status(container)
            if status == "PUBLISHED":
                return self._published_by_caption(content.text, since, exclude)
            if status in ("FINISHED", "IN_PROGRESS"):
                return None  # never published: a retry publishes this same container
        return self._find_media(content.text, since, exclude)

    def _find_reply(
        self, comment_id: str, text: str, since: datetime, exclude: frozenset[str]
    ) -> Published | None:
        wanted = " ".join(text.split())
        own = self._own_username()
        replies, more = self.graph.pages(
            f"/{comment_id}/replies", {"fields": COMMENT_FIELDS}, FIND_MAX_PAGES
        )
        for reply in replies:
            created = graph_time(reply.get("timestamp"))
            reply_id = as_str(reply.get("id"))
            if reply_id in exclude or (created is not None and created < since):
                continue
            if as_str(reply.get("username")) not in ("", own):
                continue
            if " ".join(as_str(reply.get("text")).split()) == wanted:
                return Published(reply_id, None, created)
        if more:
            raise TemporaryError(TEXT_PUBLISHED_NOT_FOUND, "too many replies since the claim")
        return None

    def _remembered(self, key: str) -> str | None:
        return self._containers.get(self.account.id, key) if self._containers else None

    def _remember(self, key: str, container: str) -> None:
        if self._containers is not None:
            self._containers.put(self.account.id, key, container)

    def _forget(self, key: str) -> None:
        if self._containers is not None:
            self._containers.forget(self.account.id, key)

    # --- inbox ------------------------------------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        seen = _cursor_time(cursor) or datetime.now(UTC) - INBOX_FIRST_LOOK
        own = self._own_username()
        recent = self.graph.get(
            f"/{self.ig_user}/media",
            {"fields": "id,caption,timestamp,permalink,comments_count", "limit": INBOX_MEDIA},
        )
        items: list[RemoteItem] = []
        newest = seen
        for post in (as_dict(p) for p in as_list(recent.get("data"))):
            media_id = as_str(post.get("id"))
            if not media_id or as_int(post.get("comments_count")) == 0:
                continue
            comments, _ = self.graph.pages(
                f"/{media_id}/comments",
                {"fields": f"{COMMENT_FIELDS},replies{{{COMMENT_FIELDS}}}", "limit": 50},
                FIND_MAX_PAGES,
            )
            for comment in comments:
                replies = as_list(as_dict(comment.get("replies")).get("data"))
                found = [self._item(comment, media_id, None)]
                found += [
                    self._item(as_dict(r), media_id, as_str(comment.get("id"))) for r in replies
                ]
                for item in found:
                    if item is None or item.created_utc <= seen or item.author_handle == f"@{own}":
                        continue
                    items.append(item)
                    newest = max(newest, item.created_utc)
        return InboxBatch(tuple(items), json.dumps({"t": int(newest.timestamp())}), more=False)

    def _item(
        self, comment: dict[str, Any], media_id: str, parent: str | None
    ) -> RemoteItem | None:
        created = graph_time(comment.get("timestamp"))
        comment_id = as_str(comment.get("id"))
        if created is None or not comment_id:
            return None
        username = as_str(comment.get("username")) or as_str(
            as_dict(comment.get("from")).get("username")
        )
        return RemoteItem(
            remote_id=comment_id,
            kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
            text=as_str(comment.get("text")),
            created_utc=created,
            author_name=username,
            author_handle=f"@{username}" if username else "",
            parent_remote_id=parent or media_id,
            root_remote_id=media_id,
        )

    # --- answering and moderating -----------------------------------------------------

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        if to.private:
            raise PermanentError(NOT_SUPPORTED, "Instagram Direct needs advanced access")
        # Instagram threads one level deep: an answer to a reply goes to its comment.
        target = self._top_comment(to.remote_id)
        body = self.graph.post(f"/{target}/replies", {"message": text}, write=True)
        reply_id = as_str(body.get("id"))
        if not reply_id:
            raise self.graph.unknown("reply without id")
        return Published(reply_id, None, datetime.now(UTC))

    def _top_comment(self, comment_id: str) -> str:
        body = self.graph.get(f"/{comment_id}", {"fields": "id,parent_id"})
        return as_str(body.get("parent_id")) or comment_id

    def cancel_scheduled(self, remote_id: str) -> None:
        raise PermanentError(NOT_SUPPORTED, "Instagram has no scheduling through the API")

    def hide(self, item: ReplyTo) -> None:
        self.graph.post(f"/{item.remote_id}", {"hide": "true"}, write=True)

    def delete(self, item: ReplyTo) -> None:
        with contextlib.suppress(GraphNotFound):  # already gone
            self.graph.call("DELETE", f"/{item.remote_id}", write=True)

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        """Likes and comments of each media; shares and views from its insights.

        Media insights need `instagram_manage_insights`: without it likes and
        comments are kept and the permission is named.
        """
        found: dict[str, Metrics] = {}
        insights_refused = False
        for media_id in remote_ids:
            try:
                body = self.graph.get(f"/{media_id}", {"fields": "id,like_count,comments_count"})
            except GraphNotFound:
                continue
            values: dict[str, int] = {}
            if not insights_refused:
                insights = read_insights(
                    self.graph,
                    f"/{media_id}/insights",
                    {"metric": "views,shares"},
                    "instagram_manage_insights",
                )
                insights_refused = insights.missing_permission is not None
                values = insights.values
            found[media_id] = Metrics(
                likes=as_int(body.get("like_count")),
                replies=as_int(body.get("comments_count")),
                reposts=values.get("shares", 0),
                views=values.get("views"),
                missing_permissions=("instagram_manage_insights",) if insights_refused else (),
            )
        return found

    def close(self) -> None:
        self.graph.close()


def _check_ratio(item: Media) -> None:
    """Refuse before sending anything what Instagram would refuse (its aspect-ratio rule)."""
    if item.width <= 0 or item.height <= 0:
        return
    ratio = item.width / item.height
    if ratio < MIN_RATIO - 0.01 or ratio > MAX_RATIO + 0.01:
        shown = f"{item.width}×{item.height}"
        raise PermanentError(TEXT_RATIO.format(alt=item.alt_text or "?", ratio=shown), "ratio")


def near_quota(used: int, total: int) -> bool:
    """True when the clerk should be told the 24-hour limit is close."""
    return total > 0 and used >= total * NEAR_QUOTA


def _cursor_time(cursor: str | None) -> datetime | None:
    if not cursor:
        return None
    try:
        value = json.loads(cursor)
    except ValueError:
        return None
    seconds = as_int(as_dict(value).get("t"))
    return datetime.fromtimestamp(seconds, UTC) if seconds > 0 else None
