"""Two data folders of the same user keep their own keyring entries (issue #9, hole 1).

Before, both named their entries `account-<id>` under one service: town A's
post went to A's server with town B's token, and removing B's account deleted
A's token. Everything here runs the real commands in-process against two local
Mastodon servers and the real Secret Service.
"""

from __future__ import annotations

import io
import json
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
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.install_repo import InstallRepository
from smalltown_social.storage.opening import open_database
from tests.networks.fake_server import FakeServer, Reply

pytestmark = pytest.mark.keyring_real

TOKEN_A = "town-A-token-Qx81vM2"
TOKEN_B = "town-B-token-Lr47pZ9"


def mastodon_server() -> FakeServer:
    server = FakeServer().start()
    server.replay("test_verify_credentials", 0)
    server.replay("test_app_verify_credentials", 0)
    server.replay("test_instance", 0)
    server.replay("test_status_reply", 0)
    server.route("GET", "/api/v1/notifications", Reply.json([]))
    server.route("GET", "/api/v1/conversations", Reply.json([]))
    return server


@pytest.fixture
def servers() -> Iterator[tuple[FakeServer, FakeServer]]:
    a, b = mastodon_server(), mastodon_server()
    yield a, b
    a.stop()
    b.stop()


def run(base: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--basedir", str(base), *args])
    shutdown_logging()
    return code


def tokens_seen(server: FakeServer, method: str, path: str) -> set[str]:
    return {seen.headers["Authorization"] for seen in server.requests_to(method, path)}


def account_ids(base: Path) -> list[int]:
    paths = DataPaths(base=base)
    database = open_database(paths.database, paths.backups)
    try:
        return [account.id for account in AccountsRepository(database).all()]
    finally:
        database.close()


def forget(base: Path) -> None:
    paths = DataPaths(base=base)
    database = open_database(paths.database, paths.backups)
    try:
        store = folder_secrets(database, Redactor())
        for account in AccountsRepository(database).all():
            store.delete(account.secret_key)
            store.delete(account.session_key)
    finally:
        database.close()


def test_two_folders_with_the_same_account_ids_keep_their_own_tokens(
    servers: tuple[FakeServer, FakeServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server_a, server_b = servers
    town_a, town_b = tmp_path / "town-a", tmp_path / "town-b"
    try:
        for town, server, token in ((town_a, server_a, TOKEN_A), (town_b, server_b, TOKEN_B)):
            add = ("account", "add", "mastodon", "--name", "Ayto", "--server", server.url)
            assert run(town, monkeypatch, *add, stdin=token + "\n") == 0, capsys.readouterr()
            capsys.readouterr()
        # Both folders gave their account the id 1.
        assert account_ids(town_a) == account_ids(town_b) == [1]

        for town in (town_a, town_b):
            assert run(town, monkeypatch, "post", "--account", "Ayto", "--text", "Pleno.") == 0
            assert run(town, monkeypatch, "publish-due") == 0, capsys.readouterr()
            assert run(town, monkeypatch, "inbox", "sync") == 0, capsys.readouterr()
            capsys.readouterr()
        assert tokens_seen(server_a, "POST", "/api/v1/statuses") == {f"Bearer {TOKEN_A}"}
        assert tokens_seen(server_b, "POST", "/api/v1/statuses") == {f"Bearer {TOKEN_B}"}
        assert tokens_seen(server_a, "GET", "/api/v1/notifications") == {f"Bearer {TOKEN_A}"}
        assert tokens_seen(server_b, "GET", "/api/v1/notifications") == {f"Bearer {TOKEN_B}"}

        # Removing the account in B leaves A's token where it was.
        assert run(town_b, monkeypatch, "account", "remove", "Ayto") == 0, capsys.readouterr()
        assert run(town_a, monkeypatch, "post", "--account", "Ayto", "--text", "Bando.") == 0
        capsys.readouterr()
        assert run(town_a, monkeypatch, "publish-due") == 0, capsys.readouterr()
        assert "Publicadas: 1." in capsys.readouterr().out
        posts_a = server_a.requests_to("POST", "/api/v1/statuses")
        assert len(posts_a) == 2 and posts_a[-1].headers["Authorization"] == f"Bearer {TOKEN_A}"
        assert keyring.get_password(KEYRING_SERVICE, "account-1") is None  # no shared name
    finally:
        forget(town_a)


def test_entries_of_an_older_version_are_copied_once_and_left_for_other_folders(
    tmp_path: Path,
) -> None:
    """A folder from before the install id finds its token and session under the new names."""
    paths = DataPaths(base=tmp_path / "old-town")
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    account = AccountsRepository(database).add(Network.BLUESKY, "Ayto", handle="ayto.example")
    assert account.id == 1
    database.conn.execute("UPDATE install SET legacy_secrets_adopted = 0")
    database.close()
    keyring.set_password(KEYRING_SERVICE, "account-1", "old-app-password-1")
    keyring.set_password(KEYRING_SERVICE, "account-1-session", '{"refreshJwt": "old-refresh"}')
    try:
        assert main(["--basedir", str(paths.base), "account", "list"]) == 0
        shutdown_logging()
        database = open_database(paths.database, paths.backups)
        try:
            store = folder_secrets(database, Redactor())
            assert store.get("account-1") == "old-app-password-1"
            assert store.get("account-1-session") == '{"refreshJwt": "old-refresh"}'
            assert InstallRepository(database).legacy_secrets_adopted()
            # Another folder of the same user may still read the old names: they stay.
            assert keyring.get_password(KEYRING_SERVICE, "account-1") == "old-app-password-1"
            # Once copied, the folder's own entry wins over a later change of the old one.
            keyring.set_password(KEYRING_SERVICE, "account-1", "written-by-another-folder")
            assert store.adopt_legacy("account-1") is False
            assert store.get("account-1") == "old-app-password-1"
            store.delete("account-1")
            store.delete("account-1-session")
        finally:
            database.close()
    finally:
        for key in ("account-1", "account-1-session"):
            keyring.delete_password(KEYRING_SERVICE, key)


def test_every_folder_gets_its_own_install_id(tmp_path: Path) -> None:
    ids = set()
    for name in ("a", "b"):
        paths = DataPaths(base=tmp_path / name)
        paths.ensure()
        database = open_database(paths.database, paths.backups)
        ids.add(InstallRepository(database).install_id())
        database.close()
    assert len(ids) == 2 and all(len(found) == 32 for found in ids)


def bluesky_pds(name: str) -> FakeServer:
    server = FakeServer().start()
    session = {
        "did": f"did:plc:{name}{'x' * 20}",
        "handle": f"{name}.example",
        "accessJwt": f"access-{name}-" + "a" * 30,
        "refreshJwt": f"refresh-{name}-" + "r" * 30,
    }
    created = {
        "uri": f"at://{session['did']}/app.bsky.feed.post/3k2yihcrp6f2c",
        "cid": "bafyreifzi5xyrf3c5jw7cci4zrltyl25ik2dboznop4qo4cotcfbyjtita",
    }
    server.route("POST", "/xrpc/com.atproto.server.createSession", Reply.json(session))
    server.route("POST", "/xrpc/com.atproto.repo.createRecord", Reply.json(created))
    server.route(
        "GET", "/xrpc/app.bsky.actor.getProfile", Reply.json({"displayName": f"Ayto {name}"})
    )
    return server


def test_two_folders_keep_their_own_bluesky_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kept session (refresh token) is per folder too: A never sends B's access token."""
    pds = {"towna": bluesky_pds("towna"), "townb": bluesky_pds("townb")}
    towns = {name: tmp_path / name for name in pds}
    try:
        for name, server in pds.items():
            add = ["account", "add", "bluesky", "--name", "Ayto", "--server", server.url]
            add += ["--handle", f"{name}.example"]
            assert run(towns[name], monkeypatch, *add, stdin=f"{name}-app-pass-1\n") == 0
        assert account_ids(towns["towna"]) == account_ids(towns["townb"]) == [1]
        for _ in range(2):  # the second round uses the session kept in the keyring
            for name in pds:
                assert (
                    run(towns[name], monkeypatch, "post", "--account", "Ayto", "--text", "Hola")
                    == 0
                )
                assert run(towns[name], monkeypatch, "publish-due") == 0, capsys.readouterr()
        capsys.readouterr()
        for name, server in pds.items():
            logins = server.requests_to("POST", "/xrpc/com.atproto.server.createSession")
            assert {json.loads(s.body)["password"] for s in logins} == {f"{name}-app-pass-1"}
            sent = tokens_seen(server, "POST", "/xrpc/com.atproto.repo.createRecord")
            assert sent == {f"Bearer access-{name}-" + "a" * 30}
            assert len(server.requests_to("POST", "/xrpc/com.atproto.repo.createRecord")) == 2
    finally:
        for name, server in pds.items():
            forget(towns[name])
            server.stop()
