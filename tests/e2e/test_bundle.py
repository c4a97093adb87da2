"""The PyInstaller bundle from build.spec starts and passes its own self-test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import app_env

ROOT = Path(__file__).resolve().parents[2]


def test_frozen_app_passes_self_test(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        check=True,
        timeout=900,
        capture_output=True,
    )
    folder = tmp_path / "dist" / "smalltown_social"
    assert (folder / "smalltown_social").exists()
    done = subprocess.run(
        [str(folder / "smalltown_social_cli"), "--basedir", str(tmp_path / "data"), "self-test"],
        capture_output=True,
        text=True,
        env=app_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "íntegra" in done.stdout
    assert (tmp_path / "data" / "self-test.png").read_bytes().startswith(b"\x89PNG")
    assert not (folder / "_internal" / "keyrings").exists()  # never a plaintext keyring
