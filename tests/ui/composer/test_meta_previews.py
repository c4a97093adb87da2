"""The composer's Facebook and Instagram previews: their counters; the hand-over for Facebook."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.registry import adapter_for
from smalltown_social.redaction import Redactor
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.composer.previews import NetworkPreview
from smalltown_social.ui.tasks import TaskRunner
from tests.networks.conftest import CANARY
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake
from tests.networks.test_instagram import IG, PAGE, instagram_graph
from tests.ui.composer.conftest import make_page

DRAFT = (
    "Fiestas de San Roque: el sábado 16 hay verbena en la plaza de la Iglesia desde las 22 h y "
    "el domingo 17 misa y procesión a las 12 h. Programa completo en "
    "https://valdelomar.es/fiestas #SanRoque #Valdelomar"
)


def card(page: ComposerPage, network: Network) -> str:
    found = [p for p in page.previews.findChildren(NetworkPreview) if p.network == network.value]
    assert found, f"no {network} card"
    return found[0].counter.text()


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


def test_facebook_and_instagram_cards_count_their_own_limits(  # noqa: PLR0917
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    tmp_path: Path,
    screenshots: Path,
    graph: GraphFake,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facebook = services.accounts.add(
        Network.FACEBOOK, "Ayto. en Facebook", server_url=graph.url, channel=PAGE
    )
    instagram = services.accounts.add(
        Network.INSTAGRAM, "Ayto. en Instagram", server_url=graph.url, channel=IG
    )
    near = {"data": [{"config": {"quota_total": 25, "quota_duration": 86400}, "quota_usage": 22}]}
    graph.on("GET", f"/{IG}/content_publishing_limit", Reply.json(near))

    def adapters(account: Account) -> Adapter:  # the keyring is not part of this test
        return adapter_for(account, CANARY, Redactor())

    monkeypatch.setattr(services.composer_services, "adapters", adapters)
    page = make_page(qtbot, services, tasks)
    page.resize(1280, 720)
    page.show()
    page.editor.setPlainText(DRAFT)
    page.schedule.choose({facebook.id, instagram.id})
    image = QImage(1080, 1080, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    photo = tmp_path / "cartel-san-roque.png"
    image.save(str(photo))
    page.images.add_image(str(photo))
    page.images.rows[0].alt.setText("Cartel de las fiestas de San Roque con el programa")
    qtbot.waitUntil(page.images.all_checked, timeout=5000)
    page.run_guidance()
    page.previews.show_bodies()
    length = f"{len(DRAFT)}"
    qtbot.waitUntil(lambda: "63.206" in card(page, Network.FACEBOOK), timeout=5000)
    assert card(page, Network.FACEBOOK).startswith(f"{length} / 63.206")
    assert card(page, Network.INSTAGRAM).startswith(f"{length} / 2.200")
    # Instagram's 24-hour allowance is near its end: its card says how many are left.
    note = next(p for p in page.previews.findChildren(NetworkPreview) if p.network == "instagram")
    qtbot.waitUntil(lambda: not note.note.isHidden(), timeout=5000)
    assert "quedan 3" in note.note.text()
    # Facebook can keep the post on its side; the hand-over box is offered.
    assert page.handover.isVisible() and page.handover.checkbox.isEnabled()
    assert "Facebook" in page.handover.checkbox.text()
    page.autosave_timer.stop()
    qtbot.waitUntil(lambda: page.writes.idle, timeout=5000)
    for _ in range(3):  # let the cards lay out their new text
        QApplication.processEvents()
    assert page.grab().save(str(screenshots / "composer-facebook-instagram-es.png"))
    # Past Instagram's 2,200 the Instagram card alone turns red.
    page.editor.setPlainText(DRAFT + " Más información." * 140)
    page.run_guidance()
    qtbot.waitUntil(lambda: "demasiado largo" in card(page, Network.INSTAGRAM), timeout=5000)
    assert "demasiado largo" not in card(page, Network.FACEBOOK)
    page.autosave_timer.stop()
    qtbot.waitUntil(lambda: page.writes.idle, timeout=5000)


class _Quota:
    """An Instagram adapter whose allowance answers once `release` is set."""

    def __init__(self, used: int, release: threading.Event) -> None:
        self.used = used
        self.release = release

    def publishing_quota(self) -> tuple[int, int]:
        assert self.release.wait(10)
        return self.used, 25

    def close(self) -> None:
        pass


def test_an_allowance_answer_that_comes_after_the_account_was_unticked_is_not_shown(
    qtbot: QtBot, services: Services, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two Instagram accounts share one card: a late answer about the first must not land."""
    first = services.accounts.add(Network.INSTAGRAM, "Ayto. en Instagram", channel=IG)
    second = services.accounts.add(Network.INSTAGRAM, "Biblioteca en Instagram", channel="17")
    slow, fast = threading.Event(), threading.Event()
    fast.set()
    asked: list[int] = []

    def adapters(account: Account) -> Adapter:
        asked.append(account.id)
        if account.id == first.id:
            return cast(Adapter, _Quota(24, slow))  # near the end: "quedan 1"
        return cast(Adapter, _Quota(2, fast))  # far from it: nothing to say

    monkeypatch.setattr(services.composer_services, "adapters", adapters)
    page = make_page(qtbot, services, tasks)
    page.show()
    page.schedule.choose({first.id})  # asks the first account, slow to answer
    qtbot.waitUntil(lambda: asked == [first.id], timeout=5000)
    page.schedule.choose({second.id})  # the clerk changed their mind meanwhile
    qtbot.waitUntil(lambda: asked == [first.id, second.id], timeout=5000)
    slow.set()
    tasks.wait()
    for _ in range(3):
        QApplication.processEvents()
    card = next(p for p in page.previews.findChildren(NetworkPreview) if p.network == "instagram")
    assert card.note.isHidden(), card.note.text()  # the first account is no longer chosen
    page.autosave_timer.stop()
    qtbot.waitUntil(lambda: page.writes.idle, timeout=5000)
