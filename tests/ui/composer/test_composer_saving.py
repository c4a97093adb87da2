"""Saving, reopening, scheduling and the block override, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import COMPOSER_POST
from smalltown_social.core.states import TargetState
from smalltown_social.ui.composer.override import OverrideDialog
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle

TEXT = "Corte de agua el martes 14 de 9 a 14 h en la calle Mayor. Dudas: 012."


def _photo(folder: Path, name: str = "cartel.png") -> Path:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    path = folder / name
    assert image.save(str(path))
    return path


def test_autosave_survives_and_the_draft_reopens(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account], tmp_path: Path
) -> None:
    page = make_page(qtbot, services, tasks)
    page.template.set_type("urgent")
    page.schedule.choose({accounts[1].id})
    page.editor.setPlainText(TEXT)
    page.images.add_image(str(_photo(tmp_path)))
    page.images.rows[0].alt.setText("Cartel con el horario del corte")
    qtbot.waitUntil(page.images.all_checked, timeout=5000)
    # The autosave timer fires by itself; no explicit save.
    qtbot.waitUntil(lambda: page.post_id is not None and page.writes.idle, timeout=5000)
    saved_id = page.post_id
    assert services.settings.get(COMPOSER_POST) == saved_id
    page.editor.appendPlainText("Llene una jarra antes.")
    qtbot.waitUntil(
        lambda: "jarra" in (services.posts.get(saved_id or 0) or TEXT).__str__(), timeout=5000
    )
    settle(qtbot, page)
    assert services.posts.count() == 1  # autosaves update the same post
    # As after a crash: a new page over the same database reopens the draft.
    again = make_page(qtbot, services, tasks)
    assert again.post_id == saved_id
    assert again.editor.toPlainText() == TEXT + "\nLlene una jarra antes."
    assert again.template.type_id() == "urgent"
    assert again.schedule.chosen_ids() == [accounts[1].id]
    assert [i.alt_text for i in again.images.images()] == ["Cartel con el horario del corte"]
    assert "recuperado" in again.actions_bar.message.text()


def test_a_blank_new_post_is_not_saved(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    page = make_page(qtbot, services, tasks)
    page.autosave()
    settle(qtbot, page)
    assert services.posts.count() == 0


def test_alt_text_is_required_before_scheduling(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account], tmp_path: Path
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[0].id})
    page.editor.setPlainText(TEXT)
    assert page.images.add_image(str(_photo(tmp_path))) is None
    settle(qtbot, page)
    qtbot.waitUntil(page.images.all_checked, timeout=5000)
    assert page.images.rows[0].thumbnail.pixmap() is not None
    assert page.images.rows[0].alt.property("missing") is True
    alt = [f for f in page.last_findings if f.rule == "alt_text_missing"]
    assert alt and alt[0].severity == "block"  # Bluesky refuses images without it
    page.schedule_post()
    settle(qtbot, page)
    assert "texto alternativo" in page.actions_bar.message.text()
    assert services.posts.targets_of(page.post_id or 0) == []
    page.images.rows[0].alt.setText("Plano de las calles sin agua")
    assert page.images.rows[0].alt.property("missing") is False


def test_a_broken_image_is_reported_and_not_attached(
    qtbot: QtBot, services: Services, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = make_page(qtbot, services, tasks)
    broken = tmp_path / "foto.jpg"
    broken.write_bytes(b"this is not a jpeg at all" * 10)
    message = page.images.add_image(str(broken))
    assert message is not None and "foto.jpg" in message and "dañado" in message
    assert page.images.message.isVisibleTo(page) and page.images.rows == []
    missing = page.images.add_image(str(tmp_path / "no-existe.png"))
    assert missing is not None and "no-existe.png" in missing


def test_a_truncated_image_is_caught_by_the_full_check(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account], tmp_path: Path
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[1].id})
    page.editor.setPlainText(TEXT)
    whole = _photo(tmp_path, "entero.png").read_bytes()
    cut = tmp_path / "cortado.png"
    cut.write_bytes(whole[: len(whole) // 2])  # the header is fine, the pixels are missing
    assert page.images.add_image(str(cut)) is None  # the quick header check passes
    qtbot.waitUntil(page.images.all_checked, timeout=5000)
    row = page.images.rows[0]
    assert row.broken is not None and "cortado.png" in row.broken
    assert row.note.isVisibleTo(page) and "dañado" in row.note.text()
    row.alt.setText("Cartel del corte de agua")
    page.schedule_post()
    assert "Quite la imagen 1" in page.actions_bar.message.text()
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    assert page.images.rows == []


def test_too_many_images_for_the_networks(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account], tmp_path: Path
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[0].id})
    for n in range(4):
        assert page.images.add_image(str(_photo(tmp_path, f"f{n}.png"))) is None
    refused = page.images.add_image(str(_photo(tmp_path, "f5.png")))
    assert refused is not None and "4" in refused


def test_dst_gap_and_repeated_hour_warn(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    schedule = page.schedule
    schedule.date.setDate(QDate(2027, 3, 28))
    schedule.time.setTime(QTime(2, 30))
    assert schedule.warning.isVisibleTo(page)
    assert "no existe" in schedule.warning.text() and "03:30" in schedule.warning.text()
    schedule.date.setDate(QDate(2027, 10, 31))
    assert "dos veces" in schedule.warning.text()
    assert schedule.resolved().utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    schedule.time.setTime(QTime(10, 0))
    assert not schedule.warning.isVisibleTo(page)


def test_scheduling_creates_one_target_per_account(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({a.id for a in accounts})
    page.editor.setPlainText(TEXT)
    wall = datetime.now(UTC).astimezone().replace(tzinfo=None) + timedelta(days=2)
    page.schedule.set_wall(wall.replace(hour=11, minute=0, second=0, microsecond=0))
    due = page.schedule.resolved().utc
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.schedule_post()
    post_id = signal.args[0]
    targets = services.posts.targets_of(post_id)
    assert {t.account_id for t in targets} == {a.id for a in accounts}
    assert {t.state for t in targets} == {TargetState.SCHEDULED}
    assert {t.due_utc for t in targets} == {due}
    assert "Programada" in page.actions_bar.message.text()
    assert page.editor.toPlainText() == "" and page.post_id is None  # ready for the next one
    assert services.settings.get(COMPOSER_POST) == 0
    # Opening it again from the calendar shows it as it was.
    assert page.open_post(post_id)
    assert page.editor.toPlainText() == TEXT
    assert page.schedule.resolved().utc == due


def test_a_time_in_the_past_is_refused_but_publish_now_works(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[1].id})
    page.editor.setPlainText(TEXT)
    page.schedule.set_wall(datetime(2020, 1, 1, 10, 0))  # noqa: DTZ001
    page.schedule_post()
    qtbot.waitUntil(lambda: "ya ha pasado" in page.actions_bar.message.text(), timeout=5000)
    before = datetime.now(UTC) - timedelta(seconds=1)
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.publish_now()
    (target,) = services.posts.targets_of(signal.args[0])
    assert target.state is TargetState.SCHEDULED
    assert target.due_utc is not None and before <= target.due_utc <= datetime.now(UTC)


def _answer_override(qtbot: QtBot, reason: str | None) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OverrideDialog)
        assert not dialog.go.isEnabled()  # nothing typed yet: cannot go ahead
        if reason is None:
            dialog.reject()
            return
        assert dialog.go.text() == "Publicar ahora de todos modos"  # what the clerk asked for
        qtbot.keyClicks(dialog.reason, "aaaaaaaaaaaaaaaaaaaa")
        assert not dialog.go.isEnabled()  # ten letters are no reason
        assert "al menos 3 palabras" in dialog.hint.text()
        dialog.reason.clear()
        qtbot.keyClicks(dialog.reason, reason)
        assert dialog.go.isEnabled()
        assert dialog.hint.text() == ""
        qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)


def test_block_needs_an_explicit_logged_override(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show()
    page.schedule.choose({accounts[1].id})
    page.editor.setPlainText(TEXT + " Reclamaciones: Ana García, ana.garcia@gmail.com")
    settle(qtbot, page)
    assert any(f.severity == "block" for f in page.last_findings)
    # Backing out schedules nothing.
    _answer_override(qtbot, None)
    page.publish_now()
    settle(qtbot, page)
    assert "No se ha programado" in page.actions_bar.message.text()
    assert all(t.state is TargetState.DRAFT for t in services.posts.targets_of(page.post_id or 0))
    # With a typed reason it goes ahead; the reason is stored and logged.
    _answer_override(qtbot, "La vecina pidio que se publique su correo")
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.publish_now()
    post = services.posts.get(signal.args[0])
    assert post is not None and post.block_override == "La vecina pidio que se publique su correo"
    events = [e for e in services.events.recent() if e.kind == "block_override"]
    assert events and events[0].post_id == post.id and "personal_data" in events[0].detail


def test_keyboard_only(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # the page's shortcuts need the active window
    qtbot.waitUntil(page.isActiveWindow)
    page.template.picker.setFocus()
    # Tab walks the page in reading order; Tab in the editor moves on, it does not indent.
    order: list[QWidget] = []
    widget: QWidget | None = page.template.picker
    for _ in range(8):
        assert widget is not None
        order.append(widget)
        widget = widget.nextInFocusChain()
        while widget is not None and (
            not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible()
        ):
            widget = widget.nextInFocusChain()
    assert order.index(page.editor) < order.index(page.images.add_button)
    assert order.index(page.images.add_button) < order.index(page.schedule.accounts)
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.images.add_button
    assert page.editor.toPlainText() == ""  # no tab character typed
    # Type, choose an account with the keyboard, save with Ctrl+S.
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, "Corte de agua el martes en la calle Mayor.")
    page.schedule.accounts.setFocus()
    page.schedule.accounts.setCurrentRow(0)
    qtbot.keyClick(page.schedule.accounts, Qt.Key.Key_Space)
    assert page.schedule.chosen_ids() == [page.schedule.chosen()[0].id]
    page.autosave_timer.stop()
    assert services.posts.count() == 0
    qtbot.keyClick(page.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "guardado" in page.actions_bar.message.text().lower(), timeout=5000)
    assert services.posts.count() == 1
    # Ctrl+Enter schedules.
    with qtbot.waitSignal(page.scheduled, timeout=5000):
        qtbot.keyClick(page.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_published_post_opens_read_only(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    post = services.posts.save(Post(text=TEXT))
    assert post.id is not None
    services.posts.add_targets(
        [Target(post.id, accounts[0].id, state=TargetState.PUBLISHED, due_utc=datetime.now(UTC))]
    )
    page = make_page(qtbot, services, tasks)
    assert page.open_post(post.id)
    assert page.editor.isReadOnly() and not page.actions_bar.schedule_button.isEnabled()
    assert "corrección" in page.actions_bar.state.text()
    page.autosave()
    page.save_draft()
    settle(qtbot, page)
    assert "no se puede cambiar" in page.actions_bar.message.text()
    assert not page.open_post(9999)
    assert "ya no existe" in page.actions_bar.message.text()


def test_editing_a_scheduled_post_into_a_block_unschedules_it(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    page = make_page(qtbot, services, tasks)
    page.schedule.choose({accounts[1].id})
    page.editor.setPlainText(TEXT)
    with qtbot.waitSignal(page.scheduled, timeout=5000) as signal:
        page.publish_now()
    post_id = signal.args[0]
    assert page.open_post(post_id)
    page.editor.appendPlainText("Más datos: José García, 612 345 678")  # a private mobile: blocks
    page.save_draft()
    settle(qtbot, page)
    (target,) = services.posts.targets_of(post_id)
    assert target.state is TargetState.DRAFT
    assert "Ya no está programada" in page.actions_bar.message.text()
    assert services.events.recent()[0].kind == "unscheduled_block"
    # An ordinary edit of a scheduled post keeps it scheduled.
    page.editor.setPlainText(TEXT)
    with qtbot.waitSignal(page.scheduled, timeout=5000):
        page.publish_now()
    assert page.open_post(post_id)
    page.editor.appendPlainText("Llene una jarra antes.")
    page.save_draft()
    settle(qtbot, page)
    assert services.posts.targets_of(post_id)[0].state is TargetState.SCHEDULED


def test_a_post_that_may_be_out_opens_read_only_and_says_what_to_do(
    qtbot: QtBot, services: Services, tasks: TaskRunner, accounts: list[Account]
) -> None:
    """Unconfirmed: its text is what the look at the network matches, so it is not edited."""
    post = services.posts.save(Post(text=TEXT, due_utc=datetime.now(UTC) - timedelta(hours=1)))
    assert post.id is not None
    services.posts.add_targets(
        [Target(post.id, accounts[1].id, TargetState.UNCONFIRMED, post.due_utc)]
    )
    page = make_page(qtbot, services, tasks)
    assert page.open_post(post.id)
    assert page.locked and page.editor.isReadOnly()
    assert "mire en la red" in page.actions_bar.state.text()
    assert "Calendario" in page.actions_bar.state.text()
