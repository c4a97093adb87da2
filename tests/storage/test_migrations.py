from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smalltown_social.paths import DataPaths
from smalltown_social.storage.backup import list_backups
from smalltown_social.storage.database import Database
from smalltown_social.storage.migrations import LATEST, migrate
from smalltown_social.storage.opening import open_database


def schema_of(path: Path) -> set[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    return {(t, n, " ".join(s.split())) for t, n, s in rows}


def test_empty_file_migrates_to_latest(data_paths: DataPaths) -> None:
    db = open_database(data_paths.database, data_paths.backups)
    try:
        assert db.user_version() == LATEST
        pragmas = (db.scalar("PRAGMA journal_mode"), db.scalar("PRAGMA synchronous"))
        assert pragmas == ("wal", 2)  # 2 = FULL
        assert db.scalar("PRAGMA foreign_keys") == 1
    finally:
        db.close()
    # A brand-new file has nothing to lose: no backup is taken.
    assert list_backups(data_paths.backups) == []


@pytest.mark.parametrize("start", range(1, LATEST))
def test_every_earlier_version_migrates_keeping_data(data_paths: DataPaths, start: int) -> None:
    old = Database(data_paths.database)
    migrate(old, upto=start)
    with old.write() as conn:
        conn.execute(
            "INSERT INTO accounts (network, name, created_utc) VALUES ('mastodon', 'm', 'x')"
        )
        conn.execute(
            "INSERT INTO posts (text, created_utc, updated_utc) VALUES ('Hola, vecinos', 'x', 'x')"
        )
    old.close()

    db = open_database(data_paths.database, data_paths.backups)
    try:
        assert db.user_version() == LATEST
        assert db.scalar("SELECT text FROM posts") == "Hola, vecinos"
    finally:
        db.close()

    backups = list_backups(data_paths.backups)
    assert len(backups) == 1
    assert backups[0].name.startswith(f"before-migration-v{start}-")
    backup = sqlite3.connect(backups[0])
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == start
        assert backup.execute("SELECT text FROM posts").fetchone()[0] == "Hola, vecinos"
    finally:
        backup.close()

    fresh = DataPaths(base=data_paths.base / "fresh")
    fresh.ensure()
    open_database(fresh.database, fresh.backups).close()
    assert schema_of(data_paths.database) == schema_of(fresh.database)


def test_a_failing_step_leaves_the_previous_version(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smalltown_social.storage import migrations

    db = Database(data_paths.database)
    migrate(db, upto=1)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "STEPS", (migrations.STEPS[0], broken))
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db, upto=2)
    assert db.user_version() == 1
    assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
    db.close()


def test_replies_of_an_older_file_are_marked_even_without_their_inbox_item(
    data_paths: DataPaths,
) -> None:
    """Migration 10 finds replies by their link or, once the item is gone, by their event."""
    db = Database(data_paths.database)
    try:
        migrate(db, upto=9)
        with db.write() as conn:
            conn.execute(
                "INSERT INTO posts (id, text, created_utc, updated_utc) VALUES "
                "(1, 'Bando', 'x', 'x'), (2, 'Respuesta privada', 'x', 'x')"
            )
            conn.execute(
                "INSERT INTO events (at_utc, kind, post_id) VALUES ('x', 'inbox_reply_queued', 2)"
            )
        migrate(db)
        marked = db.query("SELECT id, is_reply FROM posts ORDER BY id")
        assert [(r["id"], r["is_reply"]) for r in marked] == [(1, 0), (2, 1)]
    finally:
        db.close()
