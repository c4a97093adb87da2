"""Shared fixtures: a temporary data folder and a real SQLite file in it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

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
