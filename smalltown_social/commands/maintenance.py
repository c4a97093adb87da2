"""Maintenance commands: `self-test` and `backup PATH`."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from smalltown_social.app import Runtime
from smalltown_social.commands.common import EXIT_FAILED, EXIT_OK, EXIT_UNUSABLE, open_services, say
from smalltown_social.core.i18n import Text
from smalltown_social.secrets import SecretsError
from smalltown_social.storage.backup import backup_to, timestamped_name
from smalltown_social.storage.errors import disk_reason


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    self_test_parser = commands.add_parser(
        "self-test",
        help="comprobar base de datos, llavero y ventana sin pantalla",
        description="Comprueba la base de datos, el llavero del sistema y dibuja la ventana "
        "principal sin pantalla. Sale con 0 solo si todo está bien.",
    )
    self_test_parser.set_defaults(handler=lambda args, runtime: self_test(runtime))
    backup_parser = commands.add_parser("backup", help="copia de seguridad de la base de datos")
    backup_parser.add_argument("path", metavar="PATH", help="archivo o carpeta de destino")
    backup_parser.set_defaults(handler=lambda args, runtime: backup(runtime, Path(args.path)))


def backup(runtime: Runtime, destination: Path) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        if destination.is_dir():
            destination = destination / timestamped_name("smalltown_social")
        made = backup_to(services.database.conn, destination)
    except (OSError, sqlite3.Error) as error:
        reason = disk_reason(error)
        if reason is None:
            raise  # not the disk: a bug, for the crash reporter
        say(
            Text(
                f"No se pudo escribir la copia en {destination}: {reason.es}.",
                f"Could not write the backup to {destination}: {reason.en}.",
            ),
            runtime.language,
        )
        return EXIT_FAILED
    finally:
        services.close()
    say(
        Text(f"Copia de seguridad escrita en {made}", f"Backup written to {made}"), runtime.language
    )
    return EXIT_OK


def self_test(runtime: Runtime) -> int:
    """Check what the app needs; print one line per check; 0 only if all pass."""
    lang = runtime.language
    results: list[tuple[bool, Text]] = []
    services = open_services(runtime)
    if services is None:
        results.append((False, Text("Base de datos: no se puede abrir", "Database: cannot open")))
    else:
        problems = services.database.quick_check()
        results.append(
            (
                not problems,
                Text(
                    f"Base de datos {services.paths.database}: "
                    f"esquema v{services.database.user_version()}, "
                    + ("íntegra" if not problems else "con errores: " + "; ".join(problems)),
                    f"Database {services.paths.database}: schema "
                    f"v{services.database.user_version()}, "
                    + ("intact" if not problems else "errors: " + "; ".join(problems)),
                ),
            )
        )
        try:
            services.secrets.check()
            results.append(
                (
                    True,
                    Text(
                        f"Llavero del sistema: {services.secrets.describe_backend()}",
                        f"System keyring: {services.secrets.describe_backend()}",
                    ),
                )
            )
        except SecretsError as error:
            results.append((False, Text("Llavero: " + error.text.es, "Keyring: " + error.text.en)))
        from smalltown_social.ui.offscreen import render_main_window  # noqa: PLC0415

        try:
            png = render_main_window(services, runtime.paths.self_test_png)
            results.append(
                (
                    True,
                    Text(f"Ventana principal dibujada en {png}", f"Main window rendered to {png}"),
                )
            )
        except Exception as error:
            results.append(
                (
                    False,
                    Text(f"Ventana principal: {error}", f"Main window: {error}"),
                )
            )
        for warning in services.warnings:
            results.append((True, warning))
        services.close()
    for ok, text in results:
        mark = "OK   " if ok else "FALLO" if lang == "es" else "FAIL "
        print(f"[{mark}] {text(lang)}")  # noqa: T201
    return EXIT_OK if all(ok for ok, _ in results) else EXIT_FAILED
