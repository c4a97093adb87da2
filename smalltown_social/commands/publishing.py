"""Publishing commands: `post`, `publish-due`, `status [--json]`.

`publish-due` sweeps the outbox once and exits (Windows Task Scheduler, or a
second process beside the GUI: the claims keep every target exactly once).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import re
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smalltown_social.app import Runtime, Services
from smalltown_social.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNUSABLE,
    open_services,
    say,
    tell,
)
from smalltown_social.core.accounts import NETWORK_NAMES, Account, Network
from smalltown_social.core.costs import has_link, post_price, usd
from smalltown_social.core.guidance import Finding
from smalltown_social.core.i18n import Language, Text, one_language
from smalltown_social.core.local_time import describe, resolve_local
from smalltown_social.core.posts import Image
from smalltown_social.core.settings import PAUSED, SPENDING_CAPS, TIME_ZONE
from smalltown_social.core.states import LABELS
from smalltown_social.core.untrusted_text import for_terminal, json_for_terminal
from smalltown_social.paths import DataPaths
from smalltown_social.publishing.compose import Draft, Refused
from smalltown_social.publishing.outbox import Outcome
from smalltown_social.storage.outbox_repo import OutboxRepository
from smalltown_social.storage.spending import spent_this_month

log = logging.getLogger(__name__)

EXIT_BLOCKED = 3


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    post = commands.add_parser(
        "post",
        help="crear una publicación (una por cuenta), programada o para ahora",
        description="Crea una publicación con un destino por cuenta, programada para --at "
        "o para ahora. La revisión del texto se ejecuta antes: un problema grave la detiene.",
    )
    post.add_argument("--account", action="append", required=True, metavar="NAME")
    post.add_argument("--text", required=True)
    post.add_argument("--image", action="append", default=[], metavar="PATH")
    post.add_argument("--alt", action="append", default=[], metavar="TEXT")
    post.add_argument("--at", metavar="ISO-8601", help="hora (sin zona: la hora del municipio)")
    post.add_argument("--content-type", metavar="TYPE")
    post.add_argument(
        "--override-block",
        metavar="MOTIVO",
        help="publicar a pesar de un problema grave de la revisión (queda anotado)",
    )
    post.add_argument(
        "--on-server",
        action="store_true",
        help="dejarla programada en la red que pueda (Mastodon, Facebook): sale aunque el PC "
        "esté apagado",
    )
    post.set_defaults(handler=run_post)
    due = commands.add_parser(
        "publish-due",
        help="publicar todo lo pendiente y salir",
        description="Publica todo lo que ya toca y sale. Se puede usar junto a la aplicación "
        "abierta: cada publicación sale una sola vez.",
    )
    due.set_defaults(
        handler=lambda args, runtime: run_publish_due(runtime),
        before_data_folder=lambda args, paths, language: no_database(paths, language),
    )
    status = commands.add_parser("status", help="estado de cada publicación en cada cuenta")
    status.add_argument("--json", action="store_true", help="salida JSON")
    status.set_defaults(handler=lambda args, runtime: run_status(runtime, as_json=args.json))


# --- post -------------------------------------------------------------------------------


def run_post(args: argparse.Namespace, runtime: Runtime) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        return _post(args, runtime, services)
    finally:
        services.close()


def _post(args: argparse.Namespace, runtime: Runtime, services: Services) -> int:
    """Through the same use case as the composer (publishing/compose.py): same refusals."""
    lang = runtime.language
    if len(args.alt) > len(args.image):
        say(Text("Hay más --alt que --image.", "There are more --alt than --image."), lang)
        return EXIT_FAILED
    accounts = []
    for name in args.account:
        # A name with undecodable bytes cannot be an account's (nor go into an SQL query).
        account = services.accounts.by_name(name) if printable(name) == name else None
        if account is None:
            shown = printable(name)
            say(Text(f"No existe la cuenta «{shown}».", f"There is no account “{shown}”."), lang)
            return EXIT_FAILED
        accounts.append(account)
    try:
        due = _parse_at(args.at, services.settings.get(TIME_ZONE))
    except ValueError:
        shown = printable(args.at or "")
        say(
            Text(
                f"Hora no válida: «{shown}». Use fecha y hora, por ejemplo 2026-05-04T09:30.",
                f"Invalid time: “{shown}”. Give a date and a time, for example 2026-05-04T09:30.",
            ),
            lang,
        )
        return EXIT_FAILED
    alts = [*args.alt, *[""] * (len(args.image) - len(args.alt))]
    # Absolute paths: `publish-due` may run from another folder (Task Scheduler).
    paths = [Path(path).expanduser().resolve() for path in args.image]
    draft = Draft(
        text=args.text,
        accounts=tuple(accounts),
        content_type=args.content_type,
        images=tuple(Image(str(path), alt) for path, alt in zip(paths, alts, strict=True)),
        server_scheduling=args.on_server,
    )
    try:
        saved = services.composer.schedule(
            draft, due, override_reason=args.override_block, who=getpass.getuser()
        )
    except Refused as refused:
        return _refused(refused, lang)
    _print_findings(saved.findings, lang)
    _print_costs(services, accounts, args.text, lang)
    names = ", ".join(a.name for a in accounts)
    at = describe(saved.post.due_utc or datetime.now(UTC), saved.post.time_zone)
    say(
        Text(
            f"Publicación {saved.post_id} programada para el {at.es} en: {names}.",
            f"Post {saved.post_id} scheduled for {at.en} on: {names}.",
        ),
        lang,
    )
    return EXIT_OK


def _print_costs(services: Services, accounts: list[Account], text: str, lang: Language) -> None:
    """What each paid target will cost, and this month's spending against its limit."""
    now = datetime.now(UTC)
    for network in dict.fromkeys(a.network for a in accounts):
        price = post_price(network, text)
        cap_setting = SPENDING_CAPS.get(network)
        if price is None or cap_setting is None:
            continue
        count = sum(1 for a in accounts if a.network == network)
        spent = spent_this_month(services.database, network, now)
        cap = Decimal(services.settings.get(cap_setting))
        name = NETWORK_NAMES[network]
        linked = has_link(text)
        kind = Text("con enlace", "with a link") if linked else Text("sin enlace", "no link")
        say(
            Text(
                f"Coste en {name}: {usd(price)} por cuenta ({kind.es}) × {count} = "
                f"{usd(price * count)}. Este mes: {usd(spent)} de un límite de {usd(cap)}.",
                f"Cost on {name}: {usd(price, 'en')} per account ({kind.en}) × {count} = "
                f"{usd(price * count, 'en')}. This month: {usd(spent, 'en')} of a "
                f"{usd(cap, 'en')} limit.",
            ),
            lang,
        )


def _refused(refused: Refused, lang: Language) -> int:
    say(refused.text, lang)
    if not refused.findings:
        return EXIT_FAILED
    _print_findings(refused.findings, lang)
    say(
        Text(
            "Corríjalo, o use --override-block MOTIVO si debe salir así (quedará anotado).",
            "Fix it, or use --override-block REASON if it must go out as is (it is logged).",
        ),
        lang,
    )
    return EXIT_BLOCKED


_HEADINGS = {
    "block": Text("Problemas graves:", "Serious problems:"),
    "warn": Text("Avisos de la revisión:", "Warnings from the review:"),
}


def _print_findings(findings: list[Finding], lang: Language) -> None:
    """The guidance's blocks and warnings (tips are left to the composer)."""
    for severity, heading in _HEADINGS.items():
        found = [f for f in findings if f.severity == severity]
        if found:
            say(heading, lang)
        for finding in found:
            print(f"  - {finding.message}")  # noqa: T201 - the CLI's output


def printable(text: str) -> str:
    """`text` with undecodable bytes from the command line shown as \\xNN (never a crash)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _parse_at(text: str | None, zone: str) -> datetime | None:
    """An ISO 8601 date and time (None: now); without an offset it is the town's wall clock.

    A date alone is refused (ValueError): midnight is almost never what was meant.
    """
    if not text:
        return None
    if not _HAS_TIME.search(text):
        raise ValueError("a date without a time")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        local = resolve_local(moment, zone)
        warning = local.warning()
        if warning is not None:
            print(warning.es, file=sys.stderr)  # noqa: T201 - DST gap or repeated hour
        return local.utc
    return moment.astimezone(UTC)


_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:?\d{2}")


# --- publish-due ------------------------------------------------------------------------


NO_DATABASE = Text(
    "No hay base de datos en {folder}: no hay nada que publicar, y no se crea ninguna. "
    "Si la carpeta de datos se movió, active otra vez «Publicar con la ventana cerrada» "
    "desde su nuevo sitio.",
    "There is no database in {folder}: nothing to publish, and none is created. If the "
    "data folder was moved, turn publishing with the window closed on again from its new place.",
)


def no_database(paths: DataPaths, language: Language) -> int | None:
    """A scheduled task whose folder was moved or deleted must not make a new, empty one."""
    database = paths.database
    if any(Path(f"{database}{end}").exists() for end in ("", "-wal", "-shm")):
        return None  # the opening tells damage as such
    tell(NO_DATABASE.format(folder=paths.root), language)
    return EXIT_UNUSABLE


def run_publish_due(runtime: Runtime) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    lang = runtime.language
    try:
        if services.settings.get(PAUSED):
            say(
                Text(
                    "La publicación está en pausa: no se ha publicado nada.",
                    "Publishing is paused: nothing was published.",
                ),
                lang,
            )
            return EXIT_OK
        outbox = services.outbox()
        try:
            result = outbox.sweep()
        finally:
            outbox.close()
    finally:
        services.close()
    outcomes = result.outcomes or {}
    published = result.count(Outcome.PUBLISHED) + result.count(Outcome.SCHEDULED_ON_SERVER)
    failed = result.count(Outcome.FAILED)
    waiting = result.count(Outcome.WAITING) + result.count(Outcome.RETRY)
    unknown = result.count(Outcome.UNKNOWN)
    say(
        Text(
            f"Publicadas: {published}. Con error: {failed}. Pendientes de reintento: {waiting}. "
            f"Sin respuesta (se comprobarán): {unknown}. Fuera de plazo: {result.missed}. "
            f"Revisadas tras un corte: {result.recovered}. Total tratadas: {len(outcomes)}.",
            f"Published: {published}. Failed: {failed}. Waiting to retry: {waiting}. "
            f"No answer (to be checked): {unknown}. Missed: {result.missed}. "
            f"Recovered after an interruption: {result.recovered}. Handled: {len(outcomes)}.",
        ),
        lang,
    )
    return EXIT_FAILED if failed or result.missed else EXIT_OK


# --- status -------------------------------------------------------------------------------


def run_status(runtime: Runtime, *, as_json: bool) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        rows = OutboxRepository(services.database).status_rows()
        zone = services.settings.get(TIME_ZONE)
    finally:
        services.close()
    records: list[dict[str, Any]] = [
        {
            "target_id": r.target_id,
            "post_id": r.post_id,
            "account": r.account_name,
            "network": r.network,
            "state": r.state.value,
            "due_utc": r.due_utc.isoformat() if r.due_utc else None,
            "remote_id": r.remote_id,
            "url": r.remote_url,
            "error": r.error,
            "attempts": r.attempts,
            "text": r.text,
        }
        for r in rows
    ]
    if as_json:
        print(json_for_terminal(json.dumps(records, ensure_ascii=False, indent=2)))  # noqa: T201
        return EXIT_OK
    # Errors and addresses come from the networks' replies: no terminal escapes printed.
    for r in rows:
        due = describe(r.due_utc, zone)(runtime.language) if r.due_utc else "-"
        label = LABELS[r.state](runtime.language)
        line = f"{r.target_id:>5}  {due:<36}  {label:<22}  {r.account_name}"
        if NETWORK_NAMES[Network(r.network)] not in r.account_name:
            line += f" ({NETWORK_NAMES[Network(r.network)]})"
        if r.remote_url or r.remote_id:
            line += f"  {r.remote_url or r.remote_id}"
        print(for_terminal(line))  # noqa: T201
        if r.error:
            print(f"       {for_terminal(one_language(r.error, runtime.language))}")  # noqa: T201
    return EXIT_OK
