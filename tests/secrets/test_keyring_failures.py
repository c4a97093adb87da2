"""SecretStore when the keyring is missing, locked, insecure or failing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null

from smalltown_social.core.i18n import Text
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import (
    TEXT_INSECURE,
    TEXT_LOCKED,
    TEXT_NO_KEYRING,
    KeyringLocked,
    KeyringUnavailable,
    SecretsError,
    SecretStore,
    SecretTooLarge,
    is_secure_backend,
)

pytestmark = pytest.mark.expected_logs(
    r"secrets: Keyring backend refused",
)

REPO = Path(__file__).resolve().parents[2]
SECRET = "tok-9d8c7b6a5f4e3d2c1b0a"
B = TypeVar("B", bound=KeyringBackend)


def make(cls: type[B]) -> B:
    """Instantiate a keyring backend (keyring's constructors are untyped)."""
    return cls()


class MemorySecureKeyring(SecretService.Keyring):
    """A stand-in that counts as a secure backend but keeps entries in a dict.

    `viable = False` keeps keyring itself from ever choosing it as the default.
    """

    viable = False

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("No such password!")


class RaisingKeyring(MemorySecureKeyring):
    """A secure-looking backend whose every operation raises `error`."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


class PlaintextKeyring(KeyringBackend):
    """Like keyrings.alt's file backends: works, but nothing protects the file."""

    viable = False
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


class AltLookalike(MemorySecureKeyring):
    """A `keyrings.*` class refused even though it derives from a secure backend."""


AltLookalike.__module__ = "keyrings.alt.file"


def assert_clerk_text(error: SecretsError, expected: Text) -> None:
    assert error.text == expected
    assert error.text("es") != error.text("en")
    assert "almacén de contraseñas" in error.text.es


def test_fail_backend_is_unavailable() -> None:
    store = SecretStore("svc", Redactor(), make(fail.Keyring))
    assert store.describe_backend() == "keyring.backends.fail.Keyring (refused)"
    operations: list[Callable[[], object]] = [
        store.check,
        lambda: store.get("k"),
        lambda: store.delete("k"),
    ]
    for operation in operations:
        with pytest.raises(KeyringUnavailable) as caught:
            operation()
        assert_clerk_text(caught.value, TEXT_NO_KEYRING)
    with pytest.raises(KeyringUnavailable):
        store.set("k", SECRET)


def test_null_backend_is_unavailable() -> None:
    store = SecretStore("svc", Redactor(), make(null.Keyring))
    with pytest.raises(KeyringUnavailable) as caught:
        store.set("k", SECRET)
    assert_clerk_text(caught.value, TEXT_NO_KEYRING)


def test_plaintext_backend_is_refused() -> None:
    backend = make(PlaintextKeyring)
    store = SecretStore("svc", Redactor(), backend)
    with pytest.raises(KeyringUnavailable) as caught:
        store.set("k", SECRET)
    name = f"{__name__}.PlaintextKeyring"
    assert_clerk_text(caught.value, TEXT_INSECURE.format(backend=name))
    assert "no es seguro" in caught.value.text.es
    assert store.describe_backend() == f"{name} (refused)"


def test_keyrings_alt_is_refused_even_if_derived_from_a_secure_backend() -> None:
    backend = AltLookalike()
    assert not is_secure_backend(backend)
    with pytest.raises(KeyringUnavailable):
        SecretStore("svc", Redactor(), backend).check()
    assert backend.entries == {}


def test_secure_backend_subclass_is_accepted() -> None:
    store = SecretStore("svc", Redactor(), MemorySecureKeyring())
    store.check()
    assert store.describe_backend() == f"{__name__}.MemorySecureKeyring"


def test_chainer_uses_its_first_secure_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    secure = MemorySecureKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [make(PlaintextKeyring), secure])
    store = SecretStore("svc", Redactor(), make(chainer.ChainerBackend))
    store.set("k", SECRET)
    assert secure.entries == {("svc", "k"): SECRET}


def test_chainer_without_a_secure_backend_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [make(PlaintextKeyring)])
    store = SecretStore("svc", Redactor(), make(chainer.ChainerBackend))
    with pytest.raises(KeyringUnavailable):
        store.get("k")


def test_keyring_failing_to_load_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> KeyringBackend:
        raise keyring.errors.InitError("bad keyringrc.cfg")

    monkeypatch.setattr(keyring.core, "load_config", broken)
    store = SecretStore("svc", Redactor())
    with pytest.raises(KeyringUnavailable):
        store.check()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), KeyringLocked),
        (
            keyring.errors.InitError("Failed to create the collection: Prompt dismissed.."),
            KeyringLocked,
        ),
        (keyring.errors.InitError("Failed to create the collection: no D-Bus"), KeyringUnavailable),
        (keyring.errors.NoKeyringError("No recommended backend was available"), KeyringUnavailable),
    ],
)
def test_keyring_errors_are_translated(error: Exception, expected: type[SecretsError]) -> None:
    store = SecretStore("svc", Redactor(), RaisingKeyring(error))
    operations: list[Callable[[], object]] = [
        lambda: store.set("k", SECRET),
        lambda: store.get("k"),
        store.check,
    ]
    for operation in operations:
        with pytest.raises(expected) as caught:
            operation()
        assert type(caught.value) is expected
        assert caught.value.__cause__ is None
        assert caught.value.__context__ is None
    if expected is KeyringLocked:
        assert_clerk_text(caught.value, TEXT_LOCKED)
        assert "bloqueado" in caught.value.text.es


def test_other_errors_become_secrets_error_without_the_secret() -> None:
    # A backend error whose message carries the secret it was given.
    error = keyring.errors.PasswordSetError(f"could not store {SECRET} in the vault")
    store = SecretStore("svc", Redactor(), RaisingKeyring(error))
    with pytest.raises(SecretsError) as caught:
        store.set("facebook/page", SECRET)
    exc = caught.value
    assert type(exc) is SecretsError
    assert "facebook/page" in exc.text.es
    assert "PasswordSetError" in exc.detail
    rendered = [str(exc), repr(exc), exc.text.es, exc.text.en, exc.detail]
    rendered.append("".join(traceback.format_exception(exc)))
    for text in rendered:
        assert SECRET not in text
    assert exc.__cause__ is None
    assert exc.__context__ is None


def test_missing_key_delete_is_not_an_error() -> None:
    backend = MemorySecureKeyring()
    SecretStore("svc", Redactor(), backend).delete("never-stored")


def test_too_large_is_checked_before_the_backend_is_called() -> None:
    backend = MemorySecureKeyring()
    store = SecretStore("svc", Redactor(), backend)
    with pytest.raises(SecretTooLarge) as caught:
        store.set("k", "x" * 1281)
    assert backend.entries == {}
    assert "2562" in caught.value.text.es
    assert "2560" in caught.value.text.en
    store.set("k", "x" * 1280)
    assert backend.entries == {("svc", "k"): "x" * 1280}


def test_too_large_is_refused_even_without_a_keyring() -> None:
    with pytest.raises(SecretTooLarge):
        SecretStore("svc", Redactor(), make(fail.Keyring)).set("k", "x" * 5000)


def test_invalid_characters_are_refused_without_echoing_them() -> None:
    backend = MemorySecureKeyring()
    secret = SECRET + "\ud800"  # a lone surrogate cannot be stored anywhere
    with pytest.raises(SecretsError) as caught:
        SecretStore("svc", Redactor(), backend).set("k", secret)
    assert SECRET not in "".join(traceback.format_exception(caught.value))
    assert caught.value.__context__ is None
    assert backend.entries == {}


def test_empty_key_or_secret_is_a_programming_error() -> None:
    store = SecretStore("svc", Redactor(), MemorySecureKeyring())
    with pytest.raises(ValueError, match="key"):
        store.set("", SECRET)
    with pytest.raises(ValueError, match="secret"):
        store.set("k", "")


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), PYTHONPATH=str(REPO))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    return env


PROBE = """
import keyring
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore, SecretsError

store = SecretStore("smalltown-social-probe", Redactor())
print(type(keyring.get_keyring()).__module__)
try:
    store.check()
except SecretsError as error:
    print(type(error).__name__)
    print(error.text.es)
else:
    print("usable")
"""


def test_no_dbus_session_is_unavailable(tmp_path: Path) -> None:
    """No D-Bus at all: keyring falls back to its `fail` backend, which we refuse."""
    child = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_isolated_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    backend_module, error, message = child.stdout.splitlines()[:3]
    assert backend_module == "keyring.backends.fail"
    assert error == "KeyringUnavailable"
    assert message == TEXT_NO_KEYRING.es


@pytest.mark.keyring_real
def test_keyring_never_unlocked_is_locked(tmp_path: Path) -> None:
    """D-Bus and gnome-keyring are there, but no keyring was ever unlocked.

    gnome-keyring is started by D-Bus activation, finds no login keyring and
    asks a prompter to create one; with no display the prompt is dismissed
    and keyring raises `InitError: … Prompt dismissed`.
    """
    dbus_run_session = shutil.which("dbus-run-session")
    assert dbus_run_session is not None
    child = subprocess.run(
        [dbus_run_session, "--", sys.executable, "-c", PROBE],
        env=_isolated_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    backend_module, error, message = child.stdout.splitlines()[:3]
    assert backend_module == "keyring.backends.SecretService"
    assert error == "KeyringLocked"
    assert message == TEXT_LOCKED.es
