"""The calendar page on real services and a real SQLite file: views, moves, pause, export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar  # type: ignore[import-untyped]
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.calendar import CalendarEntry, EntryTarget
from smalltown_social.core.i18n import Text, both
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import PAUSED
from smalltown_social.core.states import TargetState
from smalltown_social.ui.calendar import look
from smalltown_social.ui.calendar.agenda_view import AgendaDelegate
from smalltown_social.ui.calendar.page import AGENDA, MONTH, WEEK, CalendarPage
from smalltown_social.ui.calendar.periods import local_date
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators
from tests.target_states import drive

# A fixed "now": Wednesday 11 March 2026, 10:00 in Madrid.
NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def make_page(qtbot: QtBot, services: Services, tasks: TaskRunner) -> CalendarPage:
    page = CalendarPage(
        services.calendar,
        services.settings,
        services.runtime.language,
        resolve=services.resolve_target,
        tasks=tasks,
        clock=lambda: NOW,
    )
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    wait_loaded(qtbot, page)
    return page


def wait_loaded(qtbot: QtBot, page: CalendarPage) -> None:
    qtbot.waitUntil(lambda: page.loaded_generation == page._generation, timeout=5000)


def add_post(
    services: Services,
    text: str,
    due: datetime,
    state: TargetState = TargetState.SCHEDULED,
    content_type: str = "service",
) -> int:
    post = services.posts.save(Post(text=text, content_type=content_type, due_utc=due))
    assert post.id is not None
    account = services.accounts.by_name("Mastodon") or services.accounts.add(
        Network.MASTODON, "Mastodon"
    )
    target = services.posts.add_target(Target(post.id, account.id, state=state, due_utc=due))
    assert target.id is not None
    if state is TargetState.PUBLISHING:
        pass
    return post.id


def chip_center(page: CalendarPage, post_id: int) -> QPoint:
    view = page.month if page.view_index == MONTH else page.week
    (hit,) = [h for h in view.hits if h.entry.post_id == post_id]
    return hit.rect.center()


def drag(qtbot: QtBot, widget: object, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    middle = start + (end - start) / 2
    qtbot.mouseMove(widget, middle)
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_month_shows_posts_on_their_local_day(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    # 23:30 UTC on the 14th is already the 15th in Madrid.
    post_id = add_post(services, "Fiesta de San José", datetime(2026, 3, 14, 23, 30, tzinfo=UTC))
    page = make_page(qtbot, services, tasks)
    assert page.title.text() == "Marzo 2026"
    (hit,) = page.month.hits
    assert hit.entry.post_id == post_id
    index = page.month.period.days().index(local_date(hit.entry.due_utc, "Europe/Madrid"))
    assert page.month.period.days()[index].day == 15
    assert page.month.cell_rect(index).contains(hit.rect.center())


def test_drag_to_another_day_keeps_the_time(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # Monday 16, 9:00 Madrid
    post_id = add_post(services, "Recogida de enseres", due)
    page = make_page(qtbot, services, tasks)
    days = page.month.period.days()
    target_cell = page.month.cell_rect(days.index(due.date() + timedelta(days=2)))
    with qtbot.waitSignal(page.post_moved, timeout=5000) as moved:
        drag(qtbot, page.month, chip_center(page, post_id), target_cell.center())
    assert moved.args == [post_id]
    assert "Movida a" in page.message.text()
    (target,) = services.posts.targets_of(post_id)
    assert target.due_utc == due + timedelta(days=2)
    wait_loaded(qtbot, page)
    assert target_cell.contains(chip_center(page, post_id))


def test_drag_of_a_publishing_post_is_refused_in_spanish(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    post_id = add_post(services, "Bando de la alcaldía", due)
    page = make_page(qtbot, services, tasks)
    # The outbox claims it after the calendar was drawn.
    (target,) = services.posts.targets_of(post_id)
    assert target.id is not None
    drive(services.database, target.id, TargetState.PUBLISHING)
    days = page.month.period.days()
    target_cell = page.month.cell_rect(days.index(due.date() + timedelta(days=1)))
    drag(qtbot, page.month, chip_center(page, post_id), target_cell.center())
    qtbot.waitUntil(page.message.isVisible, timeout=5000)
    assert page.message.text() == (
        "Esta publicación se está enviando ahora mismo; espere a que termine."
    )
    assert services.posts.targets_of(post_id)[0].due_utc == due


def test_a_published_post_cannot_even_start_a_drag(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    post_id = add_post(services, "Ya salió", due, TargetState.PUBLISHED)
    page = make_page(qtbot, services, tasks)
    moves: list[object] = []
    page.month.move_requested.connect(lambda *a: moves.append(a))
    drag(qtbot, page.month, chip_center(page, post_id), chip_center(page, post_id) + QPoint(0, 300))
    assert moves == []


def test_moving_into_the_past_is_refused(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    post_id = add_post(services, "Pleno", due)
    page = make_page(qtbot, services, tasks)
    days = page.month.period.days()
    past_cell = page.month.cell_rect(days.index(due.date() - timedelta(days=10)))
    drag(qtbot, page.month, chip_center(page, post_id), past_cell.center())
    assert "pasado" in page.message.text()
    assert services.posts.targets_of(post_id)[0].due_utc == due


def test_week_view_drop_snaps_to_the_quarter_hour(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)  # Thursday 12, 9:00 Madrid
    post_id = add_post(services, "Taller de empleo", due)
    page = make_page(qtbot, services, tasks)
    page.set_view(WEEK)
    wait_loaded(qtbot, page)
    week = page.week
    column = week.column_rect(week.period.days().index(due.date()))
    y = week.header_height() + round(11.6 * week.hour_height())  # 11:36 → 11:30
    drag(qtbot, week, chip_center(page, post_id), QPoint(column.center().x(), y))
    qtbot.waitUntil(lambda: "Movida" in page.message.text(), timeout=5000)
    assert services.posts.targets_of(post_id)[0].due_utc == datetime(
        2026, 3, 12, 10, 30, tzinfo=UTC
    )


def test_keyboard_moves_and_opens(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    due = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    post_id = add_post(services, "Recogida", due)
    page = make_page(qtbot, services, tasks)
    opened: list[int] = []
    page.open_post_requested.connect(opened.append)
    page.month.setFocus()
    qtbot.keyClick(page.month, Qt.Key.Key_Right)
    qtbot.keyClick(page.month, Qt.Key.Key_Return)
    assert opened == [post_id]
    qtbot.keyClick(page.month, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "Movida" in page.message.text(), timeout=5000)
    assert services.posts.targets_of(post_id)[0].due_utc == due + timedelta(days=7)


def test_double_click_asks_to_open_the_post(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    post_id = add_post(
        services, "Jornada de puertas abiertas", datetime(2026, 3, 20, 9, tzinfo=UTC)
    )
    page = make_page(qtbot, services, tasks)
    with qtbot.waitSignal(page.open_post_requested) as signal:
        qtbot.mouseDClick(page.month, Qt.MouseButton.LeftButton, pos=chip_center(page, post_id))
    assert signal.args == [post_id]


def test_empty_days_do_not_dominate_the_month(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    add_post(services, "Algo", datetime(2026, 3, 20, 9, tzinfo=UTC))
    page = make_page(qtbot, services, tasks)
    image = page.month.grab().toImage()
    days = page.month.period.days()

    def corner_color(day: int) -> str:
        cell = page.month.cell_rect(days.index(datetime(2026, 3, day).date()))  # noqa: DTZ001
        return image.pixelColor(cell.bottomRight() - QPoint(4, 4)).name()

    # Most days have no post: they are painted as plain days, not in a colour that
    # outweighs the posts (the agenda names them "sin publicaciones").
    assert corner_color(19) == "#ffffff"  # future and empty
    assert corner_color(5) == "#ffffff"  # past


def test_pause_switch_stores_the_setting_and_shows_the_banner(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    assert not page.banner.isVisible()
    qtbot.mouseClick(page.pause, Qt.MouseButton.LeftButton)
    assert services.settings.get(PAUSED) is True
    assert page.banner.isVisible()
    assert "Reanudar" in page.pause.text()
    qtbot.mouseClick(page.pause, Qt.MouseButton.LeftButton)
    assert services.settings.get(PAUSED) is False
    assert not page.banner.isVisible()


def test_agenda_lists_days_and_entries(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    first = add_post(services, "Primero", datetime(2026, 3, 12, 8, tzinfo=UTC))
    add_post(services, "Segundo", datetime(2026, 3, 12, 17, tzinfo=UTC), TargetState.DRAFT)
    page = make_page(qtbot, services, tasks)
    page.set_view(AGENDA)
    wait_loaded(qtbot, page)
    model = page.agenda.agenda
    texts = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert texts[:5] == [
        "2026-03-11 (sin publicaciones)",
        "2026-03-12",
        "09:00 Primero (Mastodon: Programada)",
        "18:00 Segundo (Mastodon: Borrador)",
        "2026-03-13 (sin publicaciones)",
    ]
    assert len(texts) == 42 + 2  # every day of six weeks from today, and the two posts
    assert "Mastodon · Mastodon: Programada" in model.data(
        model.index(2), Qt.ItemDataRole.ToolTipRole
    )
    with qtbot.waitSignal(page.open_post_requested) as signal:
        page.agenda.activated.emit(model.index(2))
    assert signal.args == [first]


def test_agenda_day_titles_are_in_the_window_s_language(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    delegate = page.agenda.itemDelegate()
    assert isinstance(delegate, AgendaDelegate)
    day = datetime(2026, 12, 1).date()  # noqa: DTZ001
    assert delegate.day_title(day) == "martes 1 de diciembre"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "en")
    try:
        english = CalendarPage(
            services.calendar,
            services.settings,
            "en",
            resolve=services.resolve_target,
            tasks=tasks,
            clock=lambda: NOW,
        )
        qtbot.addWidget(english)
        delegate = english.agenda.itemDelegate()
        assert isinstance(delegate, AgendaDelegate)
        title = delegate.day_title(day)
        assert title == "Tuesday 1 December", title
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))


def test_export_writes_an_ics_a_parser_reads(
    qtbot: QtBot, services: Services, tasks: TaskRunner, tmp_path: Path
) -> None:
    add_post(services, "Recogida de basura", datetime(2026, 3, 16, 8, tzinfo=UTC))
    page = make_page(qtbot, services, tasks)
    target = tmp_path / "calendario.ics"
    page.export_ics(target)
    qtbot.waitUntil(lambda: "guardado" in page.message.text(), timeout=5000)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Recogida de basura (Mastodon)"
    assert event.decoded("dtstart") == datetime(2026, 3, 16, 8, tzinfo=UTC)


def test_entry_menu_repeats_weekly_and_stops(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    due = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # Monday 16, 9:00 Madrid
    post_id = add_post(services, "Mañana se recoge la basura orgánica", due)
    page = make_page(qtbot, services, tasks)
    (hit,) = page.month.hits
    menu = page.month.entry_menu(hit.entry)
    (repeat,) = [a for a in menu.actions() if a.text().startswith("Repetir")]
    assert repeat.text() == "Repetir cada semana (lunes a las 09:00)"
    repeat.trigger()
    qtbot.waitUntil(lambda: "Se repetirá" in page.message.text(), timeout=5000)
    assert page.message.text() == "Se repetirá cada semana: lunes a las 9:00."
    stored = services.posts.get(post_id)
    assert stored is not None and stored.recurrence is not None
    wait_loaded(qtbot, page)
    # The later Mondays of the grid appear as planned repetitions, still at 9:00.
    previews = [h.entry for h in page.month.hits if h.entry.preview]
    assert [local_date(e.due_utc, "Europe/Madrid").day for e in previews] == [23, 30]
    assert [e.due_utc.hour for e in previews] == [8, 7]  # 9:00 in Madrid; DST on 29 March
    (real,) = [h.entry for h in page.month.hits if not h.entry.preview]
    (stop,) = [a for a in page.month.entry_menu(real).actions() if a.text() == "Dejar de repetir"]
    stop.trigger()
    qtbot.waitUntil(lambda: "Ya no se repite" in page.message.text(), timeout=5000)
    wait_loaded(qtbot, page)
    assert [h.entry.preview for h in page.month.hits] == [False]


@pytest.mark.parametrize(
    ("hours_before", "said", "ends"),
    [
        (1, "Saldrá de nuevo en la próxima pasada.", TargetState.SCHEDULED),
        (30, "Ya es tarde para enviarla sola", TargetState.DRAFT),
    ],
)
def test_entry_menu_settles_an_unconfirmed_target(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    *,
    hours_before: int,
    said: str,
    ends: TargetState,
) -> None:
    due = NOW - timedelta(hours=hours_before)
    post_id = add_post(services, "Pleno el jueves a las 20:00", due)
    (target,) = services.posts.targets_of(post_id)
    assert target.id is not None
    drive(services.database, target.id, TargetState.UNCONFIRMED)
    page = make_page(qtbot, services, tasks)
    page.anchor = local_date(due, "Europe/Madrid")
    page.refresh()
    wait_loaded(qtbot, page)
    (hit,) = [h for h in page.month.hits if h.entry.post_id == post_id]
    menu = page.month.entry_menu(hit.entry)
    (sub,) = [a.menu() for a in menu.actions() if a.text() == "Mastodon: sin confirmar"]
    assert isinstance(sub, QMenu)
    texts = [a.text() for a in sub.actions()]
    assert texts == [
        "Está en la red: marcar como publicada",
        "No está en la red: volver a enviarla",
        "Abandonar: no publicarla",
    ]
    sub.actions()[1].trigger()
    qtbot.waitUntil(lambda: said in page.message.text(), timeout=5000)
    again = services.posts.target(target.id)
    assert again is not None and again.state is ends
    wait_loaded(qtbot, page)
    (hit,) = [h for h in page.month.hits if h.entry.post_id == post_id]
    assert not [a for a in page.month.entry_menu(hit.entry).actions() if a.menu()]


def test_entry_menu_offers_nothing_to_settle_for_a_scheduled_post(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    add_post(services, "Mañana se recoge la basura", NOW + timedelta(days=1))
    page = make_page(qtbot, services, tasks)
    (hit,) = page.month.hits
    assert not [a for a in page.month.entry_menu(hit.entry).actions() if a.menu()]


def test_the_week_opens_where_its_first_post_is(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    early = datetime(2026, 3, 12, 5, 30, tzinfo=UTC)  # Thursday 12, 06:30 Madrid
    post_id = add_post(services, "Corte de agua a primera hora", early)
    page = make_page(qtbot, services, tasks)
    page.resize(1100, 420)  # a short window: the day does not fit
    page.set_view(WEEK)
    wait_loaded(qtbot, page)
    top = page.week_scroll.verticalScrollBar().value()
    shown = page.week_scroll.viewport().height()
    chip = chip_center(page, post_id)
    assert top <= chip.y() <= top + shown  # the 06:30 post is in sight, not scrolled past


def test_many_networks_are_letters_and_a_count_never_bare_dots(
    qtbot: QtBot, services: Services
) -> None:
    targets = tuple(
        EntryTarget(n, n, network.value, network, TargetState.SCHEDULED)
        for n, network in enumerate(Network)
    )
    entry = CalendarEntry(1, NOW, "Europe/Madrid", "Feria", "event", targets)
    metrics = QFontMetrics(QFont())
    every = sum(look.badge_widths(entry, metrics))
    assert look.badges_that_fit(entry, metrics, every) == (len(Network), every)
    count, width = look.badges_that_fit(entry, metrics, every // 2)
    assert 0 < count < len(Network) and width <= every // 2  # some letters, then "+N"
    assert look.badges_that_fit(entry, metrics, 3) == (0, 0)  # no room: the text keeps it all


def test_a_chip_gives_its_title_lines_of_its_own_at_the_smallest_screen(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    """1366x768 at 125 % leaves the month about 800x450: a post's title stays readable."""
    text = "Matrícula de la Escuela Municipal de Música abierta hasta el viernes"
    post_id = add_post(services, text, datetime(2026, 3, 16, 8, 0, tzinfo=UTC))
    page = make_page(qtbot, services, tasks)
    page.month.setMinimumSize(0, 0)
    page.month.resize(800, 450)
    page.month.relayout()
    (hit,) = [h for h in page.month.hits if h.entry.post_id == post_id]
    metrics = page.month.fontMetrics()
    assert hit.rect.height() >= look.two_lines(metrics)  # the time and icons, then the title
    width = hit.rect.width() - look.STRIPE - 6
    lines = look.wrapped(text, metrics, width, 2)
    shown = " ".join(lines).removesuffix("…")
    assert len(shown) >= 20, lines  # not "Matrí…"
    assert text.startswith(shown.rstrip("…").rstrip())


@pytest.mark.parametrize("view", [WEEK, AGENDA])
def test_the_period_title_is_whole_at_1366x768_and_125_percent(
    qtbot: QtBot, services: Services, tasks: TaskRunner, view: int
) -> None:
    """The page gets about 873x520 there (1093 less the 220 of the sections list)."""
    page = make_page(qtbot, services, tasks)
    page.anchor = datetime(2026, 11, 30).date()  # noqa: DTZ001 - "30 nov – 6 dic 2026"
    page.set_view(view)
    page.resize(873, 520)
    wait_loaded(qtbot, page)
    QApplication.processEvents()
    title = page.title
    assert title.width() >= title.fontMetrics().horizontalAdvance(title.text()), title.text()


def test_a_long_post_gives_a_tooltip_that_fits_the_screen(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    text = "Abierto el plazo de inscripción en la escuela de verano. " * 8
    post_id = add_post(services, text, datetime(2026, 3, 16, 8, 0, tzinfo=UTC))
    page = make_page(qtbot, services, tasks)
    (hit,) = [h for h in page.month.hits if h.entry.post_id == post_id]
    lines = page.month.describe(hit.entry).splitlines()
    assert max(len(line) for line in lines) <= 60
    assert 1 < len(lines) <= 8


def test_a_stored_reason_is_shown_in_the_language_on_screen(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    """Reasons are stored in both languages ("es / en"); the tooltip shows one."""
    post_id = add_post(services, "Pleno el jueves", datetime(2026, 3, 16, 8, 0, tzinfo=UTC))
    note = both(Text("Mastodon ha rechazado la imagen.", "Mastodon refused the image."))
    services.database.conn.execute(
        "UPDATE targets SET state = 'failed', error = ? WHERE post_id = ?", (note, post_id)
    )
    page = make_page(qtbot, services, tasks)
    (hit,) = [h for h in page.month.hits if h.entry.post_id == post_id]
    tooltip = page.month.describe(hit.entry)
    assert "Mastodon ha rechazado la imagen." in tooltip
    assert "refused" not in tooltip and " / " not in tooltip


def test_news_above_the_calendar_fades_and_goes_with_the_period(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = make_page(qtbot, services, tasks)
    page.show_message("Movida a mañana.", kind="info")
    assert page.message.isVisible() and page._message_timer.isActive()  # fades by itself
    page.step(1)  # another month: it was about what was on screen
    assert not page.message.isVisible()
    page.show_message("No se pudo mover: sin conexión.")
    assert page.message.isVisible() and not page._message_timer.isActive()  # a problem stays
    page.set_view(WEEK)
    assert not page.message.isVisible()
