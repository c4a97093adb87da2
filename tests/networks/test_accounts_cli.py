"""`account add/list/remove` in-process, against the Mastodon fake and the real keyring."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from smalltown_social.app import KEYRING_SERVICE, folder_secrets
from smalltown_social.cli import main
from smalltown_social.core.accounts import Network
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.redaction import Redactor
from smalltown_social.storage.opening import open_database
from tests.networks.conftest import CANARY
from tests.networks.fake_server import FakeServer, Reply

pytestmark = pytest.mark.keyring_real


@pytest.fixture(autouse=True)
def _logging_closed(tmp_path: Path) -> Iterator[None]:
    yield
    shutdown_logging()
    for base in (tmp_path / "data", tmp_path / "d"):
        if DataPaths(base=base).database.exists():
            for key in ("account-1", "account-2"):
                name = entry(base, key)
                if keyring.get_password(KEYRING_SERVICE, name) is not None:
                    keyring.delete_password(KEYRING_SERVICE, name)


def entry(base: Path, key: str) -> str:
    """The keyring entry name of `key` in the data folder `base` (named after its install id)."""
    paths = DataPaths(base=base)
    database = open_database(paths.database, paths.backups)
    try:
        return folder_secrets(database, Redactor()).entry_name(key)
    finally:
        database.close()


def run(basedir: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--basedir", str(basedir), *args])


@pytest.mark.expected_logs(r"connect: could not read the server's limits: HTTP 404")
def test_add_list_remove(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    base = tmp_path / "data"
    code = run(
        base,
        monkeypatch,
        "account",
        "add",
        "mastodon",
        "--name",
        "Ayto",
        "--server",
        server.url,
        stdin=CANARY + "\n",
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Cuenta «Ayto» conectada" in out.out
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) == CANARY
    # Nowhere in the data folder: database, its -wal, backups, logs, crash reports.
    for stored in base.rglob("*"):
        if stored.is_file():
            assert CANARY.encode() not in stored.read_bytes(), stored
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name"] == "Ayto" and rows[0]["status"] == "connected"
    assert rows[0]["handle"].startswith("@mastodonpy_test@")
    assert run(base, monkeypatch, "account", "remove", "Ayto") == 0
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) is None
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    capsys.readouterr()
    logs = "".join(p.read_text("utf-8") for p in DataPaths(base=base).logs.glob("*"))
    assert "account 1 (mastodon) connected" in logs
    assert CANARY not in logs


def test_refused_credential_saves_nothing(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.route(
        "GET",
        "/api/v1/accounts/verify_credentials",
        Reply.json({"error": "The access token is invalid"}, 401),
    )
    base = tmp_path / "data"
    code = run(
        base,
        monkeypatch,
        "account",
        "add",
        "mastodon",
        "--name",
        "Ayto",
        "--server",
        server.url,
        stdin=CANARY,
    )
    out = capsys.readouterr()
    assert code == 1 and "Vuelva a conectarla" in out.err
    assert CANARY not in out.err + out.out
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) is None


def test_not_yet_available_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every network has its module now; one without (a new row) is refused in Spanish."""
    from smalltown_social.networks import registry

    monkeypatch.setattr(registry, "AVAILABLE", registry.AVAILABLE - {Network.LINKEDIN})
    code = run(
        tmp_path / "d", monkeypatch, "account", "add", "linkedin", "--name", "N", stdin="x" * 20
    )
    assert code == 1 and "todavía no está disponible" in capsys.readouterr().err


@pytest.mark.expected_logs(r"connect: could not read the server's limits: HTTP 404")
def test_secret_store_is_seen_from_outside(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """secret-tool, independently of keyring, finds exactly one entry."""
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    base = tmp_path / "data"
    assert (
        run(
            base,
            monkeypatch,
            "account",
            "add",
            "mastodon",
            "--name",
            "A",
            "--server",
            server.url,
            stdin=CANARY,
        )
        == 0
    )
    found = subprocess.run(
        ["secret-tool", "lookup", "service", KEYRING_SERVICE, "username", entry(base, "account-1")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert found.stdout == CANARY
    assert run(base, monkeypatch, "account", "remove", "A") == 0


@pytest.mark.parametrize("token", ["tok€n-de-prueba-1234", "token\u200bde-prueba-1234"])
def test_a_key_with_characters_that_cannot_be_sent_is_refused_in_spanish(
    token: str,
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue #9, hole 10: "€" in a token was a traceback from requests' header encoding."""
    server.replay("test_verify_credentials", 0)
    base = tmp_path / "data"
    add = ("account", "add", "mastodon", "--name", "Ayto", "--server", server.url)
    code = run(base, monkeypatch, *add, stdin=token + "\n")
    out = capsys.readouterr()
    assert code == 1
    # (The fake server's own threads may print a traceback of an earlier test's socket.)
    assert "caracteres que no pueden formar parte" in out.err.strip().splitlines()[-1]
    assert "UnicodeEncodeError" not in out.err and token not in out.err + out.out
    assert server.seen == []  # refused before anything was sent
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) is None


def test_a_blank_name_is_refused(
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue #9, hole 12: `--name '   '` created an account named ""."""
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    base = tmp_path / "data"
    add = ("account", "add", "mastodon", "--name", "   ", "--server", server.url)
    code = run(base, monkeypatch, *add, stdin=CANARY)
    assert code == 1 and "Falta el nombre de la cuenta" in capsys.readouterr().err
    assert run(base, monkeypatch, "account", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) is None


def test_add_a_facebook_page_checks_the_token_and_keeps_it_in_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.networks.graph_fake import GraphFake
    from tests.networks.test_facebook import PAGE, page_token_info

    graph = GraphFake()
    graph.start()
    try:
        graph.node(PAGE, "Page")
        graph.on("GET", "/debug_token", Reply.json(page_token_info()))
        graph.on("GET", f"/{PAGE}", Reply.json({"id": PAGE, "name": "Ayuntamiento"}))
        base = tmp_path / "d"
        args = ("account", "add", "facebook", "--name", "Ayto FB", "--page", PAGE)
        code = run(base, monkeypatch, *args, "--server", graph.url, stdin=CANARY + "\n")
        out = capsys.readouterr()
        assert code == 0, out.err
        assert "Ayto FB" in out.out and CANARY not in out.out + out.err
        assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) == CANARY
        assert run(base, monkeypatch, "account", "list", "--json") == 0
        (row,) = json.loads(capsys.readouterr().out)
        assert row["network"] == "facebook" and row["channel"] == PAGE
        # A personal profile's token: refused in Spanish, nothing saved.
        graph.on("GET", "/debug_token", Reply.json(page_token_info(type="USER")))
        args = ("account", "add", "facebook", "--name", "Otra", "--page", PAGE)
        code = run(base, monkeypatch, *args, "--server", graph.url, stdin=CANARY + "\n")
        assert code == 1 and "perfil personal" in capsys.readouterr().err
        assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-2")) is None
        assert graph.violations == []
    finally:
        graph.stop()


def test_add_an_instagram_account_by_its_user_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.networks.graph_fake import GraphFake
    from tests.networks.test_instagram import IG, PAGE, token_info

    graph = GraphFake()
    graph.start()
    try:
        graph.node(PAGE, "Page")
        graph.node(IG, "IGUser")
        graph.on("GET", "/debug_token", Reply.json(token_info()))
        linked = {"id": PAGE, "instagram_business_account": {"id": IG}}
        graph.on("GET", f"/{PAGE}", Reply.json(linked))
        graph.on("GET", f"/{IG}", Reply.json({"id": IG, "username": "aytovaldelomar"}))
        base = tmp_path / "d"
        args = ("account", "add", "instagram", "--name", "Ayto IG", "--ig-user", IG)
        code = run(base, monkeypatch, *args, "--server", graph.url, stdin=CANARY + "\n")
        out = capsys.readouterr()
        assert code == 0, out.err
        assert "@aytovaldelomar" in out.out
        assert keyring.get_password(KEYRING_SERVICE, entry(base, "account-1")) == CANARY
        assert graph.violations == []
    finally:
        graph.stop()
