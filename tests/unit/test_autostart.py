"""The Linux autostart file: written where desktops look, with a command they can run."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from smalltown_social.autostart import XdgAutostart, desktop_exec, for_this_system, launch_command


def parse_exec(value: str) -> list[str]:
    """Undo the .desktop string escape, then split per the spec's Exec quoting rules.

    Inside double quotes a backslash escapes `"`, `` ` ``, `$` and `\\`; outside,
    arguments are separated by spaces.
    """
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\" and index + 1 < len(text) and text[index + 1] in '"`$\\':
            current.append(text[index + 1])
            index += 2
            continue
        if char == '"':
            quoted = not quoted
            started = True
        elif char == " " and not quoted:
            if started or current:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
        index += 1
    if started or current:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_enable_writes_a_desktop_entry_and_disable_removes_it(tmp_path: Path) -> None:
    autostart = XdgAutostart(config_home=tmp_path)
    assert not autostart.enabled()
    command = launch_command(tmp_path / "Datos del Ayuntamiento")
    autostart.enable(command)
    assert autostart.path == tmp_path / "autostart" / "smalltown-social.desktop"
    assert autostart.enabled()
    entry = read_entry(autostart.path)
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert parse_exec(entry["Exec"]) == command
    assert command[-2:] == ["--basedir", str(tmp_path / "Datos del Ayuntamiento")]
    autostart.disable()
    assert not autostart.enabled()
    autostart.disable()  # twice is fine


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/python3", "-m", "smalltown_social"],
        ["/opt/Mi App/python", "--basedir", '/home/ana/100% datos/$HOME`x`\\y"z'],
    ],
)
def test_exec_quoting_round_trips(command: list[str]) -> None:
    assert parse_exec(desktop_exec(command)) == command


def test_the_written_command_really_starts_the_program(tmp_path: Path) -> None:
    autostart = XdgAutostart(config_home=tmp_path)
    autostart.enable([*launch_command(), "--version"])
    command = parse_exec(read_entry(autostart.path)["Exec"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_xdg_config_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert XdgAutostart().path == tmp_path / "cfg" / "autostart" / "smalltown-social.desktop"
    if sys.platform.startswith("linux"):
        found = for_this_system()
        assert isinstance(found, XdgAutostart)
