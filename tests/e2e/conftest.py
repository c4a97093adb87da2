"""Run the real program in child processes, as a clerk or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def app_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "smalltown_social", *args]


def run_app(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        app_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=app_env(),
        check=False,
    )


@pytest.fixture
def basedir(tmp_path: Path) -> Path:
    return tmp_path / "data"
