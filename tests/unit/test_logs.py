"""setup_logging: one rotating, redacted UTF-8 file; idempotent; removable."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.logs import (
    BACKUP_COUNT,
    LOG_FILE_NAME,
    MAX_BYTES,
    RedactingFormatter,
    setup_logging,
    shutdown_logging,
)
from smalltown_social.redaction import HIDDEN, Redactor

pytestmark = pytest.mark.expected_logs(
    r"smalltown_social\.x: ",
)

SECRET = "log-secret-0a1b2c3d4e"


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    levels = {name: logging.getLogger(name).level for name in ("", "urllib3", "requests")}
    yield
    shutdown_logging()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
def redactor() -> Redactor:
    redactor = Redactor()
    redactor.add(SECRET)
    return redactor


def ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_smalltown_social_handler", 0)]


def test_returns_the_log_file_and_writes_utf8(tmp_path: Path, redactor: Redactor) -> None:
    path = setup_logging(tmp_path / "nested" / "logs", redactor)
    assert path == tmp_path / "nested" / "logs" / LOG_FILE_NAME
    logging.getLogger("smalltown_social.x").info("Publicación «programada» en Alcañiz ✓")
    shutdown_logging()
    text = path.read_text(encoding="utf-8")
    assert "Publicación «programada» en Alcañiz ✓" in text
    assert " INFO " in text
    assert "smalltown_social.x" in text


def test_rotation_settings(tmp_path: Path, redactor: Redactor) -> None:
    setup_logging(tmp_path, redactor)
    [handler] = ours()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == MAX_BYTES == 1_000_000
    assert handler.backupCount == BACKUP_COUNT == 5
    assert handler.encoding == "utf-8"


def test_rotates_into_numbered_files(tmp_path: Path, redactor: Redactor) -> None:
    path = setup_logging(tmp_path, redactor)
    log = logging.getLogger("smalltown_social.x")
    line = "x" * 1000
    for _ in range(1200):
        log.info(line)
    shutdown_logging()
    assert path.with_name(LOG_FILE_NAME + ".1").exists()
    assert path.stat().st_size <= MAX_BYTES


def test_calling_twice_does_not_double_handlers(tmp_path: Path, redactor: Redactor) -> None:
    first = setup_logging(tmp_path / "a", redactor)
    second = setup_logging(tmp_path / "b", redactor, console=True)
    assert len(ours()) == 2  # one file + one console, for the second folder only
    logging.getLogger("smalltown_social.x").warning("once")
    shutdown_logging()
    assert ours() == []
    assert first.read_text(encoding="utf-8") == ""
    assert second.read_text(encoding="utf-8").count("once") == 1


def test_shutdown_leaves_other_handlers_alone(tmp_path: Path, redactor: Redactor) -> None:
    other = logging.NullHandler()
    root = logging.getLogger()
    root.addHandler(other)
    try:
        setup_logging(tmp_path, redactor)
        shutdown_logging()
        assert other in root.handlers
    finally:
        root.removeHandler(other)


def test_level_and_noisy_libraries(tmp_path: Path, redactor: Redactor) -> None:
    path = setup_logging(tmp_path, redactor, level=logging.DEBUG)
    assert logging.getLogger().level == logging.DEBUG
    assert logging.getLogger("urllib3").level == logging.WARNING
    assert logging.getLogger("requests").level == logging.WARNING
    logging.getLogger("urllib3.connectionpool").debug("GET /api?x=1")
    logging.getLogger("smalltown_social.x").debug("debug line")
    shutdown_logging()
    text = path.read_text(encoding="utf-8")
    assert "debug line" in text
    assert "GET /api" not in text


def test_message_args_and_traceback_are_redacted(tmp_path: Path, redactor: Redactor) -> None:
    path = setup_logging(tmp_path, redactor)
    log = logging.getLogger("smalltown_social.x")
    log.info("token %s", SECRET)
    log.info("headers %r", {"Authorization": "Bearer unknown-token-123"})
    try:
        raise ValueError(f"bad {SECRET}")
    except ValueError:
        log.exception("failed with %s", "https://x.example/?access_token=zzz")
    shutdown_logging()
    text = path.read_text(encoding="utf-8")
    assert SECRET not in text
    assert "unknown-token-123" not in text
    assert "zzz" not in text
    assert f"ValueError: bad {HIDDEN}" in text
    assert f"token {HIDDEN}" in text


def test_extra_fields_in_the_format_are_redacted(redactor: Redactor) -> None:
    formatter = RedactingFormatter(redactor, "%(message)s token=%(token)s")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hola", None, None)
    record.token = SECRET
    assert formatter.format(record) == f"hola token={HIDDEN}"


def test_cached_exception_text_is_redacted_for_other_handlers(redactor: Redactor) -> None:
    formatter = RedactingFormatter(redactor)
    try:
        raise RuntimeError(SECRET)
    except RuntimeError as error:
        exc_info = (type(error), error, error.__traceback__)
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, exc_info)
    formatter.format(record)
    assert record.exc_text is not None
    assert SECRET not in record.exc_text


def test_logging_errors_are_reported_redacted(
    tmp_path: Path, redactor: Redactor, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging(tmp_path, redactor)
    [handler] = ours()
    # Too few arguments: logging reports the error itself, normally with the raw args.
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", (SECRET,), None)
    handler.handle(record)
    err = capsys.readouterr().err
    assert "Logging error" in err
    assert SECRET not in err
