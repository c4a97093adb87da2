"""Fixtures for the keyring tests (the `keyring_real` marker is checked in tests/conftest.py)."""

from __future__ import annotations

import logging
import subprocess
import uuid
from collections.abc import Iterator

import pytest

from smalltown_social.logs import shutdown_logging
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore


@pytest.fixture
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture
def service() -> str:
    """A service name no other test (or earlier run) uses."""
    return f"smalltown-social-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def real_store(service: str, redactor: Redactor) -> Iterator[SecretStore]:
    """A SecretStore on the real Secret Service; every entry of its service is removed after."""
    yield SecretStore(service, redactor)
    subprocess.run(["secret-tool", "clear", "service", service], check=False, timeout=30)


@pytest.fixture
def clean_logging() -> Iterator[None]:
    """Put the root logger back as it was after a test that calls setup_logging()."""
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "urllib3", "requests")}
    handlers = list(root.handlers)
    yield
    shutdown_logging()
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
