"""Shared fixtures: a temporary data folder and a real SQLite file in it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest

from smalltown_social.paths import DataPaths
from smalltown_social.storage.database import Database
from smalltown_social.storage.opening import open_database
from tests.logfail import LogFailHandler


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    paths = DataPaths(base=tmp_path / "data")
    paths.ensure()
    return paths


@pytest.fixture
def database(data_paths: DataPaths) -> Iterator[Database]:
    db = open_database(data_paths.database, data_paths.backups)
    yield db
    db.close()


@pytest.fixture(autouse=True)
def _fail_on_unexpected_warning_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A log record at WARNING or above fails the test unless the test expected it.

    Expected records are named by `@pytest.mark.expected_logs(regex, ...)` on the
    test or its module (matched against "logger: message"), or the test takes
    `caplog` and asserts on what it captured itself.
    """
    handler = LogFailHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if "caplog" in request.fixturenames:
        return
    patterns = [p for m in request.node.iter_markers("expected_logs") for p in m.args]
    unexpected = handler.unexpected(patterns)
    if unexpected:
        pytest.fail("unexpected log records at WARNING or above:\n" + "\n".join(unexpected))


SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


@pytest.fixture(autouse=True)
def _keyring_only_where_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The OS keyring is used by tests marked `keyring_real`, and by no other.

    A marked test runs against the real Secret Service and FAILS (not skips)
    anywhere else: a skipped keyring suite would look green while proving
    nothing (run them with `scripts/with-keyring python -m pytest`, as CI
    does). An unmarked test that reaches the keyring fails too: it would
    depend on whatever keyring the machine has.
    """
    if request.node.get_closest_marker("keyring_real") is not None:
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__qualname__}"
        if name != SECRET_SERVICE:
            pytest.fail(
                f"keyring_real tests need the real Secret Service but keyring chose {name}. "
                "Run them inside a private keyring session: "
                "scripts/with-keyring python -m pytest",
                pytrace=False,
            )
        yield
        return
    reached: list[str] = []
    for backend_class in _secure_backends():
        for method in ("get_password", "set_password", "delete_password", "get_credential"):
            real = getattr(backend_class, method)
            monkeypatch.setattr(backend_class, method, _watched(real, reached))
    yield
    if reached:
        pytest.fail(
            "this test reached the OS keyring (threads: "
            f"{', '.join(sorted(set(reached)))}) but is not marked keyring_real",
            pytrace=False,
        )


def _secure_backends() -> list[type[keyring.backend.KeyringBackend]]:
    """The keyring classes that hold secrets on the machines the tests run on."""
    from keyring.backends import SecretService, libsecret

    return [SecretService.Keyring, libsecret.Keyring]


def _watched(real: Callable[..., Any], reached: list[str]) -> Callable[..., Any]:
    def watched(*args: Any, **kwargs: Any) -> Any:
        reached.append(threading.current_thread().name)
        return real(*args, **kwargs)

    return watched
