"""`background-publishing on|off|status` as the installer and a clerk's script run it.

The program runs for real in a child process; only `systemctl` (the operating
system, our boundary) is a stand-in on PATH that records what it was asked.
"""

from __future__ import annotations

import faulthandler
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.cli import main
from smalltown_social.logs import shutdown_logging
from tests.e2e.conftest import app_command, app_env

FAKE_SYSTEMCTL = """#!/bin/sh
echo "$*" >> "$SYSTEMCTL_LOG"
exit 0
"""


@pytest.fixture
def system(tmp_path: Path) -> dict[str, str]:
    tools = tmp_path / "bin"
    tools.mkdir()
    systemctl = tools / "systemctl"
    systemctl.write_text(FAKE_SYSTEMCTL, encoding="utf-8")
    systemctl.chmod(0o755)
    env = app_env()
    env["PATH"] = f"{tools}{os.pathsep}{env['PATH']}"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["SYSTEMCTL_LOG"] = str(tmp_path / "systemctl.log")
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        app_command(*args), capture_output=True, text=True, env=env, timeout=60, check=False
    )


def units(system: dict[str, str]) -> Path:
    return Path(system["XDG_CONFIG_HOME"]) / "systemd" / "user"


def services_by_folder(system: dict[str, str]) -> dict[str, str]:
    """Each service file's name by the --basedir its ExecStart publishes."""
    found = {}
    for service in units(system).glob("*.service"):
        words = re.findall(r'"((?:[^"\\]|\\.)*)"', service.read_text(encoding="utf-8"))
        found[words[words.index("--basedir") + 1]] = service.stem
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user timer")
def test_on_status_off_through_a_systemd_user_timer(system: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "datos del ayuntamiento"
    done = run(system, "--basedir", str(data), "background-publishing", "on")
    assert done.returncode == 0, done.stderr
    assert "activa" in done.stdout
    (name,) = services_by_folder(system).values()
    assert name.startswith("smalltown-social-publish-")
    service = (units(system) / f"{name}.service").read_text(encoding="utf-8")
    assert f'"--basedir" "{data}" "publish-due"' in service
    assert f'"{sys.executable}" "-m" "smalltown_social"' in service
    assert (units(system) / f"{name}.timer").exists()
    log = Path(system["SYSTEMCTL_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[:2] == ["--user daemon-reload", f"--user enable --now {name}.timer"]

    status = run(system, "--basedir", str(data), "--lang", "en", "background-publishing", "status")
    assert status.returncode == 0
    assert "on (every 5 minutes)" in status.stdout
    assert f"Scheduled task: {name}" in status.stdout

    off = run(system, "--basedir", str(data), "background-publishing", "off")
    assert off.returncode == 0
    assert "no activa" in off.stdout
    assert not (units(system) / f"{name}.timer").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user timer")
def test_two_data_folders_each_keep_their_own_timer(system: dict[str, str], tmp_path: Path) -> None:
    # Regression: both folders wrote one unit name; the second replaced the first's,
    # and turning it off in one folder turned it off for the other.
    town_a, town_b = tmp_path / "Villar del Río", tmp_path / "Peñíscola de Arriba"
    for town in (town_a, town_b):
        done = run(system, "--basedir", str(town), "background-publishing", "on")
        assert done.returncode == 0, done.stderr
    assert set(services_by_folder(system)) == {str(town_a), str(town_b)}
    assert run(system, "--basedir", str(town_b), "background-publishing", "off").returncode == 0
    assert set(services_by_folder(system)) == {str(town_a)}
    status = run(system, "--basedir", str(town_a), "background-publishing", "status")
    assert "Publicación con la ventana cerrada: activa" in status.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user timer")
def test_refresh_keeps_the_clerks_choice(system: dict[str, str], tmp_path: Path) -> None:
    """The installer's upgrade: a task that is on is registered again, one that is off stays off."""
    town_on, town_off = tmp_path / "encendida", tmp_path / "apagada"
    assert run(system, "--basedir", str(town_on), "background-publishing", "on").returncode == 0
    assert run(system, "--basedir", str(town_off), "background-publishing", "on").returncode == 0
    assert run(system, "--basedir", str(town_off), "background-publishing", "off").returncode == 0
    log = Path(system["SYSTEMCTL_LOG"])
    log.write_text("", encoding="utf-8")

    kept = run(system, "--basedir", str(town_on), "background-publishing", "refresh")
    assert kept.returncode == 0, kept.stderr
    assert "activa" in kept.stdout and "no activa" not in kept.stdout
    (name,) = services_by_folder(system).values()
    assert f"--user enable --now {name}.timer" in log.read_text(encoding="utf-8")

    left = run(system, "--basedir", str(town_off), "background-publishing", "refresh")
    assert left.returncode == 0, left.stderr
    assert "no activa" in left.stdout
    assert set(services_by_folder(system)) == {str(town_on)}


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user timer")
def test_uninstall_removes_this_programs_timers_without_making_a_data_folder(
    system: dict[str, str], tmp_path: Path
) -> None:
    town = tmp_path / "Villar"
    assert run(system, "--basedir", str(town), "background-publishing", "on").returncode == 0
    never = tmp_path / "nunca creada"
    done = run(system, "--basedir", str(never), "background-publishing", "uninstall")
    assert done.returncode == 0, done.stderr
    assert "Quitada: smalltown-social-publish-" in done.stdout
    assert services_by_folder(system) == {}
    assert not never.exists()


def test_publish_due_makes_no_data_folder_where_there_is_none(tmp_path: Path) -> None:
    # A task whose folder was moved away must not start an empty one in its old place.
    gone = tmp_path / "carpeta movida"
    done = run(app_env(), "--basedir", str(gone), "publish-due")
    assert done.returncode == 2
    assert "No hay base de datos" in done.stderr and str(gone) in done.stderr
    assert not gone.exists()


def test_the_demo_is_never_scheduled(system: dict[str, str], tmp_path: Path) -> None:
    done = run(system, "--basedir", str(tmp_path / "d"), "--demo", "background-publishing", "on")
    assert done.returncode == 1
    assert "demostración" in done.stderr
    assert not Path(system["SYSTEMCTL_LOG"]).exists()


@pytest.fixture
def _logging_closed() -> Iterator[None]:
    enabled = faulthandler.is_enabled()
    yield
    shutdown_logging()
    # Without a console the program sends faulthandler to its data folder (crash.py).
    faulthandler.disable()
    if enabled and sys.__stderr__ is not None:
        faulthandler.enable(file=sys.__stderr__)


@pytest.mark.usefixtures("_logging_closed")
def test_publish_due_runs_without_a_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The windowed Windows program the Task Scheduler starts has no console:
    # Python gives it sys.stdout = sys.stderr = None. Nothing may write to them.
    data = str(tmp_path / "data")
    assert main(["--basedir", data, "status"]) == 0  # the database publish-due needs
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--basedir", data, "publish-due"]) == 0
    assert main(["--basedir", str(tmp_path / "none"), "publish-due"]) == 2  # told to nobody
    with pytest.raises(SystemExit):  # argparse's complaint goes nowhere, quietly
        main(["--basedir", str(tmp_path / "data"), "--bogus"])
