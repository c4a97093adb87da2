"""A damaged, missing or unusable database is reported, never overwritten."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from smalltown_social.core.posts import Post
from smalltown_social.paths import DataPaths
from smalltown_social.storage.database import Database
from smalltown_social.storage.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseTooNew,
    DatabaseUnavailable,
    WriteFailed,
)
from smalltown_social.storage.migrations import LATEST
from smalltown_social.storage.opening import (
    backup_now,
    daily_backup,
    open_database,
    restore_backup,
)
from smalltown_social.storage.posts_repo import PostsRepository


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_database_with_a_post(paths: DataPaths, text: str = "Corte de agua el lunes") -> None:
    db = open_database(paths.database, paths.backups)
    with db.write() as conn:
        conn.execute(
            "INSERT INTO posts (text, created_utc, updated_utc) VALUES (?, 'x', 'x')", (text,)
        )
    db.close()


def test_garbage_file_is_reported_and_left_untouched(data_paths: DataPaths) -> None:
    data_paths.database.write_bytes(b"esto no es una base de datos" * 100)
    before = digest(data_paths.database)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert "dañada" in caught.value.text.es
    assert "No hay copias" in caught.value.text.es
    assert digest(data_paths.database) == before


def test_damaged_pages_are_reported_and_the_last_backup_offered(data_paths: DataPaths) -> None:
    make_database_with_a_post(data_paths)
    db = open_database(data_paths.database, data_paths.backups)
    backup = backup_now(db, data_paths.backups, "manual")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    raw = bytearray(data_paths.database.read_bytes())
    page_size = 4096
    for offset in range(page_size + 16, len(raw), 97):  # scribble over every page but the first
        raw[offset] = 0xFF
    data_paths.database.write_bytes(bytes(raw))
    before = digest(data_paths.database)

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert caught.value.last_backup == backup
    assert backup.name in caught.value.text.es
    assert digest(data_paths.database) == before

    moved = restore_backup(data_paths.database, backup)
    assert moved is not None
    assert digest(moved) == before  # the damaged file is kept aside, not deleted
    db = open_database(data_paths.database, data_paths.backups)
    assert db.scalar("SELECT text FROM posts") == "Corte de agua el lunes"
    db.close()


def test_missing_file_with_backups_is_not_silently_recreated(data_paths: DataPaths) -> None:
    make_database_with_a_post(data_paths)
    db = open_database(data_paths.database, data_paths.backups)
    backup_now(db, data_paths.backups)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data_paths.database}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseMissing) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert "copias de seguridad" in caught.value.text.es
    assert not data_paths.database.exists()


def test_unwritable_location_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(blocker / "smalltown_social.db", tmp_path / "backups")
    assert "No se puede usar la base de datos" in caught.value.text.es


def test_file_from_a_newer_version_is_refused(data_paths: DataPaths) -> None:
    make_database_with_a_post(data_paths)
    conn = sqlite3.connect(data_paths.database)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert "versión más nueva" in caught.value.text.es


def test_backup_contains_what_is_still_in_the_wal(data_paths: DataPaths) -> None:
    db = open_database(data_paths.database, data_paths.backups)
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    with db.write() as conn:
        conn.execute(
            "INSERT INTO posts (text, created_utc, updated_utc) VALUES ('solo en el WAL', 'x', 'x')"
        )
    assert Path(f"{data_paths.database}-wal").stat().st_size > 0
    made = backup_now(db, data_paths.backups)
    db.close()
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT text FROM posts").fetchone()[0] == "solo en el WAL"
    assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    copy.close()


def test_daily_backup_once_a_day(data_paths: DataPaths) -> None:
    db = open_database(data_paths.database, data_paths.backups)
    try:
        assert daily_backup(db, data_paths.backups) is not None
        assert daily_backup(db, data_paths.backups) is None
    finally:
        db.close()


def test_disk_full_while_saving_keeps_the_saved_draft(database: Database) -> None:
    posts = PostsRepository(database)
    saved = posts.save(Post(text="Borrador bueno"))
    assert saved.id is not None
    pages = int(database.scalar("PRAGMA page_count"))
    database.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    with pytest.raises(WriteFailed) as caught:
        posts.save(replace(saved, text="x" * 500_000))
    assert "disco está lleno" in caught.value.text.es
    assert "disk is full" in caught.value.text.en
    assert isinstance(caught.value, sqlite3.OperationalError)  # old handlers still catch it
    found = posts.get(saved.id)
    assert found is not None and found.text == "Borrador bueno"
    database.conn.execute("PRAGMA max_page_count = 1073741823")
    posts.save(replace(saved, text="Borrador nuevo"))
    assert database.quick_check() == []


def crash_with_posts_in_the_wal(paths: DataPaths, count: int = 50) -> dict[str, bytes]:
    """The database files as a power cut leaves them: `count` posts only in the -wal.

    Returns the bytes of each file (by suffix) so a test can check nothing was touched.
    """
    db = open_database(paths.database, paths.backups)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the schema goes into the file
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")  # the posts stay in the -wal
    for n in range(count):
        with db.write() as conn:
            conn.execute(
                "INSERT INTO posts (text, created_utc, updated_utc) VALUES (?, 'x', 'x')",
                (f"Aviso {n}",),
            )
    found = {s: Path(f"{paths.database}{s}").read_bytes() for s in ("", "-wal", "-shm")}
    db.close()  # checkpoints and deletes the -wal: put back the files as they were
    for suffix, content in found.items():
        Path(f"{paths.database}{suffix}").write_bytes(content)
    return found


def test_crash_helper_leaves_the_posts_in_the_wal(data_paths: DataPaths) -> None:
    crash_with_posts_in_the_wal(data_paths)
    db = open_database(data_paths.database, data_paths.backups)
    assert db.scalar("SELECT count(*) FROM posts") == 50
    db.close()


@pytest.mark.parametrize("main_file", ["empty", "missing"])
def test_an_empty_file_beside_a_wal_with_data_is_kept_and_refused(
    data_paths: DataPaths, main_file: str
) -> None:
    found = crash_with_posts_in_the_wal(data_paths)
    if main_file == "empty":
        data_paths.database.write_bytes(b"")
    else:
        data_paths.database.unlink()
    found[""] = b""
    assert len(found["-wal"]) > 50 * 100

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_paths.database, data_paths.backups)

    for suffix, content in found.items():  # nothing touched
        if suffix == "" and main_file == "missing":
            assert not data_paths.database.exists()
        else:
            assert Path(f"{data_paths.database}{suffix}").read_bytes() == content
    kept = caught.value.kept_in
    assert kept is not None and kept.parent == data_paths.root / "damaged"
    assert (kept / "smalltown_social.db-wal").read_bytes() == found["-wal"]
    assert (kept / "smalltown_social.db-shm").read_bytes() == found["-shm"]
    assert str(kept) in caught.value.text.es
    assert "no es una base de datos nueva" in caught.value.text.es
    assert "No hay copias" in caught.value.text.es

    with pytest.raises(DatabaseCorrupt) as again:  # the clerk tries again: one copy, not two
        open_database(data_paths.database, data_paths.backups)
    assert again.value.kept_in == kept
    assert len(list((data_paths.root / "damaged").iterdir())) == 1


def test_an_empty_file_beside_a_wal_offers_the_backup_and_restores(
    data_paths: DataPaths,
) -> None:
    make_database_with_a_post(data_paths, "De la copia")
    db = open_database(data_paths.database, data_paths.backups)
    backup = backup_now(db, data_paths.backups)
    db.close()
    found = crash_with_posts_in_the_wal(data_paths)
    data_paths.database.write_bytes(b"")

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert caught.value.last_backup == backup
    assert backup.name in caught.value.text.es

    moved = restore_backup(data_paths.database, backup)
    assert moved is not None and moved.parent.parent == data_paths.root / "damaged"
    assert (moved.parent / "smalltown_social.db-wal").read_bytes() == found["-wal"]
    db = open_database(data_paths.database, data_paths.backups)
    assert [r[0] for r in db.query("SELECT text FROM posts")] == ["De la copia"]
    db.close()


def test_a_folder_where_the_database_should_be_is_reported(data_paths: DataPaths) -> None:
    data_paths.database.mkdir()
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(data_paths.database, data_paths.backups)
    assert "hay una carpeta donde debería haber un archivo" in caught.value.text.es
    assert data_paths.database.is_dir()


def test_a_database_removed_while_open_is_not_recreated_by_another_thread(
    data_paths: DataPaths,
) -> None:
    db = open_database(data_paths.database, data_paths.backups)
    db.conn.execute("SELECT 1")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data_paths.database}{suffix}").unlink(missing_ok=True)
    failures: list[BaseException] = []

    def other_thread() -> None:
        try:
            db.scalar("SELECT count(*) FROM posts")
        except sqlite3.Error as error:
            failures.append(error)

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    db.close()
    assert failures and "unable to open" in str(failures[0])
    assert not data_paths.database.exists()
