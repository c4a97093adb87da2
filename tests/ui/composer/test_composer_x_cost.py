"""The composer shows what an X post costs before it is spent, and changes with a link."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle


def test_x_card_shows_the_price_of_this_text(
    qtbot: QtBot, services: Services, tasks: TaskRunner, screenshots: Path
) -> None:
    x = services.accounts.add(Network.X, "Ayto. en X", handle="@aytovaldelomar")
    mastodon = services.accounts.add(Network.MASTODON, "Valdelomar", server_url="https://m.es")
    page = make_page(qtbot, services, tasks)
    page.resize(1280, 720)
    page.show()
    page.editor.setPlainText("Pleno ordinario el jueves a las 20:00 en el salón de actos.")
    page.schedule.choose({x.id, mastodon.id})
    page.run_guidance()
    settle(qtbot, page)
    card = page.previews.cards["x"]
    assert card.price is not None and page.previews.cards["mastodon"].price is None
    assert card.price.text() == (
        "Coste: 0,015 US$ por cuenta (sin enlace; con un enlace costaría más)"
    )
    page.editor.setPlainText(
        "Pleno ordinario el jueves a las 20:00. Orden del día: "
        "https://sede.valdelomar.es/pleno/orden-del-dia"
    )
    page.run_guidance()
    settle(qtbot, page)
    page.previews.show_bodies()
    assert card.price.text() == "Coste: 0,20 US$ por cuenta (publicación con enlace)"
    assert page.grab().save(str(screenshots / "composer-x-cost-es.png"))
