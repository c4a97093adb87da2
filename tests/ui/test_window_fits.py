"""The main window fits the clerk's screen on every page, in Spanish and English.

Three screens are common in town halls: a 1280x720 laptop at 100 %, a
1366x768 laptop at 125 % (Windows' default there), which leaves Qt
1093x614 device-independent pixels, and a 1920x1080 one at 150 % (Qt's
1280x720 again, drawn with 1.5 device pixels each). All lose about 48 of
Qt's pixels to the taskbar.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smalltown_social.core.i18n import Language
from smalltown_social.logs import shutdown_logging
from smalltown_social.ui.application import TITLE_BAR, fit_to_screen
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from tests.ui.conftest import make_services

TASKBAR = 48
SCREENS = {
    "1280x720@100%": QSize(1280, 720 - TASKBAR),
    "1366x768@125%": QSize(1093, 614 - TASKBAR),
    "1920x1080@150%": QSize(1280, 720 - TASKBAR),  # Windows' default on 15" FHD laptops
}


def effective_minimum(window: MainWindow) -> QSize:
    """What the window manager must grant: the larger of minimumSize and the layout's hint."""
    return window.minimumSize().expandedTo(window.minimumSizeHint())


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_fits_both_laptop_screens(
    qtbot: QtBot, tmp_path: Path, language: Language
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, language)
    services = make_services(tmp_path / "data", demo=True, language=language)
    tasks = TaskRunner()
    try:
        window = MainWindow(services, tasks, QIcon())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        tasks.wait()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)  # pages built on first visit are built now
            tasks.wait()
            app.processEvents()
            needed = effective_minimum(window)
            page = window.navigation.item(row).text()
            for screen, room in SCREENS.items():
                assert needed.width() <= room.width() and needed.height() <= room.height(), (
                    f"{language} «{page}» needs {needed.width()}x{needed.height()}, "
                    f"more than {screen} offers ({room.width()}x{room.height()})"
                )
        window.quitting = True
        window.close()
        tasks.wait()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        services.close()
        shutdown_logging()


def test_the_first_size_fits_a_smaller_screen(qtbot: QtBot) -> None:
    """1180x760 where there is room; on a screen with less (a 1280x720 laptop), its free
    area less the title bar, from its top left: the composer's buttons stay on screen."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1180, 760)
    free = window.screen().availableGeometry()
    fit_to_screen(window)
    room = QSize(free.width(), free.height() - TITLE_BAR)
    assert window.width() == min(1180, room.width())
    assert window.height() == min(760, room.height())
    small = QWidget()
    qtbot.addWidget(small)
    small.resize(room.width() - 10, room.height() - 10)
    fit_to_screen(small)
    assert small.size() == QSize(room.width() - 10, room.height() - 10)
