"""How much of a network's publishing allowance is left, told before it runs out.

Instagram allows a fixed number of posts per rolling 24 hours (read from
`content_publishing_limit`). The composer asks here when an Instagram account
is chosen (off the GUI thread) and shows the note on that network's card when
the account is near its limit. Adapters without an allowance are skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import Adapter

log = logging.getLogger(__name__)

NEAR = 0.8  # from 80 % of the allowance on, the clerk is told

TEXT_NEAR = Text(
    "«{name}» lleva {used} de {total} publicaciones en las últimas 24 horas: quedan {left}.",
    "“{name}” has made {used} of {total} posts in the last 24 hours: {left} left.",
)


@runtime_checkable
class HasQuota(Protocol):
    def publishing_quota(self) -> tuple[int, int]: ...


def near_limit(used: int, total: int) -> bool:
    return total > 0 and used >= total * NEAR


def quota_notes(
    accounts: Sequence[Account], adapters: Callable[[Account], Adapter]
) -> dict[int, Text]:
    """Per account id, a note for the accounts near their 24-hour allowance."""
    notes: dict[int, Text] = {}
    for account in accounts:
        if account.demo:
            continue
        try:
            adapter = adapters(account)
        except Exception as error:  # no key, keyring locked: nothing to tell here
            log.info("quota of account %s not read: %s", account.id, type(error).__name__)
            continue
        try:
            if not isinstance(adapter, HasQuota):
                continue
            used, total = adapter.publishing_quota()
        except Exception as error:  # offline, refused: the outbox tells its own story
            log.info("quota of account %s not read: %s", account.id, type(error).__name__)
            continue
        finally:
            adapter.close()
        if near_limit(used, total):
            notes[account.id] = TEXT_NEAR.format(
                name=account.name, used=used, total=total, left=max(0, total - used)
            )
    return notes
