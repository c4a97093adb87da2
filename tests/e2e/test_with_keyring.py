"""scripts/with-keyring says nothing of its own: the bus daemon's harmless fd-limit line
(printed on every run as root) is filtered, the command's own errors and exit code pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs D-Bus")
def test_only_the_commands_own_errors_reach_standard_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    # Into a file, not a pipe: the keyring daemon may outlive the command a moment.
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        done = subprocess.run(
            [str(ROOT / "scripts" / "with-keyring"), "sh", "-c",
             "echo 'su propio aviso' >&2; exit 3"],
            stdout=subprocess.DEVNULL, stderr=stderr, env=env, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 3
    deadline = time.monotonic() + 5  # the filter writes on its own, a moment later
    while not errors.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.05)
    said = errors.read_text()
    assert said.strip() == "su propio aviso", said
    assert "fd limit" not in said and "dbus-daemon" not in said
