"""Publishing with the window closed: what Windows' Task Scheduler and systemd are told.

The operating system is our boundary: `run` is replaced by a recorder that keeps
the argument lists (and, for schtasks, the task file as it was at that moment).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    TASK_NAME,
    TASK_NAMESPACE,
    BackgroundPublishingError,
    SystemdUserTimer,
    WindowsTask,
    publish_command,
    schtasks_create,
    schtasks_delete,
    service_text,
    systemd_exec,
    task_enabled,
    task_xml,
    timer_text,
)

NS = {"t": TASK_NAMESPACE}
ODD_FOLDER = r"C:\Users\María José\OneDrive - Ayto\datos 100% \"buenos\" $HOME"


class Recorder:
    """Stands in for the system tool: records each call, answers as told."""

    def __init__(self, answers: dict[str, tuple[int, str, str]] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.files: dict[str, bytes] = {}
        self.answers = answers or {}

    def __call__(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        if "/XML" in args and args[1] == "/Create":
            path = Path(args[args.index("/XML") + 1])
            self.files[path.name] = path.read_bytes()
        verb = args[1] if args[0] == "schtasks" else args[2]
        code, out, err = self.answers.get(verb, (0, "", ""))
        return subprocess.CompletedProcess(args, code, out, err)


def test_frozen_the_windowed_program_publishes_even_when_the_console_one_asks() -> None:
    command = publish_command(
        Path(ODD_FOLDER),
        executable=r"C:\Programs\smalltown_social\smalltown_social_cli.exe",
        frozen=True,
        windows=True,
    )
    assert Path(command[0]).name == "smalltown_social.exe"
    assert command[1:] == ["--basedir", ODD_FOLDER, "publish-due"]


def test_from_source_python_runs_the_module(tmp_path: Path) -> None:
    python = tmp_path / "python3"
    assert publish_command(None, executable=str(python), frozen=False, windows=False) == [
        str(python),
        "-m",
        "smalltown_social",
        "publish-due",
    ]


def test_on_windows_from_source_pythonw_when_it_exists(tmp_path: Path) -> None:
    (tmp_path / "pythonw.exe").write_bytes(b"MZ")
    command = publish_command(
        None, executable=str(tmp_path / "python.exe"), frozen=False, windows=True
    )
    assert command[0] == str(tmp_path / "pythonw.exe")


def test_the_task_runs_every_few_minutes_as_this_user_without_administrator() -> None:
    command = [
        r"C:\Programs\smalltown_social\smalltown_social.exe",
        "--basedir",
        ODD_FOLDER,
        "publish-due",
    ]
    xml = task_xml(command, r"AYTO\maría<&>", datetime(2027, 6, 1, 9, 30, 45, tzinfo=UTC))
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


def windows_split(line: str) -> list[str]:
    """CommandLineToArgvW's rules, enough to undo list2cmdline."""
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


def test_the_task_arguments_come_back_whole_on_windows() -> None:
    command = ["prog.exe", "--basedir", ODD_FOLDER + "\\", "publish-due"]
    xml = task_xml(command, "u", datetime(2027, 1, 1, tzinfo=UTC))
    root = ET.fromstring(xml.split("\n", 1)[1])
    arguments = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) or ""
    assert windows_split(arguments) == command[1:]


def test_enable_registers_a_utf16_task_file_with_schtasks() -> None:
    run = Recorder()
    WindowsTask(run=run, user="AYTO\\clerk").enable(["C:\\p\\smalltown_social.exe", "publish-due"])
    create = run.calls[0]
    assert create[:5] == ["schtasks", "/Create", "/F", "/TN", TASK_NAME]
    assert "/RU" not in create and "SYSTEM" not in create  # the user's own task
    data = run.files["task.xml"]
    assert data.startswith(b"\xff\xfe")  # UTF-16 with its BOM, as schtasks wants
    assert "<LogonType>InteractiveToken</LogonType>" in data.decode("utf-16")
    assert schtasks_create(Path("x.xml"))[-2:] == ["/XML", "x.xml"]


def test_a_refusal_is_told_with_windows_own_words() -> None:
    run = Recorder({"/Create": (1, "", "ERROR: Acceso denegado.")})
    with pytest.raises(BackgroundPublishingError) as refused:
        WindowsTask(run=run, user="u").enable(["p.exe", "publish-due"])
    assert "Acceso denegado" in refused.value.text.es
    assert "no creó la tarea" in refused.value.text.es


def test_active_reads_the_task_back_and_sees_a_disabled_one() -> None:
    xml = task_xml(["p.exe", "publish-due"], "u", datetime(2027, 1, 1, tzinfo=UTC))
    assert WindowsTask(run=Recorder({"/Query": (0, xml, "")})).active()
    disabled = xml.replace(
        "<Enabled>true</Enabled>\n    <Hidden>", "<Enabled>false</Enabled>\n    <Hidden>"
    )
    assert not task_enabled(disabled)
    assert not WindowsTask(run=Recorder({"/Query": (0, disabled, "")})).active()
    assert not WindowsTask(run=Recorder({"/Query": (1, "", "ERROR: no existe")})).active()


def test_disable_deletes_the_task_only_if_it_exists() -> None:
    missing = Recorder({"/Query": (1, "", "ERROR")})
    WindowsTask(run=missing).disable()
    assert [call[1] for call in missing.calls] == ["/Query"]
    present = Recorder()
    WindowsTask(run=present).disable()
    assert present.calls[-1] == schtasks_delete()


def systemd_split(line: str) -> list[str]:
    """ExecStart= words per systemd.service(5): double quotes, C escapes, %% and $$."""
    words = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
    assert " ".join(f'"{w}"' for w in words) == line
    return [re.sub(r"\\(.)", r"\1", word).replace("%%", "%").replace("$$", "$") for word in words]


def test_the_service_line_keeps_every_argument_whole() -> None:
    command = [
        "/home/maría/.venv/bin/python",
        "-m",
        "smalltown_social",
        "--basedir",
        ODD_FOLDER,
        "publish-due",
    ]
    assert systemd_split(systemd_exec(command)) == command


def test_the_timer_repeats_every_few_minutes() -> None:
    text = timer_text()
    assert f"OnUnitActiveSec={INTERVAL_MINUTES}min" in text
    assert "WantedBy=timers.target" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_unit_files(tmp_path: Path) -> None:
    service = tmp_path / "smalltown-social-publish.service"
    service.write_text(
        service_text(["/bin/true", "--basedir", ODD_FOLDER, "publish-due"]), encoding="utf-8"
    )
    timer = tmp_path / "smalltown-social-publish.timer"
    timer.write_text(timer_text(), encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(service), str(timer)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    broken = tmp_path / "broken-publish.service"
    broken.write_text(service_text(["relative/program"]), encoding="utf-8")
    refused = subprocess.run(
        ["systemd-analyze", "verify", str(broken)], capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0  # the check can fail


def test_the_systemd_timer_is_written_then_started(tmp_path: Path) -> None:
    run = Recorder()
    timer = SystemdUserTimer(config_home=tmp_path, run=run)
    assert not timer.active()
    timer.enable(["/usr/bin/python3", "-m", "smalltown_social", "publish-due"])
    assert timer.service.read_text(encoding="utf-8").count("ExecStart=") == 1
    assert timer.timer.parent == tmp_path / "systemd" / "user"
    assert run.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "smalltown-social-publish.timer"],
    ]
    assert timer.active()
    timer.disable()
    assert not timer.timer.exists() and not timer.service.exists()
    assert [
        "systemctl",
        "--user",
        "disable",
        "--now",
        "smalltown-social-publish.timer",
    ] in run.calls


def test_without_a_user_manager_enabling_says_so(tmp_path: Path) -> None:
    run = Recorder({"daemon-reload": (1, "", "Failed to connect to bus: No medium found")})
    with pytest.raises(BackgroundPublishingError) as refused:
        SystemdUserTimer(config_home=tmp_path, run=run).enable(["/bin/true", "publish-due"])
    assert "No medium found" in refused.value.text.en
