"""Crash reports for errors nothing else caught, redacted like the log.

`CrashReporter.install()` takes over `sys.excepthook` and
`threading.excepthook`. For each uncaught exception it writes
`crash-YYYYmmdd-HHMMSS-<n>.txt` (time in UTC, app version, Python, platform,
traceback; no environment variables, no local variables), logs it and calls
`on_crash(path, summary)`. `on_crash` may run on a worker thread: the UI must
hand it over to the GUI thread itself.

The hooks never raise and never fall back to Python's default hook, which
would print the traceback unredacted to stderr.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Language, Text
from smalltown_social.redaction import Redactor

log = logging.getLogger(__name__)

OnCrash = Callable[[Path, str], None]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

CRASH_SUMMARY = Text(
    "La aplicación ha encontrado un error inesperado. Se ha guardado un informe en {path}.",
    "The application hit an unexpected error. A report was saved in {path}.",
)
_MAX_SAME_SECOND = 1000


class CrashReporter:
    """Writes redacted crash reports and installs itself as the uncaught-exception hook."""

    def __init__(
        self,
        crash_dir: Path,
        redactor: Redactor,
        app_version: str,
        *,
        language: Language = DEFAULT_LANGUAGE,
    ) -> None:
        self._crash_dir = crash_dir
        self._redactor = redactor
        self._app_version = app_version
        self._language: Language = language
        self._on_crash: OnCrash | None = None
        self._previous_sys_hook: Callable[..., object] | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._lock = threading.Lock()

    @property
    def crash_dir(self) -> Path:
        return self._crash_dir

    def install(self, on_crash: OnCrash | None = None) -> None:
        """Become `sys.excepthook` and `threading.excepthook` until `uninstall()`."""
        self._on_crash = on_crash
        if self._previous_sys_hook is None:
            self._previous_sys_hook = sys.excepthook
            self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put back the hooks that were there before `install()`."""
        if self._previous_sys_hook is not None and sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous_sys_hook
        if self._previous_thread_hook is not None and threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        self._previous_sys_hook = None
        self._previous_thread_hook = None
        self._on_crash = None

    def report(self, error: BaseException) -> None:
        """Report an error its caller caught (the command line) as if nothing had caught it."""
        self._handle((type(error), error, error.__traceback__), None)

    def summary(self, path: Path) -> str:
        """The sentence for the clerk's dialog."""
        return CRASH_SUMMARY.format(path=path)(self._language)

    def write_report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        *,
        thread_name: str | None = None,
    ) -> Path:
        """Write a redacted report for this exception, log it and return its path.

        Raises OSError if the report cannot be written; the hooks catch that.
        """
        now = datetime.now(UTC)
        text = self._redactor.redact(self._report_text(now, exc_type, exc, tb, thread_name))
        path = self._create_file(now, text)
        log.critical(
            "Unexpected error; crash report written to %s",
            path,
            exc_info=(exc_type, exc, tb),
        )
        return path

    # --- hooks -----------------------------------------------------------

    def _sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            # Ctrl+C in a console run: no report, just the usual one-liner.
            _write_stderr("KeyboardInterrupt\n")
            return
        self._handle((exc_type, exc, tb), None)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # what the default hook does: SystemExit ends a thread quietly
        thread_name = args.thread.name if args.thread is not None else None
        self._handle((args.exc_type, args.exc_value, args.exc_traceback), thread_name)

    def _handle(self, exc_info: ExcInfo, thread_name: str | None) -> None:
        """Report one crash; whatever goes wrong here is contained here."""
        try:
            path = self.write_report(*exc_info, thread_name=thread_name)
        except Exception as problem:
            self._report_failure(exc_info, problem)
            return
        on_crash = self._on_crash
        if on_crash is None:
            return
        try:
            on_crash(path, self.summary(path))
        except Exception:
            with contextlib.suppress(Exception):  # logging itself broken: nothing left
                log.exception("The crash callback failed")

    def _report_failure(self, exc_info: ExcInfo, problem: Exception) -> None:
        with contextlib.suppress(Exception):  # the hook must never raise
            trace = "".join(traceback.format_exception(*exc_info))
            _write_stderr(
                self._redactor.redact(
                    f"Could not write a crash report ({type(problem).__name__}: {problem}).\n"
                    f"{trace}"
                )
            )
            log.critical(
                "Unexpected error; the crash report could not be written (%s)",
                type(problem).__name__,
                exc_info=exc_info,
            )

    # --- the report ------------------------------------------------------

    def _report_text(
        self,
        now: datetime,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread_name: str | None,
    ) -> str:
        lines = [
            "smalltown_social crash report",
            f"Time (UTC): {now.isoformat(timespec='seconds')}",
            f"Version: {self._app_version}",
            f"Python: {sys.version.splitlines()[0]} ({sys.executable})",
            f"Platform: {platform.platform()}",
            f"Frozen: {bool(getattr(sys, 'frozen', False))}",
        ]
        if thread_name is not None:
            lines.append(f"Thread: {thread_name}")
        lines += ["", "Traceback:", ""]
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        return "\n".join(lines) + "\n" + trace

    def _create_file(self, now: datetime, text: str) -> Path:
        self._crash_dir.mkdir(parents=True, exist_ok=True)
        stamp = now.strftime("%Y%m%d-%H%M%S")
        with self._lock:  # two threads crashing in the same second get different numbers
            for n in range(1, _MAX_SAME_SECOND + 1):
                path = self._crash_dir / f"crash-{stamp}-{n}.txt"
                try:
                    with path.open("x", encoding="utf-8") as report:
                        report.write(text)
                except FileExistsError:
                    continue
                return path
        raise FileExistsError(f"too many crash reports in {self._crash_dir} for {stamp}")


FATAL_ERRORS = "fatal-errors.txt"


def record_fatal_errors(crash_dir: Path) -> int | None:
    """Without a console, let `faulthandler` write a hard crash's stacks to a file.

    A crash inside Qt or another library (a segmentation fault) ends the process
    before any Python hook runs; faulthandler then prints the Python stacks, by
    default to stderr, which the windowed program (and pythonw.exe) does not have:
    `sys.stderr` is None, and `faulthandler.enable()` would raise. There, the stacks
    go to `crash-reports/fatal-errors.txt` (file and function names, no values).
    With a console nothing changes. Returns the file's descriptor, kept open for the
    process's life (a descriptor, not a file object, which the garbage collector
    would close under faulthandler), or None.
    """
    if sys.stderr is not None:
        return None
    try:
        crash_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(
            crash_dir / FATAL_ERRORS, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
        )
    except OSError:
        return None
    faulthandler.enable(file=descriptor, all_threads=True)
    return descriptor


def _write_stderr(text: str) -> None:
    stream: TextIO | None = sys.stderr  # None under pythonw.exe (the frozen GUI app)
    if stream is None:
        return
    with contextlib.suppress(Exception):  # a closed or broken console
        stream.write(text)
        stream.flush()
