"""The command-line contract of the foundation: self-test and backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smalltown_social.paths import DataPaths
from tests.e2e.conftest import run_app
from tests.storage.test_opening import crash_with_posts_in_the_wal


def test_self_test_checks_everything_and_renders_the_window(basedir: Path) -> None:
    done = run_app("--basedir", str(basedir), "self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Base de datos" in done.stdout and "íntegra" in done.stdout
    assert "Llavero del sistema" in done.stdout
    png = DataPaths(base=basedir).self_test_png
    assert png.read_bytes().startswith(b"\x89PNG")


def test_self_test_speaks_english_when_asked(basedir: Path) -> None:
    done = run_app("--basedir", str(basedir), "--lang", "en", "self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Database" in done.stdout and "intact" in done.stdout


def test_self_test_on_a_corrupt_file_fails_and_leaves_it_untouched(basedir: Path) -> None:
    paths = DataPaths(base=basedir)
    paths.ensure()
    garbage = b"this is not a database, it was damaged by a sync tool" * 100
    paths.database.write_bytes(garbage)
    done = run_app("--basedir", str(basedir), "self-test")
    assert done.returncode != 0
    assert "FALLO" in done.stdout
    assert done.stderr.strip(), "the clerk must be told why"
    assert paths.database.read_bytes() == garbage  # never an empty database over it


def test_self_test_on_an_empty_file_beside_a_wal_fails_and_keeps_the_files(
    basedir: Path,
) -> None:
    paths = DataPaths(base=basedir)
    paths.ensure()
    crash_with_posts_in_the_wal(paths)
    paths.database.write_bytes(b"")
    wal = Path(f"{paths.database}-wal").read_bytes()
    done = run_app("--basedir", str(basedir), "self-test")
    assert done.returncode != 0
    assert "FALLO" in done.stdout and "íntegra" not in done.stdout
    assert "no es una base de datos nueva" in done.stderr
    assert paths.database.read_bytes() == b""
    assert Path(f"{paths.database}-wal").read_bytes() == wal
    (kept,) = (paths.root / "damaged").iterdir()
    assert (kept / "smalltown_social.db-wal").read_bytes() == wal
    assert str(kept) in done.stderr


def test_backup_writes_a_readable_copy(basedir: Path, tmp_path: Path) -> None:
    assert run_app("--basedir", str(basedir), "self-test").returncode == 0
    target = tmp_path / "copia.db"
    done = run_app("--basedir", str(basedir), "backup", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_backup_into_a_folder_names_the_file(basedir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copias"
    folder.mkdir()
    done = run_app("--basedir", str(basedir), "backup", str(folder))
    assert done.returncode == 0, done.stderr
    assert len(list(folder.glob("smalltown_social-*.db"))) == 1


def test_backup_to_an_unwritable_place_says_why(basedir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "un-archivo.txt"
    blocker.write_text("a file, not a folder")
    done = run_app("--basedir", str(basedir), "backup", str(blocker / "x.db"))
    assert done.returncode == 1
    assert "No se pudo escribir la copia" in done.stdout


def test_backup_over_the_database_itself_is_refused(basedir: Path) -> None:
    assert (
        run_app("--basedir", str(basedir), "settings", "set", "lateness_hours", "9").returncode == 0
    )
    database = DataPaths(base=basedir).database
    before = database.read_bytes()
    done = run_app("--basedir", str(basedir), "backup", str(database))
    assert done.returncode != 0
    assert "es la propia base de datos" in done.stderr and "Traceback" not in done.stderr
    assert database.read_bytes() == before


def test_backup_over_a_database_in_use_is_refused(basedir: Path, tmp_path: Path) -> None:
    other = tmp_path / "otra.db"
    conn = sqlite3.connect(other)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES ('sigue aquí')")
        conn.commit()
        done = run_app("--basedir", str(basedir), "backup", str(other))
        assert done.returncode != 0
        assert "es una base de datos en uso" in done.stderr
        assert conn.execute("SELECT x FROM t").fetchone()[0] == "sigue aquí"
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
