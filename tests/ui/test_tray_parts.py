"""Running in the background: reports from worker threads become tray notices; quitting asks."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.autostart import XdgAutostart
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import PAUSED
from smalltown_social.core.states import TargetState
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.ui.publishing_notices import PublishingBridge, TrayNotifier
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.tray_menu import AutostartAction, QuitGuard, install_tray_parts


def scheduled_target(services: Services, due: datetime, text: str = "Corte de agua") -> int:
    account = services.accounts.add(Network.MASTODON, "Ayuntamiento")
    post = services.posts.save(Post(text=text, due_utc=due))
    assert post.id is not None
    target = services.posts.add_target(
        Target(post.id, account.id, state=TargetState.SCHEDULED, due_utc=due)
    )
    assert target.id is not None
    return target.id


def test_reports_from_a_worker_thread_arrive_on_the_gui_thread(
    qtbot: QtBot, services: Services
) -> None:
    target_id = scheduled_target(services, datetime.now(UTC))
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, None, services.posts, services.accounts)
    threads: list[threading.Thread] = []
    seen_on: list[threading.Thread] = []
    notifier.changed.connect(lambda: seen_on.append(threading.current_thread()))
    worker = threading.Thread(target=bridge.on_failed, args=(target_id, "Servidor caído"))
    threads.append(worker)
    with qtbot.waitSignal(notifier.changed, timeout=3000):
        worker.start()
    worker.join()
    assert seen_on == [threading.main_thread()]
    assert notifier.last is not None
    assert notifier.last.title == "No se pudo publicar en Ayuntamiento (Mastodon)"
    assert "Servidor caído" in notifier.last.message
    assert "Corte de agua" in notifier.last.message
    assert notifier.last.warning


def test_each_kind_of_report_has_its_own_words(qtbot: QtBot, services: Services) -> None:
    target_id = scheduled_target(services, datetime.now(UTC))
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, None, services.posts, services.accounts)
    bridge.on_published(target_id)
    assert notifier.last is not None
    assert notifier.last.title == "Publicada en Ayuntamiento (Mastodon)"
    assert not notifier.last.warning
    bridge.on_unconfirmed(target_id)
    assert notifier.last.title == "Sin confirmar en Ayuntamiento (Mastodon)"
    assert "Compruébelo" in notifier.last.message


def test_clicking_the_notice_opens_its_post(qtbot: QtBot, services: Services) -> None:
    target_id = scheduled_target(services, datetime.now(UTC))
    post_id = services.posts.target(target_id).post_id  # type: ignore[union-attr]
    tray = Tray(QIcon())
    opened: list[int] = []
    parts = install_tray_parts(services, tray, opened.append, lambda: None)
    parts.bridge.on_published(target_id)
    qtbot.waitUntil(lambda: parts.notifier.last is not None)  # after others may join it
    tray.icon.messageClicked.emit()
    assert opened == [post_id]


def test_quitting_asks_only_when_posts_are_due_within_the_hour(services: Services) -> None:
    now = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    questions: list[str] = []

    def ask(parent: QWidget | None, question: str) -> bool:
        questions.append(question)
        return False

    guard = QuitGuard(CalendarRepository(services.database).due_between, ask, clock=lambda: now)
    scheduled_target(services, now + timedelta(hours=2))
    assert guard.allow_quit(None)
    assert questions == []
    scheduled_target_2 = services.posts.save(Post(text="Pleno", due_utc=now))
    assert scheduled_target_2.id is not None
    account = services.accounts.by_name("Ayuntamiento")
    assert account is not None
    services.posts.add_target(
        Target(
            scheduled_target_2.id,
            account.id,
            state=TargetState.SCHEDULED,
            due_utc=now + timedelta(minutes=20),
        )
    )
    assert not guard.allow_quit(None)
    assert questions[0].startswith("Hay publicaciones programadas para la próxima hora (1).")
    # With the system's scheduled task publishing, quitting holds nothing back: no question.
    guard.handed_over = lambda: True
    assert guard.allow_quit(None)
    assert len(questions) == 1


def test_autostart_switch_in_the_tray_menu(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    tray = Tray(QIcon())
    autostart = XdgAutostart(config_home=tmp_path)
    parts = install_tray_parts(services, tray, lambda _: None, lambda: None, autostart)
    action = parts.autostart_action
    assert action is not None
    assert action in tray.menu.actions()
    assert tray.menu.actions().index(action) < tray.menu.actions().index(tray.quit_action)
    assert not action.isChecked()
    action.trigger()
    assert autostart.path.exists()
    assert "--basedir" in autostart.path.read_text(encoding="utf-8")
    action.trigger()
    assert not autostart.path.exists()


@pytest.mark.expected_logs(r"ERROR smalltown_social\.ui\.[a-z_.]+: autostart change failed")
def test_autostart_failure_is_said_and_the_switch_stays_off(tmp_path: Path) -> None:
    blocker = tmp_path / "autostart"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    autostart = XdgAutostart(config_home=tmp_path)
    errors: list[str] = []
    action = AutostartAction(autostart, ["true"], errors.append)
    action.trigger()
    assert not action.isChecked()
    assert errors and errors[0].startswith("No se pudo cambiar el inicio automático")


def test_pause_from_the_tray_menu_is_the_same_setting(qtbot: QtBot, services: Services) -> None:
    tray = Tray(QIcon())
    refreshed: list[bool] = []
    parts = install_tray_parts(services, tray, lambda _: None, lambda: refreshed.append(True))
    pause = parts.pause_action
    assert pause is not None and pause in tray.menu.actions()
    pause.trigger()
    assert services.settings.get(PAUSED) is True
    assert refreshed == [True]
    services.settings.set(PAUSED, False)  # the calendar's switch resumed it
    tray.menu.aboutToShow.emit()
    assert not pause.isChecked()
