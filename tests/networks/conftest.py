"""Fixtures for the adapters: a real local HTTP server, a canary token, captured logs."""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.logs import RedactingFormatter
from smalltown_social.redaction import Redactor
from tests.networks.fake_server import FakeServer

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"

# Shaped like nothing the redactor knows by shape: only registering it hides it.
CANARY = "CANARYtok3nQx9ZvWm2Lp7Rt"
# A Telegram bot token has a shape the redactor also knows; this one must be hidden either way.
TELEGRAM_CANARY = "7012345678:AAH" + "canaryCANARYcanary0123456789abc"


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    yield fake
    fake.stop()


@pytest.fixture
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture
def log_text(redactor: Redactor) -> Iterator[io.StringIO]:
    """Everything logged (urllib3 DEBUG included), through the app's redacting formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(redactor))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def everything_about(error: BaseException) -> str:
    """str, repr, the traceback with its whole chain, and every attribute's repr."""
    parts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    parts += [repr(value) for value in vars(error).values()]
    return "\n".join(parts)
