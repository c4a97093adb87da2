"""Ajustes offers publishing with the window closed; the status bar says whether it is on.

The system's scheduler (Task Scheduler, systemd) is our boundary: a stand-in
keeps the registered command, or refuses as Windows would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.background_publishing import BackgroundPublishingError
from smalltown_social.core.i18n import Text
from smalltown_social.core.settings import BACKGROUND_OFFERED
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.settings.page import SettingsPage
from smalltown_social.ui.tasks import TaskRunner


def settings_page(services: Services, scheduler: Scheduler) -> SettingsPage:
    return SettingsPage(
        services.settings,
        services.paths,
        services.runtime.language,
        backup_now=services.backup_now,
        tasks=TaskRunner(),
        background=scheduler,
    )


class Scheduler:
    name = "smalltown_social publish-due 0123456789ab"

    def __init__(self, *, refuse: bool = False, active: bool = False) -> None:
        self.command: list[str] | None = ["already"] if active else None
        self.refuse = refuse

    def remove_program(self, program: str) -> list[str]:
        raise AssertionError(program)  # the window never uninstalls

    def active(self) -> bool:
        return self.command is not None

    def enable(self, command: list[str]) -> None:
        if self.refuse:
            raise BackgroundPublishingError(
                Text("Windows no creó la tarea programada: Acceso denegado", "denied")
            )
        self.command = command

    def disable(self) -> None:
        self.command = None


def test_switching_it_on_registers_publish_due_for_this_data_folder(
    qtbot: QtBot, services: Services
) -> None:
    scheduler = Scheduler()
    page = settings_page(services, scheduler)
    qtbot.addWidget(page)
    box = page.background_box
    assert box is not None
    qtbot.waitUntil(box.check.isEnabled)  # the system answered
    assert not box.check.isChecked()
    with qtbot.waitSignal(page.background_changed) as changed:
        box.check.setChecked(True)
    assert changed.args == [True]
    assert scheduler.command is not None
    assert scheduler.command[-3:] == ["--basedir", str(services.paths.base), "publish-due"]
    qtbot.waitUntil(box.check.isEnabled)
    with qtbot.waitSignal(page.background_changed) as changed:
        box.check.setChecked(False)
    assert changed.args == [False]
    assert scheduler.command is None


@pytest.mark.expected_logs(r"background publishing change refused: denied")
def test_a_refusal_is_shown_and_the_box_tells_the_truth(qtbot: QtBot, services: Services) -> None:
    page = settings_page(services, Scheduler(refuse=True))
    qtbot.addWidget(page)
    box = page.background_box
    assert box is not None
    qtbot.waitUntil(box.check.isEnabled)
    with qtbot.waitSignal(page.background_changed) as changed:
        box.check.setChecked(True)
    assert changed.args == [False]
    assert not box.check.isChecked()
    assert "Acceso denegado" in box.result.text()


def test_the_demo_offers_nothing(qtbot: QtBot, demo_services: Services) -> None:
    page = settings_page(demo_services, Scheduler())
    qtbot.addWidget(page)
    assert page.background_box is None


def test_the_status_bar_shows_whether_it_is_on(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, TaskRunner(), QIcon(), background=Scheduler(active=True))
    qtbot.addWidget(window)
    label = window.status.background_label
    qtbot.waitUntil(lambda: label.text() != "")
    assert label.text() == "Con la ventana cerrada: publica"
    box = window.settings_page.background_box
    assert box is not None
    qtbot.waitUntil(box.check.isEnabled)
    box.check.setChecked(False)
    qtbot.waitUntil(lambda: label.text() == "Con la ventana cerrada: no publica")


def test_without_a_scheduler_the_status_bar_says_nothing(qtbot: QtBot, services: Services) -> None:
    window = MainWindow(services, TaskRunner(), QIcon())
    qtbot.addWidget(window)
    assert window.settings_page.background_box is None
    assert window.status.background_label.isHidden()


def window_with(qtbot: QtBot, services: Services, scheduler: Scheduler) -> MainWindow:
    window = MainWindow(services, TaskRunner(), QIcon(), background=scheduler)
    qtbot.addWidget(window)
    box = window.settings_page.background_box
    assert box is not None
    qtbot.waitUntil(lambda: box.active is not None)
    return window


def test_the_first_scheduled_post_brings_the_offer_once(qtbot: QtBot, services: Services) -> None:
    scheduler = Scheduler()
    window = window_with(qtbot, services, scheduler)
    window.compose_page.scheduled.emit(1)
    question = window.background_offer.question
    assert question is not None
    assert "aunque el programa esté cerrado" in question.text()
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: scheduler.command is not None)
    assert scheduler.command is not None and scheduler.command[-1] == "publish-due"
    assert services.settings.get(BACKGROUND_OFFERED) is True
    scheduler.disable()
    window.compose_page.scheduled.emit(2)
    assert window.background_offer.question is None  # asked once, never again


def test_no_says_no_and_is_not_asked_again(qtbot: QtBot, services: Services) -> None:
    scheduler = Scheduler()
    window = window_with(qtbot, services, scheduler)
    window.compose_page.scheduled.emit(1)
    question = window.background_offer.question
    assert question is not None
    question.button(QMessageBox.StandardButton.No).click()
    assert scheduler.command is None
    window.compose_page.scheduled.emit(2)
    assert window.background_offer.question is None


def test_no_offer_when_it_is_already_on(qtbot: QtBot, services: Services) -> None:
    window = window_with(qtbot, services, Scheduler(active=True))
    window.compose_page.scheduled.emit(1)
    assert window.background_offer.question is None
    assert services.settings.get(BACKGROUND_OFFERED) is False
