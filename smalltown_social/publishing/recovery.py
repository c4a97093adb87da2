"""Targets left in `publishing`: look on the network before anything is sent again.

A target is left in `publishing` when a process died between its claim and
its record, or when the call's outcome was unknown (a timeout after sending).
Whether it is recovered depends on who holds the claim:

- a process that is still alive (its claim lock held: `claim_owner.py`) is
  never taken over, however long its call lasts (an Instagram carousel
  waiting for its containers, a slow line): recovering its claim would send
  the post again when its call ends. It records the outcome itself;
- a process that is gone (its claim lock free) → recovered at once;
- this process: never while one of its threads is working on the target;
  its own unknown outcome after `RECHECK_AFTER`; a claim whose handling
  broke off (an exception before the record) at once;
- no owner recorded (no claim lock could be taken, or an older version's
  claim): only time tells, so it is recovered once stale (older than
  `STALE_AFTER`, or in the future after the clock went back).

Recovery acts only on the claim it judged: if the target was claimed again
meanwhile, it is left to its new owner. Then:

- found on the network → `published` (no second post). A network that can
  only match by text is given the first claim of this key (less a clock
  margin) and the remote ids already recorded for the account's other
  targets: the same text posted twice is two posts, never proof of each other;
- surely absent and now later than the lateness rule → `missed` (the clerk
  decides, as for a post the PC was off for);
- surely absent → `scheduled` again, same idempotency key, due at once;
- the network is unreachable → stays `publishing`, looked at on the next sweep;
- any other answer that cannot tell → `unconfirmed`, shown to the clerk.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from smalltown_social.core.i18n import both
from smalltown_social.networks.base import Adapter, Content, NetworkError, Offline, Published
from smalltown_social.publishing import messages as m
from smalltown_social.publishing.claim_owner import is_gone
from smalltown_social.storage.outbox_repo import Left
from smalltown_social.storage.targets_store import Claimed

if TYPE_CHECKING:
    from smalltown_social.publishing.outbox import Outbox

log = logging.getLogger(__name__)

# How far before the first claim to look for the post on the network: the
# server's clock may be behind ours.
CLOCK_MARGIN = timedelta(minutes=5)
# A claim with no owner recorded and older than this belongs to a process that died
# (or a call that hung). A claim whose owner is alive never goes stale.
STALE_AFTER = timedelta(minutes=10)
# Our own unknown outcome is looked up on the network after this pause.
RECHECK_AFTER = timedelta(seconds=60)


def recover_left_over(outbox: Outbox) -> int:
    """Recover every target left in `publishing` whose claim nobody works on any more."""
    now = outbox.clock.now()
    recovered = 0
    for left in outbox.repo.publishing():
        if abandoned(outbox, left, now) and recover(outbox, left.target_id, left):
            recovered += 1
    return recovered


def abandoned(outbox: Outbox, left: Left, now: datetime) -> bool:
    """True when no live process will record this claim's outcome (see the module's text)."""
    target_id, claimed_utc = left.target_id, left.claimed_utc
    if outbox.busy(target_id):
        return False  # one of our threads is calling the network for it right now
    own = outbox.unknown.get(target_id)
    if own is not None and claimed_utc == own:
        return abs(now - own) >= RECHECK_AFTER
    if left.owner is None or claimed_utc is None:
        return claimed_utc is None or abs(now - claimed_utc) >= STALE_AFTER
    if left.owner == outbox.owner.current():
        log.info("target %s: this process's claim was left unrecorded", target_id)
        return True
    if is_gone(outbox.owner.folder, left.owner):
        log.info("target %s: its claiming process is gone", target_id)
        return True
    return False


def recover(  # noqa: PLR0911
    outbox: Outbox, target_id: int, judged: Left | None = None
) -> bool:
    """Settle one target left in `publishing`; True when it left that state.

    `judged`: the claim found abandoned; if the target was claimed again since
    (by a process that is alive and calling the network), it is not touched.
    """
    claimed = outbox.repo.claimed(target_id)
    if claimed is None:
        return False
    if judged is not None and (claimed.claimed_utc, claimed.owner) != (
        judged.claimed_utc,
        judged.owner,
    ):
        log.info("recovery: target %s was claimed again meanwhile; left to its owner", target_id)
        return False
    post = outbox.posts.get(claimed.post_id)
    account = outbox.accounts.get(claimed.account_id)
    if post is None or account is None:
        return _unconfirmed(outbox, claimed, "post or account gone")
    try:
        adapter = outbox.adapters(account)
    except NetworkError as error:
        return _cannot_tell(outbox, claimed, error)
    except Exception as error:  # keyring locked: look again on the next sweep
        log.warning("recovery of target %s postponed: %s", target_id, error)
        return False
    try:
        reply_to = outbox.reply_target(post)
        # A hand-over to the server's scheduler may sit among scheduled posts: say so.
        due = claimed.due_utc
        ahead = post.server_scheduling and due is not None and due > outbox.clock.now()
        content = Content(text=post.text, reply_to=reply_to, scheduled_utc=due if ahead else None)
        found = look(outbox, adapter, claimed, content)
    except NetworkError as error:
        return _cannot_tell(outbox, claimed, error)
    except Exception as error:
        log.exception("recovery of target %s: unexpected error", target_id)
        return _unconfirmed(outbox, claimed, str(error))
    finally:
        adapter.close()
    if found is not None:
        log.info("recovery: target %s found on the network as %s", target_id, found.remote_id)
        outbox.record_success(claimed, post, found)
        return True
    ours = outbox.unknown.pop(target_id, None) == claimed.claimed_utc
    cutoff, hours = outbox.late_before()
    if claimed.due_utc is not None and claimed.due_utc < cutoff:
        log.warning("recovery: target %s surely absent and more than %s h late", target_id, hours)
        why = m.MISSED.format(hours=hours)
        if outbox.store.record_missed(target_id, claimed.claimed_utc, both(why)):
            outbox.reports.on_failed(target_id, why(outbox.language))
            return True
        return False
    if ours:
        # Our own call failed (a 5xx on a network without keys, a timeout) and made
        # nothing: a failed attempt like any other, counted towards MAX_ATTEMPTS.
        log.info("recovery: target %s surely absent after our failed call", target_id)
        outbox.retry_counted(claimed, m.NOT_THERE)
        return True
    log.info("recovery: target %s surely absent; scheduled again with the same key", target_id)
    return outbox.store.record_retry(
        target_id, claimed.claimed_utc, outbox.clock.now(), "", count_attempt=False
    )


def look(outbox: Outbox, adapter: Adapter, claimed: Claimed, content: Content) -> Published | None:
    """The target's post on the network, made with its key since its first claim.

    A network that matches by text gets the first claim of the key (less
    `CLOCK_MARGIN`) and the remote ids already recorded for the account's
    other targets, none of which can be this post. Raises `NetworkError`
    when the network cannot tell.
    """
    since = (claimed.first_claim_utc or claimed.claimed_utc) - CLOCK_MARGIN
    others = outbox.repo.recorded_remote_ids(claimed.account_id, other_than=claimed.target_id)
    return adapter.find(claimed.idempotency_key, content, since, others)


def _cannot_tell(outbox: Outbox, claimed: Claimed, error: NetworkError) -> bool:
    if isinstance(error, Offline):
        log.info("recovery of target %s waits for the connection", claimed.target_id)
        return False
    return _unconfirmed(outbox, claimed, error.detail or error.text.en)


def _unconfirmed(outbox: Outbox, claimed: Claimed, detail: str) -> bool:
    outbox.unknown.pop(claimed.target_id, None)
    if outbox.store.record_unconfirmed(claimed.target_id, claimed.claimed_utc, both(m.UNCONFIRMED)):
        log.warning("target %s unconfirmed: %s", claimed.target_id, detail)
        outbox.reports.on_unconfirmed(claimed.target_id)
        return True
    return False
