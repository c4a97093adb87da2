"""An inbox item: what a citizen wrote to one of our accounts, and what we did with it.

One model from the network to the screen: the sync stores `InboxItem`s, the
inbox list and the conversation read them back (then with the joined account
name, the text of our post it answers and its label's name and colour).
Kinds and statuses are enums; a label is a built-in `Label` or the name of
one of the clerk's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from smalltown_social.core.accounts import Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.labels import Label


class ItemKind(StrEnum):
    COMMENT = "comment"
    MENTION = "mention"
    REPLY = "reply"
    MESSAGE = "message"


class InboxStatus(StrEnum):
    NEW = "new"
    PENDING = "pending"
    ANSWERED = "answered"
    ARCHIVED = "archived"


STATUS_NAMES: dict[InboxStatus, Text] = {
    InboxStatus.NEW: Text("Nuevo", "New"),
    InboxStatus.PENDING: Text("Pendiente", "Pending"),
    InboxStatus.ANSWERED: Text("Respondido", "Answered"),
    InboxStatus.ARCHIVED: Text("Archivado", "Archived"),
}

WAITING = frozenset({InboxStatus.NEW, InboxStatus.PENDING})
"""Statuses in which an item still waits for us."""


@dataclass(frozen=True)
class InboxItem:
    account_id: int
    network: Network
    remote_id: str
    kind: ItemKind
    text: str
    received_utc: datetime
    author_name: str = ""
    author_handle: str = ""
    url: str | None = None
    parent_remote_id: str | None = None
    root_remote_id: str | None = None
    target_id: int | None = None
    status: InboxStatus = InboxStatus.NEW
    label_id: int | None = None
    hidden: bool = False
    id: int | None = None
    # Read back with the item (not stored on it):
    account_name: str = ""
    post_text: str | None = None  # our post it answers
    label: Label | str | None = None  # a built-in label, or the name of the clerk's own
    label_color: str | None = None

    @property
    def private(self) -> bool:
        return self.kind == ItemKind.MESSAGE
