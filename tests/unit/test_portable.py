"""Portable mode: `portable.txt` beside the frozen program keeps the data in `data/` there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from smalltown_social.paths import (
    PORTABLE_MARKER,
    default_base_dir,
    portable_base_dir,
    resolve_paths,
)


def frozen_program(folder: Path, *, marker: bool) -> Path:
    folder.mkdir(parents=True)
    program = folder / "smalltown_social.exe"
    program.write_bytes(b"MZ")
    if marker:
        (folder / PORTABLE_MARKER).write_text("portable\n", encoding="utf-8")
    return program


def test_a_marked_frozen_program_keeps_its_data_beside_it(tmp_path: Path) -> None:
    program = frozen_program(tmp_path / "Memoria USB" / "smalltown_social", marker=True)
    assert portable_base_dir(program, frozen=True) == program.parent.resolve() / "data"


def test_without_the_marker_the_usual_folder(tmp_path: Path) -> None:
    program = frozen_program(tmp_path / "app", marker=False)
    assert portable_base_dir(program, frozen=True) is None


def test_from_source_the_marker_is_never_looked_for(tmp_path: Path) -> None:
    # From source sys.executable is Python: a portable.txt beside it means nothing.
    program = frozen_program(tmp_path / "python", marker=True)
    assert portable_base_dir(program, frozen=False) is None


def test_a_folder_named_like_the_marker_is_no_marker(tmp_path: Path) -> None:
    program = frozen_program(tmp_path / "app", marker=False)
    (program.parent / PORTABLE_MARKER).mkdir()
    assert portable_base_dir(program, frozen=True) is None


def test_resolve_paths_uses_the_portable_folder_when_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = frozen_program(tmp_path / "Programa con espacios", marker=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert resolve_paths(None).base == program.parent.resolve() / "data"
    # --basedir still wins over the marker.
    assert resolve_paths(str(tmp_path / "other")).base == (tmp_path / "other").resolve()


def test_resolve_paths_from_source_ignores_a_marker_beside_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = frozen_program(tmp_path / "venv", marker=True)
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert resolve_paths(None).base == default_base_dir()
