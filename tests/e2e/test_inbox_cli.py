"""`inbox sync` and `inbox list` as a script would call them."""

from __future__ import annotations

import json
from pathlib import Path

from smalltown_social.app import Runtime, build_services
from smalltown_social.core.accounts import Network
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from tests.e2e.conftest import run_app


def test_list_filters_searches_and_speaks_json(basedir: Path) -> None:
    assert run_app("--basedir", str(basedir), "--demo", "self-test").returncode == 0
    done = run_app("--basedir", str(basedir), "--demo", "inbox", "list", "--json", "--limit", "5")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert len(items) == 5
    assert {"id", "network", "author", "text", "status", "label", "post"} <= set(items[0])
    received = [i["received_utc"] for i in items]
    assert received == sorted(received, reverse=True)

    pending = run_app(
        "--basedir", str(basedir), "--demo", "inbox", "list", "--json", "--status", "pendiente"
    )
    assert {i["status"] for i in json.loads(pending.stdout)} == {"pending"}

    found = run_app(
        "--basedir", str(basedir), "--demo", "inbox", "list", "--json", "--search", "medico"
    )
    texts = [i["text"].lower() for i in json.loads(found.stdout)]
    assert texts and all("médico" in t or "medico" in t for t in texts)

    plain = run_app("--basedir", str(basedir), "--demo", "inbox", "list", "--limit", "3")
    assert len(plain.stdout.strip().splitlines()) == 3


def test_sync_reports_each_account_and_fails_when_one_cannot_connect(basedir: Path) -> None:
    empty = run_app("--basedir", str(basedir), "inbox", "sync")
    assert empty.returncode == 0, empty.stderr
    assert "No hay cuentas" in empty.stdout
    services = build_services(Runtime.start(DataPaths(base=basedir)))
    services.accounts.add(Network.BLUESKY, "Ayto en Bluesky", handle="ayto.example")
    services.close()
    shutdown_logging()
    done = run_app("--basedir", str(basedir), "inbox", "sync")
    assert done.returncode == 1
    assert "Ayto en Bluesky" in done.stdout and "Cuentas" in done.stdout  # reconnect it there
