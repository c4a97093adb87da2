"""Heavy modules are imported where first used, not when the window starts (issue #13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def probe(code: str, tmp_path: Path, *args: str, offscreen: bool = True) -> str:
    """Run `code` in a fresh interpreter (the repository importable) and return its output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    child = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    return child.stdout


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
    assert probe(PROBE, tmp_path, str(tmp_path / "data")).split() == []


WINDOW_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from smalltown_social.cli import main

run_loop = QApplication.exec
seen = {}

def watched_exec(*args):
    seen["shown"] = set(sys.modules)  # the window is shown, its first frame not yet painted
    QTimer.singleShot(1_500, QApplication.quit)  # the composer and the background start meanwhile
    return run_loop()

QApplication.exec = watched_exec
code = main(["--basedir", sys.argv[1], "--demo"])
for moment, modules in (("shown", seen["shown"]), ("later", set(sys.modules))):
    commands = sorted(name for name in modules if name.startswith("smalltown_social.commands"))
    heavy = sorted(name for name in ("keyring", "icalendar", "PIL", "requests", "apscheduler",
                                     "dateutil") if name in modules)
    deferred = sorted(name for name in DEFERRED if name in modules)
    print(moment, code, ",".join(commands) or "-", ",".join(heavy) or "-",
          ",".join(deferred) or "-")
"""

# What only runs once the background starts (after the first frame), or never in the window;
# and what comes only once the shell is painted: the composition root, the storage behind
# it, the guidance, the composer's page (issue #13).
DEFERRED = (
    "smalltown_social.app",
    "smalltown_social.storage.posts_repo",
    "smalltown_social.core.guidance",
    "smalltown_social.ui.composer.page",
    "smalltown_social.publishing.scheduler",
    "smalltown_social.publishing.outbox",
    "smalltown_social.publishing.inbox_sync",
    "smalltown_social.publishing.results_sync",
    "smalltown_social.publishing.credentials_check",
    "smalltown_social.networks.connect",
    "smalltown_social.storage.results_query",
)


def test_opening_the_window_imports_no_command(tmp_path: Path) -> None:
    """`smalltown-social` with no command opens the window without importing a command's
    module; before its first frame nothing heavy either, nor the composition root, nor
    publishing, syncing or connecting (they come after it).
    """
    code = f"DEFERRED = {DEFERRED!r}\n{WINDOW_PROBE}"
    output = probe(code, tmp_path, str(tmp_path / "data"))
    shown, later = (line.split() for line in output.splitlines())
    assert shown == ["shown", "0", "-", "-", "-"]
    assert later[:3] == ["later", "0", "-"]
    assert later[3].split(",")[0] == "apscheduler"  # the publisher started: the window did run
    assert "smalltown_social.publishing.scheduler" in later[4].split(",")
    assert "smalltown_social.app" in later[4].split(",")


PATTERNS_PROBE = """
import sys
import smalltown_social.core.guidance
import smalltown_social.publishing.compose
from smalltown_social.core.guidance.textutil import LazyPattern

compiled = sorted(
    f"{name}.{attr}"
    for name, module in list(sys.modules.items())
    if name.startswith("smalltown_social.core.guidance")
    for attr, value in vars(module).items()
    if isinstance(value, LazyPattern) and value._compiled is not None
)
print(" ".join(compiled) or "-")
"""


def test_importing_the_guidance_compiles_no_pattern(tmp_path: Path) -> None:
    """A pattern built from another one reads its source (`.pattern`) without compiling it."""
    assert probe(PATTERNS_PROBE, tmp_path, offscreen=False).split() == ["-"]


REGEX_PROBE = """
import sys
import smalltown_social.app
import smalltown_social.ui.application
import smalltown_social.ui.main_window
import smalltown_social.core.guidance
import smalltown_social.core.override
import smalltown_social.core.settings
import smalltown_social.publishing.compose
import smalltown_social.ui.composer.page
before = "regex" in sys.modules
from smalltown_social.core.guidance import count_graphemes
count_graphemes("hola")  # the first pattern used imports it
print(before, "regex" in sys.modules)
"""


def test_the_regex_module_comes_with_the_first_pattern_used(tmp_path: Path) -> None:
    """The window's and the composer's modules do not import `regex` (~6 ms): the first
    guidance pass does, after the editor's paint (issue #13). (Filling a new demo
    database does, through the demo results: once, on the first demo start.)"""
    assert probe(REGEX_PROBE, tmp_path).split() == ["False", "True"]


def test_the_case_flag_named_without_regex_is_regexs() -> None:
    import regex

    from smalltown_social.core.guidance import textutil

    assert textutil.IGNORECASE == regex.IGNORECASE
    assert textutil.URL.match("HTTPS://SEDE.PUEBLO.ES/tramites") is not None


LANGUAGE_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from smalltown_social.app import Runtime, build_services
from smalltown_social.core.settings import LANGUAGE
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import resolve_paths
from smalltown_social.ui.main_window import MainWindow

services = build_services(Runtime.start(resolve_paths(sys.argv[1], demo=True)))
services.settings.set(LANGUAGE, "en")
services.close()
shutdown_logging()
said = []
show = MainWindow.show

def watched_show(window):
    def first_frame():
        said.append(window.navigation.item(0).text())
        QApplication.quit()

    window.first_frame.connect(first_frame)
    show(window)

MainWindow.show = watched_show
from smalltown_social.cli import main

print(main(["--basedir", sys.argv[1], "--demo"]), *said)
"""


def test_the_shell_speaks_the_language_chosen_in_ajustes(tmp_path: Path) -> None:
    """Read with one query before the services exist: the first frame is in English.
    (A child process: it sets the language through the repository first.)"""
    assert probe(LANGUAGE_PROBE, tmp_path, str(tmp_path / "data")).split() == ["0", "Compose"]
