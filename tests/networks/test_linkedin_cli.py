"""`account add linkedin --organization ID`: token on stdin, checked, kept in the keyring."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

from smalltown_social.app import KEYRING_SERVICE
from smalltown_social.cli import main
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from tests.networks.conftest import CANARY
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_accounts_cli import entry

pytestmark = pytest.mark.keyring_real


@pytest.fixture(autouse=True)
def _cleaned(tmp_path: Path) -> Iterator[None]:
    yield
    shutdown_logging()
    base = tmp_path / "data"
    if DataPaths(base=base).database.exists():
        name = entry(base, "account-1")
        if keyring.get_password(KEYRING_SERVICE, name) is not None:
            keyring.delete_password(KEYRING_SERVICE, name)


def run(base: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--basedir", str(base), *args])


def test_add_linkedin_page(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = {
        "id": 2414183,
        "localizedName": "Ayuntamiento de Valdelomar",
        "vanityName": "valdelomar",
    }
    server.route("GET", "/rest/organizations/2414183", Reply.json(page))
    base = tmp_path / "data"
    args = ["account", "add", "linkedin", "--name", "LinkedIn Ayto", "--organization", "2414183"]
    code = run(base, monkeypatch, *args, "--server", server.url, stdin=CANARY + "\n")
    assert code == 0, capsys.readouterr().err
    assert "Cuenta «LinkedIn Ayto» conectada (LinkedIn: Ayuntamiento de Valdelomar" in (
        capsys.readouterr().out
    )
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) == CANARY
    assert server.seen[0].headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["network"] == "linkedin" and row["channel"] == "2414183"
    expires = datetime.fromisoformat(row["expires_utc"])
    assert timedelta(days=59) < expires - datetime.now(UTC) <= timedelta(days=60)


def test_missing_organization_or_refused_token_saves_nothing(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = tmp_path / "data"
    code = run(base, monkeypatch, "account", "add", "linkedin", "--name", "L", stdin=CANARY)
    assert code == 1 and "número de la página" in capsys.readouterr().err
    body = {"status": 401, "serviceErrorCode": 65600, "message": "Invalid access token"}
    server.route("GET", "/rest/organizations/2414183", Reply.json(body, 401))
    args = ["account", "add", "linkedin", "--name", "L", "--organization", "2414183"]
    code = run(base, monkeypatch, *args, "--server", server.url, stdin=CANARY)
    err = capsys.readouterr().err
    assert code == 1 and "caducado (duran 60 días)" in err and CANARY not in err
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
