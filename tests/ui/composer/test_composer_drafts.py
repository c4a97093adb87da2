"""Every saved draft can be found, opened and deleted, even one with no account ticked."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.ui.composer.drafts import DraftsDialog
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle


def open_drafts(qtbot: QtBot, page: ComposerPage) -> DraftsDialog:
    page.actions_bar.drafts_button.click()
    found: list[DraftsDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DraftsDialog)]
        return bool(found) and found[0].isVisible()

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
    dialog.delete_button.click()
    assert dialog.list.count() == 0 and dialog.summary.text() == "No hay borradores guardados."
    assert services.posts.get(saved_id or 0) is None
    assert page.post_id is None and page.editor.toPlainText() == ""  # it was the open one
