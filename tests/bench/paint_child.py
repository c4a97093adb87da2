"""Child of the start-up benchmark: start, wait for the first paint, report, quit.

`bare`: a QApplication and an empty QMainWindow (the in-run baseline).
`app`: the real GUI start (`run_gui`) on the given data folder.
Prints one line: "<seconds from interpreter start to first paint> <max RSS KiB>".
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def main(mode: str, basedir: str, demo: bool) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["bench"])
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QMainWindow)
                and not painted
            ):
                painted.append(time.perf_counter() - STARTED)
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    app.installEventFilter(spy)
    if mode == "bare":
        window = QMainWindow()
        window.resize(1180, 760)
        window.show()
        app.exec()
    else:
        from smalltown_social.paths import resolve_paths
        from smalltown_social.ui.application import run_gui

        run_gui(resolve_paths(basedir, demo=demo), "es")
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{painted[0] if painted else float('nan'):.4f} {rss_kib}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else str(Path.cwd()), "--demo" in sys.argv)
