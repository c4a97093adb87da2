"""`settings list [--json]` and `settings set KEY VALUE`: Ajustes from the command line.

Built from the same table as the settings page (`core.settings`), and a value
is accepted or refused by the same check, so both always agree.
"""

from __future__ import annotations

import argparse
import json

from smalltown_social.app import Runtime
from smalltown_social.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNUSABLE,
    open_services,
    say,
    tell,
)
from smalltown_social.core import settings as catalogue
from smalltown_social.core.i18n import Language, Text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("settings", help="ver y cambiar los ajustes / settings")
    actions = parser.add_subparsers(dest="settings_command", metavar="ACCIÓN", required=True)
    listing = actions.add_parser("list", help="ver cada ajuste con su valor")
    listing.add_argument("--json", action="store_true", help="salida en JSON")
    listing.set_defaults(handler=lambda args, runtime: list_settings(runtime, as_json=args.json))
    change = actions.add_parser(
        "set",
        help="cambiar un ajuste",
        description="Cambia un ajuste, con las mismas comprobaciones que la página Ajustes. "
        'Las fechas se escriben AAAA-MM-DD; una fecha vacía ("") la quita.',
    )
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    change.set_defaults(handler=lambda args, runtime: set_setting(runtime, args.key, args.value))


def list_settings(runtime: Runtime, *, as_json: bool) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    lang = runtime.language
    try:
        rows = [(s, services.settings.get_any(s)) for s in catalogue.editable()]
    finally:
        services.close()
    if as_json:
        print(  # noqa: T201 - the CLI's output
            json.dumps(
                [
                    {
                        "key": setting.key,
                        "value": value,
                        "default": setting.default,
                        "label": setting.label(lang),
                        "accepts": catalogue.accepted(setting)(lang),
                        "help": setting.help(lang),
                    }
                    for setting, value in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    width = max(len(setting.key) for setting, _ in rows)
    for setting, value in rows:
        print(  # noqa: T201 - the CLI's output
            f"{setting.key:<{width}}  {shown(value, lang)}  ({setting.label(lang)}; "
            f"{catalogue.accepted(setting)(lang)})"
        )
    return EXIT_OK


def set_setting(runtime: Runtime, key: str, text: str) -> int:
    lang = runtime.language
    try:
        setting = catalogue.by_key(key)
        value = catalogue.parse(setting, text)
    except catalogue.InvalidSetting as error:
        tell(error.text, lang)
        return EXIT_FAILED
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        services.settings.set_checked(setting, value)
    finally:
        services.close()
    say(
        Text(
            f"Ajuste guardado: {setting.key} = {shown(value, 'es')}",
            f"Setting saved: {setting.key} = {shown(value, 'en')}",
        ),
        lang,
    )
    return EXIT_OK


def shown(value: catalogue.Value, language: Language) -> str:
    """A value as the clerk reads it."""
    if isinstance(value, bool):
        return Text("sí", "yes")(language) if value else "no"
    if value == "":
        return Text("(vacío)", "(empty)")(language)
    return str(value)
