"""`target mark ID published [--url URL] | not-published | abandon`.

The clerk's way out of `unconfirmed` (nobody could tell whether it went out)
and `failed`, after looking at the network: through the same rule as the
calendar's menu (`publishing.resolution`). Exit 0 when recorded, 1 when
refused (with the reason), 2 when the data folder cannot be opened.
"""

from __future__ import annotations

import argparse

from smalltown_social.app import Runtime
from smalltown_social.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNUSABLE,
    open_services,
    say,
    tell,
)
from smalltown_social.core.i18n import Text
from smalltown_social.core.posts import utc_now
from smalltown_social.publishing.resolution import DONE, CannotResolve, resolve_target
from smalltown_social.storage.targets_store import Resolution

URL_ONLY_WITH_PUBLISHED = Text(
    "--url solo va con «published».", "--url goes with “published” only."
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "target",
        help="decidir sobre una publicación sin confirmar o con error",
        description="Tras mirar en la red, anote qué pasó con una publicación «Sin confirmar» "
        "o «Error» (el número es el de «smalltown-social status»).",
    )
    actions = parser.add_subparsers(dest="target_command", metavar="ACCIÓN", required=True)
    mark = actions.add_parser(
        "mark",
        help="anotar si salió o no",
        description="published: está en la red (con --url, su dirección). "
        "not-published: no está; sale en la próxima pasada, o queda como borrador si ya "
        "llega más tarde de lo que permite el ajuste de retraso. "
        "abandon: no se publicará.",
    )
    mark.add_argument("target_id", metavar="ID", type=int)
    mark.add_argument("resolution", choices=[r.value for r in Resolution])
    mark.add_argument("--url", metavar="URL", help="dirección de la publicación en la red")
    mark.set_defaults(
        handler=lambda args, runtime: mark_target(
            runtime, args.target_id, Resolution(args.resolution), args.url
        )
    )


def mark_target(runtime: Runtime, target_id: int, resolution: Resolution, url: str | None) -> int:
    lang = runtime.language
    if url is not None and resolution is not Resolution.PUBLISHED:
        tell(URL_ONLY_WITH_PUBLISHED, lang)
        return EXIT_FAILED
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        state = resolve_target(services.database, utc_now(), target_id, resolution, url=url)
    except CannotResolve as refused:
        tell(refused.text, lang)
        return EXIT_FAILED
    finally:
        services.close()
    say(DONE[state], lang)
    return EXIT_OK
