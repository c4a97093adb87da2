"""The None guard: many void Qt calls and calendar repaints no longer abort the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
from smalltown_social.ui.none_refcount import make_none_immortal
app = QApplication([])
if sys.argv[1] == "guarded":
    make_none_immortal()
label = QLabel()
for _ in range(100_000):
    label.setText("a")
print("alive")
"""


def run(mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_guarded_process_survives_many_void_calls() -> None:
    done = run("guarded")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "alive"


def test_the_leak_is_still_there_without_the_guard() -> None:
    """When this fails, PySide6 fixed the leak: drop ui/none_refcount.py."""
    done = run("bare")
    if sys.version_info >= (3, 12):
        assert done.returncode == 0
    else:
        assert done.returncode != 0
        assert "none_dealloc" in done.stderr
