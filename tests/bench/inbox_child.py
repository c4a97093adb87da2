"""Child of the inbox benchmark: one measurement in a fresh process, printed on one line.

`paint BASEDIR [--demo]`: build the services, open the inbox page, wait for its first
paint; prints "<seconds from page creation to first paint> <max RSS KiB>".
`scroll BASEDIR [--demo]`: scroll the inbox list from top to bottom a screen at a time;
prints "<seconds> <rows> <max RSS KiB> <screens> <viewport WxH>".
`baseline-scroll BASEDIR [--demo] [--viewport WxH]`: the same scrolling in a bare
QTableView over a minimal model reading the same pages, its viewport (the rows shown
per screen) the size given, the inbox list's; prints what `scroll` prints.
"""

from __future__ import annotations

import resource
import sys
import time


def services(basedir: str, demo: bool):  # type: ignore[no-untyped-def]
    from smalltown_social.app import Runtime, build_services
    from smalltown_social.paths import resolve_paths

    return build_services(Runtime.start(resolve_paths(basedir, demo=demo)))


def rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def close(app: object, page: object) -> None:
    """Delete the page while the application still exists (not in exit's random order)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    assert isinstance(page, QWidget)
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del app


def paint(basedir: str, demo: bool) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from smalltown_social.ui.inbox.page import InboxPage
    from smalltown_social.ui.tasks import TaskRunner

    app = QApplication(["bench"])
    built = services(basedir, demo)
    painted: list[float] = []
    start = time.perf_counter()
    page = InboxPage(built.inbox_services, TaskRunner())

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is viewport and not painted:
                painted.append(time.perf_counter() - start)
                QTimer.singleShot(0, app.quit)
            return False

    viewport = page.table.viewport()
    spy = FirstPaint()
    viewport.installEventFilter(spy)
    page.resize(1280, 760)
    page.show()
    app.exec()
    print(f"{painted[0]:.4f} {rss()}")
    viewport.removeEventFilter(spy)
    close(app, page)
    built.close()


def scroll(basedir: str, demo: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from smalltown_social.ui.inbox.page import InboxPage
    from smalltown_social.ui.tasks import TaskRunner

    app = QApplication(["bench"])
    built = services(basedir, demo)
    page = InboxPage(built.inbox_services, TaskRunner())
    page.resize(1280, 760)
    page.show()
    app.processEvents()
    bar = page.table.verticalScrollBar()
    start = time.perf_counter()
    steps = 0
    while True:
        steps += 1
        before = (bar.value(), bar.maximum())
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
        if (bar.value(), bar.maximum()) == before and bar.value() >= bar.maximum():
            break
    seconds = time.perf_counter() - start
    size = page.table.viewport().size()
    print(f"{seconds:.4f} {page.model.rowCount()} {rss()} {steps} {size.width()}x{size.height()}")
    close(app, page)
    built.close()


def baseline_scroll(basedir: str, demo: bool, viewport: str | None) -> None:
    """A bare QTableView over a minimal model reading the same pages with the same query.

    Same size, same columns, same page size, scrolled the same way: what is left of the
    difference is the inbox page's own model, delegates and view.
    """
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from smalltown_social.storage.inbox_query import PAGE_SIZE, InboxFilter, InboxQuery
    from smalltown_social.ui.inbox.model import COLUMNS

    Index = QModelIndex | QPersistentModelIndex  # noqa: N806 - a type alias

    class Plain(QAbstractTableModel):
        def __init__(self, query: InboxQuery) -> None:
            super().__init__()
            self.query = query
            self.rows: list[object] = []
            self.done = False

        def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(COLUMNS)

        def canFetchMore(self, parent: Index) -> bool:
            return not parent.isValid() and not self.done

        def fetchMore(self, parent: Index) -> None:
            after = self.rows[-1] if self.rows else None
            page = self.query.page(InboxFilter(), after, PAGE_SIZE)  # type: ignore[arg-type]
            if len(page) < PAGE_SIZE:
                self.done = True
            if page:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self.rows.extend(page)
                self.endInsertRows()

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            item = self.rows[index.row()]
            return str(
                getattr(
                    item,
                    (
                        "network",
                        "author_name",
                        "text",
                        "account_name",
                        "received_utc",
                        "label",
                        "status",
                    )[index.column()],
                )
            )

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return COLUMNS[section]
            return None

    app = QApplication(["bench"])
    built = services(basedir, demo)
    model = Plain(InboxQuery(built.database))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 760)
    view.show()
    app.processEvents()
    if viewport is not None:  # the inbox list's: as many rows per screen
        width, height = (int(n) for n in viewport.split("x"))
        for _ in range(2):  # again once the scroll bars have settled
            frame = view.size() - view.viewport().size()
            view.resize(width + frame.width(), height + frame.height())
            app.processEvents()
    bar = view.verticalScrollBar()
    start = time.perf_counter()
    steps = 0
    while True:
        steps += 1
        before = (bar.value(), bar.maximum())
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
        if (bar.value(), bar.maximum()) == before and bar.value() >= bar.maximum():
            break
    seconds = time.perf_counter() - start
    size = view.viewport().size()
    print(f"{seconds:.4f} {model.rowCount()} {rss()} {steps} {size.width()}x{size.height()}")
    close(app, view)
    built.close()


if __name__ == "__main__":
    mode, base = sys.argv[1], sys.argv[2]
    demo = "--demo" in sys.argv
    if mode == "baseline-scroll":
        given = sys.argv.index("--viewport") + 1 if "--viewport" in sys.argv else None
        baseline_scroll(base, demo, sys.argv[given] if given else None)
    else:
        {"paint": paint, "scroll": scroll}[mode](base, demo)
