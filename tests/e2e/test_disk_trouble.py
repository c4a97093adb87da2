"""A full or read-only disk, or an unusable data folder: Spanish words, never a traceback."""

from __future__ import annotations

import argparse
import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from smalltown_social.app import Runtime
from smalltown_social.commands.common import run_command
from smalltown_social.core.accounts import Network
from smalltown_social.paths import DataPaths, resolve_paths
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.opening import open_database
from tests.e2e.confined import full_disk, needs_mount, read_only, run_app_confined
from tests.e2e.conftest import app_command, app_env, run_app

POST = ("post", "--account", "Canal", "--text", "Mañana hay mercado en la plaza")


def told_in_spanish(done: subprocess.CompletedProcess[str], words: str) -> None:
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Traceback" not in output, output
    assert words in output, output


@pytest.fixture
def town(basedir: Path) -> Path:
    """A data folder with one account, as the clerk's would be."""
    paths = DataPaths(base=basedir)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    AccountsRepository(database).add(Network.TELEGRAM, "Canal")
    database.close()
    return basedir


def test_a_data_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "datos"
    blocker.write_text("a file, not a folder")
    done = run_app("--basedir", str(blocker), "status")
    told_in_spanish(done, "No se puede usar la carpeta de datos")
    assert "hay un archivo donde debería haber una carpeta" in done.stderr
    done = run_app("--basedir", str(blocker / "dentro"), "backup", str(tmp_path / "c.db"))
    told_in_spanish(done, "hay un archivo donde debería haber una carpeta")


def test_a_blank_data_folder_is_refused_not_the_real_one_used(tmp_path: Path) -> None:
    env = {**app_env(), "XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [*app_command("--basedir", "", "status")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    told_in_spanish(done, "--basedir está vacío")
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("command", [POST, ("backup", "copia.db")], ids=["post", "backup"])
def test_a_read_only_data_folder_is_told(town: Path, command: tuple[str, ...]) -> None:
    needs_mount()
    done = run_app_confined(read_only(town), "--basedir", str(town), *command)
    told_in_spanish(done, "el disco es de solo lectura")


def test_a_data_folder_under_a_read_only_parent_is_told(tmp_path: Path) -> None:
    needs_mount()
    parent = tmp_path / "share"
    parent.mkdir()
    done = run_app_confined(read_only(parent), "--basedir", str(parent / "datos"), "status")
    told_in_spanish(done, "No se puede usar la carpeta de datos")
    assert "solo lectura" in done.stderr


@pytest.mark.slow
def test_post_on_a_filling_disk_says_so_at_every_point(town: Path) -> None:
    """Whatever is written first when the disk fills up (log, -shm, -wal, the post)."""
    needs_mount()
    outcomes = []
    for free_kb in range(0, 84, 4):
        done = run_app_confined(full_disk(town, free_kb), "--basedir", str(town), *POST)
        output = done.stdout + done.stderr
        assert "Traceback" not in output, (free_kb, output)
        if done.returncode == 0:
            assert "programada" in done.stdout
            outcomes.append("saved")
            continue
        # SQLite says "disk I/O error" when it cannot even map its -shm: the disk is named.
        assert "disco" in done.stderr, (free_kb, output)
        outcomes.append("full while saving" if "No se ha podido guardar" in output else "full")
    assert "full while saving" in outcomes, outcomes  # the write itself was refused at least once
    assert outcomes[-1] == "saved", outcomes  # and with room enough it works


def test_backup_to_a_full_disk_says_so_and_leaves_nothing(town: Path, tmp_path: Path) -> None:
    needs_mount()
    target = tmp_path / "usb"
    target.mkdir()
    done = run_app_confined(
        full_disk(target, 8),
        "--basedir",
        str(town),
        "backup",
        str(target / "copia.db"),
        after=f"ls -A {target} >&2",
    )
    told_in_spanish(done, "No se pudo escribir la copia")
    assert "el disco está lleno" in done.stdout
    assert ".partial" not in done.stderr and "copia.db" not in done.stderr


def test_backup_to_a_read_only_place_says_so(town: Path, tmp_path: Path) -> None:
    needs_mount()
    target = tmp_path / "usb"
    target.mkdir()
    done = run_app_confined(
        read_only(target), "--basedir", str(town), "backup", str(target / "copia.db")
    )
    told_in_spanish(done, "No se pudo escribir la copia")
    assert "solo lectura" in done.stdout


@pytest.mark.expected_logs("command stopped: Cannot write")
def test_the_disk_refusing_inside_a_command_is_told_not_reported_as_a_crash(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    def handler(_args: argparse.Namespace, runtime: Runtime) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(runtime.paths.database))

    code = run_command(handler, argparse.Namespace(), data_paths, "es")
    assert code != 0
    err = capsys.readouterr().err
    assert "el disco está lleno" in err and str(data_paths.database) in err
    assert list(data_paths.crashes.iterdir()) == []


@pytest.mark.expected_logs("Unexpected error; crash report written")
def test_a_bug_inside_a_command_still_reaches_the_crash_reporter(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    hooks = (sys.excepthook, threading.excepthook)

    def handler(_args: argparse.Namespace, _runtime: Runtime) -> int:
        raise KeyError("un fallo nuestro")

    code = run_command(handler, argparse.Namespace(), data_paths, "es")
    assert code != 0
    (report,) = data_paths.crashes.iterdir()
    assert "un fallo nuestro" in report.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "error inesperado" in err and str(report) in err
    assert (sys.excepthook, threading.excepthook) == hooks  # the hooks are put back


def test_resolve_paths_refuses_a_blank_folder() -> None:
    with pytest.raises(ValueError, match="blank"):
        resolve_paths("  ")


def test_ctrl_c_in_a_command_is_one_word_not_a_traceback(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    def handler(_args: argparse.Namespace, _runtime: Runtime) -> int:
        raise KeyboardInterrupt

    assert run_command(handler, argparse.Namespace(), data_paths, "es") == 130
    assert capsys.readouterr().err.strip() == "Interrumpido."
    assert list(data_paths.crashes.iterdir()) == []
