"""The shell's one read before the services exist: the clerk's language (issue #13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smalltown_social.core.settings import LANGUAGE
from smalltown_social.paths import DataPaths
from smalltown_social.storage.before_services import (
    LANGUAGE_KEY,
    prepare_data_folder,
    stored_language,
)
from smalltown_social.storage.database import Database
from smalltown_social.storage.errors import DataFolderUnusable
from smalltown_social.storage.settings_repo import SettingsRepository


def test_the_key_is_the_settings_key() -> None:
    assert LANGUAGE.key == LANGUAGE_KEY


def test_no_file_no_choice(data_paths: DataPaths) -> None:
    assert stored_language(data_paths.database) is None


def test_the_choice_made_in_ajustes_is_read(database: Database, data_paths: DataPaths) -> None:
    assert stored_language(data_paths.database) is None  # migrated, nothing chosen yet
    SettingsRepository(database).set(LANGUAGE, "en")
    assert stored_language(data_paths.database) == "en"


def test_a_hand_edited_value_is_no_choice(database: Database, data_paths: DataPaths) -> None:
    with database.write() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('language', 'not json')")
    assert stored_language(data_paths.database) is None


def test_a_file_without_tables_is_no_choice(data_paths: DataPaths) -> None:
    sqlite3.connect(data_paths.database).execute("CREATE TABLE other (x)").connection.close()
    assert stored_language(data_paths.database) is None


def test_a_damaged_file_is_an_error_for_the_services_to_tell(data_paths: DataPaths) -> None:
    data_paths.database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(sqlite3.DatabaseError):
        stored_language(data_paths.database)


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "datos"
    blocker.write_text("x")
    with pytest.raises(DataFolderUnusable):
        prepare_data_folder(DataPaths(base=blocker))
    assert blocker.read_text() == "x"
