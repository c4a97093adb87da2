"""Ajustes: built from the settings table, saved at once, backups off the GUI thread."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core import settings as catalogue
from smalltown_social.core.settings import (
    ELECTION_CALLED,
    ELECTION_DAY,
    INBOX_RETENTION_MONTHS,
    LATENESS_HOURS,
    TIME_ZONE,
)
from smalltown_social.ui.settings.page import SettingsPage
from smalltown_social.ui.tasks import TaskRunner


def open_page(qtbot: QtBot, services: Services) -> tuple[SettingsPage, TaskRunner]:
    tasks = TaskRunner()
    page = SettingsPage(
        services.settings,
        services.paths,
        services.runtime.language,
        backup_now=services.backup_now,
        tasks=tasks,
    )
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page, tasks


def test_every_shown_setting_has_an_editor(qtbot: QtBot, services: Services) -> None:
    page, _ = open_page(qtbot, services)
    shown = {s.key for s in catalogue.ALL if s.shown}
    assert set(page.editors) == shown
    assert catalogue.PAUSED.key not in page.editors  # paused lives on the calendar


def test_changes_are_saved_at_once(qtbot: QtBot, services: Services) -> None:
    page, _ = open_page(qtbot, services)
    zone = page.editors[TIME_ZONE.key]
    assert isinstance(zone, QComboBox)
    zone.setCurrentIndex(zone.findData("Atlantic/Canary"))
    lateness = page.editors[LATENESS_HOURS.key]
    assert isinstance(lateness, QSpinBox)
    with qtbot.waitSignal(page.setting_changed):
        lateness.setValue(2)
    assert services.settings.get(TIME_ZONE) == "Atlantic/Canary"
    assert services.settings.get(LATENESS_HOURS) == 2
    retention = page.editors[INBOX_RETENTION_MONTHS.key]
    assert isinstance(retention, QSpinBox)
    retention.setValue(0)  # below the declared limit: the editor refuses
    assert services.settings.get(INBOX_RETENTION_MONTHS) == INBOX_RETENTION_MONTHS.limits[0]


def test_backup_now_writes_a_copy(qtbot: QtBot, services: Services, screenshots: Path) -> None:
    page, _ = open_page(qtbot, services)
    page.backup_now()
    qtbot.waitUntil(lambda: "Copia guardada" in page.backup_result.text(), timeout=10_000)
    made = list(services.paths.backups.glob("manual-*.db"))
    assert len(made) == 1
    with sqlite3.connect(made[0]) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert page.grab().save(str(screenshots / "settings-es.png"))


def test_a_failed_backup_is_explained(qtbot: QtBot, services: Services) -> None:
    page, _ = open_page(qtbot, services)
    services.paths.backups.rmdir()
    services.paths.backups.write_text("a file where the folder should be")
    page.backup_now()
    qtbot.waitUntil(lambda: "No se pudo hacer la copia" in page.backup_result.text())
    assert page.backup_button.isEnabled()


def test_the_electoral_period_is_entered_as_two_days(qtbot: QtBot, services: Services) -> None:
    page, _ = open_page(qtbot, services)
    called = page.editors[ELECTION_CALLED.key]
    day = page.editors[ELECTION_DAY.key]
    assert isinstance(called, QLineEdit) and isinstance(day, QLineEdit)
    assert "Sin periodo electoral" in page.electoral_label.text()
    called.setText("31/02/2027")  # not a date: refused, nothing saved
    called.editingFinished.emit()
    assert called.property("invalid") is True
    assert services.settings.get(ELECTION_CALLED) == ""
    called.setText("2027-04-01")
    called.editingFinished.emit()
    day.setText("2027-05-23")
    day.editingFinished.emit()
    assert services.settings.electoral_period() == (date(2027, 4, 1), date(2027, 5, 23))
    assert "del 01/04/2027 al 23/05/2027" in page.electoral_label.text()
    day.setText("")
    day.editingFinished.emit()
    assert services.settings.electoral_period() is None


def test_the_language_shown_is_the_one_on_screen(qtbot: QtBot, services: Services) -> None:
    services.runtime.language = "en"  # as `--lang en` does, the stored choice still "es"
    page, _ = open_page(qtbot, services)
    language = page.editors[catalogue.LANGUAGE.key]
    assert isinstance(language, QComboBox)
    assert language.currentData() == "en"
    assert services.settings.get(catalogue.LANGUAGE) == "es"  # showing it saved nothing
    language.setCurrentIndex(language.findData("es"))
    assert services.settings.get(catalogue.LANGUAGE) == "es"


def test_the_town_profile_is_edited_as_text_and_saved(qtbot: QtBot, services: Services) -> None:
    page, _ = open_page(qtbot, services)
    phones = page.editors[catalogue.TOWN_PHONES.key]
    assert isinstance(phones, QLineEdit)
    phones.setText("953 12 34 56, 612 34 56 78")
    with qtbot.waitSignal(page.setting_changed):
        phones.editingFinished.emit()
    assert services.settings.get(catalogue.TOWN_PHONES) == "953 12 34 56, 612 34 56 78"
