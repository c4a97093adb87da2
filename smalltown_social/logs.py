"""The application log: one rotating UTF-8 file, redacted line by line.

Redaction runs on the final formatted text, after `%`-formatting of the
arguments and after the traceback and stack are appended, so nothing a record
carries (message, args, `extra` fields in the format, exception messages,
source lines in tracebacks) reaches the file unredacted.

`setup_logging()` attaches the handlers to the root logger and may be called
again (tests do, with new folders): the previous handlers it installed are
closed and replaced, never doubled. `shutdown_logging()` removes them.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

from smalltown_social.early_log import hand_over
from smalltown_social.redaction import Redactor

LOG_FILE_NAME = "smalltown_social.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-8s [%(threadName)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"

# Libraries whose DEBUG/INFO output carries full URLs (query strings included).
QUIET_LOGGERS = ("urllib3", "requests")

_OURS = "_smalltown_social_handler"


class RedactingFormatter(logging.Formatter):
    """A formatter whose output has passed through the `Redactor`."""

    def __init__(self, redactor: Redactor, fmt: str = LOG_FORMAT, datefmt: str = DATE_FORMAT):
        super().__init__(fmt, datefmt)
        self._redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self._redactor.redact(super().format(record))

    def formatException(self, ei: logging._SysExcInfoType) -> str:
        # Also redacted on its own: the base class caches it in record.exc_text,
        # where any other handler would pick it up.
        return self._redactor.redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return self._redactor.redact(super().formatStack(stack_info))


class _RedactingHandlerMixin:
    """Replaces logging's own error report, which prints the raw message and args."""

    _redactor: Redactor

    def handleError(self, record: logging.LogRecord) -> None:
        stream: TextIO | None = sys.stderr
        if not logging.raiseExceptions or stream is None:
            return
        _, exc, _ = sys.exc_info()
        problem = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"
        note = (
            f"--- Logging error in {record.name} ({record.pathname}:{record.lineno}): {problem}\n"
        )
        with contextlib.suppress(Exception):  # nowhere left to report to
            stream.write(self._redactor.redact(note))


class RedactingFileHandler(_RedactingHandlerMixin, logging.handlers.RotatingFileHandler):
    def __init__(self, path: Path, redactor: Redactor) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        self._redactor = redactor


class RedactingStreamHandler(_RedactingHandlerMixin, logging.StreamHandler[TextIO]):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__(sys.stderr)
        self._redactor = redactor


def setup_logging(
    log_dir: Path, redactor: Redactor, *, level: int = logging.INFO, console: bool = False
) -> Path:
    """Send every log record to `log_dir/smalltown_social.log`; return that path."""
    shutdown_logging()
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    formatter = RedactingFormatter(redactor)
    handlers: list[logging.Handler] = [RedactingFileHandler(path, redactor)]
    if console:
        handlers.append(RedactingStreamHandler(redactor))
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    hand_over(_write_early)  # what was logged before the log was open (the window's shell)
    return path


def _write_early(records: list[logging.LogRecord]) -> None:
    """Records kept before the log was open (`early_log`), written to it now."""
    ours = [h for h in logging.getLogger().handlers if getattr(h, _OURS, False)]
    for record in records:
        for handler in ours:
            if record.levelno >= handler.level:
                handler.handle(record)


def shutdown_logging() -> None:
    """Remove and close the handlers `setup_logging()` installed (others are left alone)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
