"""Child of the start-up benchmark: start, wait for the editor's first paint, report, quit.

`bare`: a QApplication and a QMainWindow holding a QPlainTextEdit (the in-run baseline).
`app BASEDIR [--demo]`: the real GUI start (`run_gui`) on the given data folder.

Both sides are watched the same way: one-shot event filters on two widgets only (the
main window and the editor's viewport), each removed after its first paint; no
application-wide filter, whose cost grows with the number of widgets. Times are
`time.monotonic()` (one clock for every process on the machine), so the parent can
subtract the moment just before it started this process.

Prints one line: "<first frame> <editor painted> <max RSS KiB at the editor's paint>
<RSS KiB SETTLE_S seconds later>".
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

SETTLE_S = 2.0


def rss_now_kib() -> int:
    """Resident memory now (Linux /proc; the peak elsewhere)."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(fields[1]) * resource.getpagesize() // 1024


def main(mode: str, basedir: str, demo: bool) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QWidget

    seen: dict[str, float] = {}
    memory: list[int] = []
    keep: list[QObject] = []

    def quit_later() -> None:
        memory.append(rss_now_kib())
        app = QApplication.instance()
        assert app is not None
        app.quit()

    class FirstPaint(QObject):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                seen[self.name] = time.monotonic()
                watched.removeEventFilter(self)
                if len(seen) == 2:
                    memory.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
                    QTimer.singleShot(int(SETTLE_S * 1000), quit_later)
            return False

    def watch(name: str, widget: QWidget) -> None:
        spy = FirstPaint(name)
        keep.append(spy)
        widget.installEventFilter(spy)

    if mode == "bare":
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
        from smalltown_social.paths import resolve_paths
        from smalltown_social.ui import main_window
        from smalltown_social.ui.application import run_gui

        show = main_window.MainWindow.show

        def watched_show(window: main_window.MainWindow) -> None:
            watch("frame", window)
            ready = getattr(window, "page_built", None)
            if ready is None:  # every page built in the constructor (before issue #13)
                watch("editor", window.compose_page.editor.viewport())
            else:

                def built(page: QWidget) -> None:
                    if type(page).__name__ == "ComposerPage" and "editor" not in seen:
                        watch("editor", page.editor.viewport())  # type: ignore[attr-defined]

                ready.connect(built)
                for page in window.built_pages():
                    built(page)
            show(window)

        main_window.MainWindow.show = watched_show  # type: ignore[method-assign,assignment]
        run_gui(resolve_paths(basedir, demo=demo), "es")
    frame = seen.get("frame", float("nan"))
    editor_at = seen.get("editor", float("nan"))
    print(f"{frame:.4f} {editor_at:.4f} {memory[0] if memory else 0} {memory[-1] if memory else 0}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else str(Path.cwd()), "--demo" in sys.argv)
