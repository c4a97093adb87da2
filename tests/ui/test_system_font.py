"""Segoe UI: the app draws in the system's font, at least at the system's size.

On Windows Qt takes the application font from the system (Segoe UI, 9 pt at
100 %, larger when the clerk turns up "Text size"). Nothing in the app may name
a font family (which would replace Segoe UI with a fallback, or keep it when the
clerk's system uses another) or shrink text below the system's size. Here the
test stands in for Windows by giving the application "Segoe UI" at 9 pt, and
checks every widget of every page after the app's own style sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smalltown_social.logs import shutdown_logging
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.conftest import make_services

UI = Path(__file__).resolve().parents[2] / "smalltown_social" / "ui"
# A family named in code or in a style sheet; report_pdf.py draws on paper, not the screen.
NAMING_A_FAMILY = re.compile(
    r"setFamil(y|ies)\(|font-family|QFont\(\s*[\"']|font:\s*[^;]*[\"a-z]+\s*[;}]", re.IGNORECASE
)


def test_no_screen_code_names_a_font_family() -> None:
    found = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "report_pdf.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAMING_A_FAMILY.search(line)
    ]
    assert not found


@pytest.fixture
def segoe(qapp: QApplication) -> Iterator[QFont]:
    before = QFont(qapp.font())
    system = QFont("Segoe UI")
    system.setPointSizeF(9)
    qapp.setFont(system)
    yield system
    qapp.setFont(before)


def test_every_page_uses_the_system_font_at_least_at_its_size(
    segoe: QFont, qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    services = make_services(tmp_path / "data", demo=True)
    tasks = TaskRunner()
    try:
        window = MainWindow(services, tasks, QIcon())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        other: set[str] = set()
        small: set[str] = set()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            tasks.wait()
            qapp.processEvents()
            for widget in [window, *window.findChildren(QWidget)]:
                if not widget.isVisibleTo(window):
                    continue
                font = widget.font()
                name = f"{type(widget).__name__}#{widget.objectName()}"
                if font.family() != segoe.family():
                    other.add(f"{name}: {font.family()}")
                if 0 < font.pointSizeF() < segoe.pointSizeF():
                    small.add(f"{name}: {font.pointSizeF()} pt")
        assert not other
        assert not small
        window.quitting = True
        window.close()
    finally:
        tasks.wait()
        services.close()
        shutdown_logging()
