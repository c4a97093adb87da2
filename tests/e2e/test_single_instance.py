"""One running instance per data folder: a second launch only brings the first forward."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.paths import DataPaths
from tests.e2e.conftest import app_command, app_env, run_app

STARTUP_S = 60


def log_text(basedir: Path) -> str:
    log_file = DataPaths(base=basedir).logs / "smalltown_social.log"
    return log_file.read_text(encoding="utf-8") if log_file.exists() else ""


def wait_for_log(basedir: Path, needle: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_S
    while needle not in log_text(basedir):
        assert process.poll() is None, f"the first instance exited early: {log_text(basedir)}"
        assert time.monotonic() < deadline, f"no {needle!r} in the log: {log_text(basedir)}"
        time.sleep(0.1)


@pytest.fixture
def first_instance(basedir: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        app_command("--basedir", str(basedir)),
        env=app_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_log(basedir, "publisher started", process)
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def test_second_launch_brings_the_first_forward_and_exits(
    basedir: Path, first_instance: subprocess.Popen[bytes]
) -> None:
    second = run_app("--basedir", str(basedir))
    assert second.returncode == 0
    assert "ya está abierto" in second.stdout
    wait_for_log(basedir, "window brought forward", first_instance)
    log = log_text(basedir)
    assert log.count("window shown") == 1  # the second one never opened a window
    assert log.count("publisher started") == 1  # nor started a second scheduler
    assert log.count("another instance is running") == 1
    assert first_instance.poll() is None


def test_a_killed_instance_does_not_block_the_next_start(
    basedir: Path, first_instance: subprocess.Popen[bytes]
) -> None:
    first_instance.kill()
    first_instance.wait(timeout=10)
    again = subprocess.Popen(
        app_command("--basedir", str(basedir)),
        env=app_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while log_text(basedir).count("window shown") < 2:
            assert again.poll() is None, log_text(basedir)
            assert time.monotonic() < deadline, log_text(basedir)
            time.sleep(0.1)
    finally:
        again.kill()
        again.wait(timeout=10)
