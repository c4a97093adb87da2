"""The one way off the GUI thread: results come back on it, late ones are dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.storage.database import Database
from smalltown_social.ui.tasks import TaskRunner, _deliver
from tests.storage.test_thread_connections import open_files


def test_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    seen: list[tuple[int, bool]] = []
    tasks.run_in_background(
        lambda: 6 * 7,
        lambda value: seen.append((value, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]


def test_errors_go_to_the_error_callback(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    errors: list[Exception] = []

    def fail() -> None:
        raise OSError("disco lleno")

    tasks.run_in_background(fail, None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], OSError)


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    delivered: list[str] = []

    def to_a_deleted_label(text: str) -> None:
        delivered.append(text)
        raise RuntimeError("Internal C++ object (PySide6.QtWidgets.QLabel) already deleted.")

    tasks.run_in_background(lambda: "hecho", to_a_deleted_label)
    qtbot.waitUntil(lambda: bool(delivered))  # and no error escapes into the event loop


def test_other_errors_in_a_callback_are_not_hidden() -> None:
    def broken(_: object) -> None:
        raise RuntimeError("a real bug")

    with pytest.raises(RuntimeError, match="a real bug"):
        _deliver(broken, None)


def test_shutdown_drops_what_was_not_delivered(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    seen: list[object] = []
    tasks.run_in_background(lambda: "tarde", seen.append)
    assert tasks.shutdown()
    QApplication.processEvents()
    assert seen == []


def test_background_jobs_leave_no_database_connection_open(
    qtbot: QtBot, database: Database
) -> None:
    """PySide drops a pool thread's Python state after each job; its connection goes too."""
    database.conn.execute("SELECT count(*) FROM posts").fetchone()
    before = open_files(database)
    tasks = TaskRunner()
    for _ in range(40):
        tasks.run_in_background(lambda: database.scalar("SELECT count(*) FROM posts"))
    assert tasks.wait()
    qtbot.waitUntil(lambda: open_files(database) <= before + 2, timeout=2000)
