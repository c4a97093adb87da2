"""Reading what Bluesky sends back: post views, notifications, the inbox cursor.

Pure functions over the JSON of `listNotifications`, `getPostThread` and
`getRecord`; anything with an unusable shape is skipped, never fatal.

The notification list runs newest first and the server's cursor pages
towards older items, so our inbox cursor is the time of the newest
notification already delivered (`mark`), plus, while a catch-up over
several pages is under way, the server's paging cursor (`page`) and the
newest time seen in that sweep (`top`). A notification indexed at exactly
the mark's millisecond is taken as seen.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import (
    NOT_SUPPORTED,
    InboxBatch,
    PermanentError,
    RemoteItem,
)
from smalltown_social.networks.shapes import as_dict, as_list, parse_time

WEB = "https://bsky.app"


def at_uri_parts(uri: str) -> tuple[str, str, str]:
    """(repo DID, collection, record key) of `at://did/collection/rkey`."""
    if not uri.startswith("at://"):
        raise PermanentError(NOT_SUPPORTED, f"not an at:// uri: {uri[:80]}")
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or not all(parts):
        raise PermanentError(NOT_SUPPORTED, f"not a record uri: {uri[:80]}")
    return parts[0], parts[1], parts[2]


def web_url(handle: str, uri: str) -> str:
    return f"{WEB}/profile/{handle}/post/{at_uri_parts(uri)[2]}"


def cursor_state(cursor: str | None) -> dict[str, str]:
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


_KINDS = {"reply": ItemKind.REPLY, "mention": ItemKind.MENTION, "quote": ItemKind.MENTION}


def notification_item(note: dict[str, Any]) -> RemoteItem | None:
    kind = _KINDS.get(str(note.get("reason")))
    if kind is None:
        return None
    item = post_item(note, kind)
    if item is not None and kind == ItemKind.MENTION and note.get("reason") == "quote":
        subject = note.get("reasonSubject")
        if isinstance(subject, str):
            return replace(item, parent_remote_id=subject, root_remote_id=subject)
    return item


def post_item(post: dict[str, Any], kind: ItemKind) -> RemoteItem | None:
    """A post view or a notification as a `RemoteItem`; None if its shape is unusable."""
    uri = post.get("uri")
    record = as_dict(post.get("record"))
    author = as_dict(post.get("author"))
    created = parse_time(record.get("createdAt")) or parse_time(post.get("indexedAt"))
    if not isinstance(uri, str) or not uri.startswith("at://") or created is None:
        return None
    handle = str(author.get("handle") or "")
    reply = as_dict(record.get("reply"))
    parent = as_dict(reply.get("parent")).get("uri")
    root = as_dict(reply.get("root")).get("uri")
    try:
        url: str | None = web_url(handle or uri.split("/")[2], uri)
    except PermanentError:
        url = None
    return RemoteItem(
        remote_id=uri,
        kind=kind,
        text=str(record.get("text") or ""),
        created_utc=created,
        author_name=str(author.get("displayName") or handle),
        author_handle=f"@{handle}" if handle else "",
        url=url,
        parent_remote_id=parent if isinstance(parent, str) else None,
        root_remote_id=root if isinstance(root, str) else None,
    )


def read_notifications(body: dict[str, Any], state: dict[str, str]) -> InboxBatch:
    """The items newer than the cursor's mark, and the next cursor, from one page."""
    mark = parse_time(state.get("mark"))
    notes = [n for n in as_list(body.get("notifications")) if isinstance(n, dict)]
    items: list[RemoteItem] = []
    reached = False
    newest = parse_time(state.get("top"))
    for note in notes:
        when = parse_time(note.get("indexedAt"))
        if when is None:
            continue
        newest = max(newest, when) if newest else when
        if mark is not None and when <= mark:
            reached = True
            continue
        item = notification_item(note)
        if item is not None:
            items.append(item)
    next_page = body.get("cursor") if isinstance(body.get("cursor"), str) else None
    if reached or not next_page or not notes:
        top = max(d for d in (newest, mark) if d) if (newest or mark) else None
        done = {"mark": top.isoformat() if top else None}
        return InboxBatch(tuple(items), json.dumps(done), more=False)
    going = {
        "mark": mark.isoformat() if mark else None,
        "page": next_page,
        "top": newest.isoformat() if newest else None,
    }
    return InboxBatch(tuple(items), json.dumps(going), more=True)
