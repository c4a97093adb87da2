"""Exports wait a moment for a file another program holds; held for good, the clerk is told.

Windows' refusal is made by `pathlib.Path.write_bytes` failing as Windows
fails it (a PermissionError with winerror 32) for the export's file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.storage import held_files
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.tasks import TaskRunner
from tests.storage.test_held_files import SHARING_VIOLATION, Holder
from tests.ui.test_inbox_page import fill


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(held_files, "wait", lambda _seconds: None)


def test_the_inbox_csv_is_written_once_the_antivirus_lets_go(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(services, 2)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    target = tmp_path / "Bandeja de entrada — marzo.csv"
    held = Holder(monkeypatch, "write_bytes", target.name, times=2, winerror=SHARING_VIOLATION)
    assert page.export_to(target) == 2
    assert held.tries == 3
    with target.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == 3


@pytest.mark.expected_logs(r"inbox export refused")
def test_an_inbox_csv_held_open_in_excel_is_told_not_crashed(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(services, 1)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    target = tmp_path / "bandeja.csv"
    Holder(monkeypatch, "write_bytes", target.name, times=99, winerror=SHARING_VIOLATION)
    monkeypatch.setattr(
        "smalltown_social.ui.inbox.page.QFileDialog.getSaveFileName",
        lambda *_args: (str(target), "CSV (*.csv)"),
    )
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_rest: told.append(text)
    )
    page.export_button.click()
    assert len(told) == 1
    assert "ciérrelo y vuelva a intentarlo" in told[0] and str(target) in told[0]
    assert not target.exists()
