"""Reading back what the networks say about the town's posts (likes, shares, replies).

`ResultsSync.sync` reads every due published target (see `storage.metrics_repo`)
account by account, at most `MAX_PER_ROUND` posts per account and round, in
chunks the networks accept. A post the network no longer returns is marked
gone (its history stays); a network that gives no counts to apps is said so.
A post handed to the network's own scheduler is read once its time has come;
where the network gives the post another id than the scheduled copy's
(Mastodon), the post is first looked for by its text, as recovery does, and
its id and address recorded; not out yet, it is looked for again later.
a failure (offline, rate limit, server error) postpones that account's posts
with a growing backoff while the others go on. `ResultsPoller` runs it in its
own thread: it never shares a transaction with the outbox, so it never holds
publishing back. No Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import groupby

from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import Text
from smalltown_social.core.results import Counts, theme_of
from smalltown_social.core.settings import RESULTS_MAX_AGE_DAYS
from smalltown_social.networks.base import (
    Adapter,
    Content,
    NetworkError,
)
from smalltown_social.networks.registry import AdapterFactory
from smalltown_social.publishing import polling
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.metrics_repo import DueTarget, MetricsRepository, Reading
from smalltown_social.storage.outbox_repo import OutboxRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import TargetStore

log = logging.getLogger(__name__)

CHUNK = 25  # Bluesky's getPosts takes 25 URIs; the others read one by one anyway
MAX_PER_ROUND = 100  # per account and round: well inside Mastodon's 300 calls per 5 minutes
FIRST_BACKOFF = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=12)
NO_COUNTS_RETRY = timedelta(days=1)
POLL_EVERY = timedelta(minutes=15)
FIND_MARGIN = timedelta(minutes=5)  # the network's clock may be behind ours
NOT_OUT_FIRST = timedelta(hours=1)  # a handed-over post not found out yet: look again
NOT_OUT_MAX = timedelta(days=1)
NOT_OUT = "handed over to the network's scheduler; its post is not found yet"

NO_COUNTS = "no_counts"  # metric_state.unavailable: the network gives apps no counts
NO_COUNTS_TEXT = Text(
    "Esta red no da a las aplicaciones cifras de sus publicaciones.",
    "This network gives applications no counts of its posts.",
)
# What each network without counts can and cannot give, said plainly.
NO_COUNTS_WHY: dict[str, Text] = {
    "telegram": Text(
        "Telegram: la API de bots no da las visualizaciones ni los reenvíos de los mensajes de "
        "un canal (solo se ven en la aplicación de Telegram); las reacciones y los comentarios "
        "solo llegan a la bandeja de entrada mientras el bot escucha, y aquí no se leen.",
        "Telegram: the Bot API gives neither the views nor the forwards of a channel's "
        "messages (they are only shown in the Telegram app); reactions and comments only "
        "reach the inbox while the bot listens, and they are not read here.",
    ),
    "x": Text(
        "X cobra por leer: las cifras se leen solo si el ayuntamiento activa la lectura de pago "
        "en la cuenta de X.",
        "X charges for reading: counts are read only if the town hall turns on paid reading "
        "for the X account.",
    ),
}


def no_counts_text(network: str) -> Text:
    return NO_COUNTS_WHY.get(network, NO_COUNTS_TEXT)


FAILED = Text("No se pudieron leer las cifras", "Could not read the counts")


@dataclass
class AccountOutcome:
    account: Account
    read: int = 0
    gone: int = 0
    no_counts: int = 0
    waiting: int = 0  # left for the next round (the per-round limit)
    not_out: int = 0  # handed to the network's scheduler, not found out yet
    error: NetworkError | None = None
    missing_permissions: tuple[str, ...] = ()
    settled: set[int] = field(default_factory=set, repr=False)  # target ids dealt with


@dataclass
class ResultsReport:
    accounts: list[AccountOutcome] = field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(a.read for a in self.accounts)

    @property
    def failed(self) -> list[AccountOutcome]:
        return [a for a in self.accounts if a.error is not None]


class ResultsSync:
    def __init__(
        self,
        database: Database,
        accounts: AccountsRepository,
        adapters: AdapterFactory,
        settings: SettingsRepository,
        *,
        max_per_round: int = MAX_PER_ROUND,
    ) -> None:
        self._metrics = MetricsRepository(database)
        self._targets = TargetStore(database)
        self._outbox = OutboxRepository(database)
        self._accounts = accounts
        self._adapters = adapters
        self._settings = settings
        self._max_per_round = max_per_round

    def max_age(self) -> timedelta:
        return timedelta(days=self._settings.get(RESULTS_MAX_AGE_DAYS))

    def sync(self, now: datetime, *, force: bool = False) -> ResultsReport:
        """Read every due target once (every one within the age limit with `force`)."""
        max_age = self.max_age()
        due = self._metrics.due(now, max_age, force=force)
        fresh = [(t.target_id, theme_of(t.text, t.content_type)) for t in due if not t.known]
        if fresh:
            self._metrics.ensure_state(fresh)
        report = ResultsReport()
        for account_id, group in groupby(due, key=lambda t: t.account_id):
            account = self._accounts.get(account_id)
            if account is None:
                continue
            targets = list(group)
            outcome = AccountOutcome(account, waiting=max(0, len(targets) - self._max_per_round))
            try:
                self._read_account(account, targets[: self._max_per_round], now, outcome)
            except NetworkError as error:
                outcome.error = error
            except Exception as error:  # one account's bug must not stop the others
                log.exception("reading the counts of account %s crashed", account_id)
                outcome.error = NetworkError(FAILED, repr(error))
            if outcome.error is not None:  # the ones not dealt with wait
                unread = [t for t in targets if t.target_id not in outcome.settled]
                self._postpone(unread, outcome.error, now)
            report.accounts.append(outcome)
        return report

    def _read_account(
        self, account: Account, targets: list[DueTarget], now: datetime, outcome: AccountOutcome
    ) -> None:
        adapter = self._adapters(account)
        try:
            capabilities = adapter.capabilities()
            if not capabilities.metrics:
                ids = [t.target_id for t in targets]
                self._metrics.mark_unavailable(ids, NO_COUNTS, now + NO_COUNTS_RETRY)
                outcome.no_counts = len(ids)
                outcome.settled.update(ids)
                return
            if not capabilities.scheduled_id_is_post_id:
                targets = self._gone_out(adapter, targets, now, outcome)
            for start in range(0, len(targets), CHUNK):
                self._read_chunk(adapter, targets[start : start + CHUNK], now, outcome)
        finally:
            adapter.close()

    def _gone_out(
        self, adapter: Adapter, targets: list[DueTarget], now: datetime, outcome: AccountOutcome
    ) -> list[DueTarget]:
        """The targets to read, each handed-over one with the id of its post once found out."""
        ready: list[DueTarget] = []
        for target in targets:
            if not target.handed_over:
                ready.append(target)
                continue
            content = Content(text=target.text, scheduled_utc=target.published_utc)
            others = self._outbox.recorded_remote_ids(
                target.account_id, other_than=target.target_id
            )
            since = target.published_utc - FIND_MARGIN
            found = adapter.find(target.idempotency_key, content, since, others)
            if found is None or found.scheduled_on_server:
                failures = self._metrics.failures(target.target_id)
                wait = min(NOT_OUT_FIRST * 2 ** min(failures, 10), NOT_OUT_MAX)
                self._metrics.mark_failed([target.target_id], NOT_OUT, now + wait)
                outcome.not_out += 1
                outcome.settled.add(target.target_id)
                continue
            self._targets.record_gone_out(
                target.target_id, target.remote_id, found.remote_id, found.url
            )
            ready.append(replace(target, remote_id=found.remote_id, handed_over=False))
        return ready

    def _read_chunk(
        self, adapter: Adapter, chunk: list[DueTarget], now: datetime, outcome: AccountOutcome
    ) -> None:
        found = adapter.metrics([t.remote_id for t in chunk])
        readings: list[Reading] = []
        gone: list[int] = []
        for target in chunk:
            metrics = found.get(target.remote_id)
            if metrics is None:
                gone.append(target.target_id)
                continue
            missing = tuple(metrics.missing_permissions)
            readings.append(
                Reading(
                    target.target_id,
                    target.published_utc,
                    Counts(
                        likes=metrics.likes,
                        reposts=metrics.reposts,
                        replies=metrics.replies,
                        quotes=metrics.quotes,
                        views=metrics.views,
                    ),
                    missing,
                )
            )
            outcome.missing_permissions = tuple(
                sorted(set(outcome.missing_permissions) | set(missing))
            )
        self._metrics.record(readings, now, self.max_age())
        if gone:
            self._metrics.mark_gone(gone, now)
        outcome.read += len(readings)
        outcome.gone += len(gone)
        outcome.settled.update(t.target_id for t in chunk)

    def _postpone(self, targets: list[DueTarget], error: NetworkError, now: datetime) -> None:
        ids = [t.target_id for t in targets]
        failures = max((self._metrics.failures(i) for i in ids), default=0) + 1
        self._metrics.mark_failed(ids, error.text.en, retry_time(error, failures, now))


def retry_time(error: NetworkError, failures: int, now: datetime) -> datetime:
    """When to try an account's posts again after its `failures`-th failure in a row."""
    return polling.retry_time(error, failures, now, first=FIRST_BACKOFF, longest=MAX_BACKOFF)


class ResultsPoller:
    """Reads the counts in the background, every `POLL_EVERY`, in its own thread."""

    def __init__(
        self,
        sync: ResultsSync,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_done: Callable[[ResultsReport], None] | None = None,
        every: timedelta = POLL_EVERY,
    ) -> None:
        self._sync = sync
        self._clock = clock
        self._on_done = on_done
        self._every = every
        self._forced = False
        self._loop = polling.PollThread("results-poller", self._round, self._every.total_seconds)

    def tick(self, *, force: bool = False) -> ResultsReport:
        report = self._sync.sync(self._clock(), force=force)
        if self._on_done is not None and report.accounts:
            self._on_done(report)
        return report

    def start(self) -> None:
        self._loop.start()

    def wake(self) -> None:
        """Read every recent post now (the clerk pressed "Leer cifras ahora")."""
        self._forced = True
        self._loop.wake()

    def stop(self, timeout: float = 5.0) -> None:
        self._loop.stop(timeout)

    def _round(self) -> None:
        forced, self._forced = self._forced, False
        self.tick(force=forced)
