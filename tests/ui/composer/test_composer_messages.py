"""What the composer says goes once its cause is gone: no message outlives its post."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.core.local_time import utc_to_wall
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.ui.composer.page import ComposerPage
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
    post_id = schedule_in_two_days(qtbot, page, accounts[0])
    assert "Programada para" in page.actions_bar.message.text()  # said once, for that post
    page.editor.setPlainText("Otra cosa")  # the clerk starts the next post
    assert page.actions_bar.message.text() == ""
    page.actions_bar.tell("Programada para el lunes")  # as after scheduling
    page.open_post(post_id)  # another post opened: nothing said applies to it
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


def test_a_post_moved_in_the_calendar_is_followed_by_the_composer(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    post_id = schedule_in_two_days(qtbot, page, accounts[0])
    assert "Programada para" in page.actions_bar.message.text()  # the composer is empty now
    calendar = CalendarRepository(services.database)

    def move_a_day() -> datetime:
        post = services.posts.get(post_id)
        assert post is not None and post.due_utc is not None
        calendar.reschedule(post_id, post.due_utc, post.due_utc + timedelta(days=1))
        page.moved_elsewhere(post_id)  # what the window does on the calendar's post_moved
        return post.due_utc + timedelta(days=1)

    move_a_day()
    said = page.actions_bar.message.text()
    assert "Programada para" not in said and "Movida en el Calendario" in said
    # Open on screen and moved again: its date follows, and saving keeps the new time.
    assert page.open_post(post_id)
    later = move_a_day()
    wall = utc_to_wall(later, page.schedule.time_zone).replace(tzinfo=None)
    assert page.schedule.wall() == wall
    page.autosave_timer.stop()
    page.save_draft()
    settle(qtbot, page)
    again = services.posts.get(post_id)
    assert again is not None and again.due_utc == later


def schedule_in_two_days(qtbot: QtBot, page: ComposerPage, account: Account) -> int:
    """Write TEXT for `account`, schedule it two days ahead; the post's id."""
    page.schedule.choose({account.id})
    page.editor.setPlainText(TEXT)
    page.schedule.set_wall(datetime.now() + timedelta(days=2))  # noqa: DTZ005 - wall time
    settle(qtbot, page)
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.schedule_post()
    return int(signal.args[0])
