"""`background-publishing on|off|status|uninstall`: publish with the window closed.

The same switch as in Ajustes, for the installer (its "Publicar a su hora aunque
la ventana esté cerrada" box runs `smalltown_social.exe background-publishing on`)
and for scripts. The system starts `publish-due` every few minutes, one task per
data folder. `uninstall` (the uninstaller's step) removes every task that starts
this program, whatever its data folder, and touches no data folder.
"""

from __future__ import annotations

import argparse

from smalltown_social import background_publishing
from smalltown_social.app import Runtime
from smalltown_social.background_publishing import (
    BackgroundPublishing,
    BackgroundPublishingError,
    publish_command,
)
from smalltown_social.commands.common import EXIT_FAILED, EXIT_OK, say, tell
from smalltown_social.core.i18n import Language, Text
from smalltown_social.paths import DataPaths, usual_base_dir

ACTIVE = Text(
    "Publicación con la ventana cerrada: activa (cada {minutes} minutos)",
    "Publishing with the window closed: on (every {minutes} minutes)",
)
INACTIVE = Text(
    "Publicación con la ventana cerrada: no activa (solo se publica con el programa abierto)",
    "Publishing with the window closed: off (posts go out only while the program runs)",
)
UNSUPPORTED = Text(
    "Este sistema no tiene un programador de tareas que sepamos usar.",
    "This system has no task scheduler we know how to use.",
)
TASK = Text("Tarea programada: {name}", "Scheduled task: {name}")
REMOVED = Text("Quitada: {name}", "Removed: {name}")
NOT_FOR_DEMO = Text(
    "La demostración no publica nada: no se programa.",
    "The demo publishes nothing: nothing is scheduled.",
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "background-publishing",
        help="publicar a su hora con la ventana cerrada (tarea programada de Windows)",
    )
    # refresh: the installer's upgrade; an active task is registered again (the new
    # program, an old one-per-user task replaced), one that is off stays off.
    parser.add_argument("switch", choices=["on", "off", "status", "refresh", "uninstall"])
    parser.set_defaults(
        handler=lambda args, runtime: switch(runtime, args.switch),
        before_data_folder=lambda args, paths, language: (
            uninstall(paths, language) if args.switch == "uninstall" else None
        ),
    )


def uninstall(
    paths: DataPaths, language: Language, system: BackgroundPublishing | None = None
) -> int:
    """Remove the tasks that start this program (it is being uninstalled)."""
    mechanism = system or background_publishing.for_this_system(paths.base)
    if mechanism is None:
        return EXIT_OK
    try:
        removed = mechanism.remove_program(publish_command(None)[0])
    except BackgroundPublishingError as error:
        tell(error.text, language)
        return EXIT_FAILED
    for name in removed:
        say(REMOVED.format(name=name), language)
    return EXIT_OK


def switch(runtime: Runtime, what: str, system: BackgroundPublishing | None = None) -> int:
    language = runtime.language
    mechanism = system or background_publishing.for_this_system(runtime.paths.base)
    if mechanism is None:
        tell(UNSUPPORTED, language)
        return EXIT_FAILED
    if what == "on" and runtime.paths.demo:
        tell(NOT_FOR_DEMO, language)
        return EXIT_FAILED
    try:
        if what == "on" or (what == "refresh" and mechanism.active()):
            base = runtime.paths.base
            mechanism.enable(publish_command(None if base == usual_base_dir() else base))
        elif what == "off":
            mechanism.disable()
    except BackgroundPublishingError as error:
        tell(error.text, language)
        return EXIT_FAILED
    active = mechanism.active()
    text = ACTIVE if active else INACTIVE
    say(
        Text(
            text.es.format(minutes=background_publishing.INTERVAL_MINUTES),
            text.en.format(minutes=background_publishing.INTERVAL_MINUTES),
        ),
        language,
    )
    if what == "status":
        say(TASK.format(name=mechanism.name), language)
    if what == "on" and not active:
        return EXIT_FAILED
    return EXIT_OK
