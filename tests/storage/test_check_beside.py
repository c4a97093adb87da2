"""The integrity check beside the window's start: nothing is written before it.

`open_database(check_beside=True)` returns without running `PRAGMA quick_check`;
the first write, or `checked()`, runs it (on its own thread: the window asks from a
worker thread once the clerk can type) and waits for its verdict. Damage that only
the check finds (an index page nothing read at start) is still reported before
anything is written.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from smalltown_social.paths import DataPaths
from smalltown_social.storage.database import Database
from smalltown_social.storage.errors import DatabaseCorrupt
from smalltown_social.storage.opening import open_database
from tests.storage.test_opening import digest, make_database_with_a_post

PAGE_SIZE = 4096


def damage_an_index(paths: DataPaths) -> str:
    """Scribble over one index's page: reading posts still works, quick_check does not."""
    make_database_with_a_post(paths)
    db = open_database(paths.database, paths.backups)
    page = int(
        db.scalar(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbox_items' "
            "ORDER BY name LIMIT 1"
        )
    )
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    raw = bytearray(paths.database.read_bytes())
    start = (page - 1) * PAGE_SIZE
    raw[start : start + 16] = b"\xff" * 16
    paths.database.write_bytes(bytes(raw))
    return digest(paths.database)


def test_damage_only_the_check_finds_refuses_every_write(data_paths: DataPaths) -> None:
    before = damage_an_index(data_paths)
    db = open_database(data_paths.database, data_paths.backups, check_beside=True)
    assert db.scalar("SELECT text FROM posts") == "Corte de agua el lunes"  # reads still work
    with pytest.raises(DatabaseCorrupt), db.write() as conn:
        conn.execute("UPDATE posts SET text = 'otra cosa'")
    with pytest.raises(DatabaseCorrupt):
        db.checked()
    db.close()
    assert digest(data_paths.database) == before


def test_the_same_damage_is_refused_at_once_without_the_check_beside(
    data_paths: DataPaths,
) -> None:
    damage_an_index(data_paths)
    with pytest.raises(DatabaseCorrupt):
        open_database(data_paths.database, data_paths.backups)


def test_a_healthy_file_is_written_once_checked(data_paths: DataPaths) -> None:
    make_database_with_a_post(data_paths)
    db = open_database(data_paths.database, data_paths.backups, check_beside=True)
    db.checked()
    with db.write() as conn:
        conn.execute("UPDATE posts SET text = 'Corte de luz'")
    assert db.scalar("SELECT text FROM posts") == "Corte de luz"
    db.close()


def test_a_new_file_is_checked_at_once(tmp_path: Path) -> None:
    paths = DataPaths(base=tmp_path / "data")
    paths.ensure()
    db = open_database(paths.database, paths.backups, check_beside=True)
    with db.write() as conn:
        conn.execute("INSERT INTO posts (text, created_utc, updated_utc) VALUES ('a', 'x', 'x')")
    db.close()


def test_the_check_runs_once_on_the_first_thread_that_asks(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening does not run it (the window is not delayed nor competed with); the first
    thread asking runs it, the others asking meanwhile wait for that one verdict."""
    make_database_with_a_post(data_paths)
    ran: list[str] = []
    quick_check = Database.quick_check

    def watched(db: Database) -> list[str]:
        ran.append(threading.current_thread().name)
        time.sleep(0.2)  # a long check: the second asker comes meanwhile
        return quick_check(db)

    monkeypatch.setattr(Database, "quick_check", watched)
    db = open_database(data_paths.database, data_paths.backups, check_beside=True)
    assert ran == []
    askers = [threading.Thread(target=db.checked, name=f"asker-{n}") for n in range(2)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(ran) == 1 and ran[0].startswith("asker-")
    with db.write() as conn:  # checked: no second check
        conn.execute("UPDATE posts SET text = 'Corte de luz'")
    assert len(ran) == 1
    db.close()
