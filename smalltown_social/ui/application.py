"""Start the GUI: one instance, the services, the window, the tray.

In a blink (issue #13): the window paints its shell first, then the composer; the
database's integrity check runs on a worker thread once the composer is painted
(writes wait for its verdict; damage closes the window before anything is written);
then the daily backup, the keyring check, the publisher (APScheduler), the pollers
and the key check start. All of it starts `BACKGROUND_AT_LATEST_MS` after the window
was shown if no frame came (a minimised or hidden window still publishes: the
outbox's first sweep comes within 2 s of start).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from smalltown_social import __version__, background_publishing
from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language, parse_language
from smalltown_social.core.settings import LANGUAGE
from smalltown_social.paths import DataPaths
from smalltown_social.storage.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DataFolderUnusable,
    StorageError,
)
from smalltown_social.storage.opening import restore_backup
from smalltown_social.storage.published_query import published_since
from smalltown_social.ui.dialogs import CrashRelay, offer_restore, show_problem
from smalltown_social.ui.elsewhere_notices import ElsewhereNotices
from smalltown_social.ui.icons import app_icon
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.qt_app import new_application
from smalltown_social.ui.qt_messages import route_qt_messages_to_log
from smalltown_social.ui.single_instance import SingleInstance
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.tray_menu import TrayParts, install_tray_parts

if TYPE_CHECKING:  # imported where first used: after the first frame (issue #13)
    from smalltown_social.publishing.inbox_sync import InboxPoller, SyncResult
    from smalltown_social.publishing.results_sync import ResultsPoller, ResultsReport
    from smalltown_social.publishing.scheduler import Publisher
    from smalltown_social.ui.credentials_watch import CredentialsWatch

log = logging.getLogger(__name__)

# The frozen program's start can only be timed from outside: with this variable set
# to a file, the window writes time.monotonic() there once the composer is painted
# (`ready`) and quits. scripts/package times it beside the same from source.
READY_PROBE = "SMALLTOWN_SOCIAL_READY_FILE"
EXIT_ALREADY_RUNNING = 0
EXIT_NO_DATABASE = 2
BACKGROUND_AT_LATEST_MS = 1_000


def run_gui(paths: DataPaths, language: Language | None) -> int:
    route_qt_messages_to_log()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv)
    app.setApplicationName("smalltown_social")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())

    try:
        runtime = Runtime.start(paths, language or "es")
        instance = SingleInstance(paths)
        claimed = instance.claim()
    except (DataFolderUnusable, OSError) as error:
        problem = (
            error
            if isinstance(error, DataFolderUnusable)
            else DataFolderUnusable(paths.base, error)
        )
        log.error("data folder unusable: %s", problem)
        show_problem(problem.text, language or "es")
        return EXIT_NO_DATABASE
    if not claimed:
        log.info("another instance is running for %s; asked it to show its window", paths.base)
        print("smalltown_social ya está abierto; se ha traído su ventana al frente.")  # noqa: T201
        return EXIT_ALREADY_RUNNING
    try:
        while True:
            services = _open_services(runtime, language)
            if services is None:
                return EXIT_NO_DATABASE
            try:
                return _run_window(app, instance, services)
            except StorageError as error:  # found by the check run beside the window
                if not _offer_restore(error, runtime):
                    return EXIT_NO_DATABASE
    finally:
        instance.release()


def _ready_probe(path: Path, app: QApplication) -> None:
    path.write_text(f"{time.monotonic()}\n", encoding="utf-8")
    app.quit()


def _offer_restore(error: StorageError, runtime: Runtime) -> bool:
    """Tell the clerk; True if a backup was put in place (or they want to try again)."""
    log.error("database unusable: %s", error)
    if not offer_restore(error, runtime.language):
        return False
    if isinstance(error, (DatabaseCorrupt, DatabaseMissing)) and error.last_backup:
        moved = restore_backup(runtime.paths.database, error.last_backup)
        log.warning("restored %s; damaged file kept at %s", error.last_backup, moved)
    return True


def _open_services(runtime: Runtime, cli_language: Language | None) -> Services | None:
    while True:
        try:
            # The older version's keyring entries are copied by `Background`, off this thread.
            services = build_services(runtime, check_beside=True, adopt_secrets=False)
            if cli_language is None:
                runtime.language = _stored_language(services)
        except StorageError as error:
            if not _offer_restore(error, runtime):
                return None
            continue
        return services


def _stored_language(services: Services) -> Language:
    try:
        return parse_language(services.settings.get(LANGUAGE))
    except sqlite3.DatabaseError:
        try:
            services.database.checked()  # damage is told as such (DatabaseCorrupt)
        finally:
            services.close()
        raise


def _run_window(app: QApplication, instance: SingleInstance, services: Services) -> int:
    runtime = services.runtime
    translators = install_translators(app, runtime.language)
    crash_relay = CrashRelay(runtime.language)
    if runtime.crash_reporter is not None:
        runtime.crash_reporter.install(crash_relay.report)
    tasks = TaskRunner()
    tray = Tray(app_icon())
    app.setQuitOnLastWindowClosed(not tray.available)
    window = MainWindow(
        services,
        tasks,
        app_icon(),
        tray,
        background=background_publishing.for_this_system(runtime.paths.base),
    )
    tray_parts = install_tray_parts(services, tray, window.open_post, window.refresh_calendar)
    # What the scheduled task's publish-due sent while the program was closed, or beside it
    # (started with the rest of the background work: it writes what it has told).
    elsewhere = ElsewhereNotices(
        tray_parts.bridge,
        tray_parts.notifier,
        services.settings,
        lambda since: published_since(services.database.conn, since),
        tasks,
    )

    tray_parts.quit_guard.handed_over = lambda: window.status.background_active is True

    def quit_app() -> None:
        if not tray_parts.quit_guard.allow_quit(window):
            return
        window.quitting = True
        window.close()
        app.quit()

    tray.show_requested.connect(window.bring_forward)
    tray.quit_requested.connect(quit_app)
    instance.activation_requested.connect(window.bring_forward)
    # Later starts are heard from the first frame on (QtNetwork loaded then, issue #13).
    window.ready.connect(instance.listen)
    # Publishing runs only here, while this process holds the single-instance lock.
    background = Background(services, tasks, tray, window, tray_parts)
    background.also(elsewhere.start)
    wake_publisher(window, background, tasks)
    window.ready.connect(background.start)
    probe = os.environ.get(READY_PROBE)
    if probe:
        window.ready.connect(lambda: _ready_probe(Path(probe), app))
    window.show()
    QTimer.singleShot(BACKGROUND_AT_LATEST_MS, background.start)
    QTimer.singleShot(BACKGROUND_AT_LATEST_MS, instance.listen)
    log.info("window shown (%s, language %s)", services.paths.database, runtime.language)
    try:
        app.exec()
    finally:
        background.stop()
        tasks.shutdown()
        if runtime.crash_reporter is not None:
            runtime.crash_reporter.uninstall()
        services.close()
        del translators
    if background.damage is not None:
        tray.icon.hide()
        raise background.damage
    return 0


class Background(QObject):
    """What runs behind the window, started once: after its first page is painted, or at
    the latest `BACKGROUND_AT_LATEST_MS` after it was shown (the caller's timer).

    First the verdict of the database's integrity check (it ran beside the window's
    start; writes wait for it): damage closes the window (`damage`, for the caller to
    offer the last backup) before anything is written. Then the daily backup and the
    keyring check; the publisher, the pollers and the daily key check once an older
    version's keyring entries are copied (once per folder, off the GUI thread: the
    keys are read only after that).
    """

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        tray: Tray,
        window: MainWindow,
        tray_parts: TrayParts,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.tasks = tasks
        self.tray = tray
        self.window = window
        self._reports = tray_parts.bridge
        self.publisher: Publisher | None = None  # built when the background starts
        self.started = False
        self.stopped = False
        self.damage: StorageError | None = None
        self._stops: list[Callable[[], None]] = []
        self._also: list[Callable[[], object]] = []

    def also(self, start: Callable[[], object]) -> None:
        """One more thing to start with the rest, after the check's verdict."""
        self._also.append(start)

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self.tasks.run_in_background(
            self.services.database.checked, lambda _none: self._start_rest(), self._refuse
        )

    def _refuse(self, error: Exception) -> None:
        if not isinstance(error, StorageError):
            raise error
        log.error("database damaged (found after the first frame): %s", error)
        self.damage = error
        # Hidden, not closed: closing the last window would leave a Quit event queued,
        # which would close the restore offer shown next.
        self.window.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _start_rest(self) -> None:
        services, tasks, window = self.services, self.tasks, self.window
        tasks.run_in_background(services.daily_backup)
        if not services.paths.demo:  # a keyring that cannot keep keys is said in the window
            language = services.runtime.language
            tasks.run_in_background(
                services.keyring_problem,
                lambda problem: window.show_keyring_problem(problem(language)) if problem else None,
            )
        tasks.run_in_background(
            services.adopt_legacy_secrets, lambda _copied: self._start_loops(), self._not_adopted
        )

    def _not_adopted(self, error: Exception) -> None:
        """Copying the old entries failed (a keyring's refusal is handled there and tried
        again at the next start; this is anything else): logged, publishing goes on."""
        log.error("old keyring entries not copied: %s", error, exc_info=error)
        self._start_loops()

    def _start_loops(self) -> None:
        if self.stopped:
            return
        services, tasks, window = self.services, self.tasks, self.window
        self.publisher = services.publisher(self._reports)
        self.publisher.start()
        self._stops.append(self.publisher.stop)
        for poller in (
            start_inbox_poller(services, window),
            start_results_poller(services, window),
        ):
            if poller is not None:
                self._stops.insert(0, poller.stop)
        start_credentials_watch(services, tasks, self.tray, window)  # parented to the window
        for start in self._also:
            start()
        log.info("background started: publisher, pollers, daily backup")

    def stop(self) -> None:
        self.stopped = True
        for stop in self._stops:
            stop()
        self._stops.clear()


class HasPublisher(Protocol):
    """Whoever holds the publisher once it is started (None before: its start plans all)."""

    publisher: Publisher | None


def wake_publisher(window: MainWindow, holder: HasPublisher, tasks: TaskRunner) -> None:
    """What the clerk schedules, moves or answers wakes the publisher at once.

    Off the GUI thread: re-planning the wake-ups reads the database. Before the
    publisher is started there is nothing to wake: its start reads what is due.
    """

    def run(wake: Callable[[Publisher], object]) -> None:
        publisher = holder.publisher
        if publisher is not None:
            tasks.run_in_background(lambda: wake(publisher))

    window.post_moved.connect(lambda _post_id: run(lambda p: p.reschedule()))
    window.post_scheduled.connect(lambda _post_id: run(lambda p: p.nudge()))
    window.reply_queued.connect(lambda _post_id: run(lambda p: p.nudge()))


def start_credentials_watch(
    services: Services, tasks: TaskRunner, tray: Tray, window: MainWindow
) -> CredentialsWatch | None:
    """Every real account's key checked soon after start and then daily (not in the demo)."""
    if services.paths.demo:
        return None
    from smalltown_social.ui.credentials_watch import CredentialsWatch  # noqa: PLC0415

    watch = CredentialsWatch(
        services.check_credentials, tasks, lambda: services.runtime.language, tray, window
    )
    watch.warned.connect(window.status.show_credential_warnings)
    # A reconnected or removed account may be what a warning was about: look again.
    window.accounts_changed.connect(watch.check_now)
    watch.start()
    return watch


class InboxReports(Protocol):
    """Where the inbox poller reports (the window, or the inbox page itself)."""

    def report_new_items(self, new: int) -> None: ...
    def report_sync_error(self, result: SyncResult) -> None: ...
    def allow_fetch_now(self, fetch_now: Callable[[], None]) -> None: ...


class ResultsReports(Protocol):
    """Where the results poller reports (the window, or the results page itself)."""

    def report_counts_read(self, report: ResultsReport) -> None: ...
    def allow_sync_now(self, sync_now: Callable[[], None]) -> None: ...


def start_inbox_poller(services: Services, page: InboxReports) -> InboxPoller | None:
    """Fetch every real account's inbox on the clerk's interval (not in the demo).

    Only the process holding the single-instance lock polls; the page hears of new
    items and failures through its thread-safe callbacks.
    """
    if services.paths.demo:
        return None
    poller = services.inbox_poller(on_new=page.report_new_items, on_error=page.report_sync_error)
    page.allow_fetch_now(poller.wake)
    poller.start()
    return poller


def start_results_poller(services: Services, page: ResultsReports) -> ResultsPoller | None:
    """Read the counts of recent posts in the background (not in the demo).

    Its own thread and its own short transactions: it never holds publishing back.
    """
    if services.paths.demo:
        return None
    poller = services.results_poller(on_done=page.report_counts_read)
    page.allow_sync_now(poller.wake)
    poller.start()
    return poller
