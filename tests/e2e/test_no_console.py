"""The windowed Windows program has no console: sys.stdout and sys.stderr are None.

PyInstaller's windowed bootloader (and pythonw.exe) start Python without standard
streams, so `sys.stdout` and `sys.stderr` are None; `smalltown_social.exe` is that
program, and the Task Scheduler starts it for `publish-due`. A child process here
does the same (its file descriptors 1 and 2 point at /dev/null, so what C code such
as Qt writes there goes nowhere, as on Windows) and runs the real entry point
through help, version, a wrong argument, the self-test (Qt draws the window), a
refusal told on stderr, a warning logged before logging is set up, a Python warning
and a bug that becomes a crash report. Nothing may raise; each ends with its code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import app_env

CHILD = r"""
import json, logging, os, sys, warnings

devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 1)
os.dup2(devnull, 2)
sys.stdout = None
sys.stderr = None

from smalltown_social import cli
from smalltown_social.commands import maintenance
from smalltown_social.logs import shutdown_logging

report, data = sys.argv[1], sys.argv[2]
results = {}


def attempt(name, argv):
    try:
        results[name] = cli.main(argv)
    except SystemExit as stop:
        results[name] = f"exit {stop.code}"
    except BaseException as error:  # what a windowed program would die of
        results[name] = f"raised {type(error).__name__}: {error}"
    finally:
        shutdown_logging()


logging.getLogger("early").warning("before logging is set up (logging's last resort)")
warnings.warn("a Python warning with no stderr", stacklevel=1)
attempt("help", ["--help"])
attempt("version", ["--version"])
attempt("wrong argument", ["--bogus"])
attempt("wrong command argument", ["--basedir", data, "backup"])
attempt("self-test", ["--basedir", data, "self-test"])
attempt("status", ["--basedir", data, "status"])
attempt("refused", ["--basedir", data, "backup", os.path.join(data, "smalltown_social.db")])
attempt("empty basedir", ["--basedir", " ", "status"])


def broken(runtime):
    raise RuntimeError("a bug in a windowed program")


maintenance.self_test = broken
attempt("crash", ["--basedir", data, "self-test"])
with open(report, "w", encoding="utf-8") as out:
    json.dump(results, out)
"""


def test_the_entry_point_runs_with_no_standard_streams(tmp_path: Path) -> None:
    report, data = tmp_path / "report.json", tmp_path / "datos de José Pérez"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(report), str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(),
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr == ""  # nothing reached the descriptors either
    results = json.loads(report.read_text(encoding="utf-8"))
    assert results == {
        "help": "exit 0",
        "version": "exit 0",
        "wrong argument": "exit 2",
        "wrong command argument": "exit 2",
        "self-test": 0,
        "status": 0,
        "refused": 1,
        "empty basedir": 2,
        "crash": 1,
    }
    assert (data / "self-test.png").stat().st_size > 0
    reports = list((data / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "a bug in a windowed program" in reports[0].read_text(encoding="utf-8")


HARD_CRASH = r"""
import faulthandler, os, sys

devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 1)
os.dup2(devnull, 2)
sys.stdout = None
sys.stderr = None

from smalltown_social import cli
from smalltown_social.commands import maintenance


def crash_in_a_library(runtime):
    faulthandler._sigsegv()  # what a crash inside Qt looks like to Python


maintenance.self_test = crash_in_a_library
cli.main(["--basedir", sys.argv[1], "self-test"])
"""


def test_a_hard_crash_without_a_console_leaves_its_stacks_in_a_file(tmp_path: Path) -> None:
    data = tmp_path / "datos de José Pérez"
    done = subprocess.run(
        [sys.executable, "-c", HARD_CRASH, str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(),
        check=False,
    )
    assert done.returncode < 0  # killed by the signal, as a Qt crash would be
    written = (data / "crash-reports" / "fatal-errors.txt").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in written
    assert "crash_in_a_library" in written  # the Python stack that led there
