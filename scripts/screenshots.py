"""Screenshots of every page of the demo town, as a clerk's two common laptops show them.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots)

For each language (es, en) and screen — 1280x720 at 100 % and 1366x768 at
125 % (Windows' default on such laptops) — a fresh process draws the main
window offscreen at the room the screen leaves (less a 48 px taskbar) and
saves one PNG per page: `<lang>-<screen>-<n>-<page>.png`.
"""

from __future__ import annotations

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
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators

TASKBAR = 48
SCREENS = {"1280x720": (1280, 720, 1.0), "1366x768-125": (1366, 768, 1.25)}
ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    if len(sys.argv) > 2 and sys.argv[2] == "--one":  # the child: one language, one screen
        return draw(out, sys.argv[3], sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    for language in ("es", "en"):
        for screen, (_w, _h, scale) in SCREENS.items():
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
            command = [sys.executable, __file__, str(out), "--one", language, screen]
            subprocess.run(command, env=env, check=True)
    return 0


def draw(out: Path, language: str, screen: str) -> int:
    width, height, scale = SCREENS[screen]
    app = ensure_application()
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
            window.grab().save(str(out / f"{language}-{screen}-{row + 1}-{slug}.png"))
        window.quitting = True
        window.close()
        tasks.wait()
        services.close()
        del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
