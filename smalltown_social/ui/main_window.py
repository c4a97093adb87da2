"""The main window: navigation on the left, one page per area, a status bar.

Shell first (issue #13): the constructor needs no services. It builds the
navigation, the demo banner, the status bar and the composer's editor, so the first
frame already holds the editor and the clerk can type. The application then hands
the services over (`attach`): the overview is read (the inbox count, the next post),
and once the shell is painted the current page is built (the composer, around the
editor and what was typed in it). Every other page is built on its first visit, by
mouse or Ctrl+1…6, or when something must be shown on it. Pages are reached by their
attributes (`compose_page`, `calendar_page`…), which build them if needed.
`MainWindow(services, …)` does both steps at once (tests, screenshots, the self-test).

Signals: first_frame() once the first frame (the shell) is painted; ready() once the
page built next is painted too (the clerk can work: background work may start);
page_built(QWidget) after a page is built; post_scheduled(int), post_moved(int) and
reply_queued(int), relayed from the composer, the calendar and the inbox (the
application wakes the publisher).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.i18n import Language
from smalltown_social.paths import DataPaths
from smalltown_social.ui.composer.editor import GuidedEditor
from smalltown_social.ui.first_paint import after_first_paint
from smalltown_social.ui.status_bar import StatusBar
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.welcome import WelcomeBanner, start_other_window

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QIcon

    from smalltown_social.app import Services
    from smalltown_social.background_publishing import BackgroundPublishing
    from smalltown_social.publishing.inbox_sync import SyncResult
    from smalltown_social.publishing.results_sync import ResultsReport
    from smalltown_social.ui.accounts.page import AccountsPage
    from smalltown_social.ui.background_offer import BackgroundOffer
    from smalltown_social.ui.calendar.page import CalendarPage
    from smalltown_social.ui.composer.page import ComposerPage
    from smalltown_social.ui.inbox.page import InboxPage
    from smalltown_social.ui.results.page import ResultsPage
    from smalltown_social.ui.settings.page import SettingsPage
    from smalltown_social.ui.tray import Tray

log = logging.getLogger(__name__)

REFRESH_MS = 30_000

COMPOSE, CALENDAR, INBOX, RESULTS, ACCOUNTS, SETTINGS = (
    "compose",
    "calendar",
    "inbox",
    "results",
    "accounts",
    "settings",
)

P = TypeVar("P", bound=QWidget)


@dataclass(frozen=True)
class Shell:
    """What the window shows before the services exist: whose data, in which language."""

    paths: DataPaths
    language: Language


@dataclass
class _Section:
    build: Callable[[], QWidget]
    page: QWidget | None = None


class MainWindow(QMainWindow):
    first_frame = Signal()
    ready = Signal()
    page_built = Signal(QWidget)
    post_scheduled = Signal(int)
    post_moved = Signal(int)
    reply_queued = Signal(int)
    accounts_changed = Signal()  # an account added, reconnected or removed (Cuentas)
    _new_items_fetched = Signal(int)  # from the inbox poller's thread
    _sync_failed = Signal(object)  # SyncResult, from the inbox poller's thread
    _counts_read = Signal(object)  # ResultsReport, from the results poller's thread

    def __init__(  # noqa: PLR0915 - the shell, then one line per section
        self,
        start: Shell | Services,
        tasks: TaskRunner,
        icon: QIcon | None = None,
        tray: Tray | None = None,
        parent: QWidget | None = None,
        *,
        background: BackgroundPublishing | None = None,
    ) -> None:
        """`start`: the shell alone (the application hands the services over with `attach`
        after the first frame), or the services at once (tests, screenshots, the
        self-test), with the `tray` and `background` that `attach` takes. `icon`: None in
        the application's shell, which sets it after the first frame (loading the SVG
        icon engine is not what the clerk waits for)."""
        super().__init__(parent)
        shell = start if isinstance(start, Shell) else Shell(start.paths, start.runtime.language)
        self.shell = shell
        self._services: Services | None = None
        self.background: BackgroundPublishing | None = None
        self._background_offer: BackgroundOffer | None = None
        self.tasks = tasks
        self.tray: Tray | None = None
        self.quitting = False
        self.painted = False
        self._current_started = False
        self._sections: dict[str, _Section] = {}
        self._order: list[str] = []
        self._fetch_now: Callable[[], None] | None = None
        self._sync_now: Callable[[], None] | None = None
        self.setWindowTitle(self.tr("smalltown_social · Redes del ayuntamiento"))
        if icon is not None:
            self.setWindowIcon(icon)
        self.resize(1180, 760)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._banner_area = QVBoxLayout()
        self._banner_area.setSpacing(0)
        outer.addLayout(self._banner_area)
        for banner in self._demo_banner():
            self._banner_area.addWidget(banner)
        self.welcome = WelcomeBanner()
        self.welcome.hide()  # until the overview says there is no account yet
        outer.addWidget(self.welcome)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Secciones"))
        self.navigation.setFixedWidth(220)
        self.pages = QStackedWidget()
        body.addWidget(self.navigation)
        body.addWidget(self.pages, 1)

        # The composer's editor is in the first frame; its page is built around it later.
        self.composer_editor = GuidedEditor()
        self.add_lazy_section(COMPOSE, self.tr("Redactar"), self._build_composer)
        stand_in = self.pages.widget(0)
        assert stand_in is not None
        # Where the composer puts it (its left column, 3 parts of 5), so little moves then.
        shell_row = QHBoxLayout(stand_in)
        shell_row.addWidget(self.composer_editor, 3)
        shell_row.addStretch(2)
        self.add_lazy_section(CALENDAR, self.tr("Calendario"), self._build_calendar)
        self.add_lazy_section(INBOX, self.tr("Bandeja de entrada"), self._build_inbox)
        self._inbox_row = self._order.index(INBOX)
        self.add_lazy_section(RESULTS, self.tr("Resultados"), self._build_results)
        self.add_lazy_section(ACCOUNTS, self.tr("Cuentas"), self._build_accounts)
        self.add_lazy_section(SETTINGS, self.tr("Ajustes"), self._build_settings)
        self.welcome.connect_account.connect(self._connect_first_account)
        self.welcome.town_settings.connect(self._show_settings)
        self.welcome.demo_requested.connect(lambda: self._other_window(demo=True))
        self.navigation.setCurrentRow(0)
        self.navigation.currentRowChanged.connect(self._show_row)
        self._new_items_fetched.connect(self._new_items)
        self._sync_failed.connect(self._sync_error)
        self._counts_read.connect(self._results_read)
        self.post_scheduled.connect(self._offer_background)
        self.post_moved.connect(self._moved_elsewhere)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.ready.connect(self.status.watch_network)  # once the clerk can type
        self.setCentralWidget(central)
        self.composer_editor.setFocus()  # the clerk types at once
        # The window itself, not a view's viewport: asking a view for it builds ~60 enum
        # types (~15 ms) before the first frame.
        after_first_paint(self, self._first_frame)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        if not isinstance(start, Shell):
            self.attach(start, tray, background=background)

    def attach(
        self,
        services: Services,
        tray: Tray | None = None,
        *,
        background: BackgroundPublishing | None = None,
    ) -> None:
        """The services are built: read the overview, and build the current page once the
        shell is painted (at once if it already is)."""
        self._services = services
        self.tray = tray
        self.background = background
        language = services.runtime.language
        for warning in services.warnings:
            self._banner_area.addWidget(_banner("warning", warning(language)))
        if background is not None and not services.paths.demo:
            # The status bar says it before the settings page (and its box) is built.
            self.tasks.run_in_background(
                background.active, self.status.show_background, lambda _error: None
            )
        from PySide6.QtGui import QKeySequence, QShortcut  # noqa: PLC0415 - not in the shell

        for row in range(self.navigation.count()):  # Ctrl+1…6: with the pages they build
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda r=row: self._go_to(r))
        self._timer.start()
        self.refresh()
        self._build_current()

    @property
    def services(self) -> Services:
        """The services handed over by `attach` (pages and actions exist only after it)."""
        if self._services is None:
            raise RuntimeError("the window's services are not attached yet")
        return self._services

    @property
    def attached(self) -> bool:
        return self._services is not None

    # --- building ---------------------------------------------------------

    def add_section(self, title: str, page: QWidget) -> None:
        """One entry in the navigation and its page, built already (in navigation order)."""
        self.add_lazy_section(f"page-{self.navigation.count()}", title, lambda: page)
        self._build(self._order[-1])

    def add_lazy_section(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        """One entry in the navigation; its page is built by `build` on its first visit."""
        self._sections[key] = _Section(build)
        self._order.append(key)
        self.pages.addWidget(QWidget())  # stands in for the page until it is built
        item = QListWidgetItem(title)
        item.setToolTip(title)
        self.navigation.addItem(item)

    def built_pages(self) -> list[QWidget]:
        return [s.page for s in self._sections.values() if s.page is not None]

    def _page(self, key: str, kind: type[P]) -> P:
        page = self._build(key)
        assert isinstance(page, kind)
        return page

    def _built(self, key: str) -> QWidget | None:
        return self._sections[key].page

    def _build(self, key: str) -> QWidget:
        section = self._sections[key]
        if section.page is not None:
            return section.page
        focused = QApplication.focusWidget()  # the shell's editor, if the clerk is typing
        page = section.build()
        section.page = page
        row = self._order.index(key)
        stand_in = self.pages.widget(row)
        self.pages.insertWidget(row, page)
        if stand_in is not None:
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        self.pages.setCurrentIndex(self.navigation.currentRow())
        if focused is not None and page.isAncestorOf(focused):
            focused.setFocus()  # moved into the page: the clerk types on
        log.debug("page %s built", key)
        self.page_built.emit(page)
        return page

    def _first_frame(self) -> None:
        """The shell is on screen: the current page next (the composer, normally), once
        the services are attached (the application attaches them on this signal)."""
        self.painted = True
        self.first_frame.emit()
        self._build_current()

    def _build_current(self) -> None:
        if self._services is None or not self.painted or self._current_started:
            return
        self._current_started = True
        key = self._order[max(0, self.navigation.currentRow())]
        if self._built(key) is not None:  # built before the window was shown: painted already
            QTimer.singleShot(0, self.ready.emit)
            return
        after_first_paint(self._build(key), self.ready.emit)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._order) and self.attached:  # else built once they are
            self._build(self._order[row])
        self.pages.setCurrentIndex(row)

    @property
    def compose_page(self) -> ComposerPage:
        from smalltown_social.ui.composer.page import ComposerPage  # noqa: PLC0415

        return self._page(COMPOSE, ComposerPage)

    @property
    def calendar_page(self) -> CalendarPage:
        from smalltown_social.ui.calendar.page import CalendarPage  # noqa: PLC0415

        return self._page(CALENDAR, CalendarPage)

    @property
    def inbox_page(self) -> InboxPage:
        from smalltown_social.ui.inbox.page import InboxPage  # noqa: PLC0415

        return self._page(INBOX, InboxPage)

    @property
    def results_page(self) -> ResultsPage:
        from smalltown_social.ui.results.page import ResultsPage  # noqa: PLC0415

        return self._page(RESULTS, ResultsPage)

    @property
    def accounts_page(self) -> AccountsPage:
        from smalltown_social.ui.accounts.page import AccountsPage  # noqa: PLC0415

        return self._page(ACCOUNTS, AccountsPage)

    @property
    def settings_page(self) -> SettingsPage:
        from smalltown_social.ui.settings.page import SettingsPage  # noqa: PLC0415

        return self._page(SETTINGS, SettingsPage)

    # Each page module is imported by its builder: the shell paints without them.

    def _build_composer(self) -> QWidget:
        from smalltown_social.ui.composer.page import ComposerPage  # noqa: PLC0415

        page = ComposerPage(
            self.services.composer_services, self.tasks, editor=self.composer_editor
        )
        page.scheduled.connect(self.post_scheduled)
        return page

    def _build_calendar(self) -> QWidget:
        from smalltown_social.ui.calendar.page import CalendarPage  # noqa: PLC0415

        services = self.services
        page = CalendarPage(
            services.calendar,
            services.settings,
            services.runtime.language,
            resolve=services.resolve_target,
            tasks=self.tasks,
        )
        page.open_post_requested.connect(self.open_post)
        page.pause.toggled_paused.connect(lambda _paused: self.refresh())
        page.post_moved.connect(self.post_moved)
        return page

    def _build_inbox(self) -> QWidget:
        from smalltown_social.ui.inbox.page import InboxPage  # noqa: PLC0415

        page = InboxPage(self.services.inbox_services, self.tasks)
        page.count_changed.connect(self._show_inbox_count)
        page.new_items.connect(self._notify_inbox)
        page.reply_queued.connect(self.reply_queued)
        if self._fetch_now is not None:
            page.allow_fetch_now(self._fetch_now)
        page.refresh_count()
        return page

    def _build_results(self) -> QWidget:
        from smalltown_social.ui.results.page import ResultsPage  # noqa: PLC0415

        services = self.services
        page = ResultsPage(
            services.results_query(), services.settings, services.runtime.language, self.tasks
        )
        if self._sync_now is not None:
            page.allow_sync_now(self._sync_now)
        return page

    def _build_accounts(self) -> QWidget:
        from smalltown_social.ui.accounts.page import AccountsPage  # noqa: PLC0415

        page = AccountsPage(self.services.account_services, self.tasks)
        page.accounts_changed.connect(self.refresh)
        page.unreachable.connect(self.status.note_unreachable)
        page.accounts_changed.connect(self.status.note_reached)
        page.accounts_changed.connect(self.accounts_changed)
        return page

    def _build_settings(self) -> QWidget:
        from smalltown_social.ui.settings.page import SettingsPage  # noqa: PLC0415

        services = self.services
        page = SettingsPage(
            services.settings,
            services.paths,
            services.runtime.language,
            backup_now=services.backup_now,
            tasks=self.tasks,
            background=self.background,
        )
        page.setting_changed.connect(self._setting_changed)
        page.background_changed.connect(self.status.show_background)
        return page

    @property
    def background_offer(self) -> BackgroundOffer:
        """Offered on the first scheduled post (it builds the settings page: its box knows)."""
        if self._background_offer is None:
            from smalltown_social.ui.background_offer import BackgroundOffer  # noqa: PLC0415

            box = self.settings_page.background_box
            self._background_offer = BackgroundOffer(self.services.settings, box, self)
        return self._background_offer

    def _offer_background(self, post_id: int) -> None:
        self.background_offer.offer(post_id)

    def _setting_changed(self, key: str) -> None:
        composer = self._built(COMPOSE)
        if composer is not None:
            self.compose_page.reload_settings(key)

    # --- the pollers (their callbacks run on the pollers' threads: they only emit) ---

    def report_new_items(self, new: int) -> None:
        """The inbox poller stored `new` items."""
        self._new_items_fetched.emit(new)

    def report_sync_error(self, result: SyncResult) -> None:
        """An account's inbox could not be read (told on the inbox page)."""
        self._sync_failed.emit(result)

    def report_counts_read(self, report: ResultsReport) -> None:
        """The results poller read some counts."""
        self._counts_read.emit(report)

    def allow_fetch_now(self, fetch_now: Callable[[], None]) -> None:
        """The inbox page's "Traer ahora" wakes the running poller (now or once built)."""
        self._fetch_now = fetch_now
        if self._built(INBOX) is not None:
            self.inbox_page.allow_fetch_now(fetch_now)

    def allow_sync_now(self, sync_now: Callable[[], None]) -> None:
        """The results page's "Leer cifras ahora" wakes the running poller."""
        self._sync_now = sync_now
        if self._built(RESULTS) is not None:
            self.results_page.allow_sync_now(sync_now)

    def _new_items(self, new: int) -> None:
        if self._built(INBOX) is not None:
            self.inbox_page.report_new_items(new)  # the page reloads; the tray is told
        else:
            self._notify_inbox(new)
            self.refresh()  # the count in the navigation

    def _sync_error(self, result: SyncResult) -> None:
        self.inbox_page.report_sync_error(result)  # built if need be: the page tells it

    def _results_read(self, report: ResultsReport) -> None:
        if self._built(RESULTS) is not None:  # else it reads them when it is built
            self.results_page.report_counts_read(report)

    def _moved_elsewhere(self, post_id: int) -> None:
        """The calendar moved a post: the composer, if it shows that post, follows."""
        composer = self._built(COMPOSE)
        if composer is not None:
            self.compose_page.moved_elsewhere(post_id)

    def refresh_calendar(self) -> None:
        """Reload the calendar if it has been built (else it loads when first shown)."""
        if self._built(CALENDAR) is not None:
            self.calendar_page.refresh()

    def _demo_banner(self) -> list[QFrame]:
        banners: list[QFrame] = []
        if self.shell.paths.demo:
            leave = QPushButton(self.tr("Trabajar con mi ayuntamiento"))
            leave.setObjectName("leaveDemo")
            leave.clicked.connect(lambda: self._other_window(demo=False))
            text = self.tr(
                "Demostración: Valdelomar es un municipio ficticio y nada de esto se publica."
            )
            banners.append(_banner("demo", text, leave))
        return banners

    def show_keyring_problem(self, problem: str) -> None:
        """The keyring cannot keep keys: said at the top of the window, with what it means."""
        text = self.tr(
            "{problem} Mientras tanto no se puede conectar cuentas ni publicar; lo programado "
            "espera y no se pierde nada. Cuando esté resuelto, vuelva a abrir la aplicación."
        ).format(problem=problem)
        banner = _banner("warning", text)
        banner.setObjectName("banner")
        banner.setAccessibleName(self.tr("Problema con el almacén de contraseñas"))
        self._banner_area.addWidget(banner)
        self.keyring_banner = banner

    def _show_settings(self) -> None:
        self._go_to(self._order.index(SETTINGS))

    def _connect_first_account(self) -> None:
        self._go_to(self._order.index(ACCOUNTS))
        self.accounts_page.open_wizard()

    def _other_window(self, *, demo: bool) -> None:
        """Open the demo beside this window, or the town's own window instead of the demo."""
        language = self.shell.language if self._services is None else self.services.runtime.language
        if not start_other_window(self.shell.paths.base, demo=demo, language=language):
            self.status.showMessage(self.tr("No se ha podido abrir la otra ventana."), 10_000)
            return
        if not demo:  # leaving the demo: this window is no longer needed
            self.quitting = True
            self.close()

    def open_post(self, post_id: int) -> None:
        """Show a post in the composer (the calendar's double-click, a tray notice)."""
        self.bring_forward()
        page = self.compose_page
        self.navigation.setCurrentRow(self._order.index(COMPOSE))
        page.open_post(post_id)

    def _go_to(self, row: int) -> None:
        if self.attached:
            self._build(self._order[row])
        self.navigation.setCurrentRow(row)
        page = self.pages.currentWidget()
        if page is not None:
            page.setFocus()

    # --- data -------------------------------------------------------------

    def refresh(self) -> None:
        from smalltown_social.storage.overview import read_overview  # noqa: PLC0415

        database = self.services.database
        self.tasks.run_in_background(lambda: read_overview(database), self._show_overview)

    def _show_overview(self, result: object) -> None:
        from smalltown_social.core.inbox import InboxStatus  # noqa: PLC0415
        from smalltown_social.storage.overview import Overview  # noqa: PLC0415

        if not isinstance(result, Overview):
            return
        overview = result
        self.status.show_next(
            overview.upcoming[0] if overview.upcoming else None, paused=overview.paused
        )
        self.welcome.setVisible(not self.services.paths.demo and not overview.accounts)
        self.refresh_calendar()
        self._show_inbox_count(overview.inbox_by_status.get(InboxStatus.NEW, 0))

    def _show_inbox_count(self, new: int) -> None:
        item = self.navigation.item(self._inbox_row)
        title = self.tr("Bandeja de entrada")
        item.setText(self.tr("{title} ({n})").format(title=title, n=new) if new else title)
        item.setToolTip(self.tr("{n} mensajes nuevos").format(n=new) if new else title)

    def _notify_inbox(self, new: int) -> None:
        if self.tray is not None and self.tray.available:
            self.tray.notify(
                self.tr("Mensajes nuevos"),
                self.tr("Han llegado {n} mensajes nuevos a la bandeja de entrada.").format(n=new),
            )

    # --- window life ------------------------------------------------------

    def bring_forward(self) -> None:
        log.info("window brought forward")
        # Not imported with the module: naming Qt's `Qt` namespace builds all its enums (~14 ms).
        from PySide6.QtCore import Qt  # noqa: PLC0415

        self.show()
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quitting or self.tray is None or not self.tray.available:
            event.accept()
            return
        event.ignore()
        self.hide()
        from smalltown_social.core.settings import TRAY_NOTICE_SHOWN  # noqa: PLC0415

        settings = self.services.settings
        if not settings.get(TRAY_NOTICE_SHOWN):
            self.tray.notify(self.tr("El programa sigue publicando"), self._closed_notice())
            settings.set(TRAY_NOTICE_SHOWN, True)

    def _closed_notice(self) -> str:
        """What closing the window means, and what «Salir» would mean, on this computer."""
        if self.status.background_active:
            return self.tr(
                "La ventana se ha cerrado, pero el programa sigue abierto junto al reloj y "
                "publica a su hora. Si sale del todo con «Salir», lo programado saldrá "
                "igualmente: el ordenador lo comprueba cada pocos minutos."
            )
        return self.tr(
            "La ventana se ha cerrado, pero el programa sigue abierto junto al reloj y "
            "publica a su hora. Si sale del todo con «Salir», lo programado esperará a que "
            "vuelva a abrirlo."
        )


def _banner(kind: str, text: str, action: QWidget | None = None) -> QFrame:
    frame = QFrame()
    frame.setObjectName("banner")
    frame.setProperty("kind", kind)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(12, 6, 12, 6)
    label = QLabel(text)
    label.setObjectName("bannerText")
    label.setWordWrap(True)
    layout.addWidget(label, 1)
    if action is not None:
        layout.addWidget(action)
    return frame
