"""The NSIS installer's own logic, run under Wine: install, upgrade, uninstall.

packaging/windows/installer.nsi is compiled (Debian's makensis) around a tiny
stand-in bundle whose two programs are themselves NSIS-built Windows programs
that only append their command line to %TEMP%\\stub-calls.txt and exit 0 (or
with the code in STUB_EXIT_CODE, as a program that failed would; STUB_SLEEP_MS
keeps it running, as the open app would). So
what runs is the installer and the uninstaller exactly as shipped, with the
app's own `background-publishing on|uninstall` calls recorded instead of made.
Each test uses a fresh WINEPREFIX, silently (/S), with no display: a window or
message box shown in silent mode would fail.

What Wine cannot tell: Windows' own UAC (Wine runs everything without asking;
the manifest's `asInvoker`, no HKLM value and no file outside the user's
profile are checked instead), SmartScreen, files held open by an antivirus,
and the real Task Scheduler (the real program is not in this bundle). Wine
does refuse to write a running .exe, as Windows does.

Needs `wine` with its 32-bit part (NSIS installers are 32-bit programs; on
Debian `wine32:i386`) and `makensis`; skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "installer.nsi"
APP = "smalltown_social"
UNINSTALL_KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP}"
RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"

STUB = r"""Unicode true
Name "stub"
OutFile "${OUT}"
RequestExecutionLevel user
SilentInstall silent
Section
  FileOpen $0 "$TEMP\stub-calls.txt" a
  FileSeek $0 0 END
  FileWriteUTF16LE $0 "$CMDLINE$\r$\n"
  FileClose $0
  ReadEnvStr $1 STUB_EXIT_CODE
  StrCmp $1 "" +2
    SetErrorLevel $1
  ReadEnvStr $1 STUB_SLEEP_MS
  StrCmp $1 "" +2
    Sleep $1
SectionEnd
"""


def missing() -> str | None:
    if shutil.which("makensis") is None:
        return "needs makensis (Debian's nsis) to build the installer"
    if shutil.which("wine") is None or shutil.which("wineserver") is None:
        return "needs wine to run the installer (scripts/system-packages test installs it)"
    if Path("/usr/lib/wine").is_dir() and not Path("/usr/lib/wine/wine").exists():
        return "needs wine's 32-bit part (Debian's wine32:i386): NSIS installers are 32-bit"
    return None


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing() is not None, reason=missing() or ""),
]


def makensis(script: Path, *defines: str) -> None:
    done = subprocess.run(
        ["makensis", "-V2", "-INPUTCHARSET", "UTF8", *(f"-D{d}" for d in defines), str(script)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


class Wine:
    """One fresh Wine prefix, run without a display."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DISPLAY", "WAYLAND_DISPLAY")
        }
        # No Mono or Gecko installer offered on the first start, no debug chatter.
        self.env |= {
            "WINEPREFIX": str(prefix),
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
        }

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["wine", *args],
            capture_output=True,
            text=True,
            errors="replace",  # the console's code page, not UTF-8
            env=self.env,
            check=False,
            timeout=timeout,
        )

    def wait(self) -> None:
        """Until every Windows process of the prefix ended (the uninstaller copies
        itself to %TEMP% and goes on from there after uninstall.exe returned)."""
        subprocess.run(["wineserver", "-w"], env=self.env, check=True, timeout=120)

    def shell(self, line: str) -> subprocess.CompletedProcess[str]:
        """A command line given to Windows as it is (wine would quote an argument
        with spaces, and NSIS takes /D=folder with spaces only unquoted)."""
        return self.run("cmd", "/c", line)

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False, timeout=60)

    def values(self, key: str) -> dict[str, str] | None:
        """The key's string and DWORD values (as `reg export` writes them: in
        UTF-16, so "Año" stays "Año"), or None when the key is not there."""
        exported = self.prefix / "exported.reg"
        exported.unlink(missing_ok=True)
        target = "Z:" + str(exported).replace("/", "\\")
        if self.run("reg", "export", key, target, "/y").returncode != 0:
            return None
        found: dict[str, str] = {}
        for line in exported.read_text(encoding="utf-16").splitlines():
            name, sep, value = line.partition("=")
            if not sep or not name.startswith('"'):
                continue
            if value.startswith('"'):
                value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            found[name[1:-1].replace("\\\\", "\\")] = value
        return found

    @property
    def user(self) -> str:
        (name,) = [
            p.name for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"
        ]
        return name

    def host(self, windows_path: str) -> Path:
        """C:\\users\\... as a path on this machine."""
        drive, rest = windows_path.split(":", 1)
        assert drive.upper() == "C", windows_path
        return self.prefix / "drive_c" / Path(*[p for p in rest.split("\\") if p])

    def calls(self) -> list[str]:
        log = self.prefix / "drive_c" / "users" / self.user / "Temp" / "stub-calls.txt"
        return log.read_text(encoding="utf-16-le").splitlines() if log.exists() else []


@pytest.fixture(scope="module")
def booted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A prefix made once (wineboot, ~14 s) and copied for each test (~2 s).
    A prefix is ~1.3 GB: each is deleted when its test ends."""
    template = Wine(tmp_path_factory.mktemp("wine") / "template")
    done = subprocess.run(
        ["wineboot", "-i"],
        capture_output=True,
        text=True,
        env=template.env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    template.wait()
    yield template.prefix
    shutil.rmtree(template.prefix, ignore_errors=True)


@pytest.fixture
def wine(booted: Path, tmp_path: Path) -> Iterator[Wine]:
    prefix = Wine(tmp_path / "wine prefix")
    shutil.copytree(booted, prefix.prefix, symlinks=True)
    try:
        yield prefix
    finally:
        prefix.stop()
        shutil.rmtree(prefix.prefix, ignore_errors=True)


def build_installers(tmp_path: Path) -> tuple[Path, Path]:
    """Version 1.0.0 and 1.1.0; only the first has _internal/old.pyc."""
    stub = tmp_path / "stub.nsi"
    stub.write_text(STUB, encoding="utf-8")
    bundle = tmp_path / "dist" / APP
    (bundle / "_internal").mkdir(parents=True)
    makensis(stub, f"OUT={bundle / (APP + '.exe')}")
    shutil.copy(bundle / f"{APP}.exe", bundle / f"{APP}_cli.exe")
    (bundle / "_internal" / "módulo con espacio.pyc").write_bytes(b"1.0.0")
    (bundle / "_internal" / "old.pyc").write_bytes(b"only in 1.0.0")
    old = tmp_path / f"{APP}-1.0.0-setup.exe"
    makensis(SCRIPT, "VERSION=1.0.0", f"BUNDLE={bundle}", f"OUTFILE={old}", "COMPRESSOR=zlib")
    (bundle / "_internal" / "old.pyc").unlink()
    (bundle / "_internal" / "módulo con espacio.pyc").write_bytes(b"1.1.0")
    (bundle / "_internal" / "new.pyc").write_bytes(b"only in 1.1.0")
    new = tmp_path / f"{APP}-1.1.0-setup.exe"
    makensis(SCRIPT, "VERSION=1.1.0", f"BUNDLE={bundle}", f"OUTFILE={new}", "COMPRESSOR=zlib")
    return old, new


def uninstall_silently(wine: Wine) -> None:
    """As Windows' installed-apps list does: the registered QuietUninstallString."""
    listed = wine.values(UNINSTALL_KEY)
    assert listed is not None
    quiet = listed["QuietUninstallString"]
    assert quiet.endswith('uninstall.exe" /S'), quiet
    program = quiet.rsplit(" ", 1)[0].strip('"')
    done = wine.run(program, "/S")
    assert done.returncode == 0, done.stderr[-2000:]
    wine.wait()


def test_install_upgrade_and_uninstall_per_user(wine: Wine, tmp_path: Path) -> None:
    old, new = build_installers(tmp_path)
    # Per user: the manifest asks Windows for no elevation.
    assert b'level="asInvoker"' in old.read_bytes()
    profile = wine.prefix / "drive_c" / "users" / wine.user
    local = profile / "AppData" / "Local"
    shortcut = profile / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{APP}.lnk"
    home = local / "Programs" / APP

    done = wine.run(str(old), "/S")
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == [
        "_internal",
        "_internal/módulo con espacio.pyc",
        "_internal/old.pyc",
        f"{APP}.exe",
        f"{APP}_cli.exe",
        "uninstall.exe",
    ]
    windows_home = rf"C:\users\{wine.user}\AppData\Local\Programs\{APP}"
    assert wine.values(UNINSTALL_KEY) == {
        "DisplayName": APP,
        "DisplayVersion": "1.0.0",
        "Publisher": APP,
        "DisplayIcon": rf"{windows_home}\{APP}.exe",
        "InstallLocation": windows_home,
        "UninstallString": rf'"{windows_home}\uninstall.exe"',
        "QuietUninstallString": rf'"{windows_home}\uninstall.exe" /S',
        "NoModify": "dword:00000001",
        "NoRepair": "dword:00000001",
    }
    assert shortcut.exists()
    target = f"{APP}.exe"
    assert (
        target.encode() in shortcut.read_bytes()
        or target.encode("utf-16-le") in shortcut.read_bytes()
    )
    assert APP not in (wine.values(RUN_KEY) or {})  # start with Windows: off unless asked
    assert wine.calls() == [rf'"{windows_home}\{APP}.exe" background-publishing on']
    # Nothing for all users: no machine-wide value, no file outside this profile.
    assert APP not in (wine.prefix / "system.reg").read_text(encoding="utf-8", errors="replace")
    assert wine.values(rf"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP}") is None
    outside = [p for p in (wine.prefix / "drive_c").rglob(f"*{APP}*") if profile not in p.parents]
    assert outside == []

    # The clerk's data, which the upgrade and a silent uninstall keep.
    data = local / APP
    (data / "backups").mkdir(parents=True)
    (data / "smalltown_social.sqlite3").write_bytes(b"the posts")
    (data / "backups" / "copia.sqlite3").write_bytes(b"a backup")

    # Upgrade in place, silently, asking for start with Windows this time.
    done = wine.run(str(new), "/S", "/AUTOSTART")
    assert done.returncode == 0, done.stderr[-2000:]
    assert (wine.values(UNINSTALL_KEY) or {}).get("DisplayVersion") == "1.1.0"
    assert not (home / "_internal" / "old.pyc").exists()  # no stale module of 1.0.0 left
    assert (home / "_internal" / "new.pyc").read_bytes() == b"only in 1.1.0"
    assert (home / "_internal" / "módulo con espacio.pyc").read_bytes() == b"1.1.0"
    assert (data / "smalltown_social.sqlite3").read_bytes() == b"the posts"
    assert (data / "backups" / "copia.sqlite3").read_bytes() == b"a backup"
    assert (wine.values(RUN_KEY) or {}).get(APP) == rf'"{windows_home}\{APP}.exe"'
    # The clerk's choice stays: the program re-registers a task that is on and
    # leaves one the clerk turned off (an upgrade never says "on" by itself).
    assert wine.calls()[1:] == [rf'"{windows_home}\{APP}.exe" background-publishing refresh']

    # A silent uninstall: program, shortcut, registry values gone; the data kept
    # (only a person answering the question deletes them).
    uninstall_silently(wine)
    assert not home.exists()
    assert not shortcut.exists()
    assert wine.values(UNINSTALL_KEY) is None
    assert APP not in (wine.values(RUN_KEY) or {})
    assert wine.calls()[2:] == [rf'"{windows_home}\{APP}.exe" background-publishing uninstall']
    assert (data / "smalltown_social.sqlite3").read_bytes() == b"the posts"
    assert (data / "backups" / "copia.sqlite3").read_bytes() == b"a backup"


def test_a_chosen_folder_and_a_program_that_fails(wine: Wine, tmp_path: Path) -> None:
    """The folder given with /D= is found again by the upgrade; and when the
    program's own `background-publishing` call fails (exit code 3), installing
    and uninstalling still finish, silently, with nothing left behind."""
    old, new = build_installers(tmp_path)
    wine.env["STUB_EXIT_CODE"] = "3"
    done = wine.run(str(tmp_path / "dist" / APP / f"{APP}.exe"), "check")
    assert done.returncode == 3  # the stand-in does fail
    chosen = r"C:\Programas del Ayuntamiento\Año 2026\smalltown_social"
    windows_old = "Z:" + str(old).replace("/", "\\")
    done = wine.shell(f"{windows_old} /S /D={chosen}")  # /D= comes last, unquoted
    assert done.returncode == 0, done.stderr[-2000:]
    home = wine.host(chosen)
    assert (home / "_internal" / "old.pyc").exists()
    assert (wine.values(UNINSTALL_KEY) or {}).get("InstallLocation") == chosen

    # The upgrade is given no folder: it goes where the first install went.
    done = wine.run(str(new), "/S")
    assert done.returncode == 0, done.stderr[-2000:]
    assert (home / "_internal" / "new.pyc").exists()
    assert not (home / "_internal" / "old.pyc").exists()
    default = wine.prefix / "drive_c" / "users" / wine.user / "AppData" / "Local" / "Programs" / APP
    assert not default.exists()
    assert wine.calls()[1:] == [
        rf'"{chosen}\{APP}.exe" background-publishing on',
        rf'"{chosen}\{APP}.exe" background-publishing refresh',
    ]

    uninstall_silently(wine)
    assert not home.exists()
    assert home.parent.exists()  # only its own folder goes, not the one it was put in
    assert wine.values(UNINSTALL_KEY) is None
    shortcut = wine.prefix / "drive_c" / "users" / wine.user / "AppData/Roaming/Microsoft/Windows"
    assert not (shortcut / "Start Menu" / "Programs" / f"{APP}.lnk").exists()
    assert wine.calls()[3:] == [rf'"{chosen}\{APP}.exe" background-publishing uninstall']


def test_a_running_program_stops_the_upgrade_and_the_uninstall(wine: Wine, tmp_path: Path) -> None:
    """Windows cannot replace or delete a running program's files: a silent
    upgrade or uninstall while the app (or its scheduled publish-due) runs
    stops with exit code 2 and touches nothing, instead of leaving two versions
    mixed; once the program is closed they work."""
    old, new = build_installers(tmp_path)
    assert wine.run(str(old), "/S").returncode == 0
    home = wine.prefix / "drive_c" / "users" / wine.user / "AppData" / "Local" / "Programs" / APP
    windows_home = rf"C:\users\{wine.user}\AppData\Local\Programs\{APP}"
    program = rf"{windows_home}\{APP}.exe"
    running = subprocess.Popen(
        ["wine", program, "publish-due"],
        env=wine.env | {"STUB_SLEEP_MS": "120000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while rf'"{program}" publish-due' not in wine.calls():
            assert time.monotonic() < deadline and running.poll() is None
            time.sleep(0.2)

        done = wine.run(str(new), "/S")
        assert done.returncode == 2, done.stderr[-2000:]
        assert (home / "_internal" / "old.pyc").exists()
        assert not (home / "_internal" / "new.pyc").exists()
        assert (wine.values(UNINSTALL_KEY) or {}).get("DisplayVersion") == "1.0.0"

        # _?= runs the uninstaller in place, so its own exit code is seen.
        done = wine.run(rf"{windows_home}\uninstall.exe", "/S", f"_?={windows_home}")
        assert done.returncode == 2, done.stderr[-2000:]
        assert (home / f"{APP}.exe").exists() and (home / "_internal" / "old.pyc").exists()
        assert wine.values(UNINSTALL_KEY) is not None
        assert running.poll() is None  # all of that while the program ran
    finally:
        running.terminate()
        running.wait(timeout=60)
    wine.wait()
    assert wine.calls() == [
        rf'"{program}" background-publishing on',
        rf'"{program}" publish-due',
    ]

    done = wine.run(str(new), "/S")
    assert done.returncode == 0, done.stderr[-2000:]
    assert (home / "_internal" / "new.pyc").exists()
    uninstall_silently(wine)
    assert not home.exists()


class Screen:
    """A private X display (Xvfb) on which the wizard's pages are answered with
    xdotool's key presses, as a clerk would with the keyboard."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as told:
            self.display = ":" + told.readline().strip()

    def xdotool(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["xdotool", *args],
            capture_output=True,
            text=True,
            env=os.environ | {"DISPLAY": self.display},
            check=False,
            timeout=timeout,
        )

    def shown(self, title: str) -> bool:
        return self.xdotool("search", "--onlyvisible", "--name", title).returncode == 0

    def wait_for(self, title: str, shown: bool = True) -> None:
        deadline = time.monotonic() + 60
        while self.shown(title) != shown:
            assert time.monotonic() < deadline, (
                f"{title!r} {'never shown' if shown else 'still shown'}; shown: {self.titles()}"
            )
            time.sleep(0.2)

    def titles(self) -> list[str]:
        found = self.xdotool("search", "--onlyvisible", "--name", ".").stdout.split()
        return [self.xdotool("getwindowname", window).stdout.strip("\n") for window in found]

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)


# The uninstaller's window is titled "Desinstalación de smalltown_social 1.0.0 "
# (with a space) and its question box the same without it (xdotool's regular
# expressions work on bytes: "ó" is two).
UNINSTALLER = r"^Desinstalaci.+n de smalltown_social 1\.0\.0"
QUESTION = UNINSTALLER + "$"


def uninstall_answering(wine: Wine, screen: Screen, keys: list[str]) -> None:
    """The uninstaller as the clerk runs it: Desinstalar on its first page, then
    the question about the data answered with `keys`, then Cerrar."""
    uninstaller = rf"C:\users\{wine.user}\AppData\Local\Programs\{APP}\uninstall.exe"
    # It goes on from a copy in %TEMP%, which keeps any output pipe open.
    launcher = subprocess.Popen(
        ["wine", uninstaller], env=wine.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    screen.wait_for(UNINSTALLER)
    screen.xdotool("key", "Return")  # Desinstalar
    screen.wait_for(QUESTION)
    screen.xdotool("key", *keys)
    screen.wait_for(QUESTION, shown=False)
    deadline = time.monotonic() + 60
    while screen.shown(UNINSTALLER):  # Cerrar, once the work is done
        assert time.monotonic() < deadline, "the uninstaller never finished"
        screen.xdotool("key", "Return")
        time.sleep(1)
    assert launcher.wait(timeout=60) == 0
    wine.wait()


@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs Xvfb and xdotool to answer the uninstaller's question",
)
def test_the_uninstaller_asks_before_deleting_the_data(wine: Wine, tmp_path: Path) -> None:
    """Not silent: the question is asked after the program is gone; No (the
    default button) keeps the data, Yes deletes them."""
    old, _new = build_installers(tmp_path)
    local = wine.prefix / "drive_c" / "users" / wine.user / "AppData" / "Local"
    data = local / APP
    screen = Screen()
    try:
        wine.env["DISPLAY"] = screen.display
        for answer, kept in ((["Return"], True), (["shift+Tab", "Return"], False)):
            assert wine.run(str(old), "/S").returncode == 0
            data.mkdir(exist_ok=True)
            (data / "smalltown_social.sqlite3").write_bytes(b"the posts")
            uninstall_answering(wine, screen, answer)
            assert not (local / "Programs" / APP).exists()
            assert wine.values(UNINSTALL_KEY) is None
            assert data.exists() == kept, answer
    finally:
        wine.stop()
        screen.close()
