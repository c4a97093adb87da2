"""Every saved draft can be found, opened and deleted, even one with no account ticked."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.core.posts import Post
from smalltown_social.storage.errors import DatabaseCorrupt
from smalltown_social.storage.posts_repo import DraftRow
from smalltown_social.ui.composer.drafts import DraftsDialog
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle


def open_drafts(qtbot: QtBot, page: ComposerPage) -> DraftsDialog:
    page.actions_bar.drafts_button.click()
    found: list[DraftsDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DraftsDialog)]
        return bool(found) and found[0].isVisible() and not found[0].loading

    qtbot.waitUntil(shown, timeout=5000)
    return found[0]


def test_a_draft_without_accounts_is_listed_opened_and_deleted(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    accounts: list[Account],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("Fiesta de la vendimia: programa por confirmar.")  # no account
    settle(qtbot, page)
    dialog = open_drafts(qtbot, page)  # the open draft is saved first
    assert dialog.list.count() == 1
    assert "Fiesta de la vendimia" in dialog.list.item(0).text()
    assert "ninguna cuenta elegida" in dialog.list.item(0).text()
    assert dialog.summary.text() == "1 borrador guardado."
    saved_id = page.post_id
    dialog.reject()
    page.new_post()
    settle(qtbot, page)
    assert page.editor.toPlainText() == ""
    dialog = open_drafts(qtbot, page)
    dialog.list.setCurrentRow(0)
    dialog.open_button.click()
    assert page.post_id == saved_id
    assert page.editor.toPlainText().startswith("Fiesta de la vendimia")
    dialog = open_drafts(qtbot, page)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes
    )  # the clerk confirms
    with qtbot.waitSignal(dialog.listed, timeout=5000):
        dialog.delete_button.click()
    assert dialog.list.count() == 0 and dialog.summary.text() == "No hay borradores guardados."
    assert services.posts.get(saved_id or 0) is None
    assert page.post_id is None and page.editor.toPlainText() == ""  # it was the open one


def test_the_list_is_read_and_a_draft_deleted_off_the_gui_thread(
    qtbot: QtBot, services: Services, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = services.posts.save(Post(text="Bando de fiestas, borrador"))
    assert post.id is not None
    threads: list[threading.Thread] = []

    def read() -> list[DraftRow]:
        threads.append(threading.current_thread())
        return services.posts.drafts()

    def delete(post_id: int) -> None:
        threads.append(threading.current_thread())
        services.posts.delete(post_id)

    dialog = DraftsDialog(read, delete, tasks, "Europe/Madrid", "es")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert dialog.list.count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.deleted, timeout=5000) as deleted:
        dialog.delete_selected()
    assert deleted.args == [post.id]
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert dialog.list.count() == 0
    assert len(threads) == 3 and threading.main_thread() not in threads


@pytest.mark.expected_logs(r"drafts: draft not deleted")
def test_a_delete_the_database_refuses_is_told_and_the_draft_stays(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page(qtbot, services, tasks)
    page.editor.setPlainText("Fiesta de la vendimia: programa por confirmar.")
    settle(qtbot, page)
    dialog = open_drafts(qtbot, page)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))

    def verdict() -> None:  # what the integrity check says when it finds damage
        raise DatabaseCorrupt(services.database.path, "page 7: btree damaged", None)

    services.database.hold_writes_until(verdict)
    with qtbot.waitSignal(dialog.listed, timeout=5000):
        dialog.delete_button.click()
    assert len(told) == 1
    assert told[0].startswith("No se ha eliminado el borrador: La base de datos")
    assert dialog.list.count() == 1  # still there, and still open in the composer
    assert page.editor.toPlainText().startswith("Fiesta de la vendimia")
    services.database.hold_writes_until(lambda: None)
