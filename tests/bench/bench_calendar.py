"""Calendar month view: open to first painted month with data, large DB vs an empty one.

    python tests/bench/bench_calendar.py

In-process, offscreen: builds the page, waits until the month's entries are
loaded (background thread) and painted once. The baseline is the same page on
an empty database, measured in the same run. Also the month query alone.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 7


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths
    from smalltown_social.storage.calendar_repo import CalendarRepository
    from smalltown_social.ui.calendar.page import CalendarPage
    from smalltown_social.ui.calendar.periods import month_grid, today_in
    from smalltown_social.ui.style import style_sheet
    from smalltown_social.ui.tasks import TaskRunner
    from smalltown_social.ui.translations import install_translators
    from tests.bench.run import prepare_large

    app = QApplication(["bench"])
    app.setStyleSheet(style_sheet(app.palette()))
    keep = install_translators(app, "es")

    def open_month(base: Path, demo: bool) -> tuple[float, int]:
        services = build_services(Runtime.start(resolve_paths(base, demo=demo)))
        tasks = TaskRunner()
        painted: list[float] = []

        class Spy(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and watched is page.month and page.entries:
                    painted.append(time.perf_counter())
                return False

        start = time.perf_counter()
        page = CalendarPage(
            services.calendar,
            services.settings,
            services.runtime.language,
            resolve=services.resolve_target,
            tasks=tasks,
        )
        spy = Spy()
        page.month.installEventFilter(spy)
        page.resize(1180, 760)
        page.show()
        empty_db = services.posts.count() == 0
        while not painted:
            app.processEvents()
            if empty_db and page.loaded_generation == page._generation:
                app.processEvents()
                painted.append(time.perf_counter())
        elapsed = painted[0] - start
        shown = len(page.month.hits)
        page.close()
        tasks.wait()
        page.deleteLater()
        app.processEvents()
        services.close()
        return elapsed, shown

    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large"
        prepare_large(large)
        empty = Path(tmp) / "empty"
        open_month(empty, False)  # warm-up: imports, fonts
        base_times = [open_month(empty, False)[0] for _ in range(RUNS)]
        large_runs = [open_month(large, True) for _ in range(RUNS)]
        services = build_services(Runtime.start(resolve_paths(large, demo=True)))
        repo = CalendarRepository(services.database)
        from datetime import UTC, datetime

        period = month_grid(today_in("Europe/Madrid", datetime.now(UTC)))
        start_utc, end_utc = period.bounds_utc("Europe/Madrid")
        query_times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            entries = repo.entries(start_utc, end_utc)
            query_times.append(time.perf_counter() - t0)
        services.close()
    base = statistics.median(base_times)
    big = statistics.median(t for t, _ in large_runs)
    print(f"Calendar month view, open to first paint (median of {RUNS}, offscreen, in-process):")
    print(f"  baseline: empty database          {base * 1000:7.1f} ms")
    print(
        f"  1,000 posts / 100k inbox items    {big * 1000:7.1f} ms   ({big / base:.2f}× baseline;"
        f" {large_runs[0][1]} chips painted)"
    )
    print(
        f"  month query alone: {len(entries)} entries in "
        f"{statistics.median(query_times) * 1000:.1f} ms"
    )
    del keep


if __name__ == "__main__":
    main()
