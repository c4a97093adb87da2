"""The Resultados page on a town's history: lists with links, charts, tables, the report button."""

from __future__ import annotations

import csv
import errno
import io
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.results import figures_text as figures
from smalltown_social.core.results import month_range
from smalltown_social.core.results import posts_text as posts
from smalltown_social.storage import held_files
from smalltown_social.ui.results import page as page_module
from smalltown_social.ui.results import report_pdf
from smalltown_social.ui.results.page import ResultsPage
from smalltown_social.ui.tasks import TaskRunner
from tests.results_data import fill_results

END = datetime(2026, 11, 28, 12, tzinfo=UTC)


def column(table: QTableWidget, index: int) -> list[str]:
    cells = [table.item(row, index) for row in range(table.rowCount())]
    return [cell.text() for cell in cells if cell is not None]


def open_page(qtbot: QtBot, services: Services) -> tuple[ResultsPage, TaskRunner]:
    tasks = TaskRunner()
    page = ResultsPage(services.results_query(), services.settings, "es", tasks, today=lambda: END)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    return page, tasks


def test_the_month_shows_what_was_shared_what_was_not_and_the_medians(
    qtbot: QtBot, services: Services, screenshots: Path
) -> None:
    fill_results(services.database, 1500, END)
    page, _tasks = open_page(qtbot, services)
    report = page.report
    assert report is not None and report.month == "2026-11"
    assert page.month_label.text() == "Noviembre de 2026"
    top = report.most_shared[0]
    assert top.counts is not None and top.url
    shares = [r.counts.shares for r in report.most_shared if r.counts]
    assert shares == sorted(shares, reverse=True)
    assert top.url in page.shared_list.text()  # a link to the post itself
    assert (
        "Bluesky" in page.shared_list.text()
        or "Facebook" in page.shared_list.text()
        or ("Mastodon" in page.shared_list.text())
    )
    assert all(r.counts and r.counts.interactions == 0 for r in report.no_interaction)
    assert "Telegram" in page.summary.text() or "no dan cifras" in page.summary.text()
    assert page.type_table.rowCount() == len(report.by_type_network) > 0
    assert page.theme_table.rowCount() == 3
    first = page.theme_table.item(0, 0)
    assert first is not None and first.text() == "Información de servicio"
    assert page.listening_table.rowCount() == len(report.listening) > 0
    labels = column(page.listening_label_table, 0)
    assert {"Consulta", "Incidencia", "Queja", "Sugerencia"} <= set(labels)
    assert len(labels) == len(report.listening_by_label)
    assert page.listening_network_table.rowCount() == len(report.listening_by_network) > 1
    total = report.listening_total
    assert (
        total is not None and f"{total.received} mensajes recibidos" in page.listening_total.text()
    )
    assert sum(i.received for i in report.listening_by_network) == total.received
    assert sum(i.received for i in report.listening_by_label) == total.received
    assert page.charts[0].data().labels[-1] == "11/26"  # the trend ends on the month shown
    assert page.theme_note.text()
    page.show()
    qtbot.waitExposed(page)
    assert page.grab().save(str(screenshots / "results-page-es.png"))


def test_moving_between_months_and_an_empty_month(qtbot: QtBot, services: Services) -> None:
    page, _tasks = open_page(qtbot, services)
    assert page.report is not None and page.report.rows == []
    assert "Nada compartido" in page.shared_list.text()
    page.report = None
    page.previous_button.click()
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.month == "2026-10" and page.month_label.text() == "Octubre de 2026"


def test_the_report_button_writes_the_pdf_and_the_csv(
    qtbot: QtBot, services: Services, tmp_path: Path, screenshots: Path
) -> None:
    fill_results(services.database, 600, END)
    page, _tasks = open_page(qtbot, services)
    target = tmp_path / "pleno" / "informe.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(page.report_written, timeout=30_000):
        page.save_report(target)
    assert not page.saving and page.report_button.isEnabled()
    assert not list(target.parent.glob("*.part"))
    assert target.read_bytes().startswith(b"%PDF")
    sheet = target.with_suffix(".csv").read_bytes()
    assert sheet.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel keeps the accents
    rows = list(csv.reader(io.StringIO(sheet.decode("utf-8-sig")), delimiter=";"))
    start, end = month_range("2026-11", "Europe/Madrid")
    report = page.report
    assert report is not None and rows[len(report.rows) + 1] == []  # the posts, then a gap
    sections = [row[0] for row in rows[len(report.rows) + 3 :]]
    assert sections.count("por etiqueta") == len(report.listening_by_label)
    assert sections.count("por red") == len(report.listening_by_network)
    assert sections[-1] == "total"
    assert "informe.pdf" in page.summary.text()
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is needed to look at the PDF"
    subprocess.run(
        [pdftoppm, "-r", "70", "-png", str(target), str(screenshots / "results-report-es")],
        check=True,
    )
    words = subprocess.run(
        [pdftoppm.replace("pdftoppm", "pdftotext"), "-layout", str(target), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(words.split())
    total = report.listening_total
    assert total is not None
    assert f"{total.received} mensajes recibidos, {total.answered} respondidos" in flat
    assert "Por etiqueta" in flat and "Por red" in flat and "Por etiqueta y red" in flat
    del start, end


def test_the_demo_town_has_results_to_show(
    qtbot: QtBot, demo_services: Services, screenshots: Path
) -> None:
    tasks = TaskRunner()
    page = ResultsPage(demo_services.results_query(), demo_services.settings, "es", tasks)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    if datetime.now(UTC).day < 8:  # early in a month the demo has posted little: look back
        page.report = None
        page.previous_button.click()
        qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.report is not None and page.report.most_shared
    telegram = [r for r in page.report.rows if r.network == "telegram"]
    assert telegram and all(r.counts is not None for r in telegram)  # reactions, comments
    assert all(r.counts.reposts == 0 and r.counts.views is None for r in telegram if r.counts)
    assert "ni visualizaciones ni reenvíos" in page.summary.text()
    # A post with no interaction on several networks is one entry naming each network.
    entries = page.silent_list.text().split("<li>")[1:]
    texts = [entry.split("<br>")[0] for entry in entries]
    assert entries and len(texts) == len(set(texts))
    silent_posts = {r.post_id for r in page.report.no_interaction}
    assert len(entries) == min(5, len(silent_posts))
    page.show()
    qtbot.waitExposed(page)
    assert page.grab().save(str(screenshots / "results-page-demo-es.png"))


def test_the_report_is_written_off_the_gui_thread_while_the_page_stays_alive(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_results(services.database, 200, END)
    page, _tasks = open_page(qtbot, services)
    gate = threading.Event()
    writers: list[threading.Thread] = []
    real = report_pdf.write_report_files

    def held_back(*args: object, **kwargs: object) -> Path:
        writers.append(threading.current_thread())
        assert gate.wait(10), "the test never let the report go"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(page_module, "write_report_files", held_back)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    target = tmp_path / "informe.pdf"
    page.save_report(target)  # returns at once: on the GUI thread it would wait for the gate
    assert page.saving and not page.report_button.isEnabled()
    assert "Guardando el informe" in page.summary.text()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)  # the event loop runs meanwhile
    assert writers and writers[0] is not threading.main_thread()
    page.save_report(target)  # a second press while writing starts nothing
    with qtbot.waitSignal(page.report_written, timeout=30_000):
        gate.set()
    timer.stop()
    assert len(writers) == 1
    assert target.read_bytes().startswith(b"%PDF") and target.with_suffix(".csv").exists()
    assert page.report_button.isEnabled() and "Informe guardado" in page.summary.text()


def test_a_folder_that_cannot_take_the_report_is_told_in_spanish(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    fill_results(services.database, 50, END)
    page, _tasks = open_page(qtbot, services)
    blocker = tmp_path / "pleno"
    blocker.write_text("a file where the clerk thought a folder was")  # real ENOTDIR
    with qtbot.waitSignal(page.report_failed, timeout=30_000) as told:
        page.save_report(blocker / "informe.pdf")
    message = told.args[0] if told.args else ""
    assert message.startswith(f"No se pudo guardar el informe en {blocker}:")
    assert "hay un archivo donde debería haber una carpeta" in message
    assert message == page.summary.text() and page.report_button.isEnabled()


def test_a_full_disk_leaves_no_half_report_and_is_told_in_spanish(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_results(services.database, 50, END)
    page, _tasks = open_page(qtbot, services)
    target = tmp_path / "informe.pdf"
    target.write_bytes(b"last month's report")
    real = held_files.write_bytes

    def full(path: Path, data: bytes) -> None:
        real(path, data[: len(data) // 2])  # the disk filled up halfway through
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(held_files, "write_bytes", full)
    with qtbot.waitSignal(page.report_failed, timeout=30_000) as told:
        page.save_report(target)
    assert told.args and "el disco está lleno" in told.args[0]
    assert target.read_bytes() == b"last month's report"  # the older file is untouched
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.expected_logs(r"unexpected error, told to the clerk as such")
def test_an_unexpected_failure_is_logged_and_said_without_english(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _tasks = open_page(qtbot, services)

    def broken(*_args: object, **_kwargs: object) -> Path:
        raise ValueError("a bug in the report")

    monkeypatch.setattr(page_module, "write_report_files", broken)
    with qtbot.waitSignal(page.report_failed, timeout=10_000) as told:
        page.save_report(tmp_path / "informe.pdf")
    assert told.args and "algo inesperado ha fallado" in told.args[0]
    assert "a bug" not in told.args[0] and "ValueError" not in told.args[0]


def test_figures_of_one_are_said_in_the_singular() -> None:
    assert figures(1, 1, 1).es == "1 compartido · 1 me gusta · 1 respuesta"
    assert figures(1, 1, 1).en == "1 share · 1 like · 1 reply"
    assert figures(2, 0, 3, ", ").es == "2 compartidos, 0 me gusta, 3 respuestas"
    assert posts(1).es == "1 publicación" and posts(4).en == "4 posts"
