"""What every command shares: exit codes, printing for the clerk, opening the services."""

from __future__ import annotations

import sys

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language, Text
from smalltown_social.storage.errors import StorageError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def say(text: Text, language: Language) -> None:
    print(text(language))  # noqa: T201 - the CLI's output


def open_services(runtime: Runtime) -> Services | None:
    """The services, or None after telling the clerk (on stderr) why the database cannot open."""
    try:
        return build_services(runtime)
    except StorageError as error:
        print(error.text(runtime.language), file=sys.stderr)  # noqa: T201
        return None
