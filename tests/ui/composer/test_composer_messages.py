"""What the composer says goes once its cause is gone: no message outlives its post."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle

TEXT = "Corte de agua el martes 14 de 9 a 14 h en la calle Mayor. Dudas: 012."


def test_a_refusal_goes_when_its_cause_does(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText(TEXT)
    settle(qtbot, page)
    page.schedule_post()  # no account ticked
    qtbot.waitUntil(lambda: "al menos una cuenta" in page.actions_bar.message.text(), timeout=5000)
    page.schedule.choose({accounts[0].id})  # the cause is gone
    assert page.actions_bar.message.isHidden()
    assert page.actions_bar.message.text() == ""


def test_scheduled_for_is_not_said_of_the_next_post(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[0].id})
    page.editor.setPlainText(TEXT)
    page.schedule.set_wall(datetime.now() + timedelta(days=2))  # noqa: DTZ005 - wall time
    settle(qtbot, page)
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.schedule_post()
    assert "Programada para" in page.actions_bar.message.text()  # said once, for that post
    page.editor.setPlainText("Otra cosa")  # the clerk starts the next post
    assert page.actions_bar.message.text() == ""
    page.actions_bar.tell("Programada para el lunes")  # as after scheduling
    page.open_post(signal.args[0])  # another post opened: nothing said applies to it
    assert page.actions_bar.message.text() == ""


def test_ticking_an_account_moves_nothing_under_the_pointer(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show()
    qtbot.waitExposed(page)
    listing = page.schedule.accounts
    assert listing.verticalScrollBar().maximum() == 0  # every account in sight, no scrolling

    def where() -> tuple[int, int]:
        QApplication.processEvents()
        return listing.mapTo(page, listing.rect().topLeft()).y(), page.editor.height()

    before = where()
    page.schedule.choose({accounts[1].id})  # Mastodon: it can schedule on its side
    assert page.handover.checkbox.isEnabled()
    assert where() == before
    page.schedule.choose(set())
    assert not page.handover.checkbox.isEnabled()
    assert where() == before
