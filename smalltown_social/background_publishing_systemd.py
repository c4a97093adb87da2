"""Publishing with the window closed on Linux: a systemd user timer.

`smalltown-social-publish-<folder id>.timer` + `.service` under
~/.config/systemd/user, one pair per data folder (background_publishing.py says why).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import subprocess
from pathlib import Path

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    LEGACY_UNIT_NAME,
    UNIT_PREFIX,
    Runner,
    absolute,
    call,
    refused,
    run_quietly,
    same_folder,
    same_program,
    served_folder,
    unit_name,
)
from smalltown_social.core.i18n import Text

log = logging.getLogger(__name__)


def systemd_exec(command: list[str]) -> str:
    """Quote an argument list for ExecStart= (systemd.service "Command lines")."""

    def quote(arg: str) -> str:
        escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'

    return " ".join(quote(arg) for arg in command)


def systemd_split(line: str) -> list[str]:
    """Undo `systemd_exec`: double-quoted words, backslash escapes, %% and $$."""
    words = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
    return [re.sub(r"\\(.)", r"\1", word).replace("%%", "%").replace("$$", "$") for word in words]


def service_command(service: str) -> list[str]:
    """The command of a service file written by `service_text` ([] if none)."""
    for line in service.splitlines():
        if line.startswith("ExecStart="):
            return systemd_split(line.removeprefix("ExecStart="))
    return []


def service_text(command: list[str], folder: Path | None = None) -> str:
    # Description= expands %-specifiers too: a folder's "%" is written "%%".
    about = f" for {str(folder).replace('%', '%%')}" if folder is not None else ""
    return (
        "[Unit]\n"
        f"Description=smalltown_social: publish what is due (publish-due){about}\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={systemd_exec(command)}\n"
    )


def timer_text() -> str:
    return (
        "[Unit]\n"
        f"Description=smalltown_social: publish what is due every {INTERVAL_MINUTES} minutes\n"
        "\n"
        "[Timer]\n"
        "OnStartupSec=1min\n"
        f"OnUnitActiveSec={INTERVAL_MINUTES}min\n"
        "AccuracySec=30s\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def systemctl(*args: str) -> list[str]:
    return ["systemctl", "--user", *args]


TIMER_NOT_STARTED = Text("systemd no activó el temporizador", "systemd did not start the timer")


class SystemdUserTimer:
    """The timer and service of one data folder under ~/.config/systemd/user."""

    def __init__(
        self, folder: Path, config_home: Path | None = None, run: Runner = run_quietly
    ) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.units = base / "systemd" / "user"
        self.folder = absolute(folder)
        self.name = unit_name(self.folder)
        self.run = run

    @property
    def service(self) -> Path:
        return self.units / f"{self.name}.service"

    @property
    def timer(self) -> Path:
        return self.units / f"{self.name}.timer"

    def _command(self, name: str) -> list[str]:
        try:
            return service_command((self.units / f"{name}.service").read_text(encoding="utf-8"))
        except OSError:
            return []

    def _legacy_here(self) -> bool:
        """Whether the old one-per-user timer publishes this folder."""
        command = self._command(LEGACY_UNIT_NAME)
        return bool(command) and same_folder(served_folder(command), self.folder)

    def _is_active(self, name: str) -> bool:
        if not (self.units / f"{name}.timer").exists():
            return False
        try:
            return self.run(systemctl("is-active", "--quiet", f"{name}.timer")).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False

    def active(self) -> bool:
        if self._is_active(self.name):
            return True
        return self._legacy_here() and self._is_active(LEGACY_UNIT_NAME)

    def enable(self, command: list[str]) -> None:
        self.units.mkdir(parents=True, exist_ok=True)
        for path, text in (
            (self.service, service_text(command, self.folder)),
            (self.timer, timer_text()),
        ):
            partial = path.with_suffix(path.suffix + ".tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
        for args in (systemctl("daemon-reload"), systemctl("enable", "--now", self.timer.name)):
            done = call(self.run, args, TIMER_NOT_STARTED)
            if done.returncode != 0:
                raise refused(TIMER_NOT_STARTED, done)
        if self._legacy_here():
            self._remove(LEGACY_UNIT_NAME)
            log.info("the old timer of this data folder was replaced by %r", self.name)

    def disable(self) -> None:
        self._remove(self.name)
        if self._legacy_here():
            self._remove(LEGACY_UNIT_NAME)

    def remove_program(self, program: str) -> list[str]:
        """Remove every timer of ours whose service starts `program`."""
        removed = []
        for service in sorted(self.units.glob(f"{UNIT_PREFIX}*.service")):
            name = service.stem
            if name != LEGACY_UNIT_NAME and not name.startswith(UNIT_PREFIX + "-"):
                continue
            command = self._command(name)
            if command and same_program(command[0], program):
                self._remove(name)
                removed.append(name)
        return removed

    def _remove(self, name: str) -> None:
        timer = self.units / f"{name}.timer"
        # Without a user manager (systemctl fails) the files are all there is.
        if timer.exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self.run(systemctl("disable", "--now", timer.name))
        timer.unlink(missing_ok=True)
        (self.units / f"{name}.service").unlink(missing_ok=True)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self.run(systemctl("daemon-reload"))
