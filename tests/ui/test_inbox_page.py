"""The inbox page on real widgets: lazy model, keyboard, reply, export, screenshots."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxStatus
from smalltown_social.core.settings import RESPONSE_TARGET_HOURS
from smalltown_social.core.states import TargetState
from smalltown_social.storage.inbox_query import InboxFilter
from smalltown_social.ui.background import start_inbox_poller
from smalltown_social.ui.inbox.model import COLUMNS
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from tests.target_states import drive

N = 100_000


def fill(services: Services, n: int) -> int:
    account = services.accounts.add(Network.MASTODON, "Ayto", handle="@ayto@example.social")
    now = datetime.now(UTC)
    with services.database.write() as conn:
        conn.executemany(
            "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, text, "
            "received_utc) VALUES (?, 'mastodon', ?, 'comment', ?, ?, ?)",
            (
                (
                    account.id,
                    f"b{i}",
                    f"Vecina {i}",
                    f"Comentario {i}: ¿hay vehículo de recogida?",
                    (now - timedelta(minutes=i)).isoformat(timespec="seconds"),
                )
                for i in range(n)
            ),
        )
    return account.id


def test_lazy_model_opens_100k_items_one_page_at_a_time(qtbot: QtBot, services: Services) -> None:
    fill(services, N)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    model = page.model
    assert model.rowCount() <= 2 * model.page_size  # a page or two, not 100,000 rows
    assert model.canFetchMore(QModelIndex())
    assert model.columnCount() == len(COLUMNS)
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole) is None
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == N
    ids = [model.row_at(r).id for r in (0, N - 1)]  # type: ignore[union-attr]
    assert ids[0] != ids[1]
    page.search.setText("coment 99999")
    page.apply_filters()
    assert model.rowCount() == 1
    assert "99999" in str(model.data(model.index(0, 2)))
    icon = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()  # the network's badge


def test_keyboard_next_previous_archive_and_reply(qtbot: QtBot, services: Services) -> None:
    fill(services, 5)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.table.setFocus()
    page.select_row(0)
    qtbot.keyClick(page.table, Qt.Key.Key_J)
    qtbot.keyClick(page.table, Qt.Key.Key_J)
    assert page.current_row() == 2
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    assert page.current_row() == 1
    item = page.conversation.item
    assert item is not None and item.text.startswith("Comentario 1")
    qtbot.keyClick(page.table, Qt.Key.Key_E)
    archived = services.inbox.get(item.id or 0)
    assert archived is not None and archived.status == "archived"
    page.select_row(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    assert page.focusWidget() is page.conversation.reply_box


def test_reply_blocked_with_personal_data_then_queued(qtbot: QtBot, services: Services) -> None:
    fill(services, 2)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.select_row(0)
    view = page.conversation
    view.reply_box.setPlainText("Su DNI 12345678Z consta en el vehículo de recogida.")
    assert not view.send_button.isEnabled()
    assert "mensaje privado" in view.advice.text()
    view.reply_box.setPlainText("El vehículo de recogida pasa los martes.")
    assert view.send_button.isEnabled()
    with qtbot.waitSignal(view.reply_queued, timeout=5000):
        qtbot.keyClick(view.reply_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.reply_box.toPlainText() == ""  # sent with Ctrl+Enter
    reply_posts = services.database.query("SELECT id FROM posts WHERE reply_to_item_id IS NOT NULL")
    assert len(reply_posts) == 1
    [target] = services.posts.targets_of(int(reply_posts[0]["id"]))
    assert target.state is TargetState.SCHEDULED
    # The answer is in the thread at once, and the clerk sees it go out.
    thread = view.thread_view.toPlainText()
    assert "Respuesta del ayuntamiento" in thread and "en la cola de envío" in thread
    assert "El vehículo de recogida pasa los martes." in thread
    assert target.id is not None
    drive(services.database, target.id, TargetState.PUBLISHED, url="https://e.social/@ayto/9")
    view._refresh_thread()  # the view's timer does this every few seconds
    assert "enviada" in view.thread_view.toPlainText()
    assert "https://e.social/@ayto/9" in view.thread_view.toHtml()


def test_export_csv_of_the_filtered_list(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    fill(services, 3)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    assert page.export_to(tmp_path / "bandeja.csv") == 3
    with (tmp_path / "bandeja.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 4 and "vehículo" in rows[1][7]


def test_filters_hand_enums_to_the_query(qtbot: QtBot, services: Services) -> None:
    fill(services, 3)
    first = services.inbox_services.query.page(InboxFilter(), limit=1)[0]
    assert first.id is not None
    services.inbox.set_status([first.id], InboxStatus.PENDING)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.status_box.setCurrentIndex(page.status_box.findText("Pendiente"))
    page.network_box.setCurrentIndex(page.network_box.findText("Mastodon"))
    chosen = page.current_filter()
    assert chosen.status is InboxStatus.PENDING and chosen.network is Network.MASTODON
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row is not None and row.id == first.id
    assert page.model.data(page.model.index(0, COLUMNS.index("status"))) == "Pendiente"


def test_screenshots_in_spanish(qtbot: QtBot, demo_services: Services, screenshots: Path) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))  # as run_gui
    try:
        page = InboxPage(demo_services.inbox_services, TaskRunner())
        qtbot.addWidget(page)
        page.resize(1180, 720)
        page.show()
        page.grab().save(str(screenshots / "inbox.png"))
        question = demo_services.database.scalar(
            "SELECT min(id) FROM inbox_items WHERE target_id IS NOT NULL AND status = 'pending'"
        )
        row = page.model.row_of(int(question))
        assert row is not None
        page.select_row(row)
        page.conversation.reply_box.setPlainText("Hola. Le llamamos al 612 345 678 mañana.")
        page.grab().save(str(screenshots / "inbox_conversation.png"))
        assert page.conversation.item is not None
        assert not page.conversation.send_button.isEnabled()
    finally:
        QLocale.setDefault(previous)


@pytest.mark.keyring_real  # reads the (missing) token of a real account
def test_own_label_saved_reply_and_hiding_are_recorded(qtbot: QtBot, services: Services) -> None:
    fill(services, 3)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.select_row(0)
    view = page.conversation
    bar = view.action_bar
    label_id = bar.add_own_label("Obras de la plaza")
    assert label_id is not None
    item = services.inbox.get(view.item.id if view.item and view.item.id else 0)
    assert item is not None and item.label_id == label_id
    assert page.label_box.findText("Obras de la plaza") >= 0  # the filter offers it too

    view.reply_box.setPlainText("Hola, {nombre}: el vehículo pasa el martes.")
    view.save_template("Recogida")
    page.select_row(1)
    view.template_box.setCurrentIndex(view.template_box.findText("Recogida"))
    view.template_box.activated.emit(view.template_box.currentIndex())
    assert view.reply_box.toPlainText() == "Hola, Vecina: el vehículo pasa el martes."

    # The account has no credential in the keyring: the clerk is told to reconnect it.
    with qtbot.waitSignal(bar.told, timeout=5000) as told:
        bar.moderate("hide")
    assert "Cuentas" in str(told.args[0])
    current = view.item.id if view.item and view.item.id else 0
    still = services.inbox.get(current)
    assert still is not None and not still.hidden
    # A demo account has no server: the item is hidden in the app only, and the clerk told so.
    with services.database.write() as conn:
        conn.execute("UPDATE accounts SET demo = 1")
    with qtbot.waitSignal(bar.changed, timeout=5000):
        bar.moderate("hide")
    hidden = services.inbox.get(current)
    assert hidden is not None and hidden.hidden and hidden.status == "archived"
    assert "solo en la aplicación" in view.advice.text()
    kinds = [e.kind for e in services.events.recent()]
    assert {"inbox_label", "inbox_hidden_here"} <= set(kinds)


def test_response_clock_highlights_questions_past_the_target(
    qtbot: QtBot, services: Services
) -> None:
    fill(services, 400)  # one every minute: the oldest waited 6 h 39 min
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    model = page.model
    age = COLUMNS.index("age")
    recent = model.index(0, age)
    old = model.index(399, age)
    assert model.data(recent, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(old, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(old) == "6 h"
    services.settings.set(RESPONSE_TARGET_HOURS, 8)
    page.apply_filters()
    assert model.data(model.index(399, age), Qt.ItemDataRole.ForegroundRole) is None


def test_unlabelled_item_offers_the_suggested_label(qtbot: QtBot, services: Services) -> None:
    fill(services, 1)  # "¿hay vehículo de recogida?": a question
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.select_row(0)
    bar = page.conversation.action_bar
    assert bar.suggest_button.isVisible()
    assert bar.suggest_button.text() == "Sugerida: Consulta"
    qtbot.mouseClick(bar.suggest_button, Qt.MouseButton.LeftButton)
    shown = page.conversation.item
    assert shown is not None and shown.id is not None
    item = services.inbox.get(shown.id)
    assert item is not None and item.label_id == services.inbox.label_ids()["Consulta"]
    assert not bar.suggest_button.isVisible()  # labelled now


@pytest.mark.keyring_real  # reads the (missing) token of a real account
def test_background_fetch_runs_and_reports_an_account_it_cannot_read(
    qtbot: QtBot, services: Services
) -> None:
    fill(services, 2)  # a real (not demo) account with no credential in the keyring
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    assert not page.fetch_button.isEnabled()  # no poller yet
    with qtbot.waitSignal(page.sync_failed, timeout=10_000) as failed:
        poller = start_inbox_poller(services, page)  # as the application does
    assert poller is not None
    try:
        assert page.fetch_button.isEnabled()
        assert str(failed.args[0]).startswith("Ayto: ")
        assert not page.problem.isHidden()
        assert "Ayto" in page.problem.text()
        with qtbot.waitSignal(page.sync_failed, timeout=10_000):
            page.fetch_button.click()  # "Traer ahora" wakes the same poller
    finally:
        poller.stop()
    assert not any(t.name == "inbox-poller" for t in threading.enumerate())


def test_the_main_window_starts_no_inbox_poller(qtbot: QtBot, services: Services) -> None:
    """Loops are started by the application that holds the instance lock, not by widgets
    (an offscreen render or a test building the window fetched the inbox before)."""
    fill(services, 2)  # a real account, which the window once started polling for
    window = MainWindow(services, TaskRunner(), QIcon())
    qtbot.addWidget(window)
    assert not any(t.name == "inbox-poller" for t in threading.enumerate())
    assert not window.inbox_page.fetch_button.isEnabled()


def test_a_display_name_with_html_is_shown_as_plain_text(qtbot: QtBot, services: Services) -> None:
    """Issue #9, hole 12: a display name with markup was rendered as rich text in the heading."""
    fill(services, 1)
    name = '<a href="https://malo.example">Ayuntamiento</a><img src="x">'
    with services.database.write() as conn:
        conn.execute("UPDATE inbox_items SET author_name = ?", (name,))
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.select_row(0)
    heading = page.conversation.heading
    assert heading.text().startswith(name)  # shown as written, tags included
    assert heading.textFormat() == Qt.TextFormat.PlainText


def test_a_private_message_looks_private_and_columns_are_not_cut(
    qtbot: QtBot, services: Services
) -> None:
    fill(services, 1)
    with services.database.write() as conn:
        conn.execute(
            "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, text, "
            "received_utc) VALUES (1, 'mastodon', 'dm1', 'message', 'Luis', 'Mi DNI es…', ?)",
            ((datetime.now(UTC) + timedelta(minutes=1)).isoformat(timespec="seconds"),),
        )
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    model, text = page.model, COLUMNS.index("text")
    private, public = model.index(0, text), model.index(1, text)
    assert str(model.data(private)).startswith("Privado · ")
    assert model.data(private, Qt.ItemDataRole.BackgroundRole) is not None
    assert not str(model.data(public)).startswith("Privado")
    assert model.data(public, Qt.ItemDataRole.BackgroundRole) is None
    metrics = page.table.fontMetrics()
    network = model.index(0, COLUMNS.index("network"))
    assert model.data(network) == ""  # the badge alone; named for the pointer and screen readers
    assert model.data(network, Qt.ItemDataRole.ToolTipRole) == "Mastodon"
    assert model.data(network, Qt.ItemDataRole.AccessibleTextRole) == "Mastodon"
    assert page.table.columnWidth(COLUMNS.index("network")) > page.table.iconSize().width()
    needed = metrics.horizontalAdvance("Respondido")
    assert page.table.columnWidth(COLUMNS.index("status")) > needed


def test_deleting_asks_first_and_no_changes_nothing(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(services, 1)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.select_row(0)
    bar = page.conversation.action_bar
    asked: list[str] = []
    moderated: list[str] = []
    monkeypatch.setattr(bar, "moderate", moderated.append)

    def answer(choice: QMessageBox.StandardButton) -> None:
        def question(_parent: object, _title: str, text: str, *_args: object) -> object:
            asked.append(text)
            return choice

        monkeypatch.setattr(QMessageBox, "question", question)

    answer(QMessageBox.StandardButton.No)
    bar.delete_button.click()
    assert len(asked) == 1 and "No se puede deshacer" in asked[0] and "Vecina 0" in asked[0]
    assert moderated == []
    answer(QMessageBox.StandardButton.Yes)
    bar.delete_button.click()
    assert moderated == ["delete"]


def test_built_in_labels_are_shown_in_english_and_never_cut(
    qtbot: QtBot, services: Services
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "en")
    try:
        fill(services, 1)
        page = InboxPage(services.inbox_services, TaskRunner())
        qtbot.addWidget(page)
        page.show()
        page.select_row(0)
        bar = page.conversation.action_bar
        assert bar.suggest_button.text() == "Suggested: Question"
        qtbot.mouseClick(bar.suggest_button, Qt.MouseButton.LeftButton)
        page.apply_filters(select=False)
        label = page.model.index(0, COLUMNS.index("label")).data()
        assert label == "Question"
        names = [page.label_box.itemText(i) for i in range(page.label_box.count())]
        assert "Thanks" in names and "Agradecimiento" not in names
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    # Spanish: the longest built-in label fits its column, bold as an unread row is.
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    bold = QFont(page.table.font())
    bold.setBold(True)
    needed = QFontMetrics(bold).horizontalAdvance("Agradecimiento")
    assert page.table.columnWidth(COLUMNS.index("label")) > needed


def test_the_message_keeps_room_to_be_read_when_the_list_is_narrow(
    qtbot: QtBot, services: Services
) -> None:
    """At 1366x768 and 125 % the list is about 460 px: the label steps aside, not the text."""
    fill(services, 3)
    page = InboxPage(services.inbox_services, TaskRunner())
    qtbot.addWidget(page)
    page.show()
    label, text = COLUMNS.index("label"), COLUMNS.index("text")
    page.table.resize(460, 400)
    qtbot.waitUntil(lambda: page.table.isColumnHidden(label), timeout=2000)
    assert page.table.columnWidth(text) >= 150
    page.table.resize(650, 400)  # 1280x720 at 100 %
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(label), timeout=2000)
