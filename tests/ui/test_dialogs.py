"""What the clerk sees when something goes wrong outside the main window."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.crash import CrashReporter
from smalltown_social.redaction import Redactor
from smalltown_social.storage.errors import DatabaseCorrupt
from smalltown_social.ui.dialogs import CrashRelay, offer_restore

SEEN: list[str] = []


def answer_next_box(button_text: str) -> None:
    """When the next modal box opens, remember its text and press the named button."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        SEEN.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(20, press)


def test_a_damaged_database_offers_the_last_backup(tmp_path: Path) -> None:
    SEEN.clear()
    error = DatabaseCorrupt(tmp_path / "a.db", "file is not a database", tmp_path / "b.db")
    answer_next_box("Restaurar la última copia")
    assert offer_restore(error, "es") is True
    assert "está dañada" in SEEN[0] and "b.db" in SEEN[0]


def test_the_clerk_may_decline_and_quit(tmp_path: Path) -> None:
    error = DatabaseCorrupt(tmp_path / "a.db", "file is not a database", None)
    answer_next_box("Salir")
    assert offer_restore(error, "es") is False


@pytest.mark.expected_logs(r"CRITICAL smalltown_social\.crash: Unexpected error")
def test_a_crash_in_a_worker_thread_writes_a_report_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    SEEN.clear()
    reporter = CrashReporter(tmp_path / "crashes", Redactor(), "0.1.0")
    relay = CrashRelay("es")
    reporter.install(relay.report)
    try:
        answer_next_box("OK")

        def boom() -> None:
            raise RuntimeError("algo se rompió")

        worker = threading.Thread(target=boom, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(SEEN), timeout=5_000)
    finally:
        reporter.uninstall()
    reports = list((tmp_path / "crashes").iterdir())
    assert len(reports) == 1
    assert "algo se rompió" in reports[0].read_text(encoding="utf-8")
    assert SEEN[0].startswith("La aplicación ha encontrado un error inesperado")
    assert str(reports[0]) in SEEN[0]
