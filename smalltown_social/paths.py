"""The one place that decides where the app keeps its files.

Everything lives in one per-user, per-machine folder (on Windows under
%LOCALAPPDATA%, never the roaming profile: SQLite in WAL mode must not be
synced or shared). `--basedir DIR` overrides it for tests. The portable zip
carries `portable.txt` beside the frozen program: then the data live in `data/`
next to it, for PCs where installing is blocked (a USB stick, a shared folder).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from smalltown_social.core.i18n import Text

APP_DIR_NAME = "smalltown_social"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"
SYNC_FOLDER_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "nextcloud")
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "sshfs", "fuse.sshfs", "afs", "9p", "davfs"}
)


def default_base_dir() -> Path:
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        root = Path(local) if local else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        root = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return root / APP_DIR_NAME


def portable_base_dir(executable: Path, *, frozen: bool) -> Path | None:
    """`data/` beside a frozen program that has `portable.txt` next to it, else None.

    Only the frozen program looks: from source, `sys.executable` is Python itself.
    """
    if not frozen:
        return None
    folder = executable.resolve().parent
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def usual_base_dir() -> Path:
    """Where the data live without --basedir: the portable folder, or the user's."""
    portable = portable_base_dir(Path(sys.executable), frozen=bool(getattr(sys, "frozen", False)))
    return portable or default_base_dir()


@dataclass(frozen=True)
class DataPaths:
    """Every file the app writes, derived from one base folder."""

    base: Path
    demo: bool = False

    @property
    def root(self) -> Path:
        """The folder of the database in use (the demo has its own)."""
        return self.base / "demo" if self.demo else self.base

    @property
    def database(self) -> Path:
        return self.root / "smalltown_social.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.base / "logs"

    @property
    def crashes(self) -> Path:
        return self.base / "crash-reports"

    @property
    def lock_file(self) -> Path:
        return self.base / "instance.lock"

    @property
    def self_test_png(self) -> Path:
        return self.base / "self-test.png"

    def ensure(self) -> None:
        for folder in (self.root, self.backups, self.logs, self.crashes):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(basedir: str | os.PathLike[str] | None, *, demo: bool = False) -> DataPaths:
    """The paths under `basedir`, or under the usual folder when it is None.

    A blank `basedir` is an error, not the usual folder: a script whose variable
    came out empty must not write into the clerk's real data.
    """
    if basedir is not None and not str(basedir).strip():
        raise ValueError("the data folder is blank")
    base = Path(basedir).expanduser().resolve() if basedir is not None else usual_base_dir()
    return DataPaths(base=base, demo=demo)


WINDOWS_MAX_PATH = 260  # MAX_PATH, with the final NUL
# The longest path the app makes inside the data folder, past the folder itself:
# "\\damaged\\20260101-120000\\smalltown_social.db-wal" (48), a backup's name, the log's.
LONGEST_INSIDE = 64
FILESYSTEM_KEY = r"SYSTEM\CurrentControlSet\Control\FileSystem"


def too_long_for_windows(
    folder: Path,
    *,
    windows: bool = sys.platform == "win32",
    long_paths: bool | None = None,
) -> bool:
    """Whether files in `folder` would pass Windows' 260-character limit, not lifted here.

    Windows lifts it only where an administrator turned on long paths
    (LongPathsEnabled); the program's manifest asks for them (PyInstaller's and
    python.exe's do). Without that, a longer path fails as if the folder did not exist.
    """
    if not windows or len(str(folder)) + LONGEST_INSIDE < WINDOWS_MAX_PATH:
        return False
    return not (long_paths_enabled() if long_paths is None else long_paths)


if sys.platform == "win32":  # pragma: no cover - Windows only

    def long_paths_enabled() -> bool:
        """Whether an administrator turned on Windows' long paths (LongPathsEnabled)."""
        import winreg  # noqa: PLC0415

        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, FILESYSTEM_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, "LongPathsEnabled")
        except OSError:
            return False
        return bool(value == 1)

else:

    def long_paths_enabled() -> bool:
        return False


def location_warning(folder: Path) -> Text | None:
    """Why `folder` is a risky place for the database, or None if it looks safe."""
    lowered = str(folder).lower()
    for marker in SYNC_FOLDER_MARKERS:
        if marker in lowered:
            return Text(
                f"La carpeta de datos ({folder}) está dentro de una carpeta sincronizada "
                "(OneDrive, Dropbox…). La sincronización puede dañar la base de datos: "
                "use una carpeta local.",
                f"The data folder ({folder}) is inside a synced folder (OneDrive, Dropbox…). "
                "Syncing can corrupt the database: use a local folder.",
            )
    if is_network_path(folder):
        return Text(
            f"La carpeta de datos ({folder}) está en una unidad de red. La base de datos "
            "necesita un disco local para no dañarse.",
            f"The data folder ({folder}) is on a network drive. The database needs a "
            "local disk to stay intact.",
        )
    return None


def is_network_path(folder: Path) -> bool:
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(folder)
    return _mount_type(folder) in NETWORK_FILESYSTEMS


def _windows_drive_is_remote(folder: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes  # noqa: PLC0415

    drive = folder.drive + "\\"
    drive_remote = 4
    windll = getattr(ctypes, "windll", None)
    return bool(windll and windll.kernel32.GetDriveTypeW(drive) == drive_remote)


def _mount_type(folder: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """File system type of the mount holding `folder` (Linux), None if unknown."""
    try:
        lines = mounts_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    target = str(folder.resolve())
    best: tuple[int, str] | None = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None
