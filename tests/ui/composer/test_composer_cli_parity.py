"""The composer and `smalltown-social post` refuse exactly the same texts.

Both go through the one save-or-schedule use case (publishing/compose.py), so
the same text on the same account, with the same town settings, is scheduled
by both or refused by both. Before it, `post` scheduled propaganda inside an
electoral period that the composer blocked.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.cli import build_parser
from smalltown_social.commands.publishing import _post
from smalltown_social.core.accounts import Account
from smalltown_social.core.guidance import Finding
from smalltown_social.core.settings import ELECTION_CALLED, ELECTION_DAY
from smalltown_social.core.states import TargetState
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.composer.conftest import make_page, settle

TEXTS = {
    "service notice": "Mañana se corta el agua de 9:00 a 12:00 en la calle Mayor.",
    "propaganda in the electoral period": "El alcalde inaugura el nuevo parque de la calle Mayor.",
    "a DNI": "Enhorabuena al vecino con DNI 12345678Z por su premio.",
    "empty": "",
    "blank": "   \n ",
    "too long for Mastodon": "Pleno municipal. " + "Orden del día extenso. " * 30,
}
EXPECTED = {"service notice": True}  # every other text is refused by both


def _scheduled(services: Services) -> set[int]:
    rows = services.database.query("SELECT post_id FROM targets WHERE state = ?", ("scheduled",))
    return {int(r["post_id"]) for r in rows}


def _through_the_composer(
    qtbot: QtBot, page: ComposerPage, services: Services, account: Account, text: str
) -> bool:
    before = _scheduled(services)
    page.clear()
    page.schedule.choose({account.id})
    page.editor.setPlainText(text)
    settle(qtbot, page)
    page.schedule_post()
    settle(qtbot, page)
    return bool(_scheduled(services) - before)


def _through_the_cli(services: Services, account: Account, text: str) -> bool:
    before = _scheduled(services)
    args = build_parser().parse_args(["post", "--account", account.name, "--text", text])
    code = _post(args, services.runtime, services)
    scheduled = bool(_scheduled(services) - before)
    assert (code == 0) == scheduled, (code, text)
    return scheduled


def test_the_same_texts_are_refused_by_the_composer_and_by_post(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    accounts: list[Account],
    capsys: pytest.CaptureFixture[str],
) -> None:
    today = datetime.now(UTC).astimezone().date()
    services.settings.set(ELECTION_CALLED, (today - timedelta(days=10)).isoformat())
    services.settings.set(ELECTION_DAY, (today + timedelta(days=30)).isoformat())
    mastodon = next(a for a in accounts if a.network.value == "mastodon")
    page = make_page(qtbot, services, tasks)

    def backs_out(blocks: list[Finding], *, now: bool = False) -> str | None:
        return None  # the clerk backs out of the override dialog

    page.ask_override = backs_out  # type: ignore[method-assign]
    gui = {
        name: _through_the_composer(qtbot, page, services, mastodon, t) for name, t in TEXTS.items()
    }
    cli = {name: _through_the_cli(services, mastodon, t) for name, t in TEXTS.items()}
    assert gui == cli
    assert gui == {name: EXPECTED.get(name, False) for name in TEXTS}
    out = capsys.readouterr().out
    assert "No se ha programado" in out and "vacía" in out
    states = {t.state for p in _scheduled(services) for t in services.posts.targets_of(p)}
    assert states == {TargetState.SCHEDULED}
