"""Publishing with the window closed on Linux: the systemd user timer of each data folder.

`systemctl` is our boundary: a recorder keeps the argument lists; the unit files
are real files in a temporary config folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    LEGACY_UNIT_NAME,
    BackgroundPublishingError,
    publish_command,
)
from smalltown_social.background_publishing_systemd import (
    SystemdUserTimer,
    service_command,
    service_text,
    systemd_exec,
    systemd_split,
    timer_text,
)

ODD_FOLDER = r"C:\Users\María José\OneDrive - Ayto\datos 100% \"buenos\" $HOME"


class Recorder:
    """Stands in for systemctl: records each call, answers as told."""

    def __init__(self, answers: dict[str, tuple[int, str, str]] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.answers = answers or {}

    def __call__(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(args)
        code, out, err = self.answers.get(args[2], (0, "", ""))
        return subprocess.CompletedProcess(args, code, out, err)


def strict_split(line: str) -> list[str]:
    """ExecStart= words per systemd.service(5), refusing anything but quoted words."""
    words = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
    assert " ".join(f'"{w}"' for w in words) == line
    return systemd_split(line)


def test_the_service_line_keeps_every_argument_whole() -> None:
    command = [
        "/home/maría/.venv/bin/python",
        "-m",
        "smalltown_social",
        "--basedir",
        ODD_FOLDER,
        "publish-due",
    ]
    assert strict_split(systemd_exec(command)) == command
    assert service_command(service_text(command, Path("/d"))) == command


def test_the_timer_repeats_every_few_minutes() -> None:
    text = timer_text()
    assert f"OnUnitActiveSec={INTERVAL_MINUTES}min" in text
    assert "WantedBy=timers.target" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_unit_files(tmp_path: Path) -> None:
    timer = SystemdUserTimer(tmp_path / "datos", config_home=tmp_path, run=Recorder())
    timer.enable(["/bin/true", "--basedir", ODD_FOLDER, "publish-due"])
    done = subprocess.run(
        ["systemd-analyze", "verify", str(timer.service), str(timer.timer)],
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


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_a_data_folder_with_accents_spaces_and_percent_signs_is_named_whole(
    tmp_path: Path,
) -> None:
    # The folder is in the unit's Description, where systemd expands %-specifiers:
    # "%h" would show the home folder, and "%z" is refused ("Failed to resolve unit
    # specifiers") and the description dropped.
    data = tmp_path / "José Pérez" / "datos 100% %h %z $HOME"
    timer = SystemdUserTimer(data, config_home=tmp_path, run=Recorder())
    timer.enable(["/bin/true", "--basedir", str(data), "publish-due"])
    done = subprocess.run(
        ["systemd-analyze", "verify", str(timer.service)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "specifier" not in done.stderr, done.stderr
    text = timer.service.read_text(encoding="utf-8")
    assert "datos 100%% %%h %%z $HOME" in text  # systemd shows the folder as it is
    assert service_command(text) == ["/bin/true", "--basedir", str(data), "publish-due"]


def test_the_systemd_timer_is_written_then_started(tmp_path: Path) -> None:
    run = Recorder()
    timer = SystemdUserTimer(tmp_path / "datos", config_home=tmp_path, run=run)
    assert not timer.active()
    timer.enable(["/usr/bin/python3", "-m", "smalltown_social", "publish-due"])
    assert timer.service.read_text(encoding="utf-8").count("ExecStart=") == 1
    assert timer.timer.parent == tmp_path / "systemd" / "user"
    assert timer.timer.name == f"{timer.name}.timer" != f"{LEGACY_UNIT_NAME}.timer"
    assert run.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", timer.timer.name],
    ]
    assert timer.active()
    timer.disable()
    assert not timer.timer.exists() and not timer.service.exists()
    assert ["systemctl", "--user", "disable", "--now", timer.timer.name] in run.calls


def test_two_data_folders_keep_their_own_timer(tmp_path: Path) -> None:
    # Regression: both wrote smalltown-social-publish.service, the second over the first.
    run = Recorder()
    a = SystemdUserTimer(tmp_path / "Villar", config_home=tmp_path, run=run)
    b = SystemdUserTimer(tmp_path / "Peñíscola", config_home=tmp_path, run=run)
    a.enable(publish_command(tmp_path / "Villar", executable="/x/python3", frozen=False))
    b.enable(publish_command(tmp_path / "Peñíscola", executable="/x/python3", frozen=False))
    assert a.service != b.service
    assert "Villar" in a.service.read_text(encoding="utf-8")
    assert "Peñíscola" in b.service.read_text(encoding="utf-8")
    b.disable()
    assert a.service.exists() and a.timer.exists() and a.active()


def write_legacy(units: Path, command: list[str]) -> None:
    units.mkdir(parents=True, exist_ok=True)
    (units / f"{LEGACY_UNIT_NAME}.service").write_text(service_text(command), encoding="utf-8")
    (units / f"{LEGACY_UNIT_NAME}.timer").write_text(timer_text(), encoding="utf-8")


def test_registering_replaces_the_old_named_timer_of_this_folder_only(tmp_path: Path) -> None:
    run = Recorder()
    here, other = tmp_path / "este", tmp_path / "otro"
    timer = SystemdUserTimer(here, config_home=tmp_path, run=run)
    write_legacy(timer.units, publish_command(other, executable="/x/py", frozen=False))
    timer.enable(publish_command(here, executable="/x/py", frozen=False))
    assert (timer.units / f"{LEGACY_UNIT_NAME}.service").exists()  # another folder's
    timer.disable()
    write_legacy(timer.units, publish_command(here, executable="/x/py", frozen=False))
    assert timer.active()  # the old timer does publish this folder
    timer.enable(publish_command(here, executable="/x/py", frozen=False))
    assert not (timer.units / f"{LEGACY_UNIT_NAME}.service").exists()
    assert not (timer.units / f"{LEGACY_UNIT_NAME}.timer").exists()
    assert ["systemctl", "--user", "disable", "--now", f"{LEGACY_UNIT_NAME}.timer"] in run.calls


def test_remove_program_takes_the_timers_that_start_it(tmp_path: Path) -> None:
    run = Recorder()
    mine, other = tmp_path / "app" / "smalltown_social", tmp_path / "usb" / "smalltown_social"
    a = SystemdUserTimer(tmp_path / "a", config_home=tmp_path, run=run)
    b = SystemdUserTimer(tmp_path / "b", config_home=tmp_path, run=run)
    a.enable([str(mine), "--basedir", str(tmp_path / "a"), "publish-due"])
    b.enable([str(other), "publish-due"])
    assert a.remove_program(str(mine)) == [a.name]
    assert not a.service.exists() and b.service.exists()


def test_without_a_user_manager_enabling_says_so(tmp_path: Path) -> None:
    run = Recorder({"daemon-reload": (1, "", "Failed to connect to bus: No medium found")})
    with pytest.raises(BackgroundPublishingError) as refused:
        SystemdUserTimer(tmp_path, config_home=tmp_path, run=run).enable(
            ["/bin/true", "publish-due"]
        )
    assert "No medium found" in refused.value.text.en
