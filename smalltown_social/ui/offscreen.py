"""Render the main window without a screen (self-test, README screenshots, tests)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from smalltown_social.ui.icons import app_icon
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.qt_app import new_application
from smalltown_social.ui.qt_messages import route_qt_messages_to_log
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators

if TYPE_CHECKING:
    from smalltown_social.app import Services


def ensure_application(palette: QPalette | None = None) -> QApplication:
    """The QApplication, made offscreen if none exists (`palette`: see new_application)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    route_qt_messages_to_log()
    return new_application(["smalltown_social"], palette)


def render_main_window(services: Services, png: Path, size: tuple[int, int] = (1180, 760)) -> Path:
    app = ensure_application()
    translators = install_translators(app, services.runtime.language)
    tasks = TaskRunner()
    window = MainWindow(services, tasks, app_icon())
    try:
        window.resize(*size)
        window.show()
        tasks.wait()
        for _ in range(3):  # results delivered, then the layouts they request
            app.processEvents()
        png.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(png), "PNG"):
            raise OSError(f"could not write {png}")
    finally:
        window.quitting = True
        window.close()
        window.deleteLater()
        tasks.wait()
        app.processEvents()
        for translator in translators:
            app.removeTranslator(translator)
    return png
