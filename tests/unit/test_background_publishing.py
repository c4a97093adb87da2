"""Publishing with the window closed: the command, and one task name per data folder."""

from __future__ import annotations

from pathlib import Path

from smalltown_social.background_publishing import (
    LEGACY_TASK_NAME,
    folder_id,
    publish_command,
    same_folder,
    served_folder,
    task_name,
    unit_name,
)
from smalltown_social.paths import PORTABLE_MARKER, default_base_dir

ODD_FOLDER = r"C:\Users\María José\OneDrive - Ayto\datos 100% \"buenos\" $HOME"


def test_frozen_the_windowed_program_publishes_even_when_the_console_one_asks() -> None:
    command = publish_command(
        Path(ODD_FOLDER),
        executable=r"C:\Programs\smalltown_social\smalltown_social_cli.exe",
        frozen=True,
        windows=True,
    )
    assert Path(command[0]).name == "smalltown_social.exe"
    assert command[1:] == ["--basedir", ODD_FOLDER, "publish-due"]


def test_from_source_python_runs_the_module(tmp_path: Path) -> None:
    python = tmp_path / "python3"
    assert publish_command(None, executable=str(python), frozen=False, windows=False) == [
        str(python),
        "-m",
        "smalltown_social",
        "publish-due",
    ]


def test_on_windows_from_source_pythonw_when_it_exists(tmp_path: Path) -> None:
    (tmp_path / "pythonw.exe").write_bytes(b"MZ")
    command = publish_command(
        None, executable=str(tmp_path / "python.exe"), frozen=False, windows=True
    )
    assert command[0] == str(tmp_path / "pythonw.exe")


def test_each_data_folder_has_its_own_task_name() -> None:
    installed = r"C:\Users\Clerk\AppData\Local\smalltown_social"
    portable = r"E:\Memoria USB\smalltown_social\data"
    names = {task_name(folder, windows=True) for folder in (installed, portable, ODD_FOLDER)}
    assert len(names) == 3
    assert LEGACY_TASK_NAME not in names
    assert all(name.startswith(LEGACY_TASK_NAME + " ") for name in names)
    assert all(len(name) == len(LEGACY_TASK_NAME) + 13 for name in names)  # " " + 12 hex


def test_the_id_is_stable_and_blind_to_case_and_slashes_on_windows() -> None:
    folder = r"C:\Users\Clerk\AppData\Local\smalltown_social"
    assert folder_id(folder, windows=True) == "ec20101fc509"  # the same in every version
    assert folder_id(folder.upper(), windows=True) == folder_id(folder, windows=True)
    assert folder_id(folder.replace("\\", "/") + "\\", windows=True) == folder_id(
        folder, windows=True
    )
    assert folder_id("/home/a/Datos", windows=False) != folder_id("/home/a/datos", windows=False)
    assert unit_name("/home/a/datos").startswith("smalltown-social-publish-")


def test_the_folder_a_command_publishes(tmp_path: Path) -> None:
    town = tmp_path / "Ayuntamiento de Peñíscola"
    assert served_folder(publish_command(town, executable="/x/python3", frozen=False)) == town
    source = publish_command(None, executable="/x/python3", frozen=False, windows=False)
    assert served_folder(source) == default_base_dir()
    bundle = tmp_path / "Memoria USB" / "smalltown_social"
    bundle.mkdir(parents=True)
    frozen = publish_command(None, executable=str(bundle / "smalltown_social"), frozen=True)
    assert served_folder(frozen) == default_base_dir()  # installed: the user's folder
    (bundle / PORTABLE_MARKER).write_text("portable\n", encoding="utf-8")
    assert served_folder(frozen) == bundle.resolve() / "data"  # portable: beside it
    assert same_folder(town, tmp_path / "x" / ".." / "Ayuntamiento de Peñíscola")
    assert not same_folder(town, tmp_path / "otro")
