"""What runs behind the window once the clerk can type: the publisher, the pollers, the
daily backup and key checks (see `Background`), and what wakes the publisher.

Imported after the window's first frame (issue #13).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from smalltown_social.app import Services
from smalltown_social.storage.errors import StorageError
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.tray_menu import TrayParts

if TYPE_CHECKING:
    from smalltown_social.publishing.inbox_sync import InboxPoller, SyncResult
    from smalltown_social.publishing.results_sync import ResultsPoller, ResultsReport
    from smalltown_social.publishing.scheduler import Publisher
    from smalltown_social.ui.credentials_watch import CredentialsWatch

log = logging.getLogger(__name__)


class Background(QObject):
    """What runs behind the window, started once: after its first page is painted, or at
    the latest `window_start.BACKGROUND_AT_LATEST_MS` after the services came (the
    caller's timer).

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
        if self.started or self.stopped:  # a timer that fires after the window's end
            return
        self.started = True
        self.tasks.run_in_background(
            self.services.database.checked, lambda _none: self._start_rest(), self._refuse
        )

    def _refuse(self, error: Exception) -> None:
        if self.stopped:  # the window ended while the check ran: nothing to close
            return
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
        if self.stopped:  # the window ended while the check ran (its services are closed)
            return
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
