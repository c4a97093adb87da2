"""Publishing with the window closed: the system starts `publish-due` every few minutes.

Windows: a Task Scheduler task of this user (background_publishing_windows.py).
Linux: a systemd user timer (background_publishing_systemd.py). Exactly once
still holds beside an open window: the outbox claims each target before sending.

One task (or timer) per data folder: its name ends with the folder's id, a short
hash of the folder's absolute path (`folder_id`), so a second town's `--basedir`
folder, the portable zip's `data\\` and the installed copy's folder each keep
their own. The name follows the path, not the database's install id: the task
runs the folder by its path, so a moved folder is a new folder to the scheduler
(turn it on again there), while a copy of a folder (which shares the install id)
never takes over the original's task. Versions before this used one name per
user (`LEGACY_TASK_NAME`, `LEGACY_UNIT_NAME`), which a second folder overwrote:
registering again replaces such a task only when it publishes this same folder.

Everything the system is told is built by pure functions (the command, the task's
XML, the unit files, the argument lists), which the tests check; only `run`
touches the operating system, and tests pass their own.
"""

from __future__ import annotations

import hashlib
import ntpath
import posixpath
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from smalltown_social.core.i18n import Text
from smalltown_social.paths import default_base_dir, portable_base_dir

APP_ID = "smalltown_social"
TASK_PREFIX = "smalltown_social publish-due"  # also in packaging/windows/installer.nsi
LEGACY_TASK_NAME = TASK_PREFIX  # the one name every folder shared before
UNIT_PREFIX = "smalltown-social-publish"
LEGACY_UNIT_NAME = UNIT_PREFIX
INTERVAL_MINUTES = 5

Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


class BackgroundPublishingError(Exception):
    """The system refused; `text` says so to the clerk."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class BackgroundPublishing(Protocol):
    """The system's scheduler, for one data folder."""

    @property
    def name(self) -> str: ...
    def active(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...
    def remove_program(self, program: str) -> list[str]: ...


def publish_command(
    basedir: Path | None,
    *,
    executable: str | None = None,
    frozen: bool | None = None,
    windows: bool = sys.platform == "win32",
) -> list[str]:
    """`publish-due` as the system should start it: no console window, this data folder.

    Frozen, the windowed program of the bundle (also when the console one is
    running now); from source, pythonw.exe where it exists.
    """
    program = Path(executable or sys.executable)
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if is_frozen:
        command = [str(program.with_name(APP_ID + (".exe" if windows else "")))]
    else:
        gui = program.with_name("pythonw.exe")
        command = [str(gui if windows and gui.exists() else program), "-m", APP_ID]
    if basedir is not None:
        command += ["--basedir", str(basedir)]
    return [*command, "publish-due"]


def folder_id(folder: Path | str, *, windows: bool = sys.platform == "win32") -> str:
    """12 hex digits of SHA-256 of the folder's absolute path (case-blind on Windows)."""
    text = str(folder)
    key = ntpath.normcase(ntpath.normpath(text)) if windows else posixpath.normpath(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def task_name(folder: Path | str, *, windows: bool = sys.platform == "win32") -> str:
    return f"{TASK_PREFIX} {folder_id(folder, windows=windows)}"


def unit_name(folder: Path | str) -> str:
    return f"{UNIT_PREFIX}-{folder_id(folder, windows=False)}"


def absolute(folder: Path) -> Path:
    """The folder as its task names it: absolute, links resolved (it need not exist)."""
    return folder.expanduser().resolve()


def served_folder(command: list[str]) -> Path:
    """The data folder a `publish-due` command (as `publish_command` builds it) publishes.

    `--basedir` when given; else the program's usual folder: `data` beside a frozen
    program with `portable.txt`, or the user's folder.
    """
    if "--basedir" in command[:-1]:
        return Path(command[command.index("--basedir") + 1])
    program = Path(command[0])
    frozen = "-m" not in command and program.stem.lower() == APP_ID
    return portable_base_dir(program, frozen=frozen) or default_base_dir()


def same_folder(one: Path, other: Path) -> bool:
    return folder_id(absolute(one)) == folder_id(absolute(other))


def same_program(one: str, other: str) -> bool:
    """Whether two program paths name the same file (case-blind on Windows)."""
    return folder_id(Path(one).absolute()) == folder_id(Path(other).absolute())


def run_quietly(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a system tool without a console window flashing (Windows), output captured."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return subprocess.run(  # noqa: S603 - fixed tools, arguments built by the callers
        args, capture_output=True, text=True, check=False, timeout=60, creationflags=flags
    )


def refused(what: Text, done: subprocess.CompletedProcess[str]) -> BackgroundPublishingError:
    detail = (done.stderr or done.stdout or "").strip()
    return BackgroundPublishingError(
        Text(f"{what.es}: {detail} (código {done.returncode})", f"{what.en}: {detail}")
        if detail
        else Text(f"{what.es} (código {done.returncode})", f"{what.en} ({done.returncode})")
    )


def call(run: Runner, args: list[str], what: Text) -> subprocess.CompletedProcess[str]:
    try:
        return run(args)
    except (OSError, subprocess.SubprocessError) as error:
        raise BackgroundPublishingError(
            Text(f"{what.es}: {error}", f"{what.en}: {error}")
        ) from error


def for_this_system(folder: Path) -> BackgroundPublishing | None:
    """The mechanism of this operating system for the data folder `folder`, or None."""
    if sys.platform == "win32":
        from smalltown_social.background_publishing_windows import WindowsTask  # noqa: PLC0415

        return WindowsTask(folder)
    if sys.platform == "darwin":
        return None
    from smalltown_social.background_publishing_systemd import SystemdUserTimer  # noqa: PLC0415

    return SystemdUserTimer(folder)
