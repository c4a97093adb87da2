"""Screenshots of every page of the demo town, as a clerk's common laptops show them.

    .venv/bin/python scripts/screenshots.py [OUT_DIR] [--dark] [--lang es] [--screen NAME]

(OUT_DIR defaults to docs/screenshots.) For each language (es, en) and screen —
1280x720 at 100 %, 1366x768 at 125 % (Windows' default on such laptops) and
1920x1080 at 150 % — a fresh process draws the main window offscreen at the room
the screen leaves (less a 48 px taskbar) and saves one PNG per page:
`<lang>-<screen>-<n>-<page>.png`. `--dark` draws them in the dark palette
Windows 11's dark mode gives Qt (`dark-<lang>-<screen>-<n>-<page>.png`).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from smalltown_social.app import Runtime, build_services
from smalltown_social.core.i18n import parse_language
from smalltown_social.paths import DataPaths
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


def draw(out: Path, language: str, screen: str, *, dark: bool = False) -> int:
    width, height, scale = SCREENS[screen]
    app = ensure_application(dark_fusion_palette() if dark else None)
    prefix = "dark-" if dark else ""
    with tempfile.TemporaryDirectory() as folder:
        runtime = Runtime.start(DataPaths(Path(folder), demo=True), parse_language(language))
        services = build_services(runtime)
        translators = install_translators(app, runtime.language)
        tasks = TaskRunner()
        window = MainWindow(services, tasks, app_icon())
        window.resize(round(width / scale), round((height - TASKBAR) / scale))
        window.show()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            for _ in range(3):  # results delivered, then the layouts they request
                tasks.wait()
                app.processEvents()
            title = window.navigation.item(row).text()
            slug = re.sub(r"\W+", "-", title.split(" (")[0].lower()).strip("-")
            window.grab().save(str(out / f"{prefix}{language}-{screen}-{row + 1}-{slug}.png"))
        window.quitting = True
        window.close()
        tasks.wait()
        services.close()
        del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
