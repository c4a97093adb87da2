from __future__ import annotations

from pathlib import Path

import pytest

from smalltown_social.storage.database import Database
from tests.publishing.world import World, make_world


@pytest.fixture
def world(tmp_path: Path, database: Database) -> World:
    return make_world(tmp_path, database)
