"""Screenshots of every page of the demo town, as a clerk's common laptops show them.

    .venv/bin/python scripts/screenshots.py [OUT_DIR] [--dark] [--lang es] [--screen NAME]

(OUT_DIR defaults to docs/screenshots.) For each language (es, en) and screen —
1280x720 at 100 %, 1366x768 at 125 % (Windows' default on such laptops) and
1920x1080 at 150 % — a fresh process draws the main window offscreen at the room
the screen leaves (less a 48 px taskbar) and saves one PNG per page:
`<lang>-<screen>-<n>-<page>.png`, then the calendar's week and agenda
(`2b-`, `2c-`), the add-account wizard's first page and Mastodon's steps
(`5b-`, `5c-`) and, on an empty data folder, the first run's welcome
(`0-first-run`). `--dark` draws them in the dark palette
Windows 11's dark mode gives Qt (`dark-<lang>-<screen>-<n>-<page>.png`).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from smalltown_social.app import Runtime, build_services
from smalltown_social.core.accounts import Network
from smalltown_social.core.i18n import parse_language
from smalltown_social.paths import DataPaths
from smalltown_social.ui.accounts.wizard import AddAccountDialog
from smalltown_social.ui.calendar.page import AGENDA, WEEK
from smalltown_social.ui.icons import app_icon
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.offscreen import ensure_application
from smalltown_social.ui.palettes import dark_fusion_palette
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators

TASKBAR = 48
SCREENS = {
    "1280x720": (1280, 720, 1.0),
    "1366x768-125": (1366, 768, 1.25),
    "1920x1080-150": (1920, 1080, 1.5),
}
ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--lang", choices=["es", "en"], action="append")
    parser.add_argument("--screen", choices=list(SCREENS), action="append")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # the child: LANG SCREEN
    args = parser.parse_args()
    if args.one:
        return draw(args.out, *args.one, dark=args.dark)
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.lang or ("es", "en"):
        for screen in args.screen or list(SCREENS):
            scale = SCREENS[screen][2]
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
            command = [sys.executable, __file__, str(args.out), "--one", language, screen]
            subprocess.run([*command, *(["--dark"] if args.dark else [])], env=env, check=True)
    return 0


def settle(app: QApplication, tasks: TaskRunner) -> None:
    for _ in range(3):  # results delivered, then the layouts they request
        tasks.wait()
        app.processEvents()


def draw(out: Path, language: str, screen: str, *, dark: bool = False) -> int:
    width, height, scale = SCREENS[screen]
    size = (round(width / scale), round((height - TASKBAR) / scale))
    app = ensure_application(dark_fusion_palette() if dark else None)
    prefix = "dark-" if dark else ""

    def save(widget: QWidget, name: str) -> None:
        widget.grab().save(str(out / f"{prefix}{language}-{screen}-{name}.png"))

    translators = install_translators(app, parse_language(language))
    with tempfile.TemporaryDirectory() as folder:
        runtime = Runtime.start(DataPaths(Path(folder), demo=True), parse_language(language))
        services = build_services(runtime)
        tasks = TaskRunner()
        window = MainWindow(services, tasks, app_icon())
        window.resize(*size)
        window.show()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            settle(app, tasks)
            title = window.navigation.item(row).text()
            slug = re.sub(r"\W+", "-", title.split(" (")[0].lower()).strip("-")
            save(window, f"{row + 1}-{slug}")
        window.navigation.setCurrentRow(1)
        for view, name in ((WEEK, "2b-calendar-week"), (AGENDA, "2c-calendar-agenda")):
            window.calendar_page.set_view(view)
            settle(app, tasks)
            save(window, name)
        wizard = AddAccountDialog(services.account_services, tasks, window)
        wizard.show()
        settle(app, tasks)
        save(wizard, "5b-accounts-wizard")
        for n in range(wizard.networks.count()):
            if wizard.networks.item(n).data(0x0100) == Network.MASTODON.value:
                wizard.networks.setCurrentRow(n)
        wizard.next_button.click()
        settle(app, tasks)
        save(wizard, "5c-accounts-wizard-mastodon")
        wizard.reject()
        window.quitting = True
        window.close()
        tasks.wait()
        services.close()
    first_run(app, language, size, save)
    del translators
    return 0


def first_run(
    app: QApplication, language: str, size: tuple[int, int], save: Callable[[QWidget, str], None]
) -> None:
    """The window on an empty data folder: no account yet, the welcome shows."""
    with tempfile.TemporaryDirectory() as folder:
        runtime = Runtime.start(DataPaths(Path(folder)), parse_language(language))
        services = build_services(runtime)
        tasks = TaskRunner()
        window = MainWindow(services, tasks, app_icon())
        window.resize(*size)
        window.show()
        settle(app, tasks)
        save(window, "0-first-run")
        window.quitting = True
        window.close()
        tasks.wait()
        services.close()


if __name__ == "__main__":
    sys.exit(main())
