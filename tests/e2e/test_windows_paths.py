"""Windows paths: accents and spaces, and paths past 260 characters.

Accents, spaces and a long path run for real here (Linux takes paths up to
4,096 bytes); Windows' 260-character limit cannot be met on Linux, so its guard
is checked through its seam: the data folder is refused with a clear Spanish
message before anything is created, where Windows would have said "no existe".
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from smalltown_social.app import Runtime
from smalltown_social.paths import LONGEST_INSIDE, DataPaths, too_long_for_windows
from smalltown_social.storage import before_services
from smalltown_social.storage.errors import DataFolderUnusable, os_reason
from tests.e2e.conftest import run_app

ODD = "Ayuntamiento de Peñíscola (Castellón) — datos ñandú & «copias» 100%"


def long_folder(root: Path) -> Path:
    folder = root
    while len(str(folder)) < 300:
        folder = folder / ODD
    return folder


def test_a_long_data_folder_with_accents_and_spaces_works_end_to_end(tmp_path: Path) -> None:
    base = long_folder(tmp_path)
    assert len(str(base)) > 260
    done = run_app("--basedir", str(base), "self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    paths = DataPaths(base=base)
    assert paths.database.exists() and paths.self_test_png.exists()
    done = run_app("--basedir", str(base), "backup", str(paths.backups))
    assert done.returncode == 0, done.stderr
    assert len(list(paths.backups.iterdir())) == 1  # named by the program, in the long folder
    copy = long_folder(tmp_path / "Copias de Seguridad") / "copia de marzo.db"
    copy.parent.mkdir(parents=True)
    done = run_app("--basedir", str(base), "backup", str(copy))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    done = run_app("--basedir", str(base), "settings", "set", "lateness_hours", "12")
    assert done.returncode == 0, done.stderr
    assert run_app("--basedir", str(base), "status").returncode == 0


def test_the_windows_limit_is_only_met_past_260_characters_without_long_paths() -> None:
    short = Path("C:\\Users\\María José\\AppData\\Local\\smalltown_social")
    deep = Path("C:\\Users\\María José\\" + "carpeta con nombre largo\\" * 8)
    assert len(str(deep)) + LONGEST_INSIDE >= 260
    assert not too_long_for_windows(short, windows=True, long_paths=False)
    assert too_long_for_windows(deep, windows=True, long_paths=False)
    assert not too_long_for_windows(deep, windows=True, long_paths=True)
    assert not too_long_for_windows(deep, windows=False)


def test_a_data_folder_past_the_windows_limit_is_refused_in_spanish_before_anything_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(before_services, "too_long_for_windows", lambda _folder: True)
    base = tmp_path / "muy larga"
    with pytest.raises(DataFolderUnusable) as refused:
        Runtime.start(DataPaths(base=base))
    assert "la ruta es demasiado larga para Windows" in refused.value.text.es
    assert "LongPathsEnabled" in refused.value.text.es
    assert not base.exists()


def test_windows_too_long_error_is_told_as_such_not_as_a_missing_folder() -> None:
    error = FileNotFoundError(
        errno.ENOENT, "El nombre del archivo o la extensión es demasiado largo"
    )
    error.winerror = 206  # type: ignore[attr-defined]  # Windows sets it
    reason = os_reason(error)
    assert reason is not None and "demasiado larga" in reason.es
    plain = os_reason(FileNotFoundError(errno.ENOENT, "No such file"))
    assert plain is not None and "no existe" in plain.es
