"""`background-publishing on|off|status` as the installer and a clerk's script run it.

The program runs for real in a child process; only `systemctl` (the operating
system, our boundary) is a stand-in on PATH that records what it was asked.
"""

from __future__ import annotations

import os
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


@pytest.mark.skipif(sys.platform != "linux", reason="the systemd user timer")
def test_on_status_off_through_a_systemd_user_timer(system: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "datos del ayuntamiento"
    done = run(system, "--basedir", str(data), "background-publishing", "on")
    assert done.returncode == 0, done.stderr
    assert "activa" in done.stdout
    unit = Path(system["XDG_CONFIG_HOME"]) / "systemd" / "user"
    service = (unit / "smalltown-social-publish.service").read_text(encoding="utf-8")
    assert f'"--basedir" "{data}" "publish-due"' in service
    assert f'"{sys.executable}" "-m" "smalltown_social"' in service
    assert (unit / "smalltown-social-publish.timer").exists()
    log = Path(system["SYSTEMCTL_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[:2] == ["--user daemon-reload", "--user enable --now smalltown-social-publish.timer"]

    status = run(system, "--basedir", str(data), "--lang", "en", "background-publishing", "status")
    assert status.returncode == 0
    assert "on (every 5 minutes)" in status.stdout

    off = run(system, "--basedir", str(data), "background-publishing", "off")
    assert off.returncode == 0
    assert "no activa" in off.stdout
    assert not (unit / "smalltown-social-publish.timer").exists()


def test_the_demo_is_never_scheduled(system: dict[str, str], tmp_path: Path) -> None:
    done = run(system, "--basedir", str(tmp_path / "d"), "--demo", "background-publishing", "on")
    assert done.returncode == 1
    assert "demostración" in done.stderr
    assert not Path(system["SYSTEMCTL_LOG"]).exists()


@pytest.fixture
def _logging_closed() -> Iterator[None]:
    yield
    shutdown_logging()


@pytest.mark.usefixtures("_logging_closed")
def test_publish_due_runs_without_a_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The windowed Windows program the Task Scheduler starts has no console:
    # Python gives it sys.stdout = sys.stderr = None. Nothing may write to them.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--basedir", str(tmp_path / "data"), "publish-due"]) == 0
    with pytest.raises(SystemExit):  # argparse's complaint goes nowhere, quietly
        main(["--basedir", str(tmp_path / "data"), "--bogus"])
