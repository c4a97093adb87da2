"""Shared fixtures: a temporary data folder and a real SQLite file in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.paths import DataPaths
from smalltown_social.storage.database import Database
from smalltown_social.storage.opening import open_database


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
