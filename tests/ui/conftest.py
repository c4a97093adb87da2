"""GUI fixtures: real services on a temporary SQLite file, real widgets."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.style import style_sheet
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray


@pytest.fixture(autouse=True)
def _app_style(qapp: QApplication) -> None:
    """The same look as the real app, so screenshots show what the clerk sees."""
    qapp.setStyleSheet(style_sheet(qapp.palette()))


SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def make_services(base: Path, *, demo: bool = False, language: Language = "es") -> Services:
    return build_services(Runtime.start(DataPaths(base=base, demo=demo), language))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = make_services(tmp_path / "data")
    yield built
    close_after_background_jobs(built)


@pytest.fixture
def demo_services(tmp_path: Path) -> Iterator[Services]:
    built = make_services(tmp_path / "data", demo=True)
    yield built
    close_after_background_jobs(built)


def close_after_background_jobs(services: Services) -> None:
    """Close the services once every task runner a test made has finished its jobs.

    As the app does at shutdown (`Database.close` is for after the workers stopped): a
    test that ends while a page still loads (Ctrl+4 builds Resultados, which reads its
    month on a worker) would otherwise close the database under that worker's query,
    and SQLite crashes the process (seen in test_keyboard_moves_between_sections).
    The runners are the test's own; they are found, not tracked, so no test can forget one.
    """
    for runner in [o for o in gc.get_objects() if isinstance(o, TaskRunner)]:
        with contextlib.suppress(RuntimeError):  # its Qt object is gone, its jobs with it
            runner.wait()
    services.close()
    shutdown_logging()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class OpenWindow(Protocol):
    def __call__(self, services: Services, tray: Tray | None = None) -> MainWindow: ...


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[OpenWindow]:
    """The main window as the clerk gets it: shown, active, its first reads delivered.

    `open_window(services, tray=None)`; its task runner is `window.tasks`. Each
    window is closed for good (no hiding to the tray) and its work waited for
    at the end of the test.
    """
    opened: list[MainWindow] = []

    def open_one(services: Services, tray: Tray | None = None) -> MainWindow:
        window = MainWindow(services, TaskRunner(), QIcon(), tray)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts (Ctrl+1..6) need the active window
        qtbot.waitUntil(window.isActiveWindow)
        window.tasks.wait()
        QApplication.processEvents()
        opened.append(window)
        return window

    yield open_one
    for window in opened:
        window.quitting = True
        window.close()
        window.tasks.wait()
