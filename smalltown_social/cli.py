"""Command line: the GUI by default, and headless commands for scripts.

`smalltown-social [--basedir DIR] [--demo] [--lang es|en]` opens the window;
`self-test` and `backup PATH` run without a screen. Later commands (post,
publish-due, status, account, inbox) extend this same parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from smalltown_social import __version__
from smalltown_social.commands import (
    accounts,
    background,
    inbox,
    maintenance,
    publishing,
    report,
    results,
    settings,
    targets,
)
from smalltown_social.commands.common import EXIT_UNUSABLE, run_command, tell
from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Text, parse_language
from smalltown_social.paths import resolve_paths

# Each module adds its subcommands; a subcommand sets `handler(args, runtime) -> exit code`,
# and may set `before_data_folder(args, paths, language) -> exit code | None`.
COMMAND_MODULES = (
    maintenance,
    inbox,
    accounts,
    publishing,
    targets,
    settings,
    results,
    report,
    background,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smalltown-social",
        description=(
            "Redes sociales para un ayuntamiento pequeño / Social networks for a town hall."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--basedir", metavar="DIR", help="carpeta de datos (por defecto, la del usuario)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="abrir la base de datos de demostración"
    )
    parser.add_argument("--lang", choices=["es", "en"], help="idioma / language")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


EMPTY_BASEDIR = Text(
    "--basedir está vacío: indique una carpeta (sin --basedir se usa la carpeta de siempre).",
    "--basedir is empty: give a folder (without --basedir the usual folder is used).",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    language = parse_language(args.lang) if args.lang else None
    if args.basedir is not None and not args.basedir.strip():
        tell(EMPTY_BASEDIR, language or DEFAULT_LANGUAGE)  # never the real folder by mistake
        return EXIT_UNUSABLE
    paths = resolve_paths(args.basedir, demo=args.demo)
    # A subcommand may answer before the data folder is made or opened (None: go on).
    before = getattr(args, "before_data_folder", None)
    answer = before(args, paths, language or DEFAULT_LANGUAGE) if before else None
    if answer is not None:
        return int(answer)
    if args.command is None:
        from smalltown_social.ui.application import run_gui  # noqa: PLC0415 - Qt only here

        return run_gui(paths, language)
    return run_command(args.handler, args, paths, language or DEFAULT_LANGUAGE)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
