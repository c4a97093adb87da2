"""Screenshots of the composer with a realistic draft, for a human to look at.

Written to build/screenshots/: Spanish and English, and both again at 150 %
(QT_SCALE_FACTOR is read at start-up, so those run in a child process).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("language", "scale"), [("es", "1"), ("en", "1"), ("es", "1.5"), ("en", "1.5")]
)
def test_screenshots(tmp_path: Path, screenshots: Path, language: str, scale: str) -> None:
    suffix = "" if scale == "1" else "_150"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.composer.shots",
            str(tmp_path / "data"),
            str(screenshots),
            language,
            suffix,
        ],
        check=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert (screenshots / f"composer_{language}{suffix}.png").stat().st_size > 20_000
