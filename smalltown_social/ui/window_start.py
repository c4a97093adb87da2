"""The window's second step, once its shell is painted: the services, the tray, the
background (issue #13; `ui.application` paints the shell).

Imported after the first frame: the composition root and everything behind it come here.
A database found damaged (by the start's reads, or by the integrity check beside it) is
offered its last backup; the window then starts again.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from smalltown_social import background_publishing
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
from smalltown_social.ui.application import EXIT_NO_DATABASE
from smalltown_social.ui.background import Background, wake_publisher
from smalltown_social.ui.dialogs import CrashRelay, offer_restore, show_problem
from smalltown_social.ui.elsewhere_notices import ElsewhereNotices
from smalltown_social.ui.icons import app_icon
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.single_instance import SingleInstance
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.tray_menu import install_tray_parts

log = logging.getLogger(__name__)

BACKGROUND_AT_LATEST_MS = 500  # after the services came, if the composer is not painted


class WindowStart:
    """The services, tray and background of one window, from its first frame to its end."""

    def __init__(
        self,
        app: QApplication,
        instance: SingleInstance,
        window: MainWindow,
        tasks: TaskRunner,
        opened: Services | None,
    ) -> None:
        self.app = app
        self.instance = instance
        self.window = window
        self.tasks = tasks
        self.services = opened
        self.background: Background | None = None
        self.tray: Tray | None = None
        self.code: int | None = None  # set when the start itself must end the program

    def attach(self) -> None:
        """Open the services (unless the start already did), hand them to the window and
        start the tray and, once the composer is painted, the background."""
        services = self.services or self._open()
        if services is None:
            return
        self.services = services
        app, window, tasks = self.app, self.window, self.tasks
        runtime = services.runtime
        if runtime.crash_reporter is not None:
            runtime.crash_reporter.install(CrashRelay(runtime.language).report)
        icon = app_icon()
        app.setWindowIcon(icon)
        window.setWindowIcon(icon)
        tray = self.tray = Tray(icon)
        app.setQuitOnLastWindowClosed(not tray.available)
        window.attach(
            services, tray, background=background_publishing.for_this_system(runtime.paths.base)
        )
        tray_parts = install_tray_parts(services, tray, window.open_post, window.refresh_calendar)
        # What the scheduled task's publish-due sent while the program was closed, or beside
        # it (started with the rest of the background work: it writes what it has told).
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
        self.instance.activation_requested.connect(window.bring_forward)
        # Later starts are heard from the composer's paint on (QtNetwork loaded then).
        window.ready.connect(self.instance.listen)
        # Publishing runs only here, while this process holds the single-instance lock.
        background = self.background = Background(services, tasks, tray, window, tray_parts)
        background.also(elsewhere.start)
        wake_publisher(window, background, tasks)
        window.ready.connect(background.start)
        QTimer.singleShot(BACKGROUND_AT_LATEST_MS, background.start)
        QTimer.singleShot(BACKGROUND_AT_LATEST_MS, self.instance.listen)
        # Logged now: the log opens after the window's first frame.
        log.info("window shown (%s, language %s)", services.paths.database, runtime.language)

    def _open(self) -> Services | None:
        shell = self.window.shell  # its language is the command line's or the stored one
        services = open_services_before_the_window(shell.paths, shell.language)
        if services is None:
            self.code = EXIT_NO_DATABASE
            self.window.quitting = True
            self.window.hide()
            self.app.quit()
        return services

    def finish(self) -> int | None:
        """After the event loop: stop the background, close the services. The exit code,
        or None to start again (a backup was put in place of a damaged database)."""
        background = self.background
        if background is not None:
            background.stop()
        self.tasks.shutdown()
        services = self.services
        if services is None:
            return self.code if self.code is not None else 0
        runtime = services.runtime
        if runtime.crash_reporter is not None:
            runtime.crash_reporter.uninstall()
        services.close()
        if background is not None and background.damage is not None:
            if self.tray is not None:
                self.tray.icon.hide()
            return None if _offer_restore(background.damage, runtime) else EXIT_NO_DATABASE
        return self.code if self.code is not None else 0


def open_services_before_the_window(paths: DataPaths, language: Language | None) -> Services | None:
    """The log, then the services; None if the clerk gave up (told in a message box).

    `language`: the one already known (the command line's, or the one the shell read);
    None to read the one stored in Ajustes.
    """
    try:
        runtime = Runtime.start(paths, language or "es")
    except DataFolderUnusable as problem:
        log.error("data folder unusable: %s", problem)
        show_problem(problem.text, language or "es")
        return None
    return _open_services(runtime, language)


def _offer_restore(error: StorageError, runtime: Runtime) -> bool:
    """Tell the clerk; True if a backup was put in place (or they want to try again)."""
    log.error("database unusable: %s", error)
    if not offer_restore(error, runtime.language):
        return False
    if isinstance(error, (DatabaseCorrupt, DatabaseMissing)) and error.last_backup:
        moved = restore_backup(runtime.paths.database, error.last_backup)
        log.warning("restored %s; damaged file kept at %s", error.last_backup, moved)
    return True


def _open_services(runtime: Runtime, language: Language | None) -> Services | None:
    while True:
        try:
            # The older version's keyring entries are copied by `Background`, off this thread.
            services = build_services(runtime, check_beside=True, adopt_secrets=False)
            if language is None:
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
