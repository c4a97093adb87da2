"""The publishing commands end to end, each in its own process like a script runs them.

`publish-due` goes through the real Mastodon adapter, with its token in the
real keyring (scripts/with-keyring), against a local HTTP server replaying
recorded Mastodon replies: no test hook in the product.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from smalltown_social.app import folder_secrets
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.paths import resolve_paths
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.posts_repo import PostsRepository
from tests.networks.fake_server import FakeServer, Reply

pytestmark = pytest.mark.keyring_real  # accounts' tokens live in the real keyring

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "cli-test-token-0451"


def cli(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "smalltown_social", "--basedir", str(base), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def base(tmp_path: Path) -> Path:
    base = tmp_path / "town"
    paths = resolve_paths(base)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    AccountsRepository(database).add(Network.MASTODON, "Ayto Mastodon", server_url="http://x")
    AccountsRepository(database).add(Network.TELEGRAM, "Canal Telegram")
    database.close()
    return base


@pytest.fixture
def mastodon(base: Path) -> Iterator[FakeServer]:
    server = FakeServer().start()
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    database.conn.execute(
        "UPDATE accounts SET server_url = ? WHERE name = 'Ayto Mastodon'", (server.url,)
    )
    account = AccountsRepository(database).by_name("Ayto Mastodon")
    store = folder_secrets(database, Redactor())
    database.close()
    assert account is not None
    store.set(account.secret_key, TOKEN)
    try:
        yield server
    finally:
        store.delete(account.secret_key)
        server.stop()


def status(base: Path) -> list[dict[str, Any]]:
    done = cli(base, "status", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def test_post_makes_one_target_per_account_and_status_lists_them(base: Path) -> None:
    done = cli(
        base,
        "post",
        "--account",
        "Ayto Mastodon",
        "--account",
        "Canal Telegram",
        "--text",
        "Mañana se corta el agua de 9:00 a 12:00 en la calle Mayor.",
        "--at",
        "2027-06-01T09:30",
    )
    assert done.returncode == 0, done.stderr
    # The town's time in the clerk's words; no UTC, no ISO, no jargon.
    assert "programada para el martes 1 de junio de 2027, 09:30 en:" in done.stdout
    assert "+00:00" not in done.stdout and "destinos" not in done.stdout
    listed = cli(base, "status").stdout
    assert listed.count("martes 1 de junio de 2027, 09:30") == 2, listed
    assert "07:30" not in listed
    rows = status(base)
    assert [(r["account"], r["state"]) for r in rows] == [
        ("Ayto Mastodon", "scheduled"),
        ("Canal Telegram", "scheduled"),
    ]
    # 09:30 in Madrid in summer time is 07:30 UTC.
    assert {r["due_utc"] for r in rows} == {"2027-06-01T07:30:00+00:00"}
    assert set(rows[0]) >= {"state", "remote_id", "url", "error", "target_id"}


def test_post_on_server_is_handed_to_mastodon_by_publish_due(
    base: Path, mastodon: FakeServer
) -> None:
    mastodon.replay("test_instance", 0)
    mastodon.replay("test_scheduled_status", 0)
    at = (datetime.now(UTC) + timedelta(days=3)).astimezone(ZoneInfo("Europe/Madrid"))
    done = cli(
        base,
        "post",
        "--account",
        "Ayto Mastodon",
        "--text",
        "El lunes se corta el agua de 9:00 a 12:00 en la calle Mayor.",
        "--at",
        at.replace(tzinfo=None).isoformat(timespec="minutes"),
        "--on-server",
    )
    assert done.returncode == 0, done.stderr
    assert cli(base, "publish-due").returncode == 0
    (row,) = status(base)
    assert row["state"] == "published"  # handed over: Mastodon publishes it at its time
    form = mastodon.requests_to("POST", "/api/v1/statuses")[0].form_dict()
    assert "scheduled_at" in form


def test_post_refuses_a_block_finding_unless_overridden_and_logged(base: Path) -> None:
    text = "Enhorabuena al vecino con DNI 12345678Z por su premio."
    refused = cli(base, "post", "--account", "Ayto Mastodon", "--text", text)
    assert refused.returncode == 3
    assert "No se ha programado" in refused.stdout
    assert status(base) == []
    thin = cli(
        base, "post", "--account", "Ayto Mastodon", "--text", text, "--override-block", "x" * 12
    )
    assert thin.returncode == 3 and "al menos 3 palabras" in thin.stdout  # as in the composer
    assert status(base) == []
    allowed = cli(
        base,
        "post",
        "--account",
        "Ayto Mastodon",
        "--text",
        text,
        "--override-block",
        "autorizado por el interesado",
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    try:
        kinds = {(e.kind, e.detail) for e in EventLog(database).recent()}
    finally:
        database.close()
    assert any(k == "block_override" and "autorizado" in d for k, d in kinds)


def test_post_refuses_an_unknown_account(base: Path) -> None:
    done = cli(base, "post", "--account", "Nadie", "--text", "Hola")
    assert done.returncode == 1
    assert "No existe la cuenta" in done.stdout


def test_publish_due_publishes_through_mastodon_once(base: Path, mastodon: FakeServer) -> None:
    mastodon.replay("test_instance", 0)
    mastodon.replay("test_status_reply", 0)
    assert (
        cli(base, "post", "--account", "Ayto Mastodon", "--text", "Pleno el jueves.").returncode
        == 0
    )
    done = cli(base, "publish-due")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Publicadas: 1." in done.stdout
    (row,) = status(base)
    assert row["state"] == "published"
    assert row["remote_id"] == "117020583245459824"
    assert row["url"].endswith("/117020583245459824")
    (sent,) = mastodon.requests_to("POST", "/api/v1/statuses")
    assert sent.form_dict()["status"] == "Pleno el jueves."
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    again = cli(base, "publish-due")
    assert "Publicadas: 0." in again.stdout
    assert len(mastodon.requests_to("POST", "/api/v1/statuses")) == 1
    log_text = "".join(p.read_text() for p in resolve_paths(base).logs.glob("*.log*"))
    assert "published" in log_text
    assert TOKEN not in log_text


def test_publish_due_with_an_expired_token_fails_with_reconnect(
    base: Path, mastodon: FakeServer
) -> None:

    mastodon.replay("test_instance", 0)
    mastodon.route(
        "POST",
        "/api/v1/statuses",
        Reply.json({"error": "The access token is invalid"}, status=401),
    )
    assert cli(base, "post", "--account", "Ayto Mastodon", "--text", "Aviso.").returncode == 0
    done = cli(base, "publish-due")
    assert done.returncode == 1
    (row,) = status(base)
    assert row["state"] == "failed"
    assert "Vuelva a conectar esta cuenta" in row["error"]
    text = cli(base, "status").stdout
    assert "Error" in text and "Vuelva a conectar" in text


def test_two_publish_due_processes_racing_send_each_target_once(
    base: Path, mastodon: FakeServer
) -> None:
    mastodon.replay("test_instance", 0)
    mastodon.replay("test_status_reply", 0)
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    try:
        account = AccountsRepository(database).by_name("Ayto Mastodon")
        assert account is not None
        posts = PostsRepository(database)
        now = datetime.now(UTC)
        saved = posts.save_all([Post(text=f"Bando número {i}", due_utc=now) for i in range(24)])
        posts.add_targets(
            [Target(p.id or 0, account.id, TargetState.SCHEDULED, now) for p in saved]
        )
    finally:
        database.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "smalltown_social", "--basedir", str(base), "publish-due"]
    racers = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) for _ in "ab"]
    outputs = [racer.communicate(timeout=120)[0] for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], outputs
    keys = [s.headers["Idempotency-Key"] for s in mastodon.requests_to("POST", "/api/v1/statuses")]
    assert len(keys) == 24 and len(set(keys)) == 24
    assert {r["state"] for r in status(base)} == {"published"}


def test_scenario_12_a_corrupt_database_halts_publish_due_with_a_clear_message(
    base: Path,
) -> None:
    database_file = resolve_paths(base).database
    database_file.write_bytes(b"this is not a database" * 100)
    done = cli(base, "publish-due")
    assert done.returncode == 2
    assert done.stderr.strip()  # the clerk is told why, nothing is guessed
    assert "Traceback" not in done.stderr


def test_scenario_7_post_at_a_time_in_the_dst_gap_warns_and_stores_utc(base: Path) -> None:
    done = cli(
        base, "post", "--account", "Ayto Mastodon", "--text", "Aviso.", "--at", "2027-03-28T02:30"
    )
    assert done.returncode == 0, done.stderr
    assert "02:30" in done.stderr  # the clerk is told the time does not exist that day
    (row,) = status(base)
    assert row["due_utc"] == "2027-03-28T01:30:00+00:00"  # 03:30 summer time, as a wall clock


def test_post_with_an_image_stores_its_absolute_path_and_alt_text(
    base: Path, tmp_path: Path
) -> None:
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 30), "green").save(tmp_path / "bando.png")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "smalltown_social", "--basedir", str(base), "post",
         "--account", "Ayto Mastodon", "--text", "Bando de fiestas.",
         "--image", "bando.png", "--alt", "Cartel verde de las fiestas"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    try:
        (post_id,) = [r["id"] for r in database.query("SELECT id FROM posts")]
        post = PostsRepository(database).get(post_id)
    finally:
        database.close()
    assert post is not None
    assert [(i.path, i.alt_text) for i in post.images] == [
        (str(tmp_path / "bando.png"), "Cartel verde de las fiestas")
    ]
    missing = cli(base, "post", "--account", "Ayto Mastodon", "--text", "x", "--image", "no.png")
    assert missing.returncode == 1 and "No se encuentra la imagen" in missing.stdout


def test_status_prints_no_terminal_escapes_from_a_servers_reply(base: Path) -> None:
    """A server's error reason or post address is printed without its control characters."""
    assert cli(base, "post", "--account", "Canal Telegram", "--text", "Aviso.").returncode == 0
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    try:
        with database.write() as conn:
            conn.execute(
                "UPDATE targets SET error = ?, remote_url = ?",
                ("Rechazado: \x1b[2J\x1b[31mROJO\x9b0m", "https://t.me/c/1\x1b]0;x\x07"),
            )
    finally:
        database.close()
    plain = cli(base, "status")
    as_json = cli(base, "status", "--json")
    for output in (plain.stdout, as_json.stdout):
        assert not any(ch in output for ch in "\x1b\x07\x9b"), repr(output)
    assert "ROJO" in plain.stdout
    assert json.loads(as_json.stdout)[0]["error"] == "Rechazado: \x1b[2J\x1b[31mROJO\x9b0m"


def _post_count(base: Path) -> int:
    paths = resolve_paths(base)
    database = open_database(paths.database, paths.backups)
    try:
        return int(database.scalar("SELECT count(*) FROM posts"))
    finally:
        database.close()


def _refused(base: Path, done: subprocess.CompletedProcess[str], words: str) -> None:
    """A Spanish message, a non-zero exit, nothing scheduled nor saved, no traceback."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert words in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert status(base) == []
    assert _post_count(base) == 0


def test_post_refuses_text_that_is_not_valid_utf8(base: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    command = [sys.executable, "-m", "smalltown_social", "--basedir", str(base), "post",
               "--account", "Ayto Mastodon", "--text"]  # fmt: skip
    raw = subprocess.run(
        [*(c.encode() for c in command), b"Fiestas de San Juan en la pla\xe7a."],
        capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    done = subprocess.CompletedProcess(
        raw.args, raw.returncode, raw.stdout.decode(), raw.stderr.decode("utf-8", "replace")
    )
    _refused(base, done, "caracteres que no son válidos")


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_post_refuses_an_empty_or_blank_text(base: Path, text: str) -> None:
    _refused(base, cli(base, "post", "--account", "Ayto Mastodon", "--text", text), "vacía")


@pytest.mark.parametrize("kind", ["text", "empty", "bmp"])
def test_post_refuses_an_image_that_is_not_jpeg_png_gif_or_webp(
    base: Path, tmp_path: Path, kind: str
) -> None:
    from PIL import Image as PILImage

    path = tmp_path / "cartel.png"
    if kind == "text":
        path.write_text("esto no es una imagen")
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        PILImage.new("RGB", (40, 30), "green").save(path, "BMP")
    done = cli(
        base, "post", "--account", "Ayto Mastodon", "--text", "Bando de fiestas.",
        "--image", str(path), "--alt", "Cartel verde",
    )  # fmt: skip
    _refused(base, done, "«cartel.png» no es una imagen que se pueda usar")


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--account", "Ayto Mastodon"], "«Ayto Mastodon» está elegida dos veces"),
        (["--content-type", "chisme"], "No existe el tipo de contenido «chisme»"),
        (["--at", "2020-01-01T10:00"], "Esa hora ya ha pasado"),
        (["--at", "2027-06-01"], "Hora no válida: «2027-06-01»"),
    ],
    ids=["account-twice", "unknown-content-type", "past", "date-without-time"],
)
def test_post_refuses_with_a_spanish_message(base: Path, extra: list[str], words: str) -> None:
    done = cli(base, "post", "--account", "Ayto Mastodon", "--text", "Pleno el jueves.", *extra)
    _refused(base, done, words)
    if "chisme" in words:
        assert "urgent" in done.stdout  # the valid types are listed


def test_post_prints_the_reviews_warnings_too(base: Path) -> None:
    done = cli(
        base, "post", "--account", "Ayto Mastodon", "--text",
        "CORTE DE AGUA HOY EN LA CALLE MAYOR de 9 a 12.",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Avisos de la revisión:" in done.stdout
    assert "mayúsculas" in done.stdout.lower()
    assert [r["state"] for r in status(base)] == ["scheduled"]
