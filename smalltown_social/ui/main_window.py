"""The main window: navigation on the left, one page per area, a status bar.

Signals: none of its own; it listens to the tray and the single-instance relay.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
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

from smalltown_social.background_publishing import BackgroundPublishing
from smalltown_social.core.inbox import InboxStatus
from smalltown_social.core.settings import TRAY_NOTICE_SHOWN
from smalltown_social.storage.overview import Overview, read_overview
from smalltown_social.ui.accounts.page import AccountsPage
from smalltown_social.ui.background_offer import BackgroundOffer
from smalltown_social.ui.calendar.page import CalendarPage
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.inbox.page import InboxPage
from smalltown_social.ui.results.page import ResultsPage
from smalltown_social.ui.settings.page import SettingsPage
from smalltown_social.ui.status_bar import StatusBar
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray
from smalltown_social.ui.welcome import WelcomeBanner, start_other_window

if TYPE_CHECKING:
    from smalltown_social.app import Services

log = logging.getLogger(__name__)

REFRESH_MS = 30_000


class MainWindow(QMainWindow):
    def __init__(  # noqa: PLR0915 - builds each page once, in navigation order
        self,
        services: Services,
        tasks: TaskRunner,
        icon: QIcon,
        tray: Tray | None = None,
        parent: QWidget | None = None,
        *,
        background: BackgroundPublishing | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.tray = tray
        self.quitting = False
        self.setWindowTitle(self.tr("smalltown_social · Redes del ayuntamiento"))
        self.setWindowIcon(icon)
        self.resize(1180, 760)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._banner_area = QVBoxLayout()
        self._banner_area.setSpacing(0)
        outer.addLayout(self._banner_area)
        for banner in self._banners():
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

        self.compose_page = ComposerPage(services, tasks)
        self.add_section(self.tr("Redactar"), self.compose_page)
        self.calendar_page = CalendarPage(
            services.calendar,
            services.settings,
            services.runtime.language,
            resolve=services.resolve_target,
            tasks=tasks,
        )
        self.calendar_page.open_post_requested.connect(self.open_post)
        self.calendar_page.pause.toggled_paused.connect(lambda _paused: self.refresh())
        self.add_section(self.tr("Calendario"), self.calendar_page)
        self.inbox_page = InboxPage(services.inbox_services, tasks)
        self.add_section(self.tr("Bandeja de entrada"), self.inbox_page)
        self._inbox_row = self.navigation.count() - 1
        self.inbox_page.count_changed.connect(self._show_inbox_count)
        self.inbox_page.new_items.connect(self._notify_inbox)
        self.inbox_page.refresh_count()
        self.results_page = ResultsPage(
            services.results_query(), services.settings, services.runtime.language, tasks
        )
        self.add_section(self.tr("Resultados"), self.results_page)
        self.accounts_page = AccountsPage(services, tasks)
        self.add_section(self.tr("Cuentas"), self.accounts_page)
        self.settings_page = SettingsPage(
            services.settings,
            services.paths,
            services.runtime.language,
            backup_now=services.backup_now,
            tasks=tasks,
            background=background,
        )
        self.add_section(self.tr("Ajustes"), self.settings_page)
        self.settings_page.setting_changed.connect(self.compose_page.reload_settings)
        self.welcome.connect_account.connect(self._connect_first_account)
        self.welcome.town_settings.connect(
            lambda: self._go_to(self.pages.indexOf(self.settings_page))
        )
        self.welcome.demo_requested.connect(lambda: self._other_window(demo=True))
        self.accounts_page.accounts_changed.connect(self.refresh)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        for row in range(self.navigation.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda r=row: self._go_to(r))

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.accounts_page.unreachable.connect(self.status.note_unreachable)
        self.accounts_page.accounts_changed.connect(self.status.note_reached)
        self.settings_page.background_changed.connect(self.status.show_background)
        self.background_offer = BackgroundOffer(
            services.settings, self.settings_page.background_box, self
        )
        self.compose_page.scheduled.connect(self.background_offer.offer)
        self.setCentralWidget(central)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    # --- building ---------------------------------------------------------

    def add_section(self, title: str, page: QWidget) -> None:
        """One entry in the navigation and its page (in navigation order)."""
        self.pages.addWidget(page)
        item = QListWidgetItem(title)
        item.setToolTip(title)
        self.navigation.addItem(item)

    def _banners(self) -> list[QFrame]:
        banners: list[QFrame] = []
        if self.services.paths.demo:
            leave = QPushButton(self.tr("Trabajar con mi ayuntamiento"))
            leave.setObjectName("leaveDemo")
            leave.clicked.connect(lambda: self._other_window(demo=False))
            text = self.tr(
                "Demostración: Valdelomar es un municipio ficticio y nada de esto se publica."
            )
            banners.append(_banner("demo", text, leave))
        language = self.services.runtime.language
        for warning in self.services.warnings:
            banners.append(_banner("warning", warning(language)))
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
        self._go_to(self.pages.indexOf(self.settings_page))

    def _connect_first_account(self) -> None:
        self._go_to(self.pages.indexOf(self.accounts_page))
        self.accounts_page.open_wizard()

    def _other_window(self, *, demo: bool) -> None:
        """Open the demo beside this window, or the town's own window instead of the demo."""
        language = self.services.runtime.language
        if not start_other_window(self.services.paths.base, demo=demo, language=language):
            self.status.showMessage(self.tr("No se ha podido abrir la otra ventana."), 10_000)
            return
        if not demo:  # leaving the demo: this window is no longer needed
            self.quitting = True
            self.close()

    def open_post(self, post_id: int) -> None:
        """Show a post in the composer (the calendar's double-click, a tray notice)."""
        self.bring_forward()
        self.navigation.setCurrentRow(self.pages.indexOf(self.compose_page))
        self.compose_page.open_post(post_id)

    def _go_to(self, row: int) -> None:
        self.navigation.setCurrentRow(row)
        page = self.pages.currentWidget()
        if page is not None:
            page.setFocus()

    # --- data -------------------------------------------------------------

    def refresh(self) -> None:
        database = self.services.database
        self.tasks.run_in_background(lambda: read_overview(database), self._show_overview)

    def _show_overview(self, result: object) -> None:
        if not isinstance(result, Overview):
            return
        overview = result
        self.status.show_next(
            overview.upcoming[0] if overview.upcoming else None, paused=overview.paused
        )
        self.welcome.setVisible(not self.services.paths.demo and not overview.accounts)
        self.calendar_page.refresh()
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
        settings = self.services.settings
        if not settings.get(TRAY_NOTICE_SHOWN):
            self.tray.notify(
                self.tr("Sigue funcionando"),
                self.tr(
                    "La ventana se ha cerrado, pero la aplicación sigue publicando a su hora "
                    "desde la bandeja del sistema. Para cerrarla del todo, use «Salir»."
                ),
            )
            settings.set(TRAY_NOTICE_SHOWN, True)


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
