"""Fixtures for the keyring tests.

Tests marked `keyring_real` run against the real Secret Service and FAIL (not
skip) anywhere else: a skipped keyring suite would look green while proving
nothing. Run them with `scripts/with-keyring python -m pytest`, as CI does.
"""

from __future__ import annotations

import logging
import subprocess
import uuid
from collections.abc import Iterator

import keyring
import pytest

from smalltown_social.logs import shutdown_logging
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


@pytest.fixture(autouse=True)
def _real_keyring_or_fail(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("keyring_real") is None:
        return
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if name != SECRET_SERVICE:
        pytest.fail(
            f"keyring_real tests need the real Secret Service but keyring chose {name}. "
            "Run them inside a private keyring session: "
            "scripts/with-keyring python -m pytest tests/secrets",
            pytrace=False,
        )


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
