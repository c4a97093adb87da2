"""Command line: the GUI by default, and headless commands for scripts.

`smalltown-social [--basedir DIR] [--demo] [--lang es|en]` opens the window;
`self-test` and `backup PATH` run without a screen. Later commands (post,
publish-due, status, account, inbox) extend this same parser.

Opening the window does not import the commands (issue #13): the common options
are read first, and the commands' modules are imported to build the full parser
only when something else is on the line (a command, `--help`, `--version`, an
error to explain).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from smalltown_social import __version__
from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Text, parse_language
from smalltown_social.paths import resolve_paths

DESCRIPTION = "Redes sociales para un ayuntamiento pequeño / Social networks for a town hall."


def command_modules() -> tuple[ModuleType, ...]:
    """Each module adds its subcommands; a subcommand sets `handler(args, runtime) -> exit
    code`, and may set `before_data_folder(args, paths, language) -> exit code | None`.
    """
    from smalltown_social.commands import (  # noqa: PLC0415 - not when the window opens
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

    return (
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


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basedir", metavar="DIR", help="carpeta de datos (por defecto, la del usuario)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="abrir la base de datos de demostración"
    )
    parser.add_argument("--lang", choices=["es", "en"], help="idioma / language")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smalltown-social", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_common_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(commands)
    return parser


class _NotOnlyOptions(Exception):
    """The line is more than the common options: the full parser reads (or explains) it."""


class _OptionsParser(argparse.ArgumentParser):
    """The common options alone, quietly: anything else goes to the full parser."""

    def error(self, message: str) -> NoReturn:
        raise _NotOnlyOptions(message)


def window_options(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options, if the line asks for the window (no command); None otherwise."""
    parser = _OptionsParser(prog="smalltown-social", add_help=False)
    _add_common_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotOnlyOptions:
        return None
    if rest:
        return None
    args.command = None
    return args


EMPTY_BASEDIR = Text(
    "--basedir está vacío: indique una carpeta (sin --basedir se usa la carpeta de siempre).",
    "--basedir is empty: give a folder (without --basedir the usual folder is used).",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = window_options(argv) or build_parser().parse_args(argv)
    language = parse_language(args.lang) if args.lang else None
    if args.basedir is not None and not args.basedir.strip():
        from smalltown_social.commands.common import EXIT_UNUSABLE, tell  # noqa: PLC0415

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
    from smalltown_social.commands.common import run_command  # noqa: PLC0415 - commands only

    return run_command(args.handler, args, paths, language or DEFAULT_LANGUAGE)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
