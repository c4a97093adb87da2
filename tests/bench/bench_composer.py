"""Keystroke → findings latency in the composer, next to a bare editor's keystroke.

Run: python tests/bench/bench_composer.py   (or: python tests/bench/run.py composer)

Baseline: one character typed into a bare QPlainTextEdit holding the same
2,000-character draft (insert + event processing). Composer: one character
typed into the real page, then the guidance pass the debounce timer runs
(analyze, underlines, findings list, counters, template ticks). The timer's
own delay (GUIDANCE_DELAY_MS) comes on top and is printed separately. For a
100,000-character paste only the GUI-thread part is timed: analysis runs in
the background there.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from smalltown_social.core.accounts import Network
from smalltown_social.core.guidance import analyze
from tests.bench.bench_guidance import NETWORKS, _draft

REPEAT = 40


def _median_ms(function: Callable[[], object], repeat: int = REPEAT) -> float:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _type_one(editor: QPlainTextEdit, app: QApplication) -> None:
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("a")
    editor.setTextCursor(cursor)
    app.processEvents()


def main() -> None:
    from smalltown_social.ui.composer.page import GUIDANCE_DELAY_MS, ComposerPage
    from smalltown_social.ui.tasks import TaskRunner
    from tests.ui.conftest import make_services

    app = QApplication([])
    draft = _draft(2000)
    bare = QPlainTextEdit()
    bare.setPlainText(draft)
    bare.show()
    base = _median_ms(lambda: _type_one(bare, app))

    with tempfile.TemporaryDirectory() as tmp:
        services = make_services(Path(tmp) / "data")
        for network in (Network.BLUESKY, Network.MASTODON, Network.TELEGRAM, Network.X):
            services.accounts.add(network, f"Cuenta {network.value}")
        tasks = TaskRunner()
        page = ComposerPage(services.composer_services, tasks)
        page.resize(960, 720)
        page.show()
        page.schedule.choose({a.id for a in services.accounts.all()})
        page.editor.setPlainText(draft)
        page.run_guidance()

        def keystroke() -> None:
            _type_one(page.editor, app)
            page.guidance_timer.stop()
            page.autosave_timer.stop()
            page.run_guidance()

        composer = _median_ms(keystroke)
        texts = iter([f"{draft[:-3]} {n:02d}" for n in range(REPEAT + 5)])  # new text each run
        engine = _median_ms(lambda: analyze(next(texts), networks=NETWORKS))
        page.editor.setPlainText(_draft(2000) * 50)
        app.processEvents()

        def huge_keystroke() -> None:
            _type_one(page.editor, app)
            page.guidance_timer.stop()
            page.autosave_timer.stop()
            page.run_guidance()

        huge = _median_ms(huge_keystroke, 5)
        tasks.wait()
        services.close()

    print("Keystroke → findings, 2,000-character draft, 4 networks (median):")
    print(f"  baseline: bare QPlainTextEdit keystroke    {base:7.2f} ms")
    print(
        f"  composer: keystroke + guidance pass        {composer:7.2f} ms"
        f"   ({composer / base:.1f}× baseline; + {GUIDANCE_DELAY_MS} ms debounce)"
    )
    print(f"  of which analyze() alone (7 networks)      {engine:7.2f} ms")
    print(
        f"  100,000 characters: GUI-thread part        {huge:7.2f} ms"
        "   (analysis in the background)"
    )


if __name__ == "__main__":
    main()
