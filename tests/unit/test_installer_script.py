"""The NSIS installer script: per user, and the same names the app itself uses."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from smalltown_social import autostart, background_publishing
from smalltown_social.cli import build_parser
from smalltown_social.paths import APP_DIR_NAME
from tests.unit.test_app_icon import ico_frames

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "installer.nsi"


def script() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def defined(name: str) -> str:
    found = re.search(rf'^!define {name} "([^"]*)"', script(), re.MULTILINE)
    assert found, name
    return found.group(1)


def test_per_user_without_administrator() -> None:
    text = script()
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in text
    assert "HKLM" not in text and "$PROGRAMFILES" not in text
    assert "SetShellVarContext all" not in text
    assert '!insertmacro MUI_LANGUAGE "Spanish"' in text
    assert '!define MUI_ICON "${ICON}"' in text and '!define MUI_UNICON "${ICON}"' in text


def test_names_shared_with_the_app() -> None:
    assert defined("TASK_PREFIX") == background_publishing.TASK_PREFIX
    assert defined("RUN_KEY") == autostart.RUN_KEY
    assert defined("RUN_VALUE") == autostart.APP_ID
    assert defined("DATA_DIR") == "$LOCALAPPDATA\\" + APP_DIR_NAME
    assert defined("UNINSTALL_KEY").startswith(
        "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"
    )


PROGRAM_RUN = r"ExecWait '\"\$INSTDIR\\\$\{APP\}\.exe\" ([^']+)'"


def test_the_commands_the_installer_runs_exist() -> None:
    install, uninstall = script().split('Section "Uninstall"', 1)
    on, refresh = re.findall(PROGRAM_RUN, install)
    args = build_parser().parse_args(on.split())
    assert args.command == "background-publishing" and args.switch == "on"
    args = build_parser().parse_args(refresh.split())  # an upgrade keeps the clerk's choice
    assert args.command == "background-publishing" and args.switch == "refresh"
    (off,) = re.findall(PROGRAM_RUN, uninstall)
    args = build_parser().parse_args(off.split())
    assert args.command == "background-publishing" and args.switch == "uninstall"


def test_uninstall_removes_the_tasks_and_asks_before_deleting_data() -> None:
    uninstall = script().split('Section "Uninstall"', 1)[1]
    # The program removes its tasks (each data folder has its own name) before its files go.
    assert uninstall.index("background-publishing uninstall") < uninstall.index("RMDir /r")
    assert "schtasks" not in uninstall  # one name for every folder was the old bug
    assert 'DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"' in uninstall
    asked = uninstall.index("MessageBox MB_YESNO")
    assert uninstall.index('RMDir /r "${DATA_DIR}"') > asked
    assert "/SD IDNO IDNO keep_data" in uninstall  # silent uninstalls keep the data


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis (Debian's nsis)")
def test_makensis_builds_it(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "smalltown_social"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "smalltown_social.exe").write_bytes(b"MZ program")
    (bundle / "_internal" / "módulo con espacio.pyc").write_bytes(b"\0")
    setup = tmp_path / "smalltown_social-9.9.9-setup.exe"
    done = subprocess.run(
        [
            "makensis",
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            "-DVERSION=9.9.9",
            f"-DBUNDLE={bundle}",
            f"-DOUTFILE={setup}",
            "-DCOMPRESSOR=zlib",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = setup.read_bytes()
    assert built[:2] == b"MZ"
    # The installer (and its uninstaller) carry the app's icon, every size of it.
    frames = ico_frames((ROOT / "resources" / "icons" / "app.ico").read_bytes())
    assert all(frame in built for frame in frames.values())


def test_nothing_is_replaced_or_removed_while_the_program_runs() -> None:
    """A running .exe cannot be replaced or deleted on Windows: both the install
    and the uninstall first wait for the program to be closed (silently: stop
    with code 2). tests/e2e/test_installer_wine.py runs it under Wine."""
    text = script()
    install, uninstall = text.split('Section "Uninstall"', 1)
    app_section = install.split('Section "smalltown_social" SecApp', 1)[1]
    assert app_section.index("!insertmacro WAIT_UNTIL_CLOSED") < app_section.index("RMDir /r")
    assert uninstall.index("!insertmacro WAIT_UNTIL_CLOSED") < uninstall.index("ExecWait")
    macro = text.split("!macro WAIT_UNTIL_CLOSED", 1)[1].split("!macroend", 1)[0]
    assert "/SD IDCANCEL IDCANCEL" in macro and "SetErrorLevel 2" in macro
