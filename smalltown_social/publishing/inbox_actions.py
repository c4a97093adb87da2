"""What the clerk does with an inbox item: answer it, hide or delete it.

An answer is queued by the save-or-schedule use case (`PostComposer.reply`
in publishing/compose.py): a post with `reply_to_item_id` and one target on
the item's account, due now, that the outbox sends with the same exactly-once
guarantee as any post and marks the item answered. Hiding and deleting go to
the network where its capabilities allow, and every action is written to the
event log with who did it and when.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.networks.base import NOT_SUPPORTED, Adapter, PermanentError, ReplyTo
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository

_VARIABLE = re.compile(r"\{(\w+)\}")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Replace {nombre}, {usuario}, {red}… with `values`; unknown variables stay as typed."""
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def template_values(item: InboxItem, network_name: str) -> dict[str, str]:
    first = item.author_name.split()[0] if item.author_name.split() else item.author_handle
    return {
        "nombre": first,
        "name": first,
        "usuario": item.author_handle,
        "handle": item.author_handle,
        "red": network_name,
        "network": network_name,
    }


def reply_to(item: InboxItem) -> ReplyTo:
    return ReplyTo(
        remote_id=item.remote_id,
        root_remote_id=item.root_remote_id or item.parent_remote_id,
        author_handle=item.author_handle,
        private=item.private,
    )


def moderate(
    adapter: Adapter,
    inbox: InboxRepository,
    events: EventLog,
    item: InboxItem,
    action: str,
    *,
    who: str,
) -> None:
    """Hide ("hide") or delete ("delete") a comment on the network, and record it.

    Raises `PermanentError` (with NOT_SUPPORTED) where the network does not allow it,
    and the adapter's own `NetworkError`s otherwise.
    """
    if item.id is None:
        raise ValueError("an inbox item must be stored before it is moderated")
    capabilities = adapter.capabilities()
    allowed = capabilities.hide_comments if action == "hide" else capabilities.delete_comments
    if not allowed:
        raise PermanentError(NOT_SUPPORTED, "not supported")
    if action == "hide":
        adapter.hide(reply_to(item))
    elif action == "delete":
        adapter.delete(reply_to(item))
    else:
        raise ValueError(f"unknown moderation action {action!r}")
    inbox.set_hidden(item.id, True)
    inbox.set_status([item.id], InboxStatus.ARCHIVED)
    events.record(
        f"inbox_{action}",
        f"{who}: item {item.id} {item.network}:{item.remote_id}",
        account_id=item.account_id,
    )


def record_local(events: EventLog, item: InboxItem, what: str, *, who: str) -> None:
    """A change that stays in the app (status, label, hidden here only)."""
    events.record(f"inbox_{what}", f"{who}: item {item.id}", account_id=item.account_id)


HIDDEN_HERE = Text(
    "Oculto solo en la aplicación: esta red no permite ocultarlo a los demás.",
    "Hidden in the app only: this network does not let apps hide it from others.",
)
