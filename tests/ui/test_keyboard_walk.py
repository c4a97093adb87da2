"""The clerk's main tasks in the main window with the keyboard alone, in both languages.

Write a post and schedule it, find it in the calendar and open it again, answer a
citizen from the inbox: only key presses, sent to whichever control has the focus.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smalltown_social.core.i18n import Language
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.networks import Network
from smalltown_social.logs import shutdown_logging
from smalltown_social.ui.calendar.canvas import EntryCanvas
from smalltown_social.ui.translations import install_translators
from tests.ui.conftest import OpenWindow, make_services

POST = "Corte de agua el martes en la calle Mayor de 9 a 12."
ANSWER = "Gracias por avisar: el lunes pasa por la calle Real."  # keyClicks types ASCII only


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_to(qtbot: QtBot, wanted: QWidget, most: int = 40) -> None:
    """Press Tab until `wanted` (or a child of it) has the focus."""
    for _ in range(most):
        now = focused()
        if now is wanted or wanted.isAncestorOf(now):
            return
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted.objectName() or type(wanted).__name__}")


@pytest.mark.parametrize("language", ["es", "en"])
def test_write_schedule_find_open_and_answer_by_keyboard(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path, language: Language
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, language)
    services = make_services(tmp_path / "data", language=language)
    try:
        account = services.accounts.add(Network.MASTODON, "Ayto", handle="@ayto@example.social")
        services.inbox.upsert(
            [
                InboxItem(
                    account_id=account.id,
                    network=account.network,
                    remote_id="v1",
                    kind=ItemKind.COMMENT,
                    text="¿Cuándo pasa el camión de la basura por la calle Real?",
                    received_utc=datetime.now(UTC),
                    author_name="Vecina",
                )
            ]
        )
        window = open_window(services)
        # 1. Write: Ctrl+1, Tab to the editor, type, Tab to the accounts, tick, schedule.
        qtbot.keyClick(focused(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        composer = window.compose_page
        tab_to(qtbot, composer.editor)
        qtbot.keyClicks(focused(), POST)
        tab_to(qtbot, composer.schedule.accounts)
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert composer.schedule.chosen_ids() == [account.id]
        tab_to(qtbot, composer.editor)
        with qtbot.waitSignal(window.post_scheduled, timeout=10_000) as scheduled:
            qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        post_id = scheduled.args[0]
        # 2. Find it: Ctrl+2, Tab into the month, arrows to the post, Enter opens it.
        qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        calendar = window.calendar_page
        qtbot.waitUntil(lambda: bool(calendar.month.hits), timeout=10_000)
        tab_to(qtbot, calendar.month)
        assert isinstance(focused(), EntryCanvas)
        qtbot.keyClick(focused(), Qt.Key.Key_Right)
        assert calendar.month.selected is not None
        assert calendar.month.selected.post_id == post_id
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is composer, timeout=5000)
        qtbot.waitUntil(lambda: composer.post_id == post_id, timeout=5000)
        assert composer.editor.toPlainText() == POST
        # 3. Answer: Ctrl+3, Tab to the list, R to reply, type, Ctrl+Enter sends.
        qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        inbox = window.inbox_page
        tab_to(qtbot, inbox.table)
        qtbot.keyClick(focused(), Qt.Key.Key_R)
        view = inbox.conversation
        assert focused() is view.reply_box
        qtbot.keyClicks(focused(), ANSWER)
        with qtbot.waitSignal(view.reply_queued, timeout=10_000):
            qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        composer.autosave_timer.stop()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        services.close()
        shutdown_logging()
