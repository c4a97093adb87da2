"""Withdrawing a post handed to the network's own scheduler, so the clerk can change it.

A handed-over target is recorded `published` (it will go out with the PC
off). To edit or cancel it, the network must first delete its scheduled copy;
only when it confirms does the target become a draft again, with a new
idempotency key. If the network cannot be reached, or the copy already went
out, nothing changes and the clerk is told why: never two posts, never a
change that the network did not take.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.posts import new_idempotency_key
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter, NetworkError
from smalltown_social.publishing.clock import Clock
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.targets_store import TargetStore

log = logging.getLogger(__name__)

# Closer than this to its time, the network may be sending it already.
TOO_CLOSE = timedelta(minutes=2)

NOT_HANDED_OVER = Text(
    "Esta publicación no está programada en la red: no hay nada que retirar.",
    "This post is not scheduled on the network: there is nothing to withdraw.",
)
TOO_LATE = Text(
    "Falta muy poco para su hora y la red puede estar publicándola ya: no se puede retirar.",
    "Its time is too close and the network may be sending it already: it cannot be withdrawn.",
)
CHANGED_MEANWHILE = Text(
    "La publicación ha cambiado mientras se retiraba; vuelva a abrirla.",
    "The post changed while it was being withdrawn; open it again.",
)


class WithdrawRefused(Exception):
    """Nothing changed; `text` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def withdraw_post(
    database: Database,
    adapters: Callable[[Account], Adapter],
    clock: Clock,
    post_id: int,
) -> int:
    """Withdraw every handed-over target of a post; returns how many became drafts.

    Raises `WithdrawRefused` at the first target the network would not let go
    (those withdrawn before it stay withdrawn: each one is consistent alone).
    """
    posts = PostsRepository(database)
    accounts = AccountsRepository(database)
    store = TargetStore(database)
    handed = [
        t
        for t in posts.targets_of(post_id)
        if t.state is TargetState.PUBLISHED and t.on_server and t.remote_id
    ]
    if not handed:
        raise WithdrawRefused(NOT_HANDED_OVER)
    withdrawn = 0
    for target in handed:
        assert target.id is not None and target.remote_id is not None
        if target.due_utc is None or target.due_utc - clock.now() < TOO_CLOSE:
            raise WithdrawRefused(TOO_LATE)
        account = accounts.get(target.account_id)
        if account is None:
            raise WithdrawRefused(NOT_HANDED_OVER)
        try:
            adapter = adapters(account)
            try:
                adapter.cancel_scheduled(target.remote_id)
            finally:
                adapter.close()
        except NetworkError as error:
            log.warning("target %s: withdrawal refused (%s)", target.id, error.detail)
            raise WithdrawRefused(error.text) from None
        if not store.withdraw(target.id, target.remote_id, new_idempotency_key()):
            raise WithdrawRefused(CHANGED_MEANWHILE)
        log.info("target %s withdrawn from the network's scheduler", target.id)
        withdrawn += 1
    return withdrawn
