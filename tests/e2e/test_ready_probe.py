"""The start-up probe scripts/package times the frozen program with.

With SMALLTOWN_SOCIAL_READY_FILE set, the window writes time.monotonic() once the
composer is painted and quits by itself: the moment lies between the start and
the end of the process, on the clock every process of the machine shares.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from smalltown_social.ui.application import READY_PROBE
from tests.e2e.conftest import app_command, app_env


def test_the_window_says_when_the_composer_is_painted_and_quits(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    env = {**app_env(), READY_PROBE: str(ready)}
    start = time.monotonic()
    done = subprocess.run(
        app_command("--basedir", str(tmp_path / "datos de José"), "--demo"),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    end = time.monotonic()
    assert done.returncode == 0, done.stderr
    painted = float(ready.read_text(encoding="utf-8"))
    assert start < painted < end
