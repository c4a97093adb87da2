"""Child of the start-up benchmark: start, wait for the editor's first paint, report, quit.

`bare`: a QApplication and a QMainWindow holding a QPlainTextEdit (the in-run baseline).
`app BASEDIR [--demo]`: the app as the clerk starts it, `python -m smalltown_social
--basedir BASEDIR [--demo]` (the command line, then the GUI), run in this process.

Both sides are watched the same way: one-shot event filters on two widgets only (the
main window and the editor's viewport), each removed after its first paint; no
application-wide filter, whose cost grows with the number of widgets. Both sides
also run with the same import hook installed (it only acts on the app's main window
module, to watch the window it shows), so neither imports anything before it starts.
Times are `time.monotonic()` (one clock for every process on the machine), so the
parent can subtract the moment just before it started this process.

Prints one line: "<first frame> <editor painted> <max RSS KiB at the editor's paint>
<RSS KiB SETTLE_S seconds later> <CPU seconds of the process at the editor's paint>
<composer painted>" (the CPU time, every thread, from the process's start: what the
start cost, whatever else the machine is running; the composer: the whole page, its
guidance and buttons, around the editor the window's shell paints first; the bare
window's editor is all it has).
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import resource
import runpy
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

SETTLE_S = 2.0
WINDOW_MODULE = "smalltown_social.ui.main_window"


def rss_now_kib() -> int:
    """Resident memory now (Linux /proc; the peak elsewhere)."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(fields[1]) * resource.getpagesize() // 1024


class AfterImport:
    """Calls `then(module)` once `name` has been imported (wherever the import comes from).

    A meta path finder by its shape: `importlib.abc` is not imported, it would bring
    `importlib.resources` and `tempfile` into both sides (~10 ms) for nothing.
    """

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        exec_module = loader.exec_module
        then = self.then

        def exec_and_tell(module: ModuleType) -> None:
            exec_module(module)
            then(module)

        loader.exec_module = exec_and_tell
        return spec


def main(mode: str, basedir: str, demo: bool) -> None:
    seen: dict[str, float] = {}
    cpu: list[float] = []
    memory: list[int] = []
    keep: list[object] = []

    def quit_later() -> None:
        from PySide6.QtWidgets import QApplication

        memory.append(rss_now_kib())
        app = QApplication.instance()
        assert app is not None
        app.quit()

    def watch(name: str, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    seen[name] = time.monotonic()
                    watched.removeEventFilter(self)
                    if name != "composer" and {"frame", "editor"} <= set(seen):
                        cpu.append(time.process_time())
                        memory.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
                        QTimer.singleShot(int(SETTLE_S * 1000), quit_later)
                return False

        spy = FirstPaint()
        keep.append(spy)
        widget.installEventFilter(spy)

    def watch_app_window(module: ModuleType) -> None:
        window_class = module.MainWindow
        show = window_class.show

        def watched_show(window: Any) -> None:
            watch("frame", window)
            editor = getattr(window, "composer_editor", None)  # in the shell: the first frame
            if editor is not None:
                watch("editor", editor.viewport())

            def built(page: Any) -> None:
                if type(page).__name__ != "ComposerPage":
                    return
                watch("composer", page)
                if editor is None:  # an older window, without the editor in its shell
                    watch("editor", page.editor.viewport())

            window.page_built.connect(built)
            for page in window.built_pages():
                built(page)
            show(window)

        window_class.show = watched_show

    sys.meta_path.insert(0, AfterImport(WINDOW_MODULE, watch_app_window))  # both sides
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

        app = QApplication(["bench"])
        window = QMainWindow()
        editor = QPlainTextEdit()
        window.setCentralWidget(editor)
        window.resize(1180, 760)
        watch("frame", window)
        watch("editor", editor.viewport())
        window.show()
        app.exec()
    else:
        sys.argv = ["smalltown-social", "--basedir", basedir, *(["--demo"] if demo else [])]
        with contextlib.suppress(SystemExit):  # __main__ exits with main()'s code
            runpy.run_module("smalltown_social", run_name="__main__", alter_sys=True)
    frame = seen.get("frame", float("nan"))
    editor_at = seen.get("editor", float("nan"))
    composer_at = seen.get("composer", editor_at)
    memory_at = f"{memory[0] if memory else 0} {memory[-1] if memory else 0}"
    cpu_at = cpu[0] if cpu else float("nan")
    print(f"{frame:.4f} {editor_at:.4f} {memory_at} {cpu_at:.4f} {composer_at:.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else str(Path.cwd()), "--demo" in sys.argv)
