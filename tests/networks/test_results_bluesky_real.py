"""Issue #12's "done means", on the real Bluesky servers (PLC + PDS + AppView from npm).

The app publishes a post (`post` then `publish-due`, as the clerk's scheduled
task would); a neighbour's account likes it, reposts it and replies to it;
after `results sync`, `results list --json` shows 1, 1 and 1 on that post,
and `report` writes a PDF and a CSV that name the post with its counts.
Every step is the real program in a child process. Nothing is skipped: if the
servers cannot start, this fails (see bluesky_server).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests

from smalltown_social.app import Runtime, build_services
from smalltown_social.core.accounts import Network
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from tests.e2e.conftest import run_app
from tests.networks import bluesky_server
from tests.networks.bluesky_server import BlueskyServer, PeerAccount

pytestmark = [pytest.mark.keyring_real, pytest.mark.slow]

TEXT = "Esta semana se recogen enseres el jueves: sáquelos la noche antes. Tel. 924 000 000."


@pytest.fixture(scope="module")
def network() -> Iterator[BlueskyServer]:
    server = bluesky_server.start()
    yield server
    server.stop()


def session(network: BlueskyServer, peer: PeerAccount) -> dict[str, str]:
    made = requests.post(
        f"{network.pds_url}/xrpc/com.atproto.server.createSession",
        json={"identifier": peer.handle, "password": peer.password},
        timeout=30,
    )
    made.raise_for_status()
    return {"Authorization": f"Bearer {made.json()['accessJwt']}"}


def create(network: BlueskyServer, peer: PeerAccount, collection: str, record: Any) -> None:
    done = requests.post(
        f"{network.pds_url}/xrpc/com.atproto.repo.createRecord",
        json={"repo": peer.did, "collection": collection, "record": record},
        headers=session(network, peer),
        timeout=30,
    )
    assert done.status_code == 200, done.text


def strong_ref(network: BlueskyServer, uri: str) -> dict[str, str]:
    repo, collection, rkey = uri.removeprefix("at://").split("/")
    found = requests.get(
        f"{network.pds_url}/xrpc/com.atproto.repo.getRecord",
        params={"repo": repo, "collection": collection, "rkey": rkey},
        timeout=30,
    )
    found.raise_for_status()
    return {"uri": uri, "cid": found.json()["cid"]}


def app(basedir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_app("--basedir", str(basedir), *args, timeout=120)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def test_likes_reposts_and_replies_reach_results_and_the_council_report(
    network: BlueskyServer, tmp_path: Path
) -> None:
    town = network.create_account("aytoresultados")
    neighbour = network.create_account("vecinoresultados")
    basedir = tmp_path / "data"
    services = build_services(Runtime.start(DataPaths(base=basedir)))
    account = services.accounts.add(
        Network.BLUESKY, "Ayto en Bluesky", handle=town.handle, server_url=network.pds_url
    )
    services.secrets.set(account.secret_key, town.app_password)
    services.close()
    shutdown_logging()

    app(basedir, "post", "--account", "Ayto en Bluesky", "--text", TEXT, "--content-type=service")
    app(basedir, "publish-due")
    [ours] = json.loads(app(basedir, "results", "list", "--json").stdout)
    assert ours["network"] == "bluesky" and ours["text"] == TEXT and ours["url"]
    assert ours["likes"] is None  # published, not read yet

    subject = strong_ref(network, ours_uri := _uri_of(basedir))
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    create(network, neighbour, "app.bsky.feed.like", {"subject": subject, "createdAt": now})
    create(network, neighbour, "app.bsky.feed.repost", {"subject": subject, "createdAt": now})
    create(
        network,
        neighbour,
        "app.bsky.feed.post",
        {
            "text": "¡Gracias por avisar!",
            "reply": {"root": subject, "parent": subject},
            "createdAt": now,
        },
    )

    deadline = time.monotonic() + 40  # the AppView indexes from the firehose
    while True:
        app(basedir, "results", "sync")
        [row] = json.loads(app(basedir, "results", "list", "--json").stdout)
        if (row["likes"], row["reposts"], row["replies"]) == (1, 1, 1):
            break
        assert time.monotonic() < deadline, f"counts never reached 1, 1, 1: {row}"
        time.sleep(1)
    assert row["url"] == ours["url"] and row["gone"] is False
    assert ours_uri.startswith("at://")

    month = datetime.now(ZoneInfo("Europe/Madrid")).strftime("%Y-%m")
    out = tmp_path / "pleno"
    out.mkdir()
    app(basedir, "report", "--month", month, "--out", str(out))
    pdf = out / f"resultados-{month}.pdf"
    table = out / f"resultados-{month}.csv"
    assert pdf.read_bytes().startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig")), delimiter=";"))
    [line] = [r for r in rows if r["texto"] == TEXT]
    assert (line["me gusta"], line["compartidos"], line["respuestas"]) == ("1", "1", "1")
    assert line["red"] == "bluesky" and line["enlace"] == ours["url"]
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils (pdftotext) is needed to read the PDF back"
    words = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(words.split())
    assert "Esta semana se recogen enseres el jueves" in flat
    assert "1 compartido · 1 me gusta · 1 respuesta" in flat  # the three most shared


def _uri_of(basedir: Path) -> str:
    services = build_services(Runtime.start(DataPaths(base=basedir)))
    try:
        [row] = services.database.query("SELECT remote_id FROM targets")
        return str(row["remote_id"])
    finally:
        services.close()
        shutdown_logging()
