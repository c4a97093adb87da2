"""The keyring backend is named for the platform and opened on the first secret used."""

from __future__ import annotations

import sys
import threading

import keyring.core
import pytest
from keyring.backend import KeyringBackend

from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore, backend_name, platform_backend
from smalltown_social.secrets import _platform_candidates as candidates
from tests.secrets.test_keyring_failures import MemorySecureKeyring

REFUSED = "smalltown_social.secrets: Keyring backend refused"


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("win32", ["keyring.backends.Windows.WinVaultKeyring"]),
        ("darwin", ["keyring.backends.macOS.Keyring"]),
        (
            "linux",
            ["keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"],
        ),
    ],
)
def test_each_platform_names_its_own_backend(
    monkeypatch: pytest.MonkeyPatch, platform: str, expected: list[str]
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert [backend_name(b) for b in candidates()] == expected


@pytest.mark.expected_logs(REFUSED)
def test_no_usable_platform_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' backend cannot work on this machine: the store refuses, nothing plaintext."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    assert backend_name(platform_backend()) == "keyring.backends.fail.Keyring"
    assert SecretStore("svc", Redactor()).describe_backend() == (
        "keyring.backends.fail.Keyring (refused)"
    )


@pytest.mark.expected_logs(REFUSED)
def test_a_configured_plaintext_backend_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's own configuration is honoured, and still checked."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    store = SecretStore("svc", Redactor())
    assert store.describe_backend() == "keyring.backends.null.Keyring (refused)"


def test_the_store_is_built_without_choosing(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[KeyringBackend] = []

    def choose() -> KeyringBackend:
        raise AssertionError("chosen at construction")

    monkeypatch.setattr("smalltown_social.secrets.platform_backend", choose)
    SecretStore("svc", Redactor())
    assert chosen == []


@pytest.mark.keyring_real
def test_linux_uses_secret_service_without_keyring_discovery(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # forget keyring's own choice
    store = SecretStore("smalltown-social-choice", Redactor())
    store.check()
    assert store.describe_backend() == "keyring.backends.SecretService.Keyring"
    assert keyring.core._keyring_backend is None


def test_two_threads_asking_first_both_get_the_chosen_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The backend is chosen once; a thread asking while another chooses waits for it.

    Before, the second thread found the choice marked made with no backend yet
    and was told there was no keyring.
    """
    choosing = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    secure = MemorySecureKeyring()

    def choose() -> KeyringBackend:
        calls.append(1)
        choosing.set()
        release.wait(5)
        return secure

    monkeypatch.setattr("smalltown_social.secrets.platform_backend", choose)
    store = SecretStore("svc", Redactor())
    results: dict[str, object] = {}

    def read(name: str) -> None:
        try:
            results[name] = store.get("token")
        except Exception as exc:  # the failure this test is about
            results[name] = exc

    first = threading.Thread(target=read, args=("first",))
    first.start()
    assert choosing.wait(5)
    second = threading.Thread(target=read, args=("second",))
    second.start()
    second.join(0.2)
    assert second.is_alive(), "the second thread did not wait for the choice"
    release.set()
    first.join(5)
    second.join(5)
    assert results == {"first": None, "second": None}
    assert calls == [1]
