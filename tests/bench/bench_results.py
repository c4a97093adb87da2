"""Resultados: open the page and build the council's report on 10,000 posts × 4 snapshots.

    python tests/bench/bench_results.py

In-process, offscreen. The baseline is the same work on an empty database,
measured in the same run; figures are printed, never asserted. Measured:
opening the page until the month's figures are shown (worker thread included),
the month's report data alone (SQL), the PDF and the CSV of that month.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5
POSTS = 10_000
END = datetime(2026, 11, 28, 12, tzinfo=UTC)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from smalltown_social.app import Runtime, Services, build_services
    from smalltown_social.paths import DataPaths
    from smalltown_social.publishing.results_report import build_month_report, report_csv
    from smalltown_social.ui.results.page import ResultsPage
    from smalltown_social.ui.results.report_pdf import write_report_pdf
    from smalltown_social.ui.style import style_sheet
    from smalltown_social.ui.tasks import TaskRunner
    from tests.results_data import fill_results

    app = QApplication(["bench"])
    app.setStyleSheet(style_sheet(app.palette()))

    def open_page(services: Services) -> float:
        tasks = TaskRunner()
        start = time.perf_counter()
        page = ResultsPage(
            services.results_query(), services.settings, "es", tasks, today=lambda: END
        )
        page.resize(1280, 720)
        page.show()
        while page.report is None:
            app.processEvents()
        app.processEvents()  # the first paint with the figures
        elapsed = time.perf_counter() - start
        page.close()
        tasks.wait()
        page.deleteLater()
        app.processEvents()
        return elapsed

    def report(services: Services, out: Path) -> tuple[float, float, float]:
        t0 = time.perf_counter()
        data = build_month_report(services.results_query(), "2026-11", "Europe/Madrid")
        t1 = time.perf_counter()
        write_report_pdf(data, out / "r.pdf")
        t2 = time.perf_counter()
        (out / "r.csv").write_bytes(report_csv(data))
        t3 = time.perf_counter()
        return t1 - t0, t2 - t1, t3 - t2

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        empty = build_services(Runtime.start(DataPaths(base=root / "empty")))
        large = build_services(Runtime.start(DataPaths(base=root / "large")))
        t0 = time.perf_counter()
        # Networks that give counts, so every post has its four snapshots.
        fill_results(large.database, POSTS, END, networks=("mastodon", "bluesky", "facebook"))
        filled = time.perf_counter() - t0
        snapshots = large.database.scalar("SELECT count(*) FROM metric_snapshots")
        open_page(empty)  # warm-up: imports, fonts
        base_open = [open_page(empty) for _ in range(RUNS)]
        big_open = [open_page(large) for _ in range(RUNS)]
        base_report = [report(empty, root) for _ in range(RUNS)]
        big_report = [report(large, root) for _ in range(RUNS)]
        month_rows = len(build_month_report(large.results_query(), "2026-11", "Europe/Madrid").rows)
        pdf_size = (root / "r.pdf").stat().st_size
        empty.close()
        large.close()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:8.1f} ms"

    base = statistics.median(base_open)
    big = statistics.median(big_open)
    print(
        f"Resultados, {POSTS:,} posts × 4 snapshots ({snapshots:,} rows; filled in {filled:.1f} s)"
    )
    print(f"median of {RUNS}, offscreen, in-process; the month shown has {month_rows} posts")
    print(f"  open the page: empty database     {ms(base_open)}")
    print(f"  open the page: {POSTS:,} posts       {ms(big_open)}   ({big / base:.2f}× baseline)")
    for index, name in enumerate(("report data (SQL)", "PDF", "CSV")):
        empty_part = [r[index] for r in base_report]
        big_part = [r[index] for r in big_report]
        ratio = statistics.median(big_part) / max(statistics.median(empty_part), 1e-9)
        print(f"  {name:<18} empty {ms(empty_part)}   large {ms(big_part)}   ({ratio:.2f}×)")
    print(f"  PDF size: {pdf_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
