"""A token with a space, "+", "/", "€" and "ñ" leaks nowhere (issue #9, hole 9).

Such a token used to reach the targets' errors, the backups, the logs and
`status --json` percent-encoded the way `requests` puts it in a URL path
(`%20` beside a literal "+" and "/"), a form the redactor did not know. Here a
Telegram server (local, answering as a misbehaving proxy would: echoing the
request line) gets the real commands' requests; then every file of the data
folder, a backup and every output is searched for any piece of the token.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import requests

from smalltown_social.app import folder_secrets
from smalltown_social.cli import main
from smalltown_social.core.accounts import Network
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.opening import open_database
from tests.networks.fake_server import FakeServer, Reply

pytestmark = [
    pytest.mark.keyring_real,
    pytest.mark.expected_logs(r"outbox: target \d+ failed: Telegram refused it"),
]

MARK = "Zq9Wv"  # in every text form of the token; only base64 hides it
ODD_TOKEN = f"7012345678:AAH odd+to/ken€ñ {MARK} end"


def leaks(data: bytes) -> list[str]:
    """Every form of the odd token found in `data` (raw, encoded, escaped, base64)."""
    text = data.decode("utf-8", errors="replace")
    found = [form for form in (MARK, MARK.encode().hex()) if form in text]
    for offset in range(3):
        padded = b"\0" * offset + ODD_TOKEN.encode()
        stable = base64.b64encode(padded).decode()[-(-8 * offset // 6) : 4 * (len(padded) // 3)]
        if stable in text:
            found.append(f"base64/{offset}")
    return found


@pytest.fixture
def telegram() -> Iterator[FakeServer]:
    server = FakeServer().start()
    prepared = requests.Request("POST", f"{server.url}/bot{ODD_TOKEN}/sendMessage").prepare()
    path = prepared.path_url
    echo = {
        "ok": False,
        "error_code": 400,
        # What a proxy or a careless server answers: the request line, in the forms it saw.
        "description": f"Bad Request: cannot POST {path} (token {quote(ODD_TOKEN)})",
    }
    server.route("POST", path, Reply.json(echo, 400))
    yield server
    server.stop()


def run(base: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["--basedir", str(base), *args])
    shutdown_logging()
    return code


@pytest.mark.expected_logs(r"outbox: target 1 failed: Telegram refused it: Bad Request")
def test_odd_token_never_leaves_the_keyring(
    telegram: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = tmp_path / "town"
    paths = DataPaths(base=base)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    account = AccountsRepository(database).add(
        Network.TELEGRAM, "Canal", server_url=telegram.url, channel="@canal"
    )
    store = folder_secrets(database, Redactor())
    database.close()
    store.set(account.secret_key, ODD_TOKEN)
    printed = ""
    try:
        commands = [
            ("--lang", "en", "post", "--account", "Canal", "--text", "Hola"),
            ("publish-due",),
            ("backup", str(tmp_path / "copy.db")),
            ("status",),
            ("status", "--json"),
        ]
        for command in commands:
            run(base, monkeypatch, *command)
            out = capsys.readouterr()
            printed += out.out + out.err
        rows = json.loads(out.out)
        assert rows[0]["state"] == "failed"
        assert "Telegram" in rows[0]["error"]  # the refusal is there, without the token
        (sent,) = telegram.seen
        assert MARK in unquote(sent.path)  # it was sent, so hiding it is no accident
        assert leaks(printed.encode()) == []
        for stored in [*base.rglob("*"), tmp_path / "copy.db"]:
            if stored.is_file():
                assert leaks(stored.read_bytes()) == [], stored
    finally:
        store.delete(account.secret_key)
