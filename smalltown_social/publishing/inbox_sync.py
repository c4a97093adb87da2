"""Fetching the inbox: per account, pages since the stored cursor, upserted once.

`InboxSync.sync_account` follows the adapter's pages (`more`) from the stored
cursor, upserts every item by (network, remote id), suggests a label, and
stores the new cursor after each page, so an interrupted sync resumes where it
stopped and nothing is stored twice. `InboxPoller` runs it for every account
on the clerk's interval; an account that fails (offline, server error, rate
limit) backs off on its own and catches up from its cursor when it recovers,
without holding back the others. No Qt: callbacks report to whoever listens.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import InboxItem
from smalltown_social.core.labels import suggest_label
from smalltown_social.core.settings import INBOX_POLL_MINUTES, INBOX_RETENTION_MONTHS
from smalltown_social.networks.base import (
    NeedsReconnect,
    NetworkError,
    RemoteItem,
)
from smalltown_social.networks.registry import AdapterFactory
from smalltown_social.publishing import polling
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.settings_repo import SettingsRepository

log = logging.getLogger(__name__)

MAX_PAGES = 50  # per sync; the rest waits for the next one (the cursor is kept)
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)

FAILED = Text("Error al traer mensajes", "Could not fetch messages")


@dataclass(frozen=True)
class SyncResult:
    account_id: int
    new: int = 0
    pages: int = 0
    error: NetworkError | None = None
    more_waiting: bool = False


class InboxSync:
    def __init__(
        self,
        inbox: InboxRepository,
        accounts: AccountsRepository,
        adapter_factory: AdapterFactory,
        *,
        events: EventLog | None = None,
        language: str = "es",
        max_pages: int = MAX_PAGES,
    ) -> None:
        self._inbox = inbox
        self._accounts = accounts
        self._factory = adapter_factory
        self._events = events
        self._language = language
        self._max_pages = max_pages
        self._labels: dict[str, int] | None = None

    def accounts(self) -> list[Account]:
        """The accounts worth polling: real ones (the demo's have no server)."""
        return [a for a in self._accounts.all() if not a.demo]

    def sync_account(self, account: Account) -> SyncResult:
        """Fetch every waiting page (up to `max_pages`); errors end up in the result."""
        new = 0
        pages = 0
        more = False
        try:
            adapter = self._factory(account)
        except NetworkError as error:
            self._note(account, error)
            return SyncResult(account.id, error=error)
        try:
            cursor = self._inbox.cursor(account.id)
            while pages < self._max_pages:
                batch = adapter.fetch_inbox(cursor)
                pages += 1
                items = [self._item(account, r) for r in batch.items]
                new += self._inbox.save_batch(account.id, items, batch.cursor)
                more = batch.more
                if batch.cursor is not None:
                    cursor = batch.cursor
                if not batch.more:
                    break
        except NetworkError as error:
            log.info("inbox sync of account %s stopped: %s", account.id, error)
            self._note(account, error)
            return SyncResult(account.id, new, pages, error, more)
        finally:
            adapter.close()
        return SyncResult(account.id, new, pages, None, more and pages >= self._max_pages)

    def _note(self, account: Account, error: NetworkError) -> None:
        """A credential that no longer works is shown on the account, as the outbox does."""
        if isinstance(error, NeedsReconnect):
            self._accounts.set_status(account.id, "needs_reconnect", error.text.es)

    def _item(self, account: Account, remote: RemoteItem) -> InboxItem:
        if self._labels is None:
            self._labels = self._inbox.label_ids()
        label = suggest_label(remote.text, self._language)
        return InboxItem(
            account_id=account.id,
            network=account.network,
            remote_id=remote.remote_id,
            kind=remote.kind,
            text=remote.text,
            received_utc=remote.created_utc,
            author_name=remote.author_name,
            author_handle=remote.author_handle,
            url=remote.url,
            parent_remote_id=remote.parent_remote_id,
            root_remote_id=remote.root_remote_id,
            label_id=self._labels.get(label) if label else None,
        )

    def apply_retention(self, months: int, now: datetime | None = None) -> int:
        """Delete items older than `months` (30-day months); returns how many."""
        now = now or datetime.now(UTC)
        deleted = self._inbox.delete_older_than(now - timedelta(days=30 * months))
        if deleted and self._events is not None:
            self._events.record("inbox_retention", f"{deleted} items older than {months} months")
        return deleted


@dataclass
class _AccountClock:
    due: datetime
    failures: int = 0


@dataclass
class PollReport:
    results: list[SyncResult] = field(default_factory=list)
    deleted: int = 0

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)


class InboxPoller:
    """Runs `InboxSync` for each account when due; `tick(now)` is one round.

    `start()` runs rounds on a daemon thread until `stop()`; tests call `tick`
    with their own clock. `on_new(n)` is called after a round that stored new items,
    `on_error(result)` for each account that failed.
    """

    def __init__(
        self,
        sync: InboxSync,
        settings: SettingsRepository,
        *,
        on_new: Callable[[int], None] | None = None,
        on_error: Callable[[SyncResult], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._sync = sync
        self._settings = settings
        self._on_new = on_new
        self._on_error = on_error
        self._clock = clock or (lambda: datetime.now(UTC))
        self._clocks: dict[int, _AccountClock] = {}
        self._loop = polling.PollThread("inbox-poller", self.tick, self._seconds_to_next)
        self._lock = threading.Lock()
        self._retention_day: str | None = None

    def interval(self) -> timedelta:
        return timedelta(minutes=self._settings.get(INBOX_POLL_MINUTES))

    def next_due(self, account_id: int) -> datetime | None:
        clock = self._clocks.get(account_id)
        return clock.due if clock else None

    def tick(self, now: datetime | None = None, *, force: bool = False) -> PollReport:
        """Sync every account that is due (all of them with `force`)."""
        now = now or self._clock()
        report = PollReport()
        with self._lock:  # one round at a time (a forced sync and the thread)
            self._retention(now, report)
            for account in self._sync.accounts():
                clock = self._clocks.setdefault(account.id, _AccountClock(due=now))
                if not force and clock.due > now:
                    continue
                try:
                    result = self._sync.sync_account(account)
                except Exception as error:  # one account's bug must not stop the others
                    log.exception("inbox sync of account %s crashed", account.id)
                    result = SyncResult(account.id, error=NetworkError(FAILED, repr(error)))
                report.results.append(result)
                clock.due = self._next(clock, result, now)
                if result.error is not None and self._on_error is not None:
                    self._on_error(result)
        if report.new and self._on_new is not None:
            self._on_new(report.new)
        return report

    def _next(self, clock: _AccountClock, result: SyncResult, now: datetime) -> datetime:
        error = result.error
        if error is None:
            clock.failures = 0
            return now if result.more_waiting else now + self.interval()
        clock.failures += 1
        return polling.retry_time(
            error, clock.failures, now, first=FIRST_BACKOFF, longest=MAX_BACKOFF
        )

    def _retention(self, now: datetime, report: PollReport) -> None:
        day = now.date().isoformat()
        if self._retention_day == day:
            return
        self._retention_day = day
        report.deleted = self._sync.apply_retention(self._settings.get(INBOX_RETENTION_MONTHS), now)

    # --- background thread ----------------------------------------------------

    def start(self) -> None:
        self._loop.start()

    def wake(self) -> None:
        """Run a round now (the clerk pressed "Actualizar", or the connection came back)."""
        now = self._clock()
        for clock in list(self._clocks.values()):  # the worker may add accounts meanwhile
            clock.due = min(clock.due, now)
        self._loop.wake()

    def stop(self, timeout: float = 5.0) -> None:
        self._loop.stop(timeout)

    def _seconds_to_next(self) -> float:
        now = self._clock()
        dues = [c.due for c in self._clocks.values()]
        if not dues:
            return self.interval().total_seconds()
        return max(1.0, min((min(dues) - now).total_seconds(), 3600.0))
