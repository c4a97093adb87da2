"""The tray's notices (toasts on Windows 10/11): short, in the clerk's language, not repeated.

Windows keeps 63 characters of a notice's title and 255 of its text; a post sent
to several accounts is one notice, not one per network; one report twice is one
publication; a failure still comes alone, at once, with its reason.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.ui.publishing_notices import Notice, PublishingBridge, TrayNotifier
from smalltown_social.ui.translations import install_translators
from smalltown_social.ui.tray import MESSAGE_ROOM, TITLE_ROOM, fit_notice

GROUP_MS = 200


def targets(services: Services, text: str, *accounts: tuple[Network, str]) -> list[int]:
    """One post sent to `accounts`: its target ids."""
    due = datetime.now(UTC)
    post = services.posts.save(Post(text=text, due_utc=due))
    assert post.id is not None
    ids = []
    for network, name in accounts:
        account = services.accounts.add(network, name)
        target = services.posts.add_target(
            Target(post.id, account.id, state=TargetState.SCHEDULED, due_utc=due)
        )
        assert target.id is not None
        ids.append(target.id)
    return ids


@pytest.fixture
def shown() -> list[Notice]:
    """The notices shown, as Windows would get them."""
    return []


def notifier_for(
    services: Services, shown: list[Notice], monkeypatch: pytest.MonkeyPatch
) -> tuple[PublishingBridge, TrayNotifier]:
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, None, services.posts, services.accounts, group_ms=GROUP_MS)
    show = notifier.show

    def record(notice: Notice) -> None:
        show(notice)
        assert notifier.last is not None
        shown.append(notifier.last)  # as fitted for Windows

    monkeypatch.setattr(notifier, "show", record)
    return bridge, notifier


def test_a_title_and_text_are_cut_to_what_windows_shows() -> None:
    title, message = fit_notice("T" * 100, "\n".join(f"línea {n} " + "x" * 60 for n in range(9)))
    assert len(title) == TITLE_ROOM and title.endswith("…")
    assert len(message) <= MESSAGE_ROOM
    assert message.endswith("\n…") and message.startswith("línea 0 ")  # whole lines, then …
    _, one_line = fit_notice("t", "y" * 1000)
    assert len(one_line) == MESSAGE_ROOM and one_line.endswith("…")
    assert fit_notice("Publicada", "Corte de agua") == ("Publicada", "Corte de agua")


def test_a_post_to_several_accounts_is_one_notice(
    qtbot: QtBot, services: Services, shown: list[Notice], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = targets(
        services,
        "Corte de agua el martes en la calle Mayor",
        (Network.MASTODON, "Ayuntamiento"),
        (Network.BLUESKY, "Ayuntamiento en Bluesky"),
        (Network.FACEBOOK, "Ayuntamiento en Facebook"),
    )
    bridge, notifier = notifier_for(services, shown, monkeypatch)
    with qtbot.waitSignal(notifier.changed, timeout=3000):
        for target_id in [*ids, ids[0]]:  # one report came twice
            bridge.on_published(target_id)
    qtbot.wait(GROUP_MS * 2)
    assert len(shown) == 1
    assert shown[0].title == "Publicada en 3 cuentas"
    assert (
        shown[0].message
        == "«Corte de agua el martes en la calle Mayor»\nMastodon, Bluesky, Facebook"
    )


def test_several_posts_at_once_are_one_short_notice(
    qtbot: QtBot, services: Services, shown: list[Notice], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        targets(services, f"Aviso {n}: " + "texto largo " * 20, (Network.MASTODON, f"A{n}"))[0]
        for n in range(5)
    ]
    bridge, notifier = notifier_for(services, shown, monkeypatch)
    with qtbot.waitSignal(notifier.changed, timeout=3000):
        for target_id in ids:
            bridge.on_published(target_id)
    assert len(shown) == 1
    assert shown[0].title == "Se publicaron 5"
    lines = shown[0].message.splitlines()
    assert len(lines) == 4 and lines[-1] == "y 2 más"
    assert lines[0].startswith("Mastodon: «Aviso 0: texto largo")
    assert len(shown[0].message) <= MESSAGE_ROOM


def test_a_failure_comes_alone_at_once_and_fits(
    qtbot: QtBot, services: Services, shown: list[Notice], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "Ayuntamiento de San Bartolomé de las Abiertas y Villafranca del Campo"
    (target_id,) = targets(services, "Feria de ganado", (Network.FACEBOOK, name))
    bridge, notifier = notifier_for(services, shown, monkeypatch)
    reason = "Facebook rechazó la publicación: " + "detalle del servidor " * 30
    with qtbot.waitSignal(notifier.changed, timeout=1000):
        bridge.on_failed(target_id, reason)
    assert len(shown) == 1 and shown[0].warning
    assert len(shown[0].title) <= TITLE_ROOM and shown[0].title.startswith("No se pudo publicar")
    assert len(shown[0].message) <= MESSAGE_ROOM
    assert shown[0].message.startswith("Facebook rechazó la publicación")


def test_in_english_too(
    qtbot: QtBot,
    qapp: QApplication,
    services: Services,
    shown: list[Notice],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    translators = install_translators(qapp, "en")
    try:
        ids = targets(
            services, "Water cut", (Network.MASTODON, "Town"), (Network.TELEGRAM, "Town TG")
        )
        other = targets(services, "Cattle fair", (Network.MASTODON, "Town 2"))
        bridge, notifier = notifier_for(services, shown, monkeypatch)
        with qtbot.waitSignal(notifier.changed, timeout=3000):
            for target_id in ids:
                bridge.on_published(target_id)
        with qtbot.waitSignal(notifier.changed, timeout=3000):
            bridge.on_published(other[0])
        notifier.published_while_closed([*ids, *other])
        assert [notice.title for notice in shown] == [
            "Published on 2 accounts",
            "Published on Town 2 (Mastodon)",
            "3 posts went out while the program was closed",
        ]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
