"""What a fast start must not lose (issue #13), through the real `run_gui`.

- The outbox's first sweep starts within 2 s of start (seen through a signal).
- A damaged database is refused before the window shows when the start's reads meet
  the damage, and, when only the integrity check finds it (it runs beside the start),
  right after the first frame and before anything is written: no backup, no change.
- Pages are built on their first visit, by keyboard too; the inbox count and the next
  post are shown before any page but the composer exists.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language
from smalltown_social.core.settings import COMPOSER_POST
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.publishing.scheduler import Publisher
from smalltown_social.storage.errors import StorageError
from smalltown_social.storage.install_repo import InstallRepository
from smalltown_social.ui import application, window_start
from smalltown_social.ui.application import EXIT_NO_DATABASE, run_gui
from smalltown_social.ui.main_window import MainWindow, Shell
from smalltown_social.ui.tasks import TaskRunner
from tests.storage.test_check_beside import PAGE_SIZE
from tests.storage.test_opening import digest

SAFETY_MS = 15_000  # a failing test ends instead of hanging


class Safety(QTimer):
    """Ends a failing test's event loop instead of hanging; stopped when the test is done."""

    def __init__(self) -> None:
        super().__init__()
        self.setSingleShot(True)
        self.timeout.connect(QApplication.quit)
        self.start(SAFETY_MS)


class Seen(QObject):
    swept = Signal(float)


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    # Qt's messages stay with pytest-qt: the app's own routing is global and outlives the test.
    monkeypatch.setattr(application, "route_qt_messages_to_log", lambda: None)


@pytest.mark.parametrize("painted", [True, False], ids=["painted", "never-painted"])
def test_the_outbox_sweeps_within_two_seconds_of_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: None, painted: bool
) -> None:
    """Also when the window never paints (started minimised, hidden): the services and
    the background then come on their timers."""
    if not painted:
        monkeypatch.setattr(MainWindow, "show", lambda _window: None)
    seen = Seen()
    started = time.monotonic()
    sweep = Publisher.sweep

    def watched(publisher: Publisher) -> None:
        seen.swept.emit(time.monotonic() - started)  # from APScheduler's thread: queued
        sweep(publisher)

    monkeypatch.setattr(Publisher, "sweep", watched)
    after: list[float] = []

    def first_sweep(seconds: float) -> None:
        after.append(seconds)
        QApplication.quit()

    seen.swept.connect(first_sweep)
    safety = Safety()
    assert run_gui(DataPaths(base=tmp_path / "data", demo=True), "es") == 0
    safety.stop()
    shutdown_logging()
    assert after, "the outbox never swept"
    assert after[0] < 2.0


def test_old_keyring_entries_are_copied_off_the_gui_thread_before_the_first_sweep(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: None
) -> None:
    """Copying an older version's keyring entries touches the keyring and writes (which
    waits for the integrity check): never on the GUI thread, always before a key is read."""
    paths = DataPaths(base=tmp_path / "data", demo=True)
    services = build_services(Runtime.start(paths))
    services.database.conn.execute("UPDATE install SET legacy_secrets_adopted = 0")
    services.close()
    shutdown_logging()
    events: list[tuple[str, bool]] = []
    adopt = Services.adopt_legacy_secrets

    def watched_adopt(services: Services) -> int:
        events.append(("adopt", threading.current_thread() is threading.main_thread()))
        return adopt(services)

    sweep = Publisher.sweep

    def watched_sweep(publisher: Publisher) -> None:
        events.append(("sweep", threading.current_thread() is threading.main_thread()))
        app = QApplication.instance()
        assert app is not None
        QTimer.singleShot(0, app, QApplication.quit)  # from APScheduler's thread: on the app's
        sweep(publisher)

    monkeypatch.setattr(Services, "adopt_legacy_secrets", watched_adopt)
    monkeypatch.setattr(Publisher, "sweep", watched_sweep)
    safety = Safety()
    assert run_gui(paths, "es") == 0
    safety.stop()
    shutdown_logging()
    assert events[:2] == [("adopt", False), ("sweep", False)]
    services = build_services(Runtime.start(paths), adopt_secrets=False)
    try:
        assert InstallRepository(services.database).legacy_secrets_adopted()
    finally:
        services.close()
        shutdown_logging()


def damage_an_index_after_a_first_start(paths: DataPaths) -> None:
    """A folder started once (install id, old keys adopted), then one index page damaged:
    the start's reads still work, `PRAGMA quick_check` does not."""
    services = build_services(Runtime.start(paths))
    page = int(
        services.database.scalar(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbox_items' "
            "ORDER BY name LIMIT 1"
        )
    )
    services.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    services.close()
    shutdown_logging()
    raw = bytearray(paths.database.read_bytes())
    raw[(page - 1) * PAGE_SIZE : (page - 1) * PAGE_SIZE + 16] = b"\xff" * 16
    paths.database.write_bytes(bytes(raw))


def scribble_every_page_but_the_first(paths: DataPaths) -> None:
    build_services(Runtime.start(paths)).close()
    shutdown_logging()
    raw = bytearray(paths.database.read_bytes())
    for offset in range(PAGE_SIZE + 16, len(raw), 97):
        raw[offset] = 0xFF
    paths.database.write_bytes(bytes(raw))


def refused(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[StorageError], list[MainWindow], Safety]:
    offered: list[StorageError] = []
    shown: list[MainWindow] = []

    def offer(error: StorageError, _language: Language) -> bool:
        offered.append(error)
        return False  # the clerk closes the message

    show = MainWindow.show

    def watched_show(window: MainWindow) -> None:
        shown.append(window)
        show(window)

    monkeypatch.setattr(window_start, "offer_restore", offer)
    monkeypatch.setattr(MainWindow, "show", watched_show)
    return offered, shown, Safety()


@pytest.mark.expected_logs("database unusable")
def test_damage_met_by_the_start_is_refused_before_the_window_shows(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, quiet: None
) -> None:
    scribble_every_page_but_the_first(data_paths)
    before = digest(data_paths.database)
    offered, shown, safety = refused(monkeypatch)
    assert run_gui(data_paths, "es") == EXIT_NO_DATABASE
    safety.stop()
    shutdown_logging()
    assert [type(e).__name__ for e in offered] == ["DatabaseCorrupt"]
    assert shown == []
    assert digest(data_paths.database) == before


@pytest.mark.expected_logs("database damaged", "database unusable")
def test_damage_only_the_check_finds_closes_the_window_before_anything_is_written(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, quiet: None
) -> None:
    damage_an_index_after_a_first_start(data_paths)
    before = digest(data_paths.database)
    backups_before = sorted(data_paths.backups.iterdir())
    offered, shown, safety = refused(monkeypatch)
    assert run_gui(data_paths, "es") == EXIT_NO_DATABASE
    safety.stop()
    assert shown  # the window was painted first: the check's verdict came after
    shutdown_logging()
    assert [type(e).__name__ for e in offered] == ["DatabaseCorrupt"]
    assert digest(data_paths.database) == before  # nothing written
    assert sorted(data_paths.backups.iterdir()) == backups_before  # no daily backup of it


def test_pages_are_built_on_their_first_visit_by_keyboard(qtbot: QtBot, services: Services) -> None:
    tasks = TaskRunner()
    window = MainWindow(services, tasks, QIcon())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=SAFETY_MS):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert [type(p).__name__ for p in window.built_pages()] == ["ComposerPage"]
    for row in range(1, window.navigation.count()):
        key = getattr(Qt.Key, f"Key_{row + 1}")
        built = len(window.built_pages())
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert len(window.built_pages()) == built + 1
        assert window.pages.currentIndex() == row
        assert window.pages.currentWidget() in window.built_pages()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.compose_page
    tasks.wait()


def test_connectivity_is_asked_once_the_clerk_can_type(
    qtbot: QtBot, demo_services: Services
) -> None:
    """Loading the system's connectivity backend (10-30 ms) waits for the composer's paint."""
    tasks = TaskRunner()
    window = MainWindow(demo_services, tasks, QIcon())
    qtbot.addWidget(window)
    label = window.status.connection_label
    said: list[str] = []
    window.first_frame.connect(lambda: said.append(label.text()))
    assert label.text() == ""
    with qtbot.waitSignal(window.ready, timeout=SAFETY_MS):
        window.show()
    assert said == [""]  # nothing asked nor said in the first frame: the composer came first
    assert label.text() != ""  # said as soon as the clerk can type
    tasks.wait()


def test_inbox_count_and_next_post_come_before_their_pages(
    qtbot: QtBot, demo_services: Services
) -> None:
    tasks = TaskRunner()
    window = MainWindow(demo_services, tasks, QIcon())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "(" in window.navigation.item(2).text())  # "Bandeja de entrada (n)"
    qtbot.waitUntil(lambda: window.status.next_label.text() != "")
    assert "InboxPage" not in [type(p).__name__ for p in window.built_pages()]
    assert "CalendarPage" not in [type(p).__name__ for p in window.built_pages()]
    tasks.wait()


def test_the_clerk_types_in_the_first_frame_and_keeps_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    """The shell's first frame holds the composer's editor, focused, before any service
    exists. What the clerk types then goes into the composer built around it and is
    saved as a new post; the draft reopened on other starts stays in Borradores."""
    services = demo_services
    earlier = int(services.database.scalar("SELECT min(id) FROM posts"))
    services.settings.set(COMPOSER_POST, earlier)
    tasks = TaskRunner()
    window = MainWindow(Shell(services.paths, "es"), tasks, QIcon())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame, timeout=SAFETY_MS):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.built_pages() == []
    assert window.status.next_label.text() == ""  # not "none scheduled" before it is known
    assert window.composer_editor.hasFocus()
    qtbot.keyClicks(window.composer_editor, "Corte de agua el martes")
    posts = services.posts.count()
    with qtbot.waitSignal(window.ready, timeout=SAFETY_MS):
        window.attach(services)
    page = window.compose_page
    assert page.editor is window.composer_editor
    qtbot.waitUntil(lambda: page.restored)
    assert page.editor.toPlainText() == "Corte de agua el martes"
    assert page.editor.hasFocus()
    assert "sigue en «Borradores»" in page.actions_bar.message.text()
    qtbot.waitUntil(lambda: services.settings.get(COMPOSER_POST) != earlier, timeout=SAFETY_MS)
    assert services.posts.count() == posts + 1
    saved = services.posts.get(services.settings.get(COMPOSER_POST))
    assert saved is not None and saved.text == "Corte de agua el martes"
    tasks.wait()


def test_a_section_chosen_before_the_services_come_is_built_when_they_do(
    qtbot: QtBot, demo_services: Services
) -> None:
    tasks = TaskRunner()
    window = MainWindow(Shell(demo_services.paths, "es"), tasks, QIcon())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame, timeout=SAFETY_MS):
        window.show()
    window.navigation.setCurrentRow(1)  # Calendario, clicked in the first instant
    assert window.built_pages() == []
    assert window.pages.currentIndex() == 1
    with qtbot.waitSignal(window.ready, timeout=SAFETY_MS):
        window.attach(demo_services)
    assert [type(p).__name__ for p in window.built_pages()] == ["CalendarPage"]
    assert window.pages.currentWidget() is window.calendar_page
    tasks.wait()
