"""`account add x`: the four values on standard input, checked with X, kept in the keyring."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from smalltown_social.app import KEYRING_SERVICE
from smalltown_social.cli import main
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.secrets import MAX_SECRET_BYTES
from tests.networks.fake_server import FakeServer, Reply
from tests.networks.test_accounts_cli import entry
from tests.networks.test_x import KEYS, ME, SECRET, problem

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


def add(base: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch, stdin: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    args = ["account", "add", "x", "--name", "X Ayto", "--server", server.url]
    return main(["--basedir", str(base), *args])


def test_add_x_keeps_the_four_values_in_one_keyring_entry(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    me = Reply.json({"data": ME})
    me.headers["x-access-level"] = "read-write"
    server.route("GET", "/2/users/me", me)
    base = tmp_path / "data"
    assert add(base, server, monkeypatch, "  " + SECRET + "\n") == 0, capsys.readouterr().err
    assert "Cuenta «X Ayto» conectada (X: Ayto. Valdelomar @aytovaldelomar)" in (
        capsys.readouterr().out
    )
    stored = keyring.get_password(KEYRING_SERVICE, entry(base, "account-1"))
    assert stored == SECRET
    assert len(stored.encode("utf-16-le")) < MAX_SECRET_BYTES  # Windows keeps it as UTF-16
    for path in base.rglob("*"):
        if path.is_file():
            for key in KEYS:
                assert key.encode() not in path.read_bytes(), path
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--basedir", str(base), "account", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["network"] == "x" and row["handle"] == "@aytovaldelomar"


def test_three_values_or_refused_keys_save_nothing(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = tmp_path / "data"
    assert add(base, server, monkeypatch, " ".join(KEYS[:3])) == 1
    assert "cuatro valores" in capsys.readouterr().err
    assert not server.seen
    server.route("GET", "/2/users/me", problem(401, "Unauthorized", "Unauthorized"))
    assert add(base, server, monkeypatch, SECRET) == 1
    err = capsys.readouterr().err
    assert "X no acepta las claves" in err
    for key in KEYS:
        assert key not in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--basedir", str(base), "account", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
