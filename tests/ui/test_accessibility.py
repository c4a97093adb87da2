"""Every control is named for screen readers and every page is reached by keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smalltown_social.core.i18n import Language
from smalltown_social.logs import shutdown_logging
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from tests.ui.conftest import make_services

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)
# Parts Qt builds inside another control, named by it: a combo's list, a line edit's clear
# button, a table's header.
INNER_PARTS = (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView)


def unnamed(window: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, INNER_PARTS) or (
            parent and isinstance(parent.parentWidget(), QComboBox)
        ):
            continue
        text = widget.text().strip() if isinstance(widget, QAbstractButton) else ""
        if (text and text not in "◀▶") or widget.accessibleName() or id(widget) in buddies:
            continue
        found.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(parent).__name__}")
    return found


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_control_is_named_and_every_page_is_reached_by_keyboard(
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
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        for row in range(window.navigation.count()):
            qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
            tasks.wait()
            app.processEvents()
            page = window.pages.currentWidget()
            assert window.navigation.currentRow() == row
            assert page is not None
            # Tab from the page goes to a control of that page, not nowhere.
            page.setFocus()
            qtbot.keyClick(app.focusWidget() or page, Qt.Key.Key_Tab)
            focused = app.focusWidget()
            assert focused is not None and (focused is page or page.isAncestorOf(focused))
            assert unnamed(page) == [], window.navigation.item(row).text()
        window.quitting = True
        window.close()
        tasks.wait()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        services.close()
        shutdown_logging()
