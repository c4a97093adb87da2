"""Start with the computer: the HKCU Run key on Windows, an XDG autostart file on Linux.

Per user, no administrator rights. The command started is the same program
the clerk runs now (the frozen .exe, or this Python with `-m smalltown_social`),
with the data folder when it is not the default one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

APP_ID = "smalltown_social"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
DESKTOP_NAME = "smalltown-social.desktop"


class Autostart(Protocol):
    def enabled(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...


def launch_command(basedir: Path | None = None) -> list[str]:
    """The command that starts this program again (GUI), with its data folder if given."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        executable = Path(sys.executable)
        gui = executable.with_name("pythonw.exe")  # no console window on Windows
        command = [str(gui if gui.exists() else executable), "-m", APP_ID]
    if basedir is not None:
        command += ["--basedir", str(basedir)]
    return command


class XdgAutostart:
    """`~/.config/autostart/smalltown-social.desktop` (or under $XDG_CONFIG_HOME)."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / DESKTOP_NAME

    def enabled(self) -> bool:
        return self.path.exists()

    def enable(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=smalltown_social\n"
            "Comment=Redes sociales del ayuntamiento: publica a su hora\n"
            "Comment[en]=Social networks for the town hall: posts on time\n"
            f"Exec={desktop_exec(command)}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        partial = self.path.with_suffix(".tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


def desktop_exec(command: list[str]) -> str:
    """Quote an argument list for a .desktop `Exec=` key (Desktop Entry spec, "Exec key")."""
    quoted: list[str] = []
    for raw in command:
        arg = raw.replace("%", "%%")
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            quoted.append(arg)
            continue
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted.append(f'"{escaped}"')
    # The .desktop file format itself escapes backslashes once more.
    return " ".join(quoted).replace("\\", "\\\\")


if sys.platform == "win32":  # pragma: no cover - Windows only
    import subprocess
    import winreg

    class WindowsRunKey:
        """A value under HKEY_CURRENT_USER\\...\\Run, read by Windows at each login."""

        def __init__(self, value_name: str = APP_ID) -> None:
            self.value_name = value_name

        def enabled(self) -> bool:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    winreg.QueryValueEx(key, self.value_name)
            except OSError:
                return False
            return True

        def enable(self, command: list[str]) -> None:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(
                    key, self.value_name, 0, winreg.REG_SZ, subprocess.list2cmdline(command)
                )

        def disable(self) -> None:
            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, self.value_name)
            except FileNotFoundError:
                pass


def for_this_system() -> Autostart | None:
    """The mechanism of this operating system, or None where there is none we know."""
    if sys.platform == "win32":
        return WindowsRunKey()
    if sys.platform == "darwin":
        return None
    return XdgAutostart()  # Linux and other free desktops follow the XDG spec
