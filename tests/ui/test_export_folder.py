"""OneDrive-redirected Documents, and names with accents and spaces, for the exports.

When OneDrive backs up Documents, Windows' Documents folder is
"C:\\Users\\José Pérez\\OneDrive - Ayuntamiento\\Documentos"; Qt finds it through the
shell. Here the same redirection is made the way Linux makes it (XDG user dirs,
which Qt reads the same way), to a folder with accents and spaces: every export's
save dialog starts there, and the calendar (.ics), the inbox (.csv) and the
council's report (.pdf and .csv) are written there whole. The data folder stays
in %LOCALAPPDATA% (neither roamed nor synced), and a data folder moved into
OneDrive is warned about.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.paths import default_base_dir, location_warning
from smalltown_social.ui.calendar.page import CalendarPage
from smalltown_social.ui.export_folder import export_folder
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.tasks import TaskRunner
from tests.results_data import fill_results
from tests.ui.calendar.test_calendar_page import NOW, add_post
from tests.ui.test_inbox_page import fill
from tests.ui.test_results_page import END, open_page


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's Documents moved into OneDrive, as Windows' Known Folder Move does."""
    folder = tmp_path / "José Pérez" / "OneDrive - Ayuntamiento" / "Documentos"
    folder.mkdir(parents=True)
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return folder


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: notes where it starts, picks a name there."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started: list[Path] = []

    def __call__(self, _parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        self.started.append(Path(start))
        return str(Path(start).parent / self.name), _filter


def test_exports_start_in_the_users_documents(documents: Path) -> None:
    assert export_folder() == documents
    documents.rmdir()
    assert export_folder() == Path.home()  # a Documents that is gone is not suggested


def test_the_calendar_inbox_and_report_are_saved_in_a_redirected_documents_folder(
    qtbot: QtBot, services: Services, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SaveDialog("calendario de José.ics")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    add_post(services, "Recogida de enseres", NOW)
    tasks = TaskRunner()
    calendar = CalendarPage(
        services.calendar,
        services.settings,
        "es",
        resolve=services.resolve_target,
        tasks=tasks,
        clock=lambda: NOW,
    )
    qtbot.addWidget(calendar)
    calendar._ask_export()
    qtbot.waitUntil(lambda: "guardado" in calendar.message.text(), timeout=5000)
    assert b"Recogida de enseres" in (documents / "calendario de José.ics").read_bytes()

    dialog.name = "bandeja de entrada — marzo.csv"
    fill(services, 2)
    inbox = InboxPage(services.inbox_services, tasks)
    qtbot.addWidget(inbox)
    inbox._ask_export()
    with (documents / dialog.name).open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == 3

    dialog.name = "informe del pleno (noviembre).pdf"
    fill_results(services.database, 200, END)
    results, _tasks = open_page(qtbot, services)
    with qtbot.waitSignal(results.report_written, timeout=30_000):
        results._save_report()
    assert (documents / dialog.name).read_bytes().startswith(b"%PDF")
    assert (documents / "informe del pleno (noviembre).csv").exists()

    assert dialog.started == [
        documents / "calendario.ics",
        documents / "bandeja.csv",
        documents / "resultados-2026-11.pdf",
    ]
    tasks.wait()


def test_the_data_folder_is_local_not_roamed_and_onedrive_is_warned_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = r"C:\Users\José Pérez\AppData\Local"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("APPDATA", r"C:\Users\José Pérez\AppData\Roaming")
    base = default_base_dir()
    assert str(base) == str(Path(local) / "smalltown_social")
    assert "Roaming" not in str(base)
    assert location_warning(base) is None
    synced = Path(r"C:\Users\José Pérez\OneDrive - Ayuntamiento\Documentos\smalltown_social")
    warning = location_warning(synced)
    assert warning is not None and "sincronizada" in warning.es
