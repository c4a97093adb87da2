"""Publishing with the window closed on Windows: what the Task Scheduler is told.

The operating system is our boundary: `schtasks` is replaced by a stand-in that
keeps tasks by name as the Task Scheduler does (the task file as it was at
/Create, the XML it prints at /Query, the CSV list) and records every call.
"""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    LEGACY_TASK_NAME,
    BackgroundPublishingError,
    publish_command,
    task_name,
)
from smalltown_social.background_publishing_windows import (
    TASK_NAMESPACE,
    WindowsTask,
    listed_tasks,
    schtasks_create,
    task_command,
    task_enabled,
    task_xml,
    windows_split,
)

NS = {"t": TASK_NAMESPACE}
ODD_FOLDER = r"C:\Users\María José\OneDrive - Ayto\datos 100% \"buenos\" $HOME"


class TaskScheduler:
    """Stands in for schtasks.exe: tasks by name, every call recorded."""

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self.tasks: dict[str, str] = {}
        self.files: dict[str, bytes] = {}
        self.calls: list[list[str]] = []
        self.refuse = refuse or {}

    def __call__(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        verb = args[1]
        if verb in self.refuse:
            return subprocess.CompletedProcess(args, 1, "", self.refuse[verb])
        if verb == "/Create":
            path = Path(args[args.index("/XML") + 1])
            self.files[args[args.index("/TN") + 1]] = path.read_bytes()
            self.tasks[args[args.index("/TN") + 1]] = path.read_text(encoding="utf-16")
            return subprocess.CompletedProcess(args, 0, "CORRECTO", "")
        if verb == "/Query" and "/TN" in args:
            found = self.tasks.get(args[args.index("/TN") + 1])
            if found is None:
                return subprocess.CompletedProcess(args, 1, "", "ERROR: El sistema no puede...")
            return subprocess.CompletedProcess(args, 0, found, "")
        if verb == "/Query":
            out = io.StringIO()
            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            writer.writerow(["\\Microsoft\\Windows\\Defrag\\ScheduledDefrag", "N/A", "Listo"])
            for name in self.tasks:
                writer.writerow(["\\" + name, "01/06/2027 9:35:00", "Listo"])
            return subprocess.CompletedProcess(args, 0, out.getvalue(), "")
        if verb == "/Delete":
            self.tasks.pop(args[args.index("/TN") + 1])
            return subprocess.CompletedProcess(args, 0, "CORRECTO", "")
        raise AssertionError(args)

    def verbs(self) -> list[str]:
        return [call[1] for call in self.calls]


def program(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "smalltown_social.exe"
    exe.write_bytes(b"MZ")
    return exe


def command_for(exe: Path, data: Path | None) -> list[str]:
    return publish_command(data, executable=str(exe), frozen=True, windows=True)


def test_the_task_runs_every_few_minutes_as_this_user_without_administrator() -> None:
    command = [
        r"C:\Programs\smalltown_social\smalltown_social.exe",
        "--basedir",
        ODD_FOLDER,
        "publish-due",
    ]
    start = datetime(2027, 6, 1, 9, 30, 45, tzinfo=UTC)
    xml = task_xml(command, r"AYTO\maría<&>", start, Path(ODD_FOLDER))
    root = ET.fromstring(xml.split("\n", 1)[1])  # the declaration says UTF-16: the file will be
    assert root.findtext("t:Triggers/t:TimeTrigger/t:Repetition/t:Interval", namespaces=NS) == (
        f"PT{INTERVAL_MINUTES}M"
    )
    assert root.findtext("t:Triggers/t:TimeTrigger/t:StartBoundary", namespaces=NS) == (
        "2027-06-01T09:30:00"
    )
    principal = "t:Principals/t:Principal/"
    assert root.findtext(principal + "t:UserId", namespaces=NS) == r"AYTO\maría<&>"
    assert root.findtext(principal + "t:LogonType", namespaces=NS) == "InteractiveToken"
    assert root.findtext(principal + "t:RunLevel", namespaces=NS) == "LeastPrivilege"
    settings = "t:Settings/"
    assert root.findtext(settings + "t:DisallowStartIfOnBatteries", namespaces=NS) == "false"
    assert root.findtext(settings + "t:StopIfGoingOnBatteries", namespaces=NS) == "false"
    assert root.findtext(settings + "t:MultipleInstancesPolicy", namespaces=NS) == "IgnoreNew"
    assert root.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == command[0]
    arguments = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS)
    assert arguments == subprocess.list2cmdline(command[1:])
    assert arguments.endswith(" publish-due")
    description = root.findtext("t:RegistrationInfo/t:Description", namespaces=NS) or ""
    assert ODD_FOLDER in description  # the clerk (or IT) sees which folder it publishes


def test_the_task_arguments_come_back_whole_on_windows() -> None:
    command = ["prog.exe", "--basedir", ODD_FOLDER + "\\", "publish-due"]
    xml = task_xml(command, "u", datetime(2027, 1, 1, tzinfo=UTC))
    root = ET.fromstring(xml.split("\n", 1)[1])
    arguments = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) or ""
    assert windows_split(arguments) == command[1:]
    assert task_command(xml.split("\n", 1)[1]) == command
    assert windows_split(r'a "b c" d\\"e f"\"g') == ["a", "b c", 'd\\e f"g']


def test_enable_registers_a_utf16_task_file_under_this_folders_name(tmp_path: Path) -> None:
    run = TaskScheduler()
    data = tmp_path / "datos"
    task = WindowsTask(data, run=run, user="AYTO\\clerk")
    task.enable(command_for(program(tmp_path / "app"), data))
    create = run.calls[0]
    assert create[:5] == ["schtasks", "/Create", "/F", "/TN", task_name(data.resolve())]
    assert "/RU" not in create and "SYSTEM" not in create  # the user's own task
    data_file = run.files[task.name]
    assert data_file.startswith(b"\xff\xfe")  # UTF-16 with its BOM, as schtasks wants
    assert "<LogonType>InteractiveToken</LogonType>" in data_file.decode("utf-16")
    assert schtasks_create("n", Path("x.xml"))[-2:] == ["/XML", "x.xml"]
    assert task.active()


def test_two_data_folders_keep_their_own_task(tmp_path: Path) -> None:
    # Regression: both used one name, and `/Create /F` of the second replaced the first.
    run = TaskScheduler()
    installed = program(tmp_path / "Programs" / "smalltown_social")
    town_a, town_b = tmp_path / "Villar del Río", tmp_path / "Peñíscola de Arriba"
    a = WindowsTask(town_a, run=run, user="u")
    b = WindowsTask(town_b, run=run, user="u")
    a.enable(command_for(installed, town_a))
    b.enable(command_for(installed, town_b))
    assert a.name != b.name
    assert set(run.tasks) == {a.name, b.name}
    assert "Villar del Río" in run.tasks[a.name]
    assert "Peñíscola de Arriba" in run.tasks[b.name]
    assert a.active() and b.active()
    b.disable()
    assert set(run.tasks) == {a.name}
    assert a.active() and not b.active()


def legacy_task(run: TaskScheduler, command: list[str]) -> None:
    run.tasks[LEGACY_TASK_NAME] = task_xml(command, "u", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize("portable", [False, True])
def test_registering_replaces_the_old_named_task_of_this_folder(
    tmp_path: Path, portable: bool
) -> None:
    run = TaskScheduler()
    exe = program(tmp_path / "Memoria USB" / "smalltown_social")
    if portable:
        (exe.parent / "portable.txt").write_text("portable\n", encoding="utf-8")
        data = exe.parent / "data"
        legacy_task(run, command_for(exe, None))  # no --basedir: the program's own folder
    else:
        data = tmp_path / "datos del ayuntamiento"
        legacy_task(run, command_for(exe, data))
    task = WindowsTask(data, run=run, user="u")
    assert task.active()  # the old task does publish this folder
    task.enable(command_for(exe, None if portable else data))
    assert set(run.tasks) == {task.name}
    assert run.verbs().index("/Create") < run.verbs().index("/Delete")  # new first


def test_the_old_named_task_of_another_folder_is_left_alone(tmp_path: Path) -> None:
    run = TaskScheduler()
    exe = program(tmp_path / "app")
    other, here = tmp_path / "otro pueblo", tmp_path / "este pueblo"
    legacy_task(run, command_for(exe, other))
    task = WindowsTask(here, run=run, user="u")
    assert not task.active()
    task.enable(command_for(exe, here))
    task.disable()
    assert set(run.tasks) == {LEGACY_TASK_NAME}
    assert "otro pueblo" in run.tasks[LEGACY_TASK_NAME]


def test_disable_removes_this_folders_task_and_its_old_named_one(tmp_path: Path) -> None:
    run = TaskScheduler()
    exe, data = program(tmp_path / "app"), tmp_path / "datos"
    legacy_task(run, command_for(exe, data))
    missing = WindowsTask(tmp_path / "nada", run=run)
    missing.disable()
    assert "/Delete" not in run.verbs()
    WindowsTask(data, run=run).disable()
    assert run.tasks == {}


def test_a_task_whose_program_is_gone_is_not_active(tmp_path: Path) -> None:
    run = TaskScheduler()
    exe, data = program(tmp_path / "app"), tmp_path / "datos"
    task = WindowsTask(data, run=run, user="u")
    task.enable(command_for(exe, data))
    assert task.active()
    exe.unlink()  # uninstalled, or a stick now under another drive letter
    assert not task.active()


def test_active_sees_a_disabled_task() -> None:
    xml = task_xml(["p.exe", "publish-due"], "u", datetime(2027, 1, 1, tzinfo=UTC))
    disabled = xml.replace(
        "<Enabled>true</Enabled>\n    <Hidden>", "<Enabled>false</Enabled>\n    <Hidden>"
    )
    assert task_enabled(xml)
    assert not task_enabled(disabled)
    run = TaskScheduler()
    task = WindowsTask(Path("/d"), run=run)
    run.tasks[task.name] = disabled
    assert not task.active()


def test_a_refusal_is_told_with_windows_own_words(tmp_path: Path) -> None:
    run = TaskScheduler(refuse={"/Create": "ERROR: Acceso denegado."})
    with pytest.raises(BackgroundPublishingError) as refused:
        WindowsTask(tmp_path, run=run, user="u").enable(["p.exe", "publish-due"])
    assert "Acceso denegado" in refused.value.text.es
    assert "no creó la tarea" in refused.value.text.es


def test_the_uninstaller_removes_the_tasks_that_start_this_program_only(tmp_path: Path) -> None:
    run = TaskScheduler()
    installed = program(tmp_path / "Programs" / "smalltown_social")
    portable = program(tmp_path / "USB" / "smalltown_social")
    (portable.parent / "portable.txt").write_text("portable\n", encoding="utf-8")
    usual, town_b = tmp_path / "Local" / "smalltown_social", tmp_path / "Peñíscola"
    WindowsTask(usual, run=run, user="u").enable(command_for(installed, None))
    WindowsTask(town_b, run=run, user="u").enable(command_for(installed, town_b))
    kept = WindowsTask(portable.parent / "data", run=run, user="u")
    kept.enable(command_for(portable, None))
    legacy_task(run, command_for(installed, tmp_path / "antiguo"))
    removed = WindowsTask(usual, run=run).remove_program(str(installed))
    assert len(removed) == 3 and LEGACY_TASK_NAME in removed
    assert set(run.tasks) == {kept.name}


def test_listed_tasks_reads_schtasks_csv() -> None:
    text = (
        '"\\Microsoft\\Windows\\Defrag\\ScheduledDefrag","N/D","Listo"\r\n'
        '"\\smalltown_social publish-due","N/D","Listo"\r\n'
        '"\\smalltown_social publish-due 0123456789ab","1/6/2027 9:35:00","Listo"\r\n'
        '"\\smalltown_social publish-due 0123456789ab","1/6/2027 9:35:00","Listo"\r\n'
        '"\\smalltown_social publish-duex","N/D","Listo"\r\n'
    )
    assert listed_tasks(text) == [
        "smalltown_social publish-due",
        "smalltown_social publish-due 0123456789ab",
    ]


def test_a_folder_the_task_scheduler_would_expand_is_refused_in_spanish(tmp_path: Path) -> None:
    # The Task Scheduler replaces %NAME% in a task's arguments; there is no escape.
    run = TaskScheduler()
    exe = program(tmp_path / "app")
    data = tmp_path / "datos de %USERNAME%"
    with pytest.raises(BackgroundPublishingError) as refused:
        WindowsTask(data, run=run, user="u").enable(command_for(exe, data))
    assert "%USERNAME%" in refused.value.text.es and "cambie el nombre" in refused.value.text.es
    assert "/Create" not in run.verbs()
    percent = tmp_path / "José Pérez" / "datos 100% %h al 50 %"  # no %NAME%: nothing to expand
    WindowsTask(percent, run=run, user="u").enable(command_for(exe, percent))
    assert run.verbs().count("/Create") == 1
