"""`results sync` (read the counts now, then exit) and `results list [--json] [--month YYYY-MM]`."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from smalltown_social.app import Runtime, Services
from smalltown_social.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    say,
    tell,
    with_services,
)
from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.results import month_range
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.untrusted_text import for_terminal, json_for_terminal
from smalltown_social.publishing.results_sync import NO_COUNTS, no_counts_text
from smalltown_social.storage.results_query import ResultRow
from smalltown_social.storage.timefmt import to_db

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(9999, 1, 1, tzinfo=UTC))
BAD_MONTH = Text("Mes no válido: escríbalo como AAAA-MM (2026-11).", "Invalid month: use YYYY-MM.")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    results = commands.add_parser("results", help="resultados: cifras de las publicaciones")
    sub = results.add_subparsers(dest="results_command", metavar="ACCIÓN", required=True)
    sync = sub.add_parser("sync", help="leer ahora las cifras de las publicaciones recientes")
    sync.set_defaults(handler=lambda args, runtime: with_services(runtime, sync_now))
    listing = sub.add_parser("list", help="una línea por publicación, con sus últimas cifras")
    listing.add_argument("--json", action="store_true", help="salida JSON, una lista")
    listing.add_argument("--month", metavar="AAAA-MM", help="solo las publicadas ese mes")
    listing.set_defaults(
        handler=lambda args, runtime: with_services(runtime, lambda s, r: list_rows(s, r, args))
    )


def period(services: Services, month: str | None) -> tuple[datetime, datetime] | None:
    if not month:
        return EVER
    try:
        return month_range(month, services.settings.get(TIME_ZONE))
    except ValueError:
        return None


def sync_now(services: Services, runtime: Runtime) -> int:
    lang = runtime.language
    report = services.results_sync().sync(datetime.now(UTC), force=True)
    if not report.accounts:
        say(Text("No hay publicaciones recientes que leer.", "No recent posts to read."), lang)
        return EXIT_OK
    for outcome in report.accounts:
        name = outcome.account.name
        if outcome.error is not None:
            print(f"{name}: {outcome.error.text(lang)}")  # noqa: T201
            continue
        if outcome.no_counts:
            print(f"{name}: {no_counts_text(outcome.account.network)(lang)}")  # noqa: T201
            continue
        say(
            Text(
                f"{name}: {outcome.read} leídas, {outcome.gone} ya no están en la red",
                f"{name}: {outcome.read} read, {outcome.gone} no longer on the network",
            ),
            lang,
        )
        if outcome.missing_permissions:
            missing = ", ".join(outcome.missing_permissions)
            say(
                Text(
                    f"{name}: faltan permisos para parte de las cifras: {missing}",
                    f"{name}: permissions missing for some figures: {missing}",
                ),
                lang,
            )
        if outcome.not_out:
            say(
                Text(
                    f"{name}: {outcome.not_out} programadas en la red aún no han salido",
                    f"{name}: {outcome.not_out} scheduled on the network have not gone out yet",
                ),
                lang,
            )
        if outcome.waiting:
            say(
                Text(
                    f"{name}: {outcome.waiting} quedan para la próxima vez",
                    f"{name}: {outcome.waiting} left for next time",
                ),
                lang,
            )
    return EXIT_FAILED if report.failed else EXIT_OK


def row_json(row: ResultRow) -> dict[str, Any]:
    counts = row.counts
    return {
        "target_id": row.target_id,
        "post_id": row.post_id,
        "network": row.network,
        "account": row.account,
        "published_utc": to_db(row.published_utc),
        "text": row.text,
        "url": row.url,
        "content_type": row.content_type,
        "theme": row.theme.value if row.theme else None,
        "likes": counts.likes if counts else None,
        "reposts": counts.reposts if counts else None,
        "replies": counts.replies if counts else None,
        "quotes": counts.quotes if counts else None,
        "shares": counts.shares if counts else None,
        "views": counts.views if counts else None,
        "read_utc": to_db(row.read_utc),
        "gone": row.gone_utc is not None,
        "gone_utc": to_db(row.gone_utc),
        "counts_available": row.unavailable != NO_COUNTS,
        "missing_permissions": list(row.missing_permissions),
    }


def status_word(row: ResultRow, lang: Language) -> str:
    if row.gone_utc is not None:
        return Text("borrada en la red", "deleted on the network")(lang)
    if row.unavailable == NO_COUNTS:
        return Text("la red no da cifras", "no counts from this network")(lang)
    if row.counts is None:
        return Text("sin leer aún", "not read yet")(lang)
    return ""


def list_rows(services: Services, runtime: Runtime, args: argparse.Namespace) -> int:
    span = period(services, args.month)
    if span is None:
        tell(BAD_MONTH, runtime.language)
        return EXIT_FAILED
    rows = services.results_query().rows(*span)
    if args.json:
        document = json.dumps([row_json(r) for r in rows], ensure_ascii=False, indent=1)
        print(json_for_terminal(document))  # noqa: T201
        return EXIT_OK
    header = Text(
        "publicada (UTC)            red        gusta compar respue  citas  texto",
        "published (UTC)            network    likes repost replies quotes text",
    )
    if rows:
        say(header, runtime.language)
    for row in rows:
        text = " ".join(for_terminal(row.text).split())
        c = row.counts
        figures = f"{c.likes:>5} {c.reposts:>6} {c.replies:>6} {c.quotes:>6}" if c else " " * 26
        print(  # noqa: T201
            f"{to_db(row.published_utc)}  {row.network:<9} {figures}  {text[:60]}  "
            f"{row.url or ''} {status_word(row, runtime.language)}".rstrip()
        )
    return EXIT_OK
