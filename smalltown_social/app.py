"""Composition root: builds every service and loop once and hands them in.

No Qt here: the command line (`publish-due`, `backup`, `self-test`) and the
tests build the same services without a screen; the GUI receives them. The
app's one adapter factory (`Services.adapters`) is made here; the loops (the
publisher, the inbox poller) are built here and started by whoever holds the
single-instance lock. Widgets get the narrow parts they use (`InboxServices`,
`AccountServices`, `ComposerServices`), not the whole `Services`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from smalltown_social import __version__
from smalltown_social.core.accounts import Account
from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Language, Text
from smalltown_social.core.settings import X_PAID_READING
from smalltown_social.crash import CrashReporter, record_fatal_errors
from smalltown_social.logs import setup_logging
from smalltown_social.networks.registry import AdapterFactory, adapter_factory
from smalltown_social.paths import DataPaths, location_warning
from smalltown_social.publishing.compose import PostComposer
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretsError, SecretStore
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.before_services import prepare_data_folder
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.containers_repo import ContainersRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.errors import DataFolderUnusable, StorageError
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_query import InboxQuery
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.install_repo import InstallRepository
from smalltown_social.storage.opening import daily_backup, open_database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.saved_replies_repo import SavedRepliesRepository
from smalltown_social.storage.settings_repo import SettingsRepository

# What only a method uses (publishing, syncing, connecting, results, demo filling) is
# imported by that method: the window's start does not pay for it (issue #13).
if TYPE_CHECKING:
    import keyring.backend

    from smalltown_social.core.states import TargetState
    from smalltown_social.networks.connect import Connected
    from smalltown_social.networks.connect import Draft as AccountDraft
    from smalltown_social.publishing.clock import Clock
    from smalltown_social.publishing.credentials_check import CredentialWarning
    from smalltown_social.publishing.inbox_sync import InboxPoller, InboxSync, SyncResult
    from smalltown_social.publishing.outbox import Outbox, Reports
    from smalltown_social.publishing.results_sync import (
        ResultsPoller,
        ResultsReport,
        ResultsSync,
    )
    from smalltown_social.publishing.scheduler import Publisher
    from smalltown_social.storage.results_query import ResultsQuery
    from smalltown_social.storage.targets_store import Resolution

log = logging.getLogger(__name__)

KEYRING_SERVICE = "smalltown_social"


@dataclass
class Runtime:
    """What exists before the database is opened: paths, redaction, logs, crash reports."""

    paths: DataPaths
    language: Language = DEFAULT_LANGUAGE
    redactor: Redactor = field(default_factory=Redactor)
    crash_reporter: CrashReporter | None = None
    fatal_errors: int | None = None  # where faulthandler writes, without a console

    @classmethod
    def start(cls, paths: DataPaths, language: Language = DEFAULT_LANGUAGE) -> Runtime:
        """Create the folders and start the log; `DataFolderUnusable` if the disk refuses."""
        runtime = cls(paths=paths, language=language)
        prepare_data_folder(paths)
        try:
            setup_logging(paths.logs, runtime.redactor)
        except OSError as error:
            raise DataFolderUnusable(paths.base, error) from error
        runtime.crash_reporter = CrashReporter(
            paths.crashes, runtime.redactor, __version__, language=language
        )
        runtime.fatal_errors = record_fatal_errors(paths.crashes)  # no console: to a file
        return runtime


class InboxServices:
    """What the inbox page and its parts use: repositories, the adapter factory, the language."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        items: InboxRepository,
        query: InboxQuery,
        saved_replies: SavedRepliesRepository,
        accounts: AccountsRepository,
        posts: PostsRepository,
        settings: SettingsRepository,
        events: EventLog,
        adapters: AdapterFactory,
        composer: PostComposer,
    ) -> None:
        self._runtime = runtime
        self.composer = composer
        self.items = items
        self.query = query
        self.saved_replies = saved_replies
        self.accounts = accounts
        self.posts = posts
        self.settings = settings
        self.events = events
        self.adapters = adapters

    @property
    def language(self) -> Language:
        """The clerk's language (read when used: the settings may set it after start)."""
        return self._runtime.language


class AccountServices:
    """What the accounts page and the add-account wizard use: the accounts, connecting one
    (its key checked with the network, then kept in the keyring) and removing one.

    Both calls touch the network or the keyring: off the GUI thread.
    """

    def __init__(
        self, runtime: Runtime, *, accounts: AccountsRepository, secrets: SecretStore
    ) -> None:
        self._runtime = runtime
        self._secrets = secrets
        self.accounts = accounts

    @property
    def language(self) -> Language:
        """The clerk's language (read when used: the settings may set it after start)."""
        return self._runtime.language

    def connect(self, draft: AccountDraft, secret: str) -> Connected:
        """Check the key with the network, then store the account and its key."""
        from smalltown_social.networks.connect import Connected, check_credential, save_account  # noqa: PLC0415

        identity = check_credential(draft, secret, self._runtime.redactor)
        account = save_account(draft, secret, identity, self.accounts, self._secrets)
        return Connected(account, identity.note)

    def remove(self, account: Account) -> None:
        """Forget the account and its keyring entries (see `networks.connect`)."""
        from smalltown_social.networks.connect import remove_account  # noqa: PLC0415

        remove_account(account, self.accounts, self._secrets)


class ComposerServices:
    """What the composer page uses: the accounts and posts, the town's settings, the
    save-or-schedule use case, the adapters (Instagram's daily allowance) and withdrawing
    a post from a network's scheduler.
    """

    def __init__(
        self,
        runtime: Runtime,
        *,
        accounts: AccountsRepository,
        posts: PostsRepository,
        settings: SettingsRepository,
        composer: PostComposer,
        adapters: AdapterFactory,
        withdraw: Callable[[int], int],
    ) -> None:
        self._runtime = runtime
        self._withdraw = withdraw
        self.accounts = accounts
        self.posts = posts
        self.settings = settings
        self.composer = composer
        self.adapters = adapters

    @property
    def language(self) -> Language:
        """The clerk's language (read when used: the settings may set it after start)."""
        return self._runtime.language

    def withdraw_from_server(self, post_id: int) -> int:
        """Take a post back from the network's scheduler (network calls: off the GUI thread)."""
        return self._withdraw(post_id)


@dataclass
class Services:
    """Every long-lived service, built once per process by `build_services`."""

    runtime: Runtime
    database: Database
    accounts: AccountsRepository
    posts: PostsRepository
    inbox: InboxRepository
    settings: SettingsRepository
    events: EventLog
    secrets: SecretStore
    adapters: AdapterFactory
    composer: PostComposer  # save or schedule a post: the composer, `post`, inbox replies
    calendar: CalendarRepository
    inbox_services: InboxServices
    account_services: AccountServices
    composer_services: ComposerServices
    warnings: list[Text]

    @property
    def paths(self) -> DataPaths:
        return self.runtime.paths

    def daily_backup(self) -> None:
        """Today's automatic backup, if not taken yet. Disk-heavy: not on the GUI thread."""
        made = daily_backup(self.database, self.paths.backups)
        if made is not None:
            log.info("automatic backup written to %s", made)

    def backup_now(self) -> Path:
        """A manual online backup into the backups folder. Disk-heavy: not on the GUI thread."""
        from smalltown_social.storage.backup import backup_to, timestamped_name  # noqa: PLC0415

        return backup_to(self.database.conn, self.paths.backups / timestamped_name("manual"))

    def outbox(self, reports: Reports | None = None, clock: Clock | None = None) -> Outbox:
        """The outbox (claim → call → record); `publish-due` sweeps it once."""
        from smalltown_social.publishing.clock import SystemClock  # noqa: PLC0415
        from smalltown_social.publishing.outbox import Outbox  # noqa: PLC0415

        return Outbox(
            self.database,
            self.adapters,
            clock or SystemClock(),
            reports=reports,
            language=self.runtime.language,
        )

    def resolve_target(self, now: datetime, target_id: int, resolution: Resolution) -> TargetState:
        """Record what the clerk saw on the network (see `publishing.resolution`)."""
        from smalltown_social.publishing.resolution import resolve_target  # noqa: PLC0415

        return resolve_target(self.database, now, target_id, resolution)

    def adopt_legacy_secrets(self) -> int:
        """Once per data folder, the keyring entries of an older version copied to this
        folder's names (see `networks.connect`); before the keys are first read.

        Touches the keyring and writes: off the GUI thread.
        """
        from smalltown_social.networks.connect import adopt_legacy_secrets  # noqa: PLC0415

        return adopt_legacy_secrets(self.accounts, self.secrets, InstallRepository(self.database))

    def keyring_problem(self) -> Text | None:
        """What stops the keyring from keeping the accounts' keys, said for the clerk; None if fine.

        Touches the keyring (a throw-away entry): off the GUI thread, not in the demo.
        """
        try:
            self.secrets.check()
        except SecretsError as error:
            log.warning("keyring not usable: %s", error)
            return error.text
        return None

    def check_credentials(self) -> list[CredentialWarning]:
        """Every real account's key asked once (see `publishing.credentials_check`)."""
        from smalltown_social.publishing.clock import SystemClock  # noqa: PLC0415
        from smalltown_social.publishing.credentials_check import check_credentials  # noqa: PLC0415

        return check_credentials(self.accounts, self.adapters, SystemClock().now())

    def publisher(self, reports: Reports | None = None) -> Publisher:
        """Background publishing: start it only in the process holding the instance lock."""
        from smalltown_social.publishing.scheduler import Publisher  # noqa: PLC0415

        return Publisher(self.outbox(reports))

    def inbox_sync(self) -> InboxSync:
        """Fetching the inbox of every real account (the command line and the poller)."""
        from smalltown_social.publishing.inbox_sync import InboxSync  # noqa: PLC0415

        return InboxSync(
            self.inbox,
            self.accounts,
            self.adapters,
            events=self.events,
            language=self.runtime.language,
        )

    def inbox_poller(
        self,
        on_new: Callable[[int], None] | None = None,
        on_error: Callable[[SyncResult], None] | None = None,
    ) -> InboxPoller:
        """Background inbox fetching: start it only in the process holding the instance lock.

        The callbacks run on the poller's thread.
        """
        from smalltown_social.publishing.inbox_sync import InboxPoller  # noqa: PLC0415

        return InboxPoller(self.inbox_sync(), self.settings, on_new=on_new, on_error=on_error)

    def results_sync(self) -> ResultsSync:
        """Reading back the counts of published posts (the command line and the poller)."""
        from smalltown_social.publishing.results_sync import ResultsSync  # noqa: PLC0415

        return ResultsSync(self.database, self.accounts, self.adapters, self.settings)

    def results_query(self) -> ResultsQuery:
        from smalltown_social.storage.results_query import ResultsQuery  # noqa: PLC0415

        return ResultsQuery(self.database)

    def results_poller(
        self, on_done: Callable[[ResultsReport], None] | None = None
    ) -> ResultsPoller:
        """Background reading of counts: start it only in the process holding the instance lock.

        `on_done` runs on the poller's thread.
        """
        from smalltown_social.publishing.results_sync import ResultsPoller  # noqa: PLC0415

        return ResultsPoller(self.results_sync(), on_done=on_done)

    def close(self) -> None:
        self.database.close()


def build_services(
    runtime: Runtime,
    *,
    keyring_backend: keyring.backend.KeyringBackend | None = None,
    check_beside: bool = False,
    adopt_secrets: bool = True,
) -> Services:
    """Open (and if needed migrate) the database and build the services on it.

    Raises `storage.errors.StorageError` subclasses with a message for the clerk.
    `check_beside`: the database's integrity check does not run before this returns
    but on the first thread that asks for its verdict (see
    `storage.opening.open_database`); every write waits for it, and the caller asks
    `database.checked()` (off the GUI thread) before anything is written.
    `adopt_secrets=False`: the caller calls `Services.adopt_legacy_secrets()` itself,
    before anything reads a key (the window does it off the GUI thread: it touches
    the keyring and writes, which waits for the integrity check).
    """
    paths = runtime.paths
    database = open_database(paths.database, paths.backups, check_beside=check_beside)
    try:
        services = _build_on(runtime, database, keyring_backend)
        if adopt_secrets:
            services.adopt_legacy_secrets()
        return services
    except sqlite3.DatabaseError:
        try:
            database.checked()  # damage the check found is told as such (DatabaseCorrupt)
        finally:
            database.close()
        raise
    except StorageError:
        database.close()
        raise


def _build_on(
    runtime: Runtime,
    database: Database,
    keyring_backend: keyring.backend.KeyringBackend | None,
) -> Services:
    paths = runtime.paths
    secrets = folder_secrets(database, runtime.redactor, keyring_backend)
    accounts = AccountsRepository(database)
    posts = PostsRepository(database)
    inbox = InboxRepository(database)
    settings = SettingsRepository(database)
    events = EventLog(database)
    adapters = adapter_factory(
        secrets,
        runtime.redactor,
        ContainersRepository(database),
        read_paid=lambda: settings.get(X_PAID_READING),
        inbox_cursor=inbox.cursor,
    )
    composer = PostComposer(database, language=lambda: runtime.language)
    services = Services(
        runtime=runtime,
        database=database,
        accounts=accounts,
        posts=posts,
        inbox=inbox,
        settings=settings,
        events=events,
        secrets=secrets,
        adapters=adapters,
        composer=composer,
        calendar=CalendarRepository(database),
        inbox_services=InboxServices(
            runtime,
            items=inbox,
            query=InboxQuery(database),
            saved_replies=SavedRepliesRepository(database),
            accounts=accounts,
            posts=posts,
            settings=settings,
            events=events,
            adapters=adapters,
            composer=composer,
        ),
        account_services=AccountServices(runtime, accounts=accounts, secrets=secrets),
        composer_services=ComposerServices(
            runtime,
            accounts=accounts,
            posts=posts,
            settings=settings,
            composer=composer,
            adapters=adapters,
            withdraw=lambda post_id: _withdraw(database, adapters, post_id),
        ),
        warnings=[],
    )
    warning = location_warning(paths.root)
    if warning is not None:
        log.warning("data folder location: %s", warning.en)
        services.warnings.append(warning)
    if paths.demo and services.posts.count() == 0 and services.accounts.count() == 0:
        from smalltown_social.storage.demo import fill_demo  # noqa: PLC0415
        from smalltown_social.storage.demo_results import fill_demo_results  # noqa: PLC0415

        summary = fill_demo(database, datetime.now(UTC))
        log.info("demo database filled: %s", summary)
        fill_demo_results(database, datetime.now(UTC))
    return services


def _withdraw(database: Database, adapters: AdapterFactory, post_id: int) -> int:
    from smalltown_social.publishing.clock import SystemClock  # noqa: PLC0415
    from smalltown_social.publishing.handover import withdraw_post  # noqa: PLC0415

    return withdraw_post(database, adapters, SystemClock(), post_id)


def folder_secrets(
    database: Database,
    redactor: Redactor,
    keyring_backend: keyring.backend.KeyringBackend | None = None,
) -> SecretStore:
    """The keyring entries of this data folder: named after its install id (README)."""
    folder = InstallRepository(database).install_id()
    return SecretStore(KEYRING_SERVICE, redactor, backend=keyring_backend, folder=folder)
