"""What every command shares: exit codes, printing for the clerk, opening the services.

`run_command` is the one place a command's failure becomes words for the clerk:
a full or read-only disk, an unusable data folder or database is explained in
Spanish (or English) with a non-zero exit code; anything else is a bug and goes
to the crash reporter (a redacted report file, its path on stderr).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language, Text
from smalltown_social.paths import DataPaths
from smalltown_social.storage.errors import DataFolderUnusable, StorageError, clerk_message

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C

Handler = Callable[[argparse.Namespace, Runtime], int]


def say(text: Text, language: Language) -> None:
    print(text(language))  # noqa: T201 - the CLI's output


def tell(text: Text, language: Language) -> None:
    """What went wrong, on stderr."""
    print(text(language), file=sys.stderr)  # noqa: T201 - the CLI's output


def run_command(
    handler: Handler, args: argparse.Namespace, paths: DataPaths, language: Language
) -> int:
    """Run one subcommand; the trouble of the machine is told, a bug is reported."""
    try:
        runtime = Runtime.start(paths, language)
    except DataFolderUnusable as error:
        tell(error.text, language)
        return EXIT_UNUSABLE
    reporter = runtime.crash_reporter
    assert reporter is not None
    reporter.install(lambda _path, summary: print(summary, file=sys.stderr))  # noqa: T201
    try:
        return handler(args, runtime)
    except KeyboardInterrupt:
        tell(Text("Interrumpido.", "Interrupted."), language)  # Ctrl+C: no traceback, no report
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`... | head`): nothing to tell, and nothing more to print.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as error:
        text = clerk_message(error)
        if text is None:
            reporter.report(error)
            return EXIT_FAILED
        log.error("command stopped: %s", text.en, exc_info=error)
        tell(text, language)
        return EXIT_FAILED
    finally:
        reporter.uninstall()


def open_services(runtime: Runtime) -> Services | None:
    """The services, or None after telling the clerk (on stderr) why the database cannot open."""
    try:
        return build_services(runtime)
    except StorageError as error:
        tell(error.text, runtime.language)
        return None


def with_services(runtime: Runtime, fn: Callable[[Services, Runtime], int]) -> int:
    """Open the services (or exit as `open_services` says), run `fn`, close them."""
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        return fn(services, runtime)
    finally:
        services.close()
