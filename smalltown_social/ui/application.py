"""Start the GUI: one instance, the services, the window, the tray."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from smalltown_social import __version__, background_publishing
from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language, parse_language
from smalltown_social.core.settings import LANGUAGE
from smalltown_social.paths import DataPaths
from smalltown_social.publishing.inbox_sync import InboxPoller
from smalltown_social.publishing.results_sync import ResultsPoller
from smalltown_social.storage.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DataFolderUnusable,
    StorageError,
)
from smalltown_social.storage.opening import restore_backup
from smalltown_social.storage.published_query import published_since
from smalltown_social.ui.credentials_watch import CredentialsWatch
from smalltown_social.ui.dialogs import CrashRelay, offer_restore, show_problem
from smalltown_social.ui.elsewhere_notices import ElsewhereNotices
from smalltown_social.ui.icons import app_icon
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.qt_messages import route_qt_messages_to_log
from smalltown_social.ui.results.page import ResultsPage
from smalltown_social.ui.single_instance import SingleInstance
from smalltown_social.ui.style import STYLE_SHEET
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.tray_menu import install_tray_parts

log = logging.getLogger(__name__)

EXIT_ALREADY_RUNNING = 0
EXIT_NO_DATABASE = 2


def run_gui(paths: DataPaths, language: Language | None) -> int:
    route_qt_messages_to_log()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("smalltown_social")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(STYLE_SHEET)

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
        services = _open_services(runtime, language)
        if services is None:
            return EXIT_NO_DATABASE
        return _run_window(app, instance, services)
    finally:
        instance.release()


def _open_services(runtime: Runtime, cli_language: Language | None) -> Services | None:
    while True:
        try:
            services = build_services(runtime)
        except StorageError as error:
            log.error("database unusable: %s", error)
            if not offer_restore(error, runtime.language):
                return None
            if isinstance(error, (DatabaseCorrupt, DatabaseMissing)) and error.last_backup:
                moved = restore_backup(runtime.paths.database, error.last_backup)
                log.warning("restored %s; damaged file kept at %s", error.last_backup, moved)
            continue
        if cli_language is None:
            runtime.language = parse_language(services.settings.get(LANGUAGE))
        return services


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
        services, tasks, app_icon(), tray, background=background_publishing.for_this_system()
    )
    tray_parts = install_tray_parts(services, tray, window.open_post, window.calendar_page.refresh)
    # What the scheduled task's publish-due sent while the program was closed, or beside it.
    ElsewhereNotices(
        tray_parts.bridge,
        tray_parts.notifier,
        services.settings,
        lambda since: published_since(services.database.conn, since),
    ).start()

    def quit_app() -> None:
        if not tray_parts.quit_guard.allow_quit(window):
            return
        window.quitting = True
        window.close()
        app.quit()

    tray.show_requested.connect(window.bring_forward)
    tray.quit_requested.connect(quit_app)
    instance.activation_requested.connect(window.bring_forward)
    window.show()
    tasks.run_in_background(services.daily_backup)
    if not services.paths.demo:  # a keyring that cannot keep keys is said in the window
        language = runtime.language
        tasks.run_in_background(
            services.keyring_problem,
            lambda problem: window.show_keyring_problem(problem(language)) if problem else None,
        )
    # Publishing runs only here, while this process holds the single-instance lock.
    publisher = services.publisher(tray_parts.bridge)
    window.calendar_page.post_moved.connect(lambda _post_id: publisher.reschedule())
    window.compose_page.scheduled.connect(lambda _post_id: publisher.nudge())
    publisher.start()
    poller = start_inbox_poller(services, window.inbox_page)
    results_poller = start_results_poller(services, window.results_page)
    watch = start_credentials_watch(services, tasks, tray, window)
    log.info("window shown (%s, language %s)", services.paths.database, runtime.language)
    del watch  # parented to the window: it lives as long as the window
    try:
        return int(app.exec())
    finally:
        if poller is not None:
            poller.stop()
        if results_poller is not None:
            results_poller.stop()
        publisher.stop()
        tasks.shutdown()
        if runtime.crash_reporter is not None:
            runtime.crash_reporter.uninstall()
        services.close()
        del translators


def start_credentials_watch(
    services: Services, tasks: TaskRunner, tray: Tray, window: MainWindow
) -> CredentialsWatch | None:
    """Every real account's key checked soon after start and then daily (not in the demo)."""
    if services.paths.demo:
        return None
    watch = CredentialsWatch(
        services.check_credentials, tasks, lambda: services.runtime.language, tray, window
    )
    watch.warned.connect(window.status.show_credential_warnings)
    watch.start()
    return watch


def start_inbox_poller(services: Services, page: InboxPage) -> InboxPoller | None:
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


def start_results_poller(services: Services, page: ResultsPage) -> ResultsPoller | None:
    """Read the counts of recent posts in the background (not in the demo).

    Its own thread and its own short transactions: it never holds publishing back.
    """
    if services.paths.demo:
        return None
    poller = services.results_poller(on_done=page.report_counts_read)
    page.allow_sync_now(poller.wake)
    poller.start()
    return poller
