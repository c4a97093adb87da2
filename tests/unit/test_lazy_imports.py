"""Heavy modules are imported where first used, not when the window starts (issue #13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from pathlib import Path
from smalltown_social.app import Runtime, build_services
from smalltown_social.paths import resolve_paths
import smalltown_social.ui.application
import smalltown_social.ui.main_window

services = build_services(Runtime.start(resolve_paths(Path(sys.argv[1]), demo=True)))
services.close()
heavy = ("keyring", "apscheduler", "icalendar", "PIL", "requests")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_starting_imports_no_heavy_module(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == []
