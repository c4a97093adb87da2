"""Per-monitor high DPI: a 125 % or 150 % Windows monitor is drawn at exactly that scale.

Windows gives each monitor its own factor; Qt 6 sees it as the screen's scale
factor, as `QT_SCREEN_SCALE_FACTORS` gives it here. The app's QApplication
(ui/qt_app.py) sets the PassThrough rounding policy before it exists, so 150 % is
drawn at 1.5 (rounding would draw it at 2: everything a third too big, the
window past the screen) and the pixels are drawn at the monitor's resolution,
not a 100 % picture stretched (blurry). A fresh process each: the policy can only
be set before the QApplication, and a stray earlier choice (Round) must not win.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CHILD = """
import json, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from smalltown_social.ui.qt_app import new_application

app = new_application(["smalltown_social"])
label = QLabel("Publicación programada para el martes")
label.resize(300, 40)
label.show()
app.processEvents()
shot = label.grab()
print(json.dumps({
    "policy": QGuiApplication.highDpiScaleFactorRoundingPolicy().name,
    "ratio": app.devicePixelRatio(),
    "shot": [shot.width(), shot.height(), shot.devicePixelRatio()],
}))
"""


@pytest.mark.parametrize("scale", [1.25, 1.5])
def test_a_scaled_monitor_is_drawn_at_its_own_scale(scale: float) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCREEN_SCALE_FACTORS": str(scale)}
    env["QT_SCALE_FACTOR_ROUNDING_POLICY"] = "Round"  # a stray default: not followed
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["policy"] == "PassThrough"
    assert seen["ratio"] == scale
    assert seen["shot"] == [round(300 * scale), round(40 * scale), scale]  # device pixels
