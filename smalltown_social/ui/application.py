"""Start the GUI: one instance, the window's shell, then the services and the background.

In a blink (issue #13): the window paints its shell first (navigation, status bar and
the composer's editor, where the clerk can already type) with nothing imported but Qt,
the paths and one read of the clerk's language. Once that frame is painted,
`ui.window_start` imports the composition root, builds the services, hands them to the
window (which builds the composer around the editor), and starts the tray and the
background work (see `ui.background`). If no frame comes (a minimised or hidden
window), the services come `ATTACH_AT_LATEST_MS` after the window was shown and the
background as long again after them: the outbox's first sweep still comes within 2 s
of start.

A database the start cannot even read (damage) is told before any window shows: the
services are opened first then, and say what is wrong.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from smalltown_social import __version__
from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Language
from smalltown_social.early_log import EarlyRecords
from smalltown_social.paths import DataPaths
from smalltown_social.storage.before_services import prepare_data_folder, stored_language
from smalltown_social.storage.errors import DataFolderUnusable
from smalltown_social.ui.main_window import MainWindow, Shell
from smalltown_social.ui.qt_app import new_application
from smalltown_social.ui.qt_messages import route_qt_messages_to_log
from smalltown_social.ui.single_instance import SingleInstance
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators

if TYPE_CHECKING:
    from smalltown_social.app import Services
    from smalltown_social.ui.window_start import WindowStart

log = logging.getLogger(__name__)

# The frozen program's start can only be timed from outside: with this variable set
# to a file, the window writes time.monotonic() there once the composer is painted
# (`ready`) and quits. scripts/package times it beside the same from source.
READY_PROBE = "SMALLTOWN_SOCIAL_READY_FILE"
EXIT_ALREADY_RUNNING = 0
EXIT_NO_DATABASE = 2
TITLE_BAR = 32  # Windows 10/11's title bar at 100 %, in Qt's pixels
ATTACH_AT_LATEST_MS = 500  # then the background at the latest 500 ms later (window_start)


def run_gui(paths: DataPaths, language: Language | None) -> int:
    early = EarlyRecords()  # until the log is open, after the first frame
    early.install()
    try:
        return _run_gui(paths, language)
    finally:
        early.uninstall()


def _run_gui(paths: DataPaths, language: Language | None) -> int:
    route_qt_messages_to_log()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv)
    app.setApplicationName("smalltown_social")
    app.setApplicationVersion(__version__)

    try:
        prepare_data_folder(paths)
        instance = SingleInstance(paths)
        claimed = instance.claim()
    except (DataFolderUnusable, OSError) as error:
        problem = (
            error
            if isinstance(error, DataFolderUnusable)
            else DataFolderUnusable(paths.base, error)
        )
        log.error("data folder unusable: %s", problem)
        from smalltown_social.ui.dialogs import show_problem  # noqa: PLC0415 - only then

        show_problem(problem.text, language or DEFAULT_LANGUAGE)
        return EXIT_NO_DATABASE
    if not claimed:
        _open_log(paths)  # this start ends here: its one line goes to the log all the same
        log.info("another instance is running for %s; asked it to show its window", paths.base)
        print("smalltown_social ya está abierto; se ha traído su ventana al frente.")  # noqa: T201
        return EXIT_ALREADY_RUNNING
    try:
        while True:
            code = _run_window(app, instance, paths, language)
            if code is not None:
                return code
    finally:
        instance.release()


def _open_log(paths: DataPaths) -> None:
    from smalltown_social.logs import setup_logging  # noqa: PLC0415
    from smalltown_social.redaction import Redactor  # noqa: PLC0415

    setup_logging(paths.logs, Redactor())


def _run_window(
    app: QApplication, instance: SingleInstance, paths: DataPaths, cli_language: Language | None
) -> int | None:
    """One window until the clerk quits: its exit code, or None to start again (a backup
    was put in place of a damaged database)."""
    opened: Services | None = None
    try:
        stored = stored_language(paths.database)
    except (sqlite3.DatabaseError, OSError) as error:  # the services tell it, before any window
        log.info("the start's first read failed: %s", error)
        from smalltown_social.ui.window_start import open_services_before_the_window  # noqa: PLC0415

        opened = open_services_before_the_window(paths, cli_language)
        if opened is None:
            return EXIT_NO_DATABASE
        stored = opened.runtime.language
    language = cli_language or stored or DEFAULT_LANGUAGE
    translators = install_translators(app, language)
    tasks = TaskRunner()
    window = MainWindow(Shell(paths, language), tasks)  # its icon comes after the first frame

    start: list[WindowStart] = []
    ended = False

    def attach() -> None:
        if start or ended:  # once; never by a timer firing after this window's end
            return
        from smalltown_social.ui.window_start import WindowStart  # noqa: PLC0415 - after the frame

        start.append(WindowStart(app, instance, window, tasks, opened))
        start[0].attach()

    window.first_frame.connect(attach)
    probe = os.environ.get(READY_PROBE)
    if probe:
        window.ready.connect(lambda: _ready_probe(Path(probe), app))
    fit_to_screen(window)
    window.show()
    QTimer.singleShot(ATTACH_AT_LATEST_MS, attach)  # no frame (minimised): all the same
    try:
        app.exec()
    finally:
        ended = True
        if start:
            code = start[0].finish()  # the background stopped, the services closed
        else:  # quit before the services came
            tasks.shutdown()
            code = 0
            if opened is not None:
                opened.close()
        for translator in translators:  # a window started again installs its own
            app.removeTranslator(translator)
    return code


def fit_to_screen(window: QWidget) -> None:
    """The window's size where it fits; on a smaller screen, its free area less the title
    bar, from its top left (a 1280×720 laptop leaves ~670 px above the taskbar: the
    composer's buttons at the bottom must be on it)."""
    free = window.screen().availableGeometry()
    room = QSize(free.width(), free.height() - TITLE_BAR)
    if window.width() <= room.width() and window.height() <= room.height():
        return
    window.resize(window.size().boundedTo(room))
    window.move(free.topLeft())


def _ready_probe(path: Path, app: QApplication) -> None:
    path.write_text(f"{time.monotonic()}\n", encoding="utf-8")
    app.quit()
