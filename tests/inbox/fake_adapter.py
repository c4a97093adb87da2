"""A scripted adapter at our boundary: the protocol's inbox side, with cursors and pages.

It serves items in pages of `page_size` from `items` (oldest first), with the
cursor being the index of the next item, the way the real servers' cursors
work; `offline` makes the next fetches raise `Offline`, as a refused connection
does in the real adapters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import LengthUnit
from smalltown_social.networks.base import (
    Capabilities,
    Content,
    Identity,
    InboxBatch,
    Media,
    Metrics,
    Offline,
    Published,
    RemoteItem,
    ReplyTo,
)

OFFLINE = Text("Sin conexión", "Offline")


class FakeInboxAdapter:
    def __init__(self, account: Account, items: list[RemoteItem], page_size: int = 3) -> None:
        self.account = account
        self.items = items
        self.page_size = page_size
        self.offline = False
        self.fetches: list[str | None] = []
        self.hidden: list[str] = []
        self.deleted: list[str] = []
        self.closed = 0
        self.can_hide = True

    def capabilities(self) -> Capabilities:
        return Capabilities(
            LengthUnit.CHARACTERS, 500, hide_comments=self.can_hide, delete_comments=True
        )

    def verify(self) -> Identity:
        return Identity(self.account.name)

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        raise NotImplementedError

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        self.fetches.append(cursor)
        if self.offline:
            raise Offline(OFFLINE, "connection refused")
        start = int(cursor or 0)
        page = self.items[start : start + self.page_size]
        end = start + len(page)
        return InboxBatch(tuple(page), str(end), more=end < len(self.items))

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        raise NotImplementedError

    def cancel_scheduled(self, remote_id: str) -> None:
        raise NotImplementedError

    def hide(self, item: ReplyTo) -> None:
        self.hidden.append(item.remote_id)

    def delete(self, item: ReplyTo) -> None:
        self.deleted.append(item.remote_id)

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        return {}

    def close(self) -> None:
        self.closed += 1
