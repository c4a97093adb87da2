"""Publishing with the window closed on Windows: a Task Scheduler task of this user.

`schtasks /Create /XML`: run only while the user is logged on (an interactive
token: no password stored, no administrator), started by the windowed program
so no console flashes, on battery too. One task per data folder, named
`smalltown_social publish-due <folder id>` (background_publishing.py says why).
"""

from __future__ import annotations

import csv
import logging
import os
import re
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    LEGACY_TASK_NAME,
    TASK_PREFIX,
    BackgroundPublishingError,
    Runner,
    absolute,
    call,
    refused,
    run_quietly,
    same_folder,
    same_program,
    served_folder,
    task_name,
)
from smalltown_social.core.i18n import Text

log = logging.getLogger(__name__)

TASK_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
_NS = {"t": TASK_NAMESPACE}


def task_xml(command: list[str], user: str, start: datetime, folder: Path | None = None) -> str:
    """The task: every INTERVAL_MINUTES from `start`, while `user` is logged on."""
    # Here, not at import: xml.sax.saxutils brings urllib.request (~20 ms at start).
    from xml.sax.saxutils import escape  # noqa: PLC0415

    program, arguments = command[0], subprocess.list2cmdline(command[1:])
    boundary = start.replace(second=0, microsecond=0, tzinfo=None).isoformat()
    about = "smalltown_social: publica lo programado aunque la ventana esté cerrada"
    if folder is not None:
        about += f" (carpeta de datos: {folder})"
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{TASK_NAMESPACE}">
  <RegistrationInfo>
    <Description>{escape(about)}</Description>
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


def schtasks_create(name: str, xml_file: Path) -> list[str]:
    return ["schtasks", "/Create", "/F", "/TN", name, "/XML", str(xml_file)]


def schtasks_delete(name: str) -> list[str]:
    return ["schtasks", "/Delete", "/F", "/TN", name]


def schtasks_query(name: str) -> list[str]:
    return ["schtasks", "/Query", "/TN", name, "/XML"]


def schtasks_list() -> list[str]:
    return ["schtasks", "/Query", "/FO", "CSV", "/NH"]


def _root(xml_text: str) -> ET.Element:
    return ET.fromstring(xml_text.lstrip("\ufeff").strip())  # noqa: S314 - schtasks's own output


def task_enabled(xml_text: str) -> bool:
    """Whether the task's XML (as schtasks /Query /XML prints it) says it is enabled."""
    found = _root(xml_text).find("t:Settings/t:Enabled", _NS)
    return found is None or (found.text or "").strip().lower() != "false"


def task_command(xml_text: str) -> list[str]:
    """The task's program and arguments as one argument list ([] if it runs none)."""
    root = _root(xml_text)
    program = (root.findtext("t:Actions/t:Exec/t:Command", "", _NS) or "").strip().strip('"')
    if not program:
        return []
    return [program, *windows_split(root.findtext("t:Actions/t:Exec/t:Arguments", "", _NS) or "")]


def windows_split(line: str) -> list[str]:
    """Split a command line by CommandLineToArgvW's rules (what list2cmdline quotes for)."""
    args: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            run = len(line[index:]) - len(line[index:].lstrip("\\"))
            if index + run < len(line) and line[index + run] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    index += run + 1
                else:
                    index += run
                started = True
                continue
            current.append("\\" * run)
            index += run
            continue
        if char == '"':
            quoted = not quoted
            started = True
        elif char in " \t" and not quoted:
            if started or current:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
        index += 1
    if started or current:
        args.append("".join(current))
    return args


def listed_tasks(csv_text: str) -> list[str]:
    """Our task names in `schtasks /Query /FO CSV /NH` output (root folder, no leading \\)."""
    names = []
    for row in csv.reader(csv_text.splitlines()):
        name = row[0].lstrip("\\") if row else ""
        if name == LEGACY_TASK_NAME or name.startswith(TASK_PREFIX + " "):
            names.append(name)
    return sorted(set(names))


def windows_user() -> str:
    domain, name = os.environ.get("USERDOMAIN", ""), os.environ.get("USERNAME", "")
    return f"{domain}\\{name}" if domain else name


# The Task Scheduler replaces %NAME% in a task's program and arguments with the
# environment variable's value (ExecAction: "If environment variables are used in
# the Path, Arguments…"), and has no way to write a literal one: a folder named
# "datos %USERNAME%" would be run as "datos maria". Such a task is not registered.
ENVIRONMENT_REFERENCE = re.compile(r"%[A-Za-z_][\w().-]*%")


def expands(argument: str) -> Text:
    found = ENVIRONMENT_REFERENCE.search(argument)
    name = found.group(0) if found else "%"
    return Text(
        f"El Programador de tareas de Windows cambiaría «{name}» en {argument} por el valor "
        "de una variable: cambie el nombre de esa carpeta (sin «%…%») y vuelva a activarlo.",
        f"Windows' Task Scheduler would replace “{name}” in {argument} with a variable's "
        "value: rename that folder (without “%…%”) and turn it on again.",
    )


TASK_NOT_CREATED = Text(
    "Windows no creó la tarea programada", "Windows did not create the scheduled task"
)
TASK_NOT_DELETED = Text(
    "Windows no quitó la tarea programada", "Windows did not remove the scheduled task"
)
TASKS_NOT_LISTED = Text(
    "Windows no dijo qué tareas programadas hay", "Windows did not list the scheduled tasks"
)


class WindowsTask:
    """The task of one data folder in this user's Task Scheduler (root folder)."""

    def __init__(self, folder: Path, run: Runner = run_quietly, user: str | None = None) -> None:
        self.folder = absolute(folder)
        self.name = task_name(self.folder)
        self.run = run
        self.user = user

    def _read(self, name: str) -> str | None:
        """The task's XML, or None when there is no such task (or it cannot be asked)."""
        try:
            done = self.run(schtasks_query(name))
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    def _legacy_here(self) -> str | None:
        """The old one-per-user task's XML when it publishes this folder, else None."""
        xml = self._read(LEGACY_TASK_NAME)
        if xml is None:
            return None
        try:
            command = task_command(xml)
        except ET.ParseError:
            return None  # unreadable: it may be another folder's, so it is left alone
        return xml if command and same_folder(served_folder(command), self.folder) else None

    def active(self) -> bool:
        xml = self._read(self.name) or self._legacy_here()
        if xml is None:
            return False
        try:
            command = task_command(xml)
            return task_enabled(xml) and (not command or Path(command[0]).exists())
        except ET.ParseError:
            return True  # it exists; its XML did not read

    def enable(self, command: list[str]) -> None:
        named = [arg for arg in command if ENVIRONMENT_REFERENCE.search(arg)]
        if named:
            raise BackgroundPublishingError(expands(named[0]))
        user = self.user or windows_user()
        xml = task_xml(command, user, datetime.now(), self.folder)  # noqa: DTZ005 - local time
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "task.xml"
            path.write_text(xml, encoding="utf-16")  # schtasks reads UTF-16 task files
            done = call(self.run, schtasks_create(self.name, path), TASK_NOT_CREATED)
        if done.returncode != 0:
            raise refused(TASK_NOT_CREATED, done)
        if self._legacy_here() is not None:
            try:
                self._delete(LEGACY_TASK_NAME)
            except BackgroundPublishingError as error:
                # Harmless beside the new one (each post still goes out once); tried again
                # at the next registration.
                log.warning("the old task of this data folder stays: %s", error)
            else:
                log.info("the old task of this data folder was replaced by %r", self.name)

    def disable(self) -> None:
        if self._read(self.name) is not None:
            self._delete(self.name)
        if self._legacy_here() is not None:
            self._delete(LEGACY_TASK_NAME)

    def remove_program(self, program: str) -> list[str]:
        """Remove every task of ours that starts `program` (the uninstaller's step)."""
        listing = call(self.run, schtasks_list(), TASKS_NOT_LISTED)
        if listing.returncode != 0:
            raise refused(TASKS_NOT_LISTED, listing)
        removed = []
        for name in listed_tasks(listing.stdout):
            xml = self._read(name)
            try:
                command = task_command(xml) if xml is not None else []
            except ET.ParseError:
                continue
            if command and same_program(command[0], program):
                self._delete(name)
                removed.append(name)
        return removed

    def _delete(self, name: str) -> None:
        done = call(self.run, schtasks_delete(name), TASK_NOT_DELETED)
        if done.returncode != 0:
            raise refused(TASK_NOT_DELETED, done)
