from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import PAUSED, TRAY_NOTICE_SHOWN
from smalltown_social.core.states import TargetState
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.translations import install_translators
from smalltown_social.ui.tray import Tray
from tests.ui.conftest import OpenWindow

SECTIONS_ES = ["Redactar", "Calendario", "Bandeja de entrada", "Resultados", "Cuentas", "Ajustes"]
SECTIONS_EN = ["Compose", "Calendar", "Inbox", "Results", "Accounts", "Settings"]


def sections(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_spanish_shell_with_marked_placeholders(
    qtbot: QtBot, open_window: OpenWindow, services: Services, screenshots: Path
) -> None:
    window = open_window(services)
    assert sections(window) == SECTIONS_ES
    assert window.pages.count() == 6
    assert not window.accounts_page.empty.isHidden()  # Cuentas is a real page now
    qtbot.waitUntil(lambda: "No hay publicaciones" in window.status.next_label.text())
    qtbot.waitUntil(lambda: window.status.connection_label.text() != "")  # once ready
    assert window.grab().save(str(screenshots / "main-empty-es.png"))


def test_keyboard_moves_between_sections(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    window = open_window(services)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.inbox_page
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.pages.currentWidget() is window.results_page


def test_status_bar_shows_the_next_publication(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    account = services.accounts.add(Network.TELEGRAM, "Canal del Ayuntamiento")
    post = services.posts.save(Post(text="Mañana, mercado de los jueves en la plaza."))
    due = datetime.now(UTC) + timedelta(days=1)
    services.posts.add_target(
        Target(
            post_id=post.id or 0, account_id=account.id, state=TargetState.SCHEDULED, due_utc=due
        )
    )
    window = open_window(services)
    qtbot.waitUntil(lambda: "Canal del Ayuntamiento" in window.status.next_label.text())
    assert window.status.next_label.text().startswith("Próxima publicación:")
    assert window.accounts_page.cell_text(0, 0) == "Canal del Ayuntamiento"


def test_english_is_selectable(
    qtbot: QtBot, open_window: OpenWindow, services: Services, screenshots: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "en")
    try:
        window = open_window(services)
        assert sections(window) == SECTIONS_EN
        assert window.grab().save(str(screenshots / "main-empty-en.png"))
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_closing_hides_to_tray_and_says_so_once(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    tray = Tray(QIcon())
    tray.available = True  # offscreen Qt has no tray; the window's logic is what is tested
    shown: list[tuple[str, str]] = []
    tray.notify = lambda title, message, **_: shown.append((title, message))  # type: ignore[method-assign]
    window = open_window(services, tray)
    window.close()
    assert not window.isVisible()
    assert len(shown) == 1
    # Nothing publishes with the program closed here: quitting would hold posts back.
    assert shown[0][0] == "El programa sigue publicando"
    assert "lo programado esperará a que vuelva a abrirlo" in shown[0][1]
    assert "Windows" not in shown[0][1]
    assert services.settings.get(TRAY_NOTICE_SHOWN) is True
    window.bring_forward()
    window.close()
    assert len(shown) == 1
    window.quitting = True
    window.close()


def test_closing_with_the_scheduled_task_on_says_quitting_holds_nothing_back(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    tray = Tray(QIcon())
    tray.available = True
    shown: list[tuple[str, str]] = []
    tray.notify = lambda title, message, **_: shown.append((title, message))  # type: ignore[method-assign]
    window = open_window(services, tray)
    window.status.show_background(True)  # the system said its task publishes
    window.close()
    assert len(shown) == 1
    assert "lo programado saldrá igualmente" in shown[0][1]
    assert "esperará" not in shown[0][1]
    window.quitting = True
    window.close()


def test_readme_screenshot_of_the_demo_town(
    qtbot: QtBot, open_window: OpenWindow, demo_services: Services, screenshots: Path
) -> None:
    """The README's picture: the demo town with a draft the guidance has things to say about."""
    translators = install_translators(QApplication.instance(), "es")  # type: ignore[arg-type]
    window = open_window(demo_services)
    composer = window.compose_page
    qtbot.waitUntil(lambda: composer.restored)
    composer.editor.setPlainText(
        "El Ayuntamiento informa que con el objeto de celebrar las fiestas se procederá al "
        "corte de la calle Mayor el sábado 12 de 18 a 23 h. Habrá música en la plaza de la "
        "Iglesia y actividades para los niños. Si tiene dudas llame al 012. #fiestasmayores"
    )
    accounts = demo_services.accounts.all()
    composer.schedule.choose(
        {a.id for a in accounts if a.network in (Network.MASTODON, Network.BLUESKY)}
    )
    qtbot.waitUntil(lambda: bool(composer.last_findings), timeout=5000)
    assert {"bureaucratic", "press_release"} & {f.rule for f in composer.last_findings}
    composer.previews.show_bodies()
    window.resize(1280, 800)
    for _ in range(3):
        QApplication.processEvents()
    assert window.grab().save(str(screenshots / "main-demo-es.png"))
    assert "lun" in window.status.next_label.text() or "mar" in window.status.next_label.text()
    del translators


def test_the_status_bar_announces_only_what_is_ahead_and_says_a_pause(
    qtbot: QtBot, open_window: OpenWindow, services: Services
) -> None:
    account = services.accounts.add(Network.TELEGRAM, "Canal del Ayuntamiento")
    now = datetime.now(UTC)

    def scheduled(text: str, due: datetime, reply: bool = False) -> None:
        post = services.posts.save(Post(text=text))
        assert post.id is not None
        if reply:  # as the use case marks a reply to a citizen
            with services.database.write() as conn:
                conn.execute("UPDATE posts SET is_reply = 1 WHERE id = ?", (post.id,))
        services.posts.add_target(
            Target(post.id, account.id, state=TargetState.SCHEDULED, due_utc=due)
        )

    scheduled("Respuesta a una vecina", now + timedelta(minutes=1), reply=True)
    scheduled("Se envió tarde: esperaba conexión", now - timedelta(hours=2))
    window = open_window(services)
    qtbot.waitUntil(lambda: "No hay publicaciones" in window.status.next_label.text())
    scheduled("Mercado del jueves", now + timedelta(days=1))
    window.refresh()
    qtbot.waitUntil(lambda: "Próxima publicación" in window.status.next_label.text())
    services.settings.set(PAUSED, True)
    window.refresh()
    qtbot.waitUntil(lambda: "en pausa" in window.status.next_label.text())
