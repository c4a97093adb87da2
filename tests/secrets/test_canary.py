"""A canary token stored through SecretStore never shows up anywhere else.

The canary goes into the real keyring, so the Redactor learns it the way the
app does; then it is pushed into log messages, arguments, exceptions,
tracebacks, crash reports and keyring errors, and looked for in the output.
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from pathlib import Path
from types import TracebackType

import keyring.errors
import pytest
import requests
from keyring.backends import SecretService

from smalltown_social.crash import CrashReporter
from smalltown_social.logs import setup_logging, shutdown_logging
from smalltown_social.redaction import HIDDEN, Redactor
from smalltown_social.secrets import SecretsError, SecretStore, SecretTooLarge

CANARY = "CANARY-7f3a9c2e-SECRET"

pytestmark = [pytest.mark.keyring_real, pytest.mark.usefixtures("clean_logging")]


class _FailingVault(SecretService.Keyring):
    """A secure-looking backend whose errors repeat what they were given."""

    viable = False

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError(f"vault said no to {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"could not write {password!r}")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("No such password!")


@pytest.fixture
def canary_store(real_store: SecretStore) -> SecretStore:
    real_store.set("mastodon/canary", CANARY)
    return real_store


def fresh_redactor_reading(service: str) -> Redactor:
    """A new Redactor that only learns the canary by reading it back, as at app start."""
    redactor = Redactor()
    assert SecretStore(service, redactor).get("mastodon/canary") == CANARY
    return redactor


def raise_with_canary(token: str) -> None:
    """Fail the way a careless network adapter would: token in message, cause and notes."""
    url = f"https://social.example/api/v1/statuses?access_token={token}"
    try:
        raise KeyError(token)
    except KeyError as cause:
        error = RuntimeError(f"POST {url} failed for token {token}")
        error.add_note(f"headers: {{'Authorization': 'Bearer {token}'}}")
        raise error from cause


def exc_info_with_canary() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        raise_with_canary(CANARY)
    except RuntimeError as error:
        return type(error), error, error.__traceback__
    raise AssertionError("unreachable")


@pytest.mark.expected_logs(r"smalltown_social\.test: ")
def test_canary_is_redacted_from_the_log_file(
    canary_store: SecretStore, service: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    redactor = fresh_redactor_reading(service)
    path = setup_logging(tmp_path / "logs", redactor, level=logging.DEBUG, console=True)
    log = logging.getLogger("smalltown_social.test")

    log.info(f"message with {CANARY} inside")  # the careless way, on purpose
    log.info("argument %s and %r", CANARY, {"token": CANARY})
    log.warning("extra fields", extra={"token": CANARY})
    log.info("stack info for %s", CANARY, stack_info=True)
    try:
        raise_with_canary(CANARY)
    except RuntimeError:
        log.exception("publishing failed")
    logging.getLogger("urllib3.connectionpool").debug("GET /?access_token=%s", CANARY)
    shutdown_logging()

    written = path.read_text(encoding="utf-8")
    assert CANARY not in written
    assert "message with «oculto» inside" in written
    assert "argument «oculto» and {'token': '«oculto»'}" in written
    assert "publishing failed" in written
    assert "Traceback (most recent call last)" in written
    assert "The above exception was the direct cause" in written
    assert "raise_with_canary" in written
    assert "urllib3" not in written
    console = capsys.readouterr().err
    assert "message with «oculto» inside" in console
    assert CANARY not in console


@pytest.mark.expected_logs(r"CRITICAL smalltown_social\.crash: Unexpected error")
def test_canary_is_redacted_from_crash_reports(
    canary_store: SecretStore, service: str, tmp_path: Path
) -> None:
    redactor = fresh_redactor_reading(service)
    log_path = setup_logging(tmp_path / "logs", redactor)
    reporter = CrashReporter(tmp_path / "crashes", redactor, "1.2.3")

    report = reporter.write_report(*exc_info_with_canary())
    shutdown_logging()

    text = report.read_text(encoding="utf-8")
    assert CANARY not in text
    assert HIDDEN in text
    assert "RuntimeError" in text
    assert "KeyError" in text
    assert "raise_with_canary" in text
    logged = log_path.read_text(encoding="utf-8")
    assert str(report) in logged
    assert CANARY not in logged


@pytest.mark.expected_logs(r"CRITICAL smalltown_social\.crash: Unexpected error")
def test_canary_is_redacted_from_a_crashing_thread(
    canary_store: SecretStore, service: str, tmp_path: Path
) -> None:
    redactor = fresh_redactor_reading(service)
    crashes: list[tuple[Path, str]] = []
    reporter = CrashReporter(tmp_path / "crashes", redactor, "1.2.3")
    reporter.install(lambda path, summary: crashes.append((path, summary)))
    try:
        worker = threading.Thread(target=raise_with_canary, args=(CANARY,), name="publisher")
        worker.start()
        worker.join()
    finally:
        reporter.uninstall()
    [(path, summary)] = crashes
    text = path.read_text(encoding="utf-8")
    assert CANARY not in text
    assert "Thread: publisher" in text
    assert str(path) in summary
    assert CANARY not in summary


def test_canary_never_in_secrets_errors(canary_store: SecretStore) -> None:
    errors: list[SecretsError] = []
    vault = _FailingVault()
    store = SecretStore("svc", Redactor(), vault)
    with pytest.raises(SecretsError) as caught:
        store.set("mastodon/canary", CANARY)
    errors.append(caught.value)
    with pytest.raises(SecretTooLarge) as too_large:
        canary_store.set("mastodon/huge", CANARY * 200)
    errors.append(too_large.value)
    for error in errors:
        for text in (str(error), repr(error), error.text.es, error.text.en, error.detail):
            assert CANARY not in text
        assert CANARY not in "".join(traceback.format_exception(error))
        assert error.__context__ is None
        assert error.__cause__ is None


ODD_CANARY = "CANARY odd+to/ken€ñ-Zq9Wv"


@pytest.mark.expected_logs(r"smalltown_social.test: refused")
def test_an_odd_canary_is_redacted_from_the_log_file_in_every_form(
    real_store: SecretStore, service: str, tmp_path: Path
) -> None:
    """Issue #9, hole 9: spaces, "+", "/", "€", "ñ" in a token, as requests and urllib3 log it."""
    real_store.set("telegram/odd", ODD_CANARY)
    redactor = Redactor()
    assert SecretStore(service, redactor).get("telegram/odd") == ODD_CANARY
    path = setup_logging(tmp_path / "logs", redactor, level=logging.DEBUG)
    prepared = requests.Request(
        "POST", f"https://h.example/bot{ODD_CANARY}/send", params={"token": ODD_CANARY}
    ).prepare()
    log = logging.getLogger("urllib3.connectionpool")
    log.debug('https://h.example:443 "POST %s HTTP/1.1" 400 57', prepared.path_url)
    logging.getLogger("smalltown_social.test").warning(
        "refused: %s %s", json.dumps({"t": ODD_CANARY}), ODD_CANARY.encode()
    )
    shutdown_logging()
    written = path.read_text(encoding="utf-8")
    assert "Zq9Wv" not in written
    assert "refused" in written
