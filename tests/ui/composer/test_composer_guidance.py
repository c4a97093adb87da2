"""Typing in the composer: findings, underlines, suggestions, counters, odd input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.core.settings import ELECTION_CALLED, ELECTION_DAY
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle

# ASCII only: QTest.keyClicks cannot type "ñ".
DRAFT = "A fin de evitar problemas, el martes cortamos el agua en la calle Mayor"


def test_typing_shows_findings_and_underlines(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, DRAFT)
    settle(qtbot, page)
    rules = {f.rule for f in page.last_findings}
    assert "bureaucratic" in rules
    # The list shows them, most serious first, and the words are underlined in place.
    assert page.findings.list.count() == len(page.last_findings)
    underlined = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in page.editor.extraSelections()
    ]
    assert (0, len("A fin de")) in underlined
    # Hovering the words explains them.
    rect = page.editor.cursorRect(page.editor.textCursor())
    cursor = page.editor.textCursor()
    cursor.setPosition(2)
    rect = page.editor.cursorRect(cursor)
    tip = page.editor.tooltip_at(rect.center() + page.editor.viewport().pos())
    assert "burocrática" in tip and "para" in tip


def test_underlines_stay_on_the_words_after_an_emoji(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("😀 A fin de llegar antes, salga pronto.")
    settle(qtbot, page)
    found = next(f for f in page.last_findings if f.rule == "bureaucratic")
    spans = [
        page.editor.toPlainText()
        .encode("utf-16-le")[2 * s.cursor.selectionStart() : 2 * s.cursor.selectionEnd()]
        .decode("utf-16-le")
        for s in page.editor.extraSelections()
    ]
    assert page.editor.toPlainText()[found.start : found.end] in spans
    assert "A fin de" in spans


def test_applying_a_suggestion_from_the_panel_and_undo(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText(DRAFT)
    settle(qtbot, page)
    row = next(
        i
        for i in range(page.findings.list.count())
        if "fin de" in page.findings.list.item(i).text()
    )
    page.findings.list.setCurrentRow(row)
    assert page.findings.apply_button.isEnabled()
    assert page.editor.textCursor().selectedText() == "A fin de"  # selecting shows the words
    qtbot.mouseClick(page.findings.apply_button, Qt.MouseButton.LeftButton)
    assert page.editor.toPlainText().startswith("Para evitar problemas")
    assert "bureaucratic" not in {f.rule for f in page.last_findings}
    page.editor.undo()
    assert page.editor.toPlainText() == DRAFT


def test_ctrl_period_applies_the_suggestion_under_the_cursor(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show()
    page.editor.setPlainText(DRAFT)
    settle(qtbot, page)
    cursor = page.editor.textCursor()
    cursor.setPosition(3)
    page.editor.setTextCursor(cursor)
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.toPlainText().startswith("Para evitar")


def test_a_stale_finding_is_not_applied(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText(DRAFT)
    settle(qtbot, page)
    found = next(f for f in page.last_findings if f.rule == "bureaucratic")
    page.editor.setPlainText("Otro texto. " + DRAFT)  # the offsets no longer match
    assert not page.editor.apply_suggestion(found)


def test_counters_turn_red_past_a_network_limit(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({a.id for a in accounts})
    page.editor.setPlainText("a" * 300)
    settle(qtbot, page)
    bluesky = page.previews.cards["bluesky"]
    mastodon = page.previews.cards["mastodon"]
    assert bluesky.counter.text().startswith("300 / 300")
    assert not bluesky.is_over()
    qtbot.waitUntil(lambda: bluesky.body.text().startswith("aaaa"), timeout=3000)
    page.editor.setPlainText("a" * 299 + "👨‍👩‍👧")  # one grapheme, many code points
    settle(qtbot, page)
    assert bluesky.counter.text().startswith("300 / 300")
    page.editor.setPlainText("a" * 301)
    settle(qtbot, page)
    assert bluesky.is_over() and bluesky.counter.property("over") is True
    assert "301 / 300" in bluesky.counter.text()
    assert not mastodon.is_over()
    assert "length" in {f.rule for f in page.last_findings if f.severity == "block"}
    # Mastodon counts every link as 23.
    page.editor.setPlainText("Más en https://valdelomar.es/" + "x" * 200)
    settle(qtbot, page)
    assert mastodon.counter.text().startswith("30 / 500")


def test_empty_and_huge_posts_get_clear_messages(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show()
    settle(qtbot, page)
    assert "vacía" in page.notice.text()
    page.save_draft()
    assert "vacía" in page.actions_bar.message.text()
    page.schedule.choose({accounts[0].id})
    huge = ("Corte de agua en la calle Mayor el martes. " * 2400)[:100_000]
    page.editor.setPlainText(huge)
    qtbot.waitUntil(lambda: bool(page.last_findings), timeout=20_000)
    assert "100.000" in page.notice.text()
    assert page.previews.cards["bluesky"].is_over()
    assert any(f.rule == "length" for f in page.last_findings)


def test_control_and_right_to_left_text_do_not_break_it(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("\x00\x07 مرحبا بالجميع \u202e abc 😀😀😀😀 \ufeff")
    settle(qtbot, page)
    assert page.findings.summary.text()


def test_hover_elsewhere_shows_no_tooltip(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("Hola.")
    settle(qtbot, page)
    assert page.editor.tooltip_at(QPoint(600, 600)) == ""


def test_the_electoral_period_set_in_settings_blocks_propaganda(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("El alcalde inaugura el nuevo parque de la calle Mayor.")
    settle(qtbot, page)
    outside = {f.severity for f in page.last_findings if f.rule == "propaganda"}
    assert outside and "block" not in outside
    today = datetime.now(UTC).astimezone().date()
    services.settings.set(ELECTION_CALLED, (today - timedelta(days=10)).isoformat())
    services.settings.set(ELECTION_DAY, (today + timedelta(days=30)).isoformat())
    page.reload_settings(ELECTION_DAY.key)
    settle(qtbot, page)
    assert {f.severity for f in page.last_findings if f.rule == "propaganda"} == {"block"}


def test_a_mastodon_instance_with_its_own_limit_is_counted_its_way(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    mastodon_account = next(a for a in accounts if a.network.value == "mastodon")
    services.accounts.set_limits(mastodon_account.id, 1000, 30)
    page = make_page(qtbot, services, tasks)
    page.refresh_accounts()
    page.schedule.choose({mastodon_account.id})
    page.editor.setPlainText("Más en https://valdelomar.es/ " + "x" * 600)
    settle(qtbot, page)
    counter = page.previews.cards["mastodon"].counter.text()
    assert counter.startswith("638 / 1.000"), counter  # 7 + 30 for the link + 1 + 600
    assert "length" not in {f.rule for f in page.last_findings}
