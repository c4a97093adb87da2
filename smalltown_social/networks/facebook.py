"""Facebook Pages through Meta's Graph API, with a Page access token.

The account keeps the Page id in `channel` and, for the tests' local server,
the Graph API base address in `server_url` (blank: the real one).

- `verify` asks `debug_token` (valid, expiry, permissions, which Page) and
  reads the Page's name.
- Text and links: `POST /{page}/feed` (`message`, `link` = the first address
  in the text, so Facebook builds the preview). One photo: `POST
  /{page}/photos` with the caption and `alt_text_custom`. Several photos:
  each uploaded unpublished (`published=false`, `temporary=true`), then one
  feed post with `attached_media`. Uploading unpublished photos is not a
  "write" for the outbox: nobody sees them and Meta drops unused ones.
- Hand-over: `published=false` + `scheduled_publish_time` (10 minutes to 30
  days ahead); withdrawn with `DELETE /{post}` after checking it is not out.
- No idempotency key exists on Facebook. After an unknown outcome `find`
  looks in the Page's published (or scheduled) posts created since the claim
  for one with the same text that is not recorded for another target; only
  when every post back to the claim has been seen is the answer "absent".
- Inbox: comments and replies on the Page's recently active posts, newer
  than the stored cursor (the newest comment time seen), with the post they
  belong to. Replies, hiding (`is_hidden`) and deleting act on one comment.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import (
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
from smalltown_social.networks.graph import GraphClient, GraphNotFound, graph_time
from smalltown_social.networks.graph_insights import read_insights
from smalltown_social.networks.graph_token import (
    FACEBOOK_INSIGHTS,
    FACEBOOK_SCOPES,
    check_token,
    insights_note,
)
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str
from smalltown_social.redaction import Redactor

NAME = "Facebook"
POST_FIELDS = "id,message,created_time,permalink_url"
COMMENT_FIELDS = "id,message,created_time,from,parent,permalink_url"
FIND_MAX_PAGES = 8
INBOX_POSTS = 10
INBOX_FIRST_LOOK = timedelta(days=3)
# The outbox hands a post over at least 10 min + 60 s ahead; the request takes a moment.
SCHEDULE_MARGIN = timedelta(seconds=15)
_URL = re.compile(r"https?://[^\s<>\"']+")

TEXT_NO_PAGE = Text(
    "Falta el identificador de la página de Facebook de esta cuenta (un número como "
    "104593022431585).",
    "This account's Facebook Page id is missing (a number such as 104593022431585).",
)
TEXT_TOO_FAR = Text(
    "Facebook solo deja programar hasta 30 días antes. No se ha enviado nada: se le "
    "entregará más cerca de su fecha.",
    "Facebook only lets a post be scheduled up to 30 days ahead. Nothing was sent: it will be "
    "handed over closer to its date.",
)
TEXT_NO_ID = Text(
    "Facebook ha contestado sin el identificador de la publicación.",
    "Facebook answered without the post's id.",
)


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> FacebookAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return FacebookAdapter(account, secret, redactor)


class FacebookAdapter:
    def __init__(
        self,
        account: Account,
        token: str,
        redactor: Redactor,
        *,
        read_timeout_s: float | None = None,
    ) -> None:
        self.account = account
        self.page_id = (account.channel or "").strip()
        if not self.page_id:
            raise PermanentError(TEXT_NO_PAGE, "no page id")
        self._token = token.strip()
        self.graph = GraphClient(
            account.server_url, token, redactor, NAME, read_timeout_s=read_timeout_s
        )

    def __repr__(self) -> str:
        return f"<FacebookAdapter {self.account.name!r} page {self.page_id}>"

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.FACEBOOK,
            replies=True,
            hide_comments=True,
            delete_comments=True,
            direct_messages=False,
            metrics=True,
            scheduled_id_is_post_id=True,  # a scheduled Page post is the same post once out
        )

    def verify(self) -> Identity:
        info = check_token(
            self.graph, self._token, self.page_id, FACEBOOK_SCOPES, FACEBOOK_INSIGHTS
        )
        page = self.graph.get(f"/{self.page_id}", {"fields": "id,name,username,link"})
        handle = as_str(page.get("username")) or self.page_id
        return Identity(
            name=as_str(page.get("name")) or handle,
            handle=handle,
            permissions=info.scopes,
            expires_utc=info.expires_utc,
            note=insights_note(info.missing_optional),
        )

    # --- publishing -----------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        if content.reply_to is not None:
            return self.reply(content.reply_to, content.text, idempotency_key)
        schedule = self._schedule_fields(content.scheduled_utc)
        if len(media) == 1:
            return self._single_photo(content.text, media[0], schedule)
        form: list[tuple[str, Any]] = [("message", content.text)]
        link = _first_link(content.text)
        if link and not media:
            form.append(("link", link))
        for index, item in enumerate(media):
            photo_id = self._upload_unpublished(item)
            form.append((f"attached_media[{index}]", json.dumps({"media_fbid": photo_id})))
        form += schedule
        body = self.graph.post(f"/{self.page_id}/feed", form, write=True)
        return self._published(body, "id", bool(schedule), content.scheduled_utc)

    def _schedule_fields(self, scheduled: datetime | None) -> list[tuple[str, Any]]:
        """`published=false` + the time, when the time is inside Facebook's window."""
        if scheduled is None:
            return []
        rules = Capabilities.of(Network.FACEBOOK)
        ahead = scheduled - datetime.now(UTC)
        if ahead < timedelta(seconds=rules.min_schedule_ahead_s) + SCHEDULE_MARGIN:
            return []  # too close: it goes out now, which is its time
        if ahead > timedelta(days=30) - SCHEDULE_MARGIN:
            raise PermanentError(TEXT_TOO_FAR, "", "scheduled more than 30 days ahead")
        return [("published", "false"), ("scheduled_publish_time", int(scheduled.timestamp()))]

    def _single_photo(self, text: str, item: Media, schedule: list[tuple[str, Any]]) -> Published:
        form: list[tuple[str, Any]] = [("caption", text)]
        if item.alt_text:
            form.append(("alt_text_custom", item.alt_text))
        form += schedule
        body = self.graph.post(
            f"/{self.page_id}/photos", form, write=True, files={"source": _file(item)}
        )
        when = None
        if schedule:
            when = datetime.fromtimestamp(int(schedule[-1][1]), UTC)
        return self._published(body, "post_id", bool(schedule), when)

    def _upload_unpublished(self, item: Media) -> str:
        form: list[tuple[str, Any]] = [("published", "false"), ("temporary", "true")]
        if item.alt_text:
            form.append(("alt_text_custom", item.alt_text))
        body = self.graph.post(
            f"/{self.page_id}/photos", form, write=False, files={"source": _file(item)}
        )
        photo_id = as_str(body.get("id"))
        if not photo_id:
            raise TemporaryError(TEXT_NO_ID, "photo upload without id")
        return photo_id

    def _published(
        self, body: dict[str, Any], key: str, scheduled: bool, when: datetime | None
    ) -> Published:
        remote_id = as_str(body.get(key)) or as_str(body.get("id"))
        if not remote_id:
            raise self.graph.unknown("publish reply without id")
        if scheduled:
            return Published(remote_id, None, when, scheduled_on_server=True)
        return Published(remote_id, post_url(remote_id), datetime.now(UTC))

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        wanted = _normalize(content.text)
        if content.reply_to is not None:
            top = self._top_comment(content.reply_to.remote_id)
            return self._find_reply(top, wanted, since, exclude)
        if content.scheduled_utc is not None:
            planned, _ = self.graph.pages(
                f"/{self.page_id}/scheduled_posts",
                {"fields": "id,message,scheduled_publish_time,created_time"},
                FIND_MAX_PAGES,
            )
            for post in planned:
                remote_id = as_str(post.get("id"))
                if remote_id not in exclude and _normalize(as_str(post.get("message"))) == wanted:
                    return Published(
                        remote_id, None, content.scheduled_utc, scheduled_on_server=True
                    )
        posts, more = self.graph.pages(
            f"/{self.page_id}/published_posts",
            {"fields": POST_FIELDS, "since": int(since.timestamp()), "limit": 25},
            FIND_MAX_PAGES,
        )
        for post in posts:
            remote_id = as_str(post.get("id"))
            created = graph_time(post.get("created_time"))
            if remote_id in exclude or (created is not None and created < since):
                continue
            if _normalize(as_str(post.get("message"))) == wanted:
                url = as_str(post.get("permalink_url")) or post_url(remote_id)
                return Published(remote_id, url, created)
        if more:
            raise TemporaryError(cannot_tell(Network.FACEBOOK), "too many posts since the claim")
        return None

    def _find_reply(
        self, parent: str, wanted: str, since: datetime, exclude: frozenset[str]
    ) -> Published | None:
        comments, more = self.graph.pages(
            f"/{parent}/comments",
            {"fields": COMMENT_FIELDS, "filter": "stream", "order": "reverse_chronological"},
            FIND_MAX_PAGES,
        )
        for comment in comments:
            created = graph_time(comment.get("created_time"))
            if created is not None and created < since:
                return None  # newest first: everything further is older
            remote_id = as_str(comment.get("id"))
            author = as_str(as_dict(comment.get("from")).get("id"))
            if remote_id in exclude or (author and author != self.page_id):
                continue
            if _normalize(as_str(comment.get("message"))) == wanted:
                return Published(remote_id, as_str(comment.get("permalink_url")) or None, created)
        if more:
            raise TemporaryError(cannot_tell(Network.FACEBOOK), "too many comments since the claim")
        return None

    # --- inbox ------------------------------------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        seen = _cursor_time(cursor) or datetime.now(UTC) - INBOX_FIRST_LOOK
        posts = self.graph.get(
            f"/{self.page_id}/published_posts",
            {"fields": "id,message,updated_time,permalink_url", "limit": INBOX_POSTS},
        )
        items: list[RemoteItem] = []
        newest = seen
        for post in (as_dict(p) for p in as_list(posts.get("data"))):
            updated = graph_time(post.get("updated_time"))
            post_id = as_str(post.get("id"))
            if not post_id or (updated is not None and updated <= seen):
                continue
            for item in self._comments_since(post_id, seen):
                items.append(item)
                newest = max(newest, item.created_utc)
        return InboxBatch(tuple(items), json.dumps({"t": int(newest.timestamp())}), more=False)

    def _comments_since(self, post_id: str, seen: datetime) -> list[RemoteItem]:
        comments, _ = self.graph.pages(
            f"/{post_id}/comments",
            {
                "fields": COMMENT_FIELDS,
                "filter": "stream",
                "order": "reverse_chronological",
                "limit": 50,
            },
            4,
        )
        found: list[RemoteItem] = []
        for comment in comments:
            created = graph_time(comment.get("created_time"))
            if created is None or created <= seen:
                break
            author = as_dict(comment.get("from"))
            if as_str(author.get("id")) == self.page_id:
                continue  # our own answers
            parent = as_str(as_dict(comment.get("parent")).get("id"))
            found.append(
                RemoteItem(
                    remote_id=as_str(comment.get("id")),
                    kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
                    text=as_str(comment.get("message")),
                    created_utc=created,
                    author_name=as_str(author.get("name")),
                    author_handle=as_str(author.get("id")),
                    url=as_str(comment.get("permalink_url")) or None,
                    parent_remote_id=parent or post_id,
                    root_remote_id=post_id,
                )
            )
        return found

    # --- answering and moderating -------------------------------------------------

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        if to.private:
            raise PermanentError(
                TEXT_NO_PRIVATE, "Messenger needs advanced access", "private reply refused"
            )
        # Facebook threads one level deep: an answer to a reply goes to its comment.
        target = self._top_comment(to.remote_id)
        body = self.graph.post(f"/{target}/comments", {"message": text}, write=True)
        remote_id = as_str(body.get("id"))
        if not remote_id:
            raise self.graph.unknown("comment reply without id")
        return Published(remote_id, as_str(body.get("permalink_url")) or None, datetime.now(UTC))

    def _top_comment(self, comment_id: str) -> str:
        """The comment a reply belongs to (itself for a top-level comment; a post stays)."""
        if comment_id.startswith(f"{self.page_id}_"):
            return comment_id  # a post of the Page, not a comment
        body = self.graph.get(f"/{comment_id}", {"fields": "id,parent"})
        return as_str(as_dict(body.get("parent")).get("id")) or comment_id

    def cancel_scheduled(self, remote_id: str) -> None:
        try:
            post = self.graph.get(f"/{remote_id}", {"fields": "id,is_published"})
        except GraphNotFound:
            raise PermanentError(
                scheduled_gone(Network.FACEBOOK), "", "scheduled post not found"
            ) from None
        if post.get("is_published") is True:
            raise PermanentError(scheduled_gone(Network.FACEBOOK), "", "already published")
        self.graph.call("DELETE", f"/{remote_id}", write=True)

    def hide(self, item: ReplyTo) -> None:
        self.graph.post(f"/{item.remote_id}", {"is_hidden": "true"}, write=True)

    def delete(self, item: ReplyTo) -> None:
        with contextlib.suppress(GraphNotFound):  # already gone
            self.graph.call("DELETE", f"/{item.remote_id}", write=True)

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        """Reactions, comments and shares of each post; its reach with `read_insights`.

        Reach is Meta's `post_total_media_view_unique` (the replacement of the
        retired `post_impressions_unique`). Without `read_insights` the other
        counts are kept and the permission is named.
        """
        found: dict[str, Metrics] = {}
        fields = "id,shares,reactions.summary(total_count).limit(0),comments.summary(true).limit(0)"
        insights_refused = False
        for remote_id in remote_ids:
            try:
                post = self.graph.get(f"/{remote_id}", {"fields": fields})
            except GraphNotFound:
                continue
            views: int | None = None
            if not insights_refused:
                insights = read_insights(
                    self.graph, f"/{remote_id}/insights/{REACH_METRIC}", None, "read_insights"
                )
                insights_refused = insights.missing_permission is not None
                views = insights.values.get(REACH_METRIC)
            found[remote_id] = Metrics(
                likes=_summary(post, "reactions"),
                reposts=as_int(as_dict(post.get("shares")).get("count")),
                replies=_summary(post, "comments"),
                views=views,
                missing_permissions=("read_insights",) if insights_refused else (),
            )
        return found

    def close(self) -> None:
        self.graph.close()


REACH_METRIC = "post_total_media_view_unique"

TEXT_NO_PRIVATE = Text(
    "Los mensajes privados de Facebook (Messenger) necesitan un permiso que Meta solo da tras "
    "una revisión avanzada: esta aplicación no los usa. Conteste en un comentario público o "
    "desde Meta Business Suite.",
    "Facebook private messages (Messenger) need a permission Meta only grants after an "
    "advanced review: this application does not use them. Answer in a public comment or from "
    "Meta Business Suite.",
)


def post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def _file(item: Media) -> tuple[str, bytes, str]:
    extension = "png" if item.mime_type == "image/png" else "jpg"
    return (f"image.{extension}", item.data, item.mime_type)


def _first_link(text: str) -> str | None:
    match = _URL.search(text)
    return match.group().rstrip(".,;:!?)»”") if match else None


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _summary(post: dict[str, Any], edge: str) -> int:
    return as_int(as_dict(as_dict(post.get(edge)).get("summary")).get("total_count"))


def _cursor_time(cursor: str | None) -> datetime | None:
    if not cursor:
        return None
    try:
        value = json.loads(cursor)
    except ValueError:
        return None
    seconds = as_int(as_dict(value).get("t"))
    return datetime.fromtimestamp(seconds, UTC) if seconds > 0 else None
