"""CrashReporter: redacted reports, hooks installed and restored, never raising."""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

from smalltown_social.crash import CrashReporter
from smalltown_social.redaction import HIDDEN, Redactor

pytestmark = pytest.mark.expected_logs(
    r"smalltown_social\.crash: ",
)

SECRET = "crash-secret-5e6f7a8b9c"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@pytest.fixture
def redactor() -> Redactor:
    redactor = Redactor()
    redactor.add(SECRET)
    return redactor


@pytest.fixture
def reporter(tmp_path: Path, redactor: Redactor) -> Iterator[CrashReporter]:
    reporter = CrashReporter(tmp_path / "crashes", redactor, "9.8.7")
    yield reporter
    reporter.uninstall()


def failing(token: str) -> None:
    local_token = token  # a local holding the secret: locals are not reported
    raise RuntimeError(f"request failed with {local_token}")


def exc_info() -> ExcInfo:
    try:
        failing(SECRET)
    except RuntimeError as error:
        return type(error), error, error.__traceback__
    raise AssertionError("unreachable")


def test_report_content(
    reporter: CrashReporter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMALLTOWN_TEST_ENV_MARKER", "env-marker-value")
    path = reporter.write_report(*exc_info())
    assert path.parent == tmp_path / "crashes"
    assert re.fullmatch(r"crash-\d{8}-\d{6}-1\.txt", path.name)
    text = path.read_text(encoding="utf-8")
    assert "Time (UTC): " in text
    assert "+00:00" in text
    assert "Version: 9.8.7" in text
    assert f"Python: {sys.version.split()[0]}" in text
    assert "Platform: " in text
    assert "Traceback (most recent call last)" in text
    assert f"RuntimeError: request failed with {HIDDEN}" in text
    assert SECRET not in text
    assert "env-marker-value" not in text
    assert 'raise RuntimeError(f"request failed with {local_token}")' in text  # source only


def test_reports_in_the_same_second_get_new_numbers(reporter: CrashReporter) -> None:
    paths = {reporter.write_report(*exc_info()) for _ in range(3)}
    assert len(paths) == 3
    assert all(path.exists() for path in paths)


def test_report_is_logged(reporter: CrashReporter, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.CRITICAL, logger="smalltown_social.crash"):
        path = reporter.write_report(*exc_info())
    [record] = caplog.records
    assert str(path) in record.getMessage()
    assert record.exc_info is not None


def test_install_and_uninstall_restore_previous_hooks(reporter: CrashReporter) -> None:
    before_sys, before_thread = sys.excepthook, threading.excepthook
    reporter.install()
    assert sys.excepthook != before_sys
    assert threading.excepthook != before_thread
    reporter.install()  # twice: still restores the originals
    reporter.uninstall()
    assert sys.excepthook == before_sys
    assert threading.excepthook == before_thread


def test_sys_hook_writes_report_and_calls_back(reporter: CrashReporter) -> None:
    calls: list[tuple[Path, str]] = []
    reporter.install(lambda path, summary: calls.append((path, summary)))
    sys.excepthook(*exc_info())
    [(path, summary)] = calls
    assert path.exists()
    assert summary == (
        f"La aplicación ha encontrado un error inesperado. Se ha guardado un informe en {path}."
    )


def test_thread_hook_writes_report(reporter: CrashReporter) -> None:
    calls: list[Path] = []
    reporter.install(lambda path, summary: calls.append(path))
    worker = threading.Thread(target=failing, args=(SECRET,), name="worker-7")
    worker.start()
    worker.join()
    [path] = calls
    text = path.read_text(encoding="utf-8")
    assert "Thread: worker-7" in text
    assert SECRET not in text


def test_thread_exiting_with_system_exit_is_not_a_crash(reporter: CrashReporter) -> None:
    calls: list[Path] = []
    reporter.install(lambda path, summary: calls.append(path))

    def leave() -> None:
        raise SystemExit(0)

    worker = threading.Thread(target=leave)
    worker.start()
    worker.join()
    assert calls == []
    assert not reporter.crash_dir.exists()


def test_keyboard_interrupt_is_not_a_crash(
    reporter: CrashReporter, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[Path] = []
    reporter.install(lambda path, summary: calls.append(path))
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert calls == []
    assert "KeyboardInterrupt" in capsys.readouterr().err


def test_failure_to_write_never_raises_and_stays_redacted(
    tmp_path: Path, redactor: Redactor, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the crash folder should be", encoding="utf-8")
    reporter = CrashReporter(blocker, redactor, "9.8.7")
    calls: list[Path] = []
    reporter.install(lambda path, summary: calls.append(path))
    try:
        sys.excepthook(*exc_info())
    finally:
        reporter.uninstall()
    assert calls == []
    err = capsys.readouterr().err
    assert "Could not write a crash report" in err
    assert HIDDEN in err
    assert SECRET not in err


def test_failing_callback_never_raises(reporter: CrashReporter) -> None:
    def broken(path: Path, summary: str) -> None:
        raise RuntimeError("dialog could not open")

    reporter.install(broken)
    sys.excepthook(*exc_info())
    assert len(list(reporter.crash_dir.iterdir())) == 1


def test_english_summary(tmp_path: Path, redactor: Redactor) -> None:
    reporter = CrashReporter(tmp_path, redactor, "1", language="en")
    assert reporter.summary(tmp_path / "r.txt").startswith("The application hit")
