"""Backups and exports wait a moment for a file an antivirus holds (Windows).

A real sharing violation needs Windows and a second program; here the file
operation is made to fail the way Windows fails it (a PermissionError with
winerror 32 or 5) for its first tries, through `pathlib.Path` itself.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from smalltown_social.storage import held_files
from smalltown_social.storage.backup import backup_to, list_backups, prune
from smalltown_social.storage.database import Database

SHARING_VIOLATION = 32
ACCESS_DENIED = 5


def held_error(winerror: int = SHARING_VIOLATION) -> PermissionError:
    error = PermissionError(
        13,
        "El proceso no tiene acceso al archivo porque está siendo utilizado por otro proceso",
    )
    error.winerror = winerror  # type: ignore[attr-defined]  # Windows sets it
    return error


class Holder:
    """Makes `Path.<method>` on paths named `name` fail `times` times, as Windows would."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, method: str, name: str, times: int, winerror: int
    ) -> None:
        self.left = times
        self.tries = 0
        original: Callable[..., object] = getattr(Path, method)
        holder = self

        def held(path: Path, *args: object, **kwargs: object) -> object:
            if path.name == name:
                holder.tries += 1
                if holder.left > 0:
                    holder.left -= 1
                    raise held_error(winerror)
            return original(path, *args, **kwargs)

        monkeypatch.setattr(Path, method, held)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(held_files, "wait", slept.append)
    return slept


def test_a_held_file_is_tried_again_with_growing_pauses() -> None:
    slept: list[float] = []
    failures = [held_error(), held_error(ACCESS_DENIED)]

    def operation() -> str:
        if failures:
            raise failures.pop(0)
        return "hecho"

    assert held_files.retry_while_held(operation, "x", sleep=slept.append) == "hecho"
    assert slept == list(held_files.PAUSES[:2])


def test_still_held_after_the_last_try_the_error_is_raised() -> None:
    slept: list[float] = []
    tries = 0

    def operation() -> None:
        nonlocal tries
        tries += 1
        raise held_error()

    with pytest.raises(PermissionError):
        held_files.retry_while_held(operation, "x", sleep=slept.append)
    assert tries == len(held_files.PAUSES) + 1
    assert sum(slept) < 1


def test_a_real_permission_problem_is_raised_at_once() -> None:
    slept: list[float] = []

    def operation() -> None:
        raise PermissionError(13, "Permission denied")  # no winerror: not a held file

    with pytest.raises(PermissionError):
        held_files.retry_while_held(operation, "x", sleep=slept.append)
    assert slept == []


@pytest.mark.usefixtures("no_sleep")
def test_a_backup_is_put_in_place_while_an_antivirus_holds_it(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copias" / "manual.db"
    held = Holder(monkeypatch, "replace", "manual.db.partial", times=3, winerror=ACCESS_DENIED)
    assert backup_to(database.conn, target) == target
    assert held.tries == 4
    assert not target.with_name("manual.db.partial").exists()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.usefixtures("no_sleep")
def test_a_backup_held_too_long_fails_and_leaves_no_partial_file(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copias" / "manual.db"
    Holder(monkeypatch, "replace", "manual.db.partial", times=99, winerror=SHARING_VIOLATION)
    with pytest.raises(PermissionError):
        backup_to(database.conn, target)
    assert list(target.parent.iterdir()) == []


@pytest.mark.expected_logs(r"old backup daily-1\.db still held by another program")
@pytest.mark.usefixtures("no_sleep")
def test_pruning_skips_an_old_backup_still_held_and_deletes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(5):
        (tmp_path / f"daily-{day}.db").write_bytes(b"x")
    recent = tmp_path / "daily-4.db"
    for day in range(5):
        os.utime(tmp_path / f"daily-{day}.db", (1_000_000 + day, 1_000_000 + day))
    Holder(monkeypatch, "unlink", "daily-1.db", times=99, winerror=SHARING_VIOLATION)
    prune(tmp_path, "daily", keep=2)
    assert {p.name for p in list_backups(tmp_path)} == {recent.name, "daily-3.db", "daily-1.db"}


@pytest.mark.usefixtures("no_sleep")
def test_pruning_waits_for_a_briefly_held_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "daily-old.db").write_bytes(b"x")
    (tmp_path / "daily-new.db").write_bytes(b"x")
    os.utime(tmp_path / "daily-old.db", (1_000_000, 1_000_000))
    Holder(monkeypatch, "unlink", "daily-old.db", times=2, winerror=SHARING_VIOLATION)
    prune(tmp_path, "daily", keep=1)
    assert [p.name for p in list_backups(tmp_path)] == ["daily-new.db"]
