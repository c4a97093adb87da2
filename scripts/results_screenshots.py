"""Screenshots of Resultados and of the council's report, on the demo town's data.

    .venv/bin/python scripts/results_screenshots.py [OUT_DIR]   (default docs/screenshots)

Writes `results-page-es.png` and `results-page-en.png` (the main window on the
Resultados page at 1280x720, the last whole month: early in a month the demo
has posted little) and `report-page-N-es.png`, each page of that month's PDF
rendered by pdftoppm (poppler-utils). Each language is drawn in a fresh
process, offscreen, so that its translators are the only ones installed.
"""

from __future__ import annotations

import os
import shutil
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
from smalltown_social.ui.results.report_pdf import write_report_pdf
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.translations import install_translators

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 720)
REPORT_DPI = 80


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    if len(sys.argv) > 2 and sys.argv[2] == "--one":  # the child: one language
        return draw(out, sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    for language in ("es", "en"):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([sys.executable, __file__, str(out), "--one", language], env=env, check=True)
    return 0


def draw(out: Path, language: str) -> int:
    app = ensure_application()
    with tempfile.TemporaryDirectory() as folder:
        runtime = Runtime.start(DataPaths(Path(folder), demo=True), parse_language(language))
        services = build_services(runtime)
        translators = install_translators(app, runtime.language)
        tasks = TaskRunner()
        window = MainWindow(services, tasks, app_icon())
        window.resize(*SIZE)
        window.show()
        page = window.results_page
        row = next(r for r in range(window.pages.count()) if window.pages.widget(r) is page)
        window.navigation.setCurrentRow(row)
        settle(app, tasks)
        page.report = None
        page.previous_button.click()  # the last whole month
        while page.report is None:
            settle(app, tasks)
        settle(app, tasks)
        window.grab().save(str(out / f"results-page-{language}.png"))
        if language == "es":
            render_report(page.report, out)
        window.quitting = True
        window.close()
        tasks.wait()
        services.close()
        del translators
    return 0


def settle(app: object, tasks: TaskRunner) -> None:
    for _ in range(3):  # results delivered, then the layouts they request
        tasks.wait()
        app.processEvents()  # type: ignore[attr-defined]


def render_report(report: object, out: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm not found: apt-get install poppler-utils")
    for old in out.glob("report-page-*-es.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "informe.pdf"
        write_report_pdf(report, pdf, "es")  # type: ignore[arg-type]
        prefix = Path(folder) / "page"
        subprocess.run([pdftoppm, "-r", str(REPORT_DPI), "-png", str(pdf), str(prefix)], check=True)
        for number, png in enumerate(sorted(Path(folder).glob("page-*.png")), start=1):
            shutil.copyfile(png, out / f"report-page-{number}-es.png")


if __name__ == "__main__":
    sys.exit(main())
