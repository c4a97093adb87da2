"""The bundle scripts/package builds: it starts, passes its self-test, carries no extras.

scripts/test runs scripts/package first and passes the bundle in STS_BUNDLE, so
CI builds it once; run alone, this test builds it (without baseline or installer).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import app_env

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = ".exe" if sys.platform == "win32" else ""


@pytest.fixture(scope="module")
def bundle() -> Path:
    given = os.environ.get("STS_BUNDLE")
    if given:
        return Path(given).resolve()
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "package"), "--no-baseline", "--no-installer"],
        cwd=ROOT,
        check=True,
        timeout=900,
        capture_output=True,
    )
    return ROOT / "dist" / "smalltown_social"


def self_test(program: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(program), *args, "self-test"],
        capture_output=True,
        text=True,
        env=env or app_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_frozen_app_passes_self_test(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "datos del ayuntamiento (año 2027)"
    out = self_test(bundle / f"smalltown_social_cli{SUFFIX}", "--basedir", str(data))
    assert "íntegra" in out
    assert (data / "self-test.png").read_bytes().startswith(b"\x89PNG")
    assert (bundle / f"smalltown_social{SUFFIX}").exists()


def test_the_bundle_carries_nothing_the_app_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert not (internal / "keyrings").exists()  # never a plaintext keyring
    assert not (internal / "sqlalchemy").exists()  # test extras never leak in
    assert not list(internal.glob("pillow.libs/libavif*"))
    translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()}
    assert "qtbase_es.qm" in translations
    assert all(name.rsplit(".", 1)[0].endswith(("_es", "_en")) for name in translations)
    assert not (internal / "PySide6" / "Qt" / "plugins" / "tls").exists()


def test_portable_keeps_its_data_beside_the_program(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "Memoria USB" / "smalltown_social"
    shutil.copytree(bundle, copy, copy_function=os.link, symlinks=True)
    shutil.copy(ROOT / "packaging" / "portable.txt", copy / "portable.txt")
    env = app_env()
    home = tmp_path / "perfil"
    env.update({"XDG_DATA_HOME": str(home), "LOCALAPPDATA": str(home)})
    self_test(copy / f"smalltown_social_cli{SUFFIX}", env=env)
    assert (copy / "data" / "self-test.png").exists()
    assert (copy / "data" / "smalltown_social.db").exists()
    assert not home.exists()  # nothing went to the user's profile
