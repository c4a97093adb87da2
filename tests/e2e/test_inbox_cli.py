"""`inbox sync` and `inbox list` as a script would call them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from smalltown_social.app import Runtime, build_services
from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, ItemKind
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
    # The town's time and the clerk's words, not ISO UTC and enum values.
    assert "+00:00" not in plain.stdout and " new " not in plain.stdout
    assert re.search(r"\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d", plain.stdout)
    assert "Nuevo" in plain.stdout or "Pendiente" in plain.stdout
    accounts = run_app("--basedir", str(basedir), "--demo", "account", "list")
    assert "unknown" not in accounts.stdout and "Demostración (no publica)" in accounts.stdout


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


def test_list_never_prints_terminal_escapes(basedir: Path) -> None:
    """Issue #9, hole 12: a comment with ANSI escapes was printed raw by `inbox list`."""
    services = build_services(Runtime.start(DataPaths(base=basedir)))
    account = services.accounts.add(Network.MASTODON, "Ayto", server_url="https://m.example")
    hostile = "\x1b]0;hacked\x07\x1b[2J\x1b[31mROJO\x1b[0m \x9b31m\x00fin"
    services.inbox.upsert(
        [
            InboxItem(
                account.id,
                Network.MASTODON,
                "r1",
                ItemKind.COMMENT,
                hostile,
                datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
                author_name="Vecina\x1b[5m",
            )
        ]
    )
    services.close()
    shutdown_logging()
    plain = run_app("--basedir", str(basedir), "inbox", "list")
    as_json = run_app("--basedir", str(basedir), "inbox", "list", "--json")
    assert plain.returncode == as_json.returncode == 0, plain.stderr + as_json.stderr
    for output in (plain.stdout, as_json.stdout):
        assert not any(ch in output for ch in "\x1b\x07\x9b\x00"), repr(output)
    assert "ROJO" in plain.stdout and "fin" in plain.stdout
    (item,) = json.loads(as_json.stdout)
    assert item["text"] == hostile  # the JSON still says exactly what was written, escaped
