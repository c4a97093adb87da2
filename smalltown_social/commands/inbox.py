"""`inbox sync` (fetch now, then exit) and `inbox list [--json] [--status S] [--search TEXT]`."""

from __future__ import annotations

import argparse
import json

from smalltown_social.app import Runtime, Services
from smalltown_social.commands.common import EXIT_FAILED, EXIT_OK, say, with_services
from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import STATUS_NAMES, InboxStatus
from smalltown_social.core.local_time import describe
from smalltown_social.core.settings import INBOX_RETENTION_MONTHS, TIME_ZONE
from smalltown_social.core.untrusted_text import for_terminal, json_for_terminal
from smalltown_social.storage.inbox_query import InboxFilter
from smalltown_social.storage.timefmt import to_db

STATUSES = {
    "nuevo": InboxStatus.NEW,
    "pendiente": InboxStatus.PENDING,
    "respondido": InboxStatus.ANSWERED,
    "archivado": InboxStatus.ARCHIVED,
    **{status.value: status for status in InboxStatus},
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inbox = commands.add_parser("inbox", help="bandeja de entrada: traer y listar mensajes")
    sub = inbox.add_subparsers(dest="inbox_command", metavar="ACCIÓN", required=True)
    sync = sub.add_parser("sync", help="traer ahora los mensajes nuevos de todas las cuentas")
    sync.set_defaults(handler=lambda args, runtime: with_services(runtime, sync_now))
    listing = sub.add_parser("list", help="listar mensajes (los más recientes primero)")
    listing.add_argument("--json", action="store_true", help="salida JSON, una lista")
    listing.add_argument(
        "--status", choices=sorted(STATUSES), help="nuevo, pendiente, respondido o archivado"
    )
    listing.add_argument("--search", metavar="TEXT", default="", help="buscar (sin acentos)")
    listing.add_argument("--limit", type=int, default=100, help="máximo de mensajes (100)")
    listing.set_defaults(
        handler=lambda args, runtime: with_services(runtime, lambda s, r: list_items(s, r, args))
    )


def sync_now(services: Services, runtime: Runtime) -> int:
    lang = runtime.language
    sync = services.inbox_sync()
    deleted = sync.apply_retention(services.settings.get(INBOX_RETENTION_MONTHS))
    if deleted:
        say(Text(f"Borrados por antigüedad: {deleted}", f"Deleted as too old: {deleted}"), lang)
    accounts = sync.accounts()
    if not accounts:
        say(Text("No hay cuentas conectadas.", "No accounts are connected."), lang)
        return EXIT_OK
    failed = 0
    for account in accounts:
        result = sync.sync_account(account)
        if result.error is not None:
            failed += 1
            print(f"{account.name}: {result.error.text(lang)}")  # noqa: T201
        else:
            plural = "" if result.new == 1 else "s"
            say(
                Text(
                    f"{account.name}: {result.new} mensaje{plural} nuevo{plural}",
                    f"{account.name}: {result.new} new message{plural}",
                ),
                lang,
            )
    return EXIT_FAILED if failed else EXIT_OK


def list_items(services: Services, runtime: Runtime, args: argparse.Namespace) -> int:
    flt = InboxFilter(
        status=STATUSES[args.status] if args.status else None, search=args.search or ""
    )
    rows = services.inbox_services.query.page(flt, limit=max(1, args.limit))
    zone = services.settings.get(TIME_ZONE)
    if args.json:
        print(  # noqa: T201
            json_for_terminal(
                json.dumps(
                    [
                        {
                            "id": r.id,
                            "received_utc": to_db(r.received_utc),
                            "network": r.network,
                            "account": r.account_name,
                            "kind": r.kind,
                            "author": r.author_name,
                            "handle": r.author_handle,
                            "text": r.text,
                            "post": r.post_text,
                            "label": r.label,
                            "status": r.status,
                            "url": r.url,
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
        )
        return EXIT_OK
    for r in rows:
        # What citizens wrote may carry terminal escapes (colours, cursor moves): never printed.
        text = " ".join(for_terminal(r.text).split())
        author = " ".join(for_terminal(r.author_name).split())
        label = for_terminal(r.label or "-")
        when = describe(r.received_utc, zone)(runtime.language)
        network = NETWORK_NAMES[r.network]
        status = STATUS_NAMES[r.status](runtime.language)
        print(f"{r.id:>7}  {when:<36}  {network:<9} {status:<10} {label:<14} {author}: {text[:80]}")  # noqa: T201
    return EXIT_OK
