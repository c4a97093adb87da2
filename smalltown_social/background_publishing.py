"""Publishing with the window closed: the system starts `publish-due` every few minutes.

Windows: a Task Scheduler task of this user (`schtasks /Create /XML`), run only
while the user is logged on (an interactive token: no password stored, no
administrator), started by the windowed program so no console flashes, on
battery too. Linux: a systemd user timer (~/.config/systemd/user). Exactly once
still holds beside an open window: the outbox claims each target before sending.

Everything the system is told is built by pure functions (the command, the task's
XML, the unit files, the schtasks/systemctl argument lists), which the tests check;
only `run` touches the operating system, and tests pass their own.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol
from xml.etree import ElementTree as ET

from smalltown_social.core.i18n import Text

APP_ID = "smalltown_social"
TASK_NAME = "smalltown_social publish-due"  # also in packaging/windows/installer.nsi
UNIT_NAME = "smalltown-social-publish"
INTERVAL_MINUTES = 5
TASK_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"

Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


class BackgroundPublishingError(Exception):
    """The system refused; `text` says so to the clerk."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class BackgroundPublishing(Protocol):
    def active(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...


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


# --- Windows: Task Scheduler -----------------------------------------------------------


def task_xml(command: list[str], user: str, start: datetime) -> str:
    """The task: every INTERVAL_MINUTES from `start`, while `user` is logged on."""
    # Here, not at import: xml.sax.saxutils brings urllib.request (~20 ms at start).
    from xml.sax.saxutils import escape  # noqa: PLC0415

    program, arguments = command[0], subprocess.list2cmdline(command[1:])
    boundary = start.replace(second=0, microsecond=0, tzinfo=None).isoformat()
    about = "smalltown_social: publica lo programado aunque la ventana esté cerrada"
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{TASK_NAMESPACE}">
  <RegistrationInfo>
    <Description>{about}</Description>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <StartBoundary>{boundary}</StartBoundary>
      <Repetition>
        <Interval>PT{INTERVAL_MINUTES}M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>{escape(user)}</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def schtasks_create(xml_file: Path) -> list[str]:
    return ["schtasks", "/Create", "/F", "/TN", TASK_NAME, "/XML", str(xml_file)]


def schtasks_delete() -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", TASK_NAME]


def schtasks_query() -> list[str]:
    return ["schtasks", "/Query", "/TN", TASK_NAME, "/XML"]


def task_enabled(xml_text: str) -> bool:
    """Whether the task's XML (as schtasks /Query /XML prints it) says it is enabled."""
    root = ET.fromstring(xml_text.lstrip("\ufeff").strip())  # noqa: S314 - schtasks's own output
    found = root.find(f"{{{TASK_NAMESPACE}}}Settings/{{{TASK_NAMESPACE}}}Enabled")
    return found is None or (found.text or "").strip().lower() != "false"


def windows_user() -> str:
    domain, name = os.environ.get("USERDOMAIN", ""), os.environ.get("USERNAME", "")
    return f"{domain}\\{name}" if domain else name


def run_quietly(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a system tool without a console window flashing (Windows), output captured."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return subprocess.run(  # noqa: S603 - fixed tools, arguments built above
        args, capture_output=True, text=True, check=False, timeout=60, creationflags=flags
    )


def _refused(what: Text, done: subprocess.CompletedProcess[str]) -> BackgroundPublishingError:
    detail = (done.stderr or done.stdout or "").strip()
    return BackgroundPublishingError(
        Text(f"{what.es}: {detail} (código {done.returncode})", f"{what.en}: {detail}")
        if detail
        else Text(f"{what.es} (código {done.returncode})", f"{what.en} ({done.returncode})")
    )


def _call(run: Runner, args: list[str], what: Text) -> subprocess.CompletedProcess[str]:
    try:
        return run(args)
    except (OSError, subprocess.SubprocessError) as error:
        raise BackgroundPublishingError(
            Text(f"{what.es}: {error}", f"{what.en}: {error}")
        ) from error


TASK_NOT_CREATED = Text(
    "Windows no creó la tarea programada", "Windows did not create the scheduled task"
)
TASK_NOT_DELETED = Text(
    "Windows no quitó la tarea programada", "Windows did not remove the scheduled task"
)


class WindowsTask:
    """This user's task in the Task Scheduler (root folder, name TASK_NAME)."""

    def __init__(self, run: Runner = run_quietly, user: str | None = None) -> None:
        self.run = run
        self.user = user

    def active(self) -> bool:
        try:
            done = self.run(schtasks_query())
        except (OSError, subprocess.SubprocessError):
            return False
        if done.returncode != 0:
            return False
        try:
            return task_enabled(done.stdout)
        except ET.ParseError:
            return True  # it exists; its XML did not read

    def enable(self, command: list[str]) -> None:
        xml = task_xml(command, self.user or windows_user(), datetime.now())  # noqa: DTZ005 - the task's local time
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "task.xml"
            path.write_text(xml, encoding="utf-16")  # schtasks reads UTF-16 task files
            done = _call(self.run, schtasks_create(path), TASK_NOT_CREATED)
        if done.returncode != 0:
            raise _refused(TASK_NOT_CREATED, done)

    def disable(self) -> None:
        if _call(self.run, schtasks_query(), TASK_NOT_DELETED).returncode != 0:
            return  # no such task: nothing to remove
        done = _call(self.run, schtasks_delete(), TASK_NOT_DELETED)
        if done.returncode != 0:
            raise _refused(TASK_NOT_DELETED, done)


# --- Linux: a systemd user timer -------------------------------------------------------


def systemd_exec(command: list[str]) -> str:
    """Quote an argument list for ExecStart= (systemd.service "Command lines")."""

    def quote(arg: str) -> str:
        escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'

    return " ".join(quote(arg) for arg in command)


def service_text(command: list[str]) -> str:
    return (
        "[Unit]\n"
        "Description=smalltown_social: publish what is due (publish-due)\n"
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
    """`smalltown-social-publish.timer` + `.service` under ~/.config/systemd/user."""

    def __init__(self, config_home: Path | None = None, run: Runner = run_quietly) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.folder = base / "systemd" / "user"
        self.run = run

    @property
    def service(self) -> Path:
        return self.folder / f"{UNIT_NAME}.service"

    @property
    def timer(self) -> Path:
        return self.folder / f"{UNIT_NAME}.timer"

    def active(self) -> bool:
        if not self.timer.exists():
            return False
        try:
            return self.run(systemctl("is-active", "--quiet", self.timer.name)).returncode == 0
        except (OSError, subprocess.SubprocessError):
            return False

    def enable(self, command: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, text in ((self.service, service_text(command)), (self.timer, timer_text())):
            partial = path.with_suffix(path.suffix + ".tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
        for args in (systemctl("daemon-reload"), systemctl("enable", "--now", self.timer.name)):
            done = _call(self.run, args, TIMER_NOT_STARTED)
            if done.returncode != 0:
                raise _refused(TIMER_NOT_STARTED, done)

    def disable(self) -> None:
        # Without a user manager (systemctl fails) the files are all there is.
        if self.timer.exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self.run(systemctl("disable", "--now", self.timer.name))
        self.timer.unlink(missing_ok=True)
        self.service.unlink(missing_ok=True)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self.run(systemctl("daemon-reload"))


def for_this_system() -> BackgroundPublishing | None:
    """The mechanism of this operating system, or None where there is none we know."""
    if sys.platform == "win32":
        return WindowsTask()
    if sys.platform == "darwin":
        return None
    return SystemdUserTimer()
