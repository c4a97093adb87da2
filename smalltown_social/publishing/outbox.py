"""The outbox: claim → call → record, one target at a time, exactly once.

1. Claim: one conditional UPDATE (scheduled → publishing) committed before
   any network call. Whoever loses the claim (a date job, the sweep, another
   process running `publish-due`) does nothing.
2. Call: the adapter, with the target's own idempotency key (the same key on
   every retry).
3. Record: published (remote id, URL, time, event), failed (a reason in
   Spanish and English), or scheduled again with a later `next_attempt_utc`.
   Only the holder of the claim may record (the claim's time names it).

An unknown outcome (timeout after sending, a crash) leaves the target in
`publishing`; `recovery.py` asks the network before anything is sent again.
One target's failure never touches another target.

Server-side scheduling: a post marked `server_scheduling` on an account whose
adapter can schedule (Mastodon `scheduled_at`) is handed over up to
`HANDOVER_AHEAD` before its time, at least the network's minimum ahead plus a
margin; it is then recorded `published` (with `published_utc` = its due time
and a "scheduled on the server" event), so it goes out with the PC off. From
that moment it is locked like any published post: an edit or a move is
refused by the repositories, until the clerk withdraws it (`handover.py`: the
network deletes its scheduled copy first, then the target is a draft again,
with a new key). Too close to its time, or on a network that cannot
schedule, it goes out locally at its time.
Demo accounts are never published to.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from smalltown_social.core.accounts import Account
from smalltown_social.core.costs import post_price, usd
from smalltown_social.core.i18n import Language, Text, both
from smalltown_social.core.networks import NETWORK_NAMES
from smalltown_social.core.posts import Post
from smalltown_social.core.settings import LATENESS_HOURS, PAUSED, SPENDING_CAPS
from smalltown_social.networks.base import (
    Adapter,
    Capabilities,
    Content,
    Media,
    NeedsReconnect,
    NetworkError,
    Offline,
    OutcomeUnknown,
    PermanentError,
    Published,
    RateLimited,
    ReplyTo,
    TemporaryError,
)
from smalltown_social.networks.media import ImageError, prepare_image
from smalltown_social.publishing import messages as m
from smalltown_social.publishing.claim_owner import ClaimOwner, claims_folder
from smalltown_social.publishing.clock import Clock
from smalltown_social.publishing.inbox_actions import reply_to
from smalltown_social.publishing.recovery import look, recover_left_over
from smalltown_social.secrets import SecretsError
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.outbox_repo import OutboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.spending import spent_this_month
from smalltown_social.storage.targets_store import Claimed, TargetStore

log = logging.getLogger(__name__)

AdapterFactory = Callable[[Account], Adapter]

OFFLINE_RETRY = timedelta(seconds=60)
# A locked or missing keyring: looked at again after this, no attempt counted.
KEYRING_RETRY = timedelta(minutes=5)
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
# The longest a server's "retry after" may hold back a retry of a 5xx: well
# inside Mastodon's one-hour Idempotency-Key memory, so the retry cannot duplicate.
SERVER_RETRY_MAX = timedelta(minutes=30)
# A retry this close to the end of the server's memory of its key looks first.
MEMORY_MARGIN = timedelta(minutes=10)
# The longest a rate limit may hold a post back (the lateness rule acts first).
RATE_LIMIT_MAX = timedelta(hours=24)
MAX_ATTEMPTS = 8
# The sweep runs every ~60 s: a post is never "late" by the sweep's own delay.
LATENESS_SLACK = timedelta(minutes=2)
# Posts marked for server-side scheduling are handed over this far ahead.
HANDOVER_AHEAD = timedelta(days=28)
HANDOVER_MARGIN = timedelta(seconds=60)
# A post held back by a paid network's monthly spending limit is looked at again after this.
SPENDING_CAP_RECHECK = timedelta(hours=1)


class Outcome(StrEnum):
    PUBLISHED = "published"
    SCHEDULED_ON_SERVER = "scheduled_on_server"
    FAILED = "failed"
    RETRY = "retry"  # scheduled again with backoff, same key
    WAITING = "waiting"  # offline: scheduled again, no attempt counted
    UNKNOWN = "unknown"  # left in publishing for recovery
    UNCONFIRMED = "unconfirmed"
    NOT_CLAIMED = "not_claimed"  # paused, not due, or someone else has it


class Reports(Protocol):
    """Plain callbacks, called on the outbox's thread (the UI turns them into signals)."""

    def on_published(self, target_id: int) -> None: ...

    def on_failed(self, target_id: int, reason: str) -> None: ...

    def on_unconfirmed(self, target_id: int) -> None: ...


class NoReports:
    def on_published(self, target_id: int) -> None:
        pass

    def on_failed(self, target_id: int, reason: str) -> None:
        pass

    def on_unconfirmed(self, target_id: int) -> None:
        pass


@dataclass
class SweepResult:
    missed: int = 0
    recovered: int = 0
    outcomes: dict[int, Outcome] | None = None
    rolled: int = 0  # next occurrences of recurring posts created

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in (self.outcomes or {}).values() if o is outcome)


class Outbox:
    def __init__(
        self,
        database: Database,
        adapters: AdapterFactory,
        clock: Clock,
        *,
        reports: Reports | None = None,
        language: Language = "es",
    ) -> None:
        self.database = database
        self.adapters = adapters
        self.clock = clock
        self.reports: Reports = reports or NoReports()
        self.language: Language = language
        self.repo = OutboxRepository(database)
        self.store = TargetStore(database)
        self.posts = PostsRepository(database)
        self.accounts = AccountsRepository(database)
        self.inbox = InboxRepository(database)
        self.settings = SettingsRepository(database)
        # This process's name on its claims (a dead owner's claim is recovered at once).
        self.owner = ClaimOwner(claims_folder(database.path))
        # Our own unknown outcomes: target id -> claim time (recovered after RECHECK_AFTER).
        self.unknown: dict[int, datetime] = {}
        # Targets held back by a spending limit the clerk has been told about (once each).
        self.held_by_cap: set[int] = set()
        # During a sweep, one adapter per account on this thread (one login, one limits call).
        self._local = threading.local()
        # Targets one of this process's threads is claiming or calling the network for
        # (a date job beside the sweep): never recovered from under them.
        self._working: Counter[int] = Counter()
        self._working_lock = threading.Lock()

    # --- the sweep ----------------------------------------------------------------------

    def close(self) -> None:
        """Give up this process's claim lock (its claims are all recorded by now)."""
        self.owner.close()

    def paused(self) -> bool:
        return self.settings.get(PAUSED)

    def busy(self, target_id: int) -> bool:
        """True while a thread of this process claims or publishes the target."""
        with self._working_lock:
            return self._working[target_id] > 0

    @contextmanager
    def _work_on(self, target_id: int) -> Iterator[None]:
        # Marked before the claim, so a sweep on another thread never sees our fresh
        # claim without its worker.
        with self._working_lock:
            self._working[target_id] += 1
        try:
            yield
        finally:
            with self._working_lock:
                self._working[target_id] -= 1
                if self._working[target_id] <= 0:
                    del self._working[target_id]

    def sweep(self) -> SweepResult:
        """Missed rule, recovery of left-over claims, then every due target. Safe to repeat."""
        result = SweepResult(outcomes={})
        if self.paused():
            log.info("publishing paused: nothing claimed")
            return result
        result.missed = self.apply_lateness()
        result.recovered = recover_left_over(self)
        now = self.clock.now()
        cache: dict[int, Adapter] = {}
        self._local.adapters = cache
        try:
            for target_id in self.repo.due_ids(now, handover_until=now + HANDOVER_AHEAD):
                assert result.outcomes is not None
                result.outcomes[target_id] = self.process(target_id, checked=True)
        finally:
            self._local.adapters = None
            for adapter in cache.values():
                adapter.close()
        # A recurring post whose occurrence is done gets its next one, here too, so
        # `publish-due` alone (the PC's task scheduler, no window) keeps a series going.
        rolled = CalendarRepository(self.database).roll_recurring(self.clock.now())
        if rolled:
            log.info("recurring posts rolled on to new posts %s", rolled)
        result.rolled = len(rolled)
        return result

    def late_before(self) -> tuple[datetime, int]:
        """(cutoff, hours): a target due before the cutoff may not go out without asking."""
        hours = self.settings.get(LATENESS_HOURS)
        return self.clock.now() - timedelta(hours=hours) - LATENESS_SLACK, hours

    def apply_lateness(self) -> int:
        """Scheduled targets later than the clerk's rule become `missed`: the clerk decides."""
        cutoff, hours = self.late_before()
        reason = both(m.MISSED.format(hours=hours))
        missed = self.store.mark_missed(cutoff, reason)
        for target_id in missed:
            log.warning("target %s missed (more than %s h late)", target_id, hours)
            self.reports.on_failed(target_id, m.MISSED.format(hours=hours)(self.language))
        return len(missed)

    # --- one target -----------------------------------------------------------------------

    def process(self, target_id: int, *, checked: bool = False) -> Outcome:
        """Publish one target if it is due and nobody else has it (a date job calls this)."""
        if not checked:
            if self.paused():
                return Outcome.NOT_CLAIMED
            self.apply_lateness()
            now = self.clock.now()
            if target_id not in self.repo.due_ids(now, handover_until=now + HANDOVER_AHEAD):
                return Outcome.NOT_CLAIMED
        with self._work_on(target_id):
            claimed = self.store.claim(target_id, self.clock.now(), owner=self.owner.token())
            if claimed is None:
                return Outcome.NOT_CLAIMED
            log.info("target %s claimed (attempt %s)", target_id, claimed.attempts + 1)
            return self._send(claimed)

    def _send(self, claimed: Claimed) -> Outcome:
        post = self.posts.get(claimed.post_id)
        account = self.accounts.get(claimed.account_id)
        if post is None or account is None:
            return self._fail(claimed, m.NO_ACCOUNT)
        cache: dict[int, Adapter] | None = getattr(self._local, "adapters", None)
        try:
            adapter = cache.get(account.id) if cache is not None else None
            if adapter is None:
                adapter = self.adapters(account)
                if cache is not None:
                    cache[account.id] = adapter
        except NetworkError as error:
            return self._refused_before_sending(claimed, error)
        except SecretsError as error:  # not the network's fault: wait, count nothing
            log.warning("target %s waits for the keyring: %s", claimed.target_id, error)
            at = self.clock.now() + KEYRING_RETRY
            return self._retry(claimed, at, m.KEYRING, count=False)
        except Exception as error:
            log.warning("adapter for target %s not available: %s", claimed.target_id, error)
            return self._retry(claimed, None, m.WAITING_FOR_CONNECTION, count=True)
        try:
            return self._call(claimed, post, adapter)
        finally:
            if cache is None:
                adapter.close()

    def _call(self, claimed: Claimed, post: Post, adapter: Adapter) -> Outcome:  # noqa: PLR0911
        # Before the call nothing can have been sent: any failure here is not "unknown".
        try:
            capabilities = adapter.capabilities()
            to = self.reply_target(post)
            scheduled = self._server_time(
                post, claimed, capabilities.server_scheduling, capabilities.min_schedule_ahead_s
            )
            if scheduled is None and claimed.due_utc and claimed.due_utc > self.clock.now():
                # Not handed over (too close, or not possible): it goes out locally at its time.
                self.store.record_retry(
                    claimed.target_id,
                    claimed.claimed_utc,
                    claimed.due_utc,
                    "",
                    count_attempt=False,
                )
                return Outcome.NOT_CLAIMED
            media = [self._media(image.path, image.alt_text, capabilities) for image in post.images]
        except ImageError as error:
            return self._fail(claimed, error.text)
        except _Refused as refused:
            return self._fail(claimed, refused.text)
        except NetworkError as error:
            return self._refused_before_sending(claimed, error)
        content = Content(text=post.text, reply_to=to, scheduled_utc=scheduled)
        settled = self._before_sending(claimed, post, adapter, content, capabilities)
        if settled is not None:
            return settled
        try:
            if to is not None:
                result = adapter.reply(to, post.text, claimed.idempotency_key)
            else:
                result = adapter.publish(content, media, claimed.idempotency_key)
        except (Offline, NeedsReconnect, PermanentError, TemporaryError) as error:
            if _maybe_sent(error, capabilities):
                log.warning(
                    "target %s: %s on a network without idempotency: outcome unknown",
                    claimed.target_id,
                    error.detail,
                )
                self.unknown[claimed.target_id] = claimed.claimed_utc
                return Outcome.UNKNOWN
            return self._refused_before_sending(claimed, error)
        except OutcomeUnknown as error:
            log.warning("target %s: outcome unknown (%s)", claimed.target_id, error.detail)
            self.unknown[claimed.target_id] = claimed.claimed_utc
            return Outcome.UNKNOWN
        except Exception:
            log.exception("target %s: unexpected error from the adapter", claimed.target_id)
            self.unknown[claimed.target_id] = claimed.claimed_utc
            return Outcome.UNKNOWN
        return self.record_success(claimed, post, result)

    def _before_sending(
        self,
        claimed: Claimed,
        post: Post,
        adapter: Adapter,
        content: Content,
        capabilities: Capabilities,
    ) -> Outcome | None:
        """Held by a spending limit, or found already out by a late retry; None: send it."""
        held = self._over_spending_cap(claimed, post, adapter.account)
        if held is not None:
            return held
        if self._server_may_have_forgotten(claimed, capabilities):
            return self._look_first(claimed, post, adapter, content)
        return None

    def _server_may_have_forgotten(self, claimed: Claimed, capabilities: Capabilities) -> bool:
        """A retry later than the server remembers its key: an earlier try may have gone out.

        (A 5xx after the server made the post, then the PC asleep for hours.)
        """
        memory = capabilities.idempotency_memory_s
        first = claimed.first_claim_utc
        if claimed.attempts == 0 or memory is None or first is None:
            return False
        return self.clock.now() - first >= timedelta(seconds=memory) - MEMORY_MARGIN

    def _look_first(
        self, claimed: Claimed, post: Post, adapter: Adapter, content: Content
    ) -> Outcome | None:
        """Look on the network before a late retry; None when surely absent (send it)."""
        try:
            found = look(self, adapter, claimed, content)
        except Offline as error:
            return self._refused_before_sending(claimed, error)
        except NetworkError as error:
            log.warning("target %s: cannot look before retrying (%s)", claimed.target_id, error)
            self.unknown[claimed.target_id] = claimed.claimed_utc
            return Outcome.UNKNOWN
        if found is None:
            return None
        log.info("target %s: an earlier try went out after all", claimed.target_id)
        return self.record_success(claimed, post, found)

    def _over_spending_cap(self, claimed: Claimed, post: Post, account: Account) -> Outcome | None:
        """Hold a paid post that would pass this month's limit; tell the clerk once."""
        price = post_price(account.network, post.text)
        cap_setting = SPENDING_CAPS.get(account.network)
        if price is None or cap_setting is None:
            self.held_by_cap.discard(claimed.target_id)
            return None
        now = self.clock.now()
        cap = Decimal(self.settings.get(cap_setting))
        spent = spent_this_month(self.database, account.network, now, other_than=claimed.target_id)
        if spent + price <= cap:
            self.held_by_cap.discard(claimed.target_id)
            return None
        language = self.language
        why = m.SPENDING_CAP.format(
            network=NETWORK_NAMES[account.network],
            price=usd(price, language),
            spent=usd(spent, language),
            cap=usd(cap, language),
        )
        log.warning(
            "target %s held: %s spending limit (%s spent, %s more)",
            claimed.target_id,
            account.network.value,
            spent,
            price,
        )
        self.store.record_retry(
            claimed.target_id,
            claimed.claimed_utc,
            now + SPENDING_CAP_RECHECK,
            both(why),
            count_attempt=False,
        )
        if claimed.target_id not in self.held_by_cap:
            self.held_by_cap.add(claimed.target_id)
            self.reports.on_failed(claimed.target_id, why(language))
        return Outcome.WAITING

    def record_success(self, claimed: Claimed, post: Post, result: Published) -> Outcome:
        on_server = result.scheduled_on_server
        when = (claimed.due_utc if on_server else result.created_utc) or self.clock.now()
        detail = f"{result.remote_id} {result.url or ''}".strip()
        if on_server:
            detail = f"scheduled on the server for {when.isoformat()}: {detail}"
        recorded = self.store.record_published(
            claimed.target_id,
            result.remote_id,
            result.url,
            when,
            detail=detail,
            answered_item_id=post.reply_to_item_id,
            claim=claimed.claimed_utc,
            on_server=on_server,
        )
        self.unknown.pop(claimed.target_id, None)
        if not recorded:
            log.warning("target %s: published, but the claim was taken over", claimed.target_id)
            return Outcome.NOT_CLAIMED
        log.info("target %s published as %s", claimed.target_id, result.remote_id)
        self.reports.on_published(claimed.target_id)
        return Outcome.SCHEDULED_ON_SERVER if on_server else Outcome.PUBLISHED

    # --- what the call needs -----------------------------------------------------------

    def reply_target(self, post: Post) -> ReplyTo | None:
        if post.reply_to_item_id is None:
            return None
        item = self.inbox.get(post.reply_to_item_id)
        if item is None:
            raise _Refused(m.NO_INBOX_ITEM)
        return reply_to(item)

    def _server_time(
        self, post: Post, claimed: Claimed, possible: bool, min_ahead_s: int
    ) -> datetime | None:
        """The due time to hand over to the network's scheduler, or None to send now."""
        due = claimed.due_utc
        if not post.server_scheduling or not possible or due is None:
            return None
        if due - self.clock.now() < timedelta(seconds=min_ahead_s) + HANDOVER_MARGIN:
            return None
        return due

    def _media(self, path: str, alt_text: str, capabilities: Capabilities) -> Media:
        return prepare_image(Path(path), alt_text, capabilities)

    # --- records ---------------------------------------------------------------------------

    def _refused_before_sending(self, claimed: Claimed, error: NetworkError) -> Outcome:
        """An error that proves nothing went out (or that the server refused it)."""
        if isinstance(error, NeedsReconnect):
            self.accounts.set_status(claimed.account_id, "needs_reconnect", error.text.es)
            return self._fail(claimed, error.text, m.RECONNECT)
        if isinstance(error, PermanentError):
            return self._fail(claimed, error.text)
        now = self.clock.now()
        if isinstance(error, RateLimited):
            return self._retry(
                claimed, min(error.until, now + RATE_LIMIT_MAX), error.text, count=True
            )
        if isinstance(error, TemporaryError):
            asked = error.retry_after_s
            wait = (
                timedelta(seconds=min(asked, SERVER_RETRY_MAX.total_seconds()))
                if asked and asked > 0
                else backoff(claimed.attempts + 1)
            )
            return self._retry(claimed, now + wait, error.text, count=True)
        # Offline, or an unknown outcome before the publishing call (nothing was sent).
        return self._retry(claimed, None, m.WAITING_FOR_CONNECTION, count=False)

    def retry_counted(self, claimed: Claimed, why: Text) -> Outcome:
        """A failed attempt, looked up and surely absent: due again at once (the look took
        `RECHECK_AFTER` already), and failed after MAX_ATTEMPTS like any other."""
        return self._retry(claimed, self.clock.now(), why, count=True)

    def _retry(self, claimed: Claimed, at: datetime | None, why: Text, *, count: bool) -> Outcome:
        now = self.clock.now()
        if count and claimed.attempts + 1 >= MAX_ATTEMPTS:
            return self._fail(claimed, why, m.GAVE_UP.format(n=MAX_ATTEMPTS))
        if at is None:
            at = now + (backoff(claimed.attempts + 1) if count else OFFLINE_RETRY)
        at = max(at, now)
        note = both(why) if not count else both(why, m.RETRYING.format(at=at.strftime("%H:%M")))
        self.store.record_retry(
            claimed.target_id, claimed.claimed_utc, at, note, count_attempt=count
        )
        log.info("target %s: retry at %s (%s)", claimed.target_id, at.isoformat(), why.en)
        return Outcome.RETRY if count else Outcome.WAITING

    def _fail(self, claimed: Claimed, *why: Text) -> Outcome:
        if self.store.record_failed(claimed.target_id, claimed.claimed_utc, both(*why)):
            log.warning("target %s failed: %s", claimed.target_id, " ".join(t.en for t in why))
            self.reports.on_failed(claimed.target_id, " ".join(t(self.language) for t in why))
        return Outcome.FAILED


def _maybe_sent(error: NetworkError, capabilities: Capabilities) -> bool:
    """A server error on a publish that a retry could duplicate (no idempotency key).

    A 5xx may come after the server sent the message (Telegram answers 502
    and the channel has it): only the clerk can tell. A rate limit is a
    refusal before anything was done.
    """
    return (
        isinstance(error, TemporaryError)
        and not isinstance(error, RateLimited)
        and not capabilities.idempotent_publish
    )


class _Refused(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def backoff(attempt: int) -> timedelta:
    """30 s, 60 s, 2 min, … capped at one hour."""
    wait: timedelta = BACKOFF_FIRST * (2 ** min(max(attempt - 1, 0), 20))
    return min(wait, BACKOFF_MAX)
