"""Running in the background: publishing reports as tray notices, a careful quit, autostart.

`PublishingBridge` turns the outbox's plain callbacks (called on its worker
threads) into Qt signals delivered on the GUI thread. `TrayNotifier` shows
them as tray notices that open the post when clicked. `QuitGuard` asks before
quitting while posts are due within the hour. `AutostartAction` is the tray
menu's "start with the computer" switch.

Signals: PublishingBridge.published(int target_id), .failed(int target_id,
str reason), .unconfirmed(int target_id); TrayNotifier.open_post_requested(int
post_id), .changed().
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon, QWidget

from smalltown_social.autostart import Autostart, for_this_system, launch_command
from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.posts import utc_now
from smalltown_social.core.settings import PAUSED
from smalltown_social.paths import default_base_dir
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.ui.formatting import shorten
from smalltown_social.ui.tray import Tray

if TYPE_CHECKING:
    from smalltown_social.app import Services

log = logging.getLogger(__name__)

QUIT_WARNING_WINDOW = timedelta(hours=1)
NOTICE_MS = 10_000


class PublishingBridge(QObject):
    """The callbacks to hand to the outbox; safe to call from any thread."""

    published = Signal(int)
    failed = Signal(int, str)
    unconfirmed = Signal(int)

    def on_published(self, target_id: int) -> None:
        self.published.emit(target_id)

    def on_failed(self, target_id: int, reason: str) -> None:
        self.failed.emit(target_id, reason)

    def on_unconfirmed(self, target_id: int) -> None:
        self.unconfirmed.emit(target_id)


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    post_id: int
    warning: bool


class TrayNotifier(QObject):
    open_post_requested = Signal(int)
    changed = Signal()

    def __init__(self, bridge: PublishingBridge, tray: Tray | None, services: Services) -> None:
        super().__init__(bridge)
        self.tray = tray
        self.services = services
        self.last: Notice | None = None
        bridge.published.connect(self._published)
        bridge.failed.connect(self._failed)
        bridge.unconfirmed.connect(self._unconfirmed)
        if tray is not None:
            tray.icon.messageClicked.connect(self._clicked)

    def _where(self, target_id: int) -> tuple[int, str, str] | None:
        """(post id, "Account (Network)", beginning of the text) of a target."""
        target = self.services.posts.target(target_id)
        if target is None:
            return None
        post = self.services.posts.get(target.post_id)
        account = self.services.accounts.get(target.account_id)
        where = f"{account.name} ({NETWORK_NAMES[account.network]})" if account is not None else "?"
        return target.post_id, where, shorten(post.text if post is not None else "", 80)

    def _published(self, target_id: int) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("Publicada en {where}").format(where=where),
                    text,
                    post_id,
                    warning=False,
                )
            )
        self.changed.emit()

    def _failed(self, target_id: int, reason: str) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("No se pudo publicar en {where}").format(where=where),
                    f"{reason}\n«{text}»\n" + self.tr("Pulse aquí para abrirla."),
                    post_id,
                    warning=True,
                )
            )
        self.changed.emit()

    def _unconfirmed(self, target_id: int) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("Sin confirmar en {where}").format(where=where),
                    self.tr("No se sabe si salió. Compruébelo en la red antes de repetirla.")
                    + f"\n«{text}»",
                    post_id,
                    warning=True,
                )
            )
        self.changed.emit()

    def show(self, notice: Notice) -> None:
        self.last = notice
        log.info("tray notice for post %s: %s", notice.post_id, notice.title)
        if self.tray is None or not self.tray.available:
            return
        icon = (
            QSystemTrayIcon.MessageIcon.Warning
            if notice.warning
            else QSystemTrayIcon.MessageIcon.Information
        )
        self.tray.icon.showMessage(notice.title, notice.message, icon, NOTICE_MS)

    def _clicked(self) -> None:
        if self.last is not None:
            self.open_post_requested.emit(self.last.post_id)


class QuitGuard(QObject):
    """Ask before quitting while posts are due soon; they would not go out."""

    def __init__(
        self,
        services: Services,
        ask: Callable[[QWidget | None, str], bool] | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.calendar = CalendarRepository(services.database)
        self.ask = ask or self.ask_with_a_box
        self.clock = clock

    def allow_quit(self, parent: QWidget | None) -> bool:
        now = self.clock()
        due = self.calendar.due_between(now, now + QUIT_WARNING_WINDOW)
        if due == 0:
            return True
        question = self.tr(
            "Hay publicaciones programadas para la próxima hora ({n}). Si sale ahora, no "
            "saldrán hasta que vuelva a abrir la aplicación.\n\n¿Salir de todos modos?"
        ).format(n=due)
        return self.ask(parent, question)

    def ask_with_a_box(self, parent: QWidget | None, question: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("¿Salir?"))
        box.setText(question)
        leave = box.addButton(self.tr("Salir"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Seguir publicando"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is leave


class AutostartAction(QAction):
    """A checkable menu entry: start this program when the clerk logs in."""

    def __init__(
        self,
        autostart: Autostart,
        command: list[str],
        on_error: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.autostart = autostart
        self.command = command
        self.on_error = on_error
        self.setText(
            self.tr("Iniciar con Windows")
            if sys.platform == "win32"
            else self.tr("Iniciar al entrar en la sesión")
        )
        self.setCheckable(True)
        self.setChecked(autostart.enabled())
        self.toggled.connect(self._apply)

    def _apply(self, on: bool) -> None:
        try:
            if on:
                self.autostart.enable(self.command)
            else:
                self.autostart.disable()
        except OSError as error:
            log.error("autostart change failed: %s", error)
            self.blockSignals(True)
            self.setChecked(self.autostart.enabled())
            self.blockSignals(False)
            self.on_error(self.tr("No se pudo cambiar el inicio automático: {e}").format(e=error))


class PauseAction(QAction):
    """The crisis switch in the tray menu too: it is there even with the window closed."""

    def __init__(
        self, settings: SettingsRepository, changed: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.on_change = changed
        self.setText(self.tr("Pausar todas las publicaciones"))
        self.setCheckable(True)
        self.sync()
        self.toggled.connect(self._apply)

    def sync(self) -> None:
        """Show the stored value (the calendar's switch may have changed it)."""
        self.blockSignals(True)
        self.setChecked(self.settings.get(PAUSED))
        self.blockSignals(False)

    def _apply(self, paused: bool) -> None:
        self.settings.set(PAUSED, paused)
        log.info("publishing %s from the tray", "paused" if paused else "resumed")
        self.on_change()


@dataclass
class Background:
    bridge: PublishingBridge
    notifier: TrayNotifier
    quit_guard: QuitGuard
    autostart_action: AutostartAction | None
    pause_action: PauseAction | None


def install_background(
    services: Services,
    tray: Tray | None,
    open_post: Callable[[int], None],
    refresh: Callable[[], None],
    autostart: Autostart | None = None,
) -> Background:
    """Build the pieces and hook them to the tray; the caller keeps the result alive."""
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, tray, services)
    notifier.open_post_requested.connect(open_post)
    notifier.changed.connect(refresh)
    action: AutostartAction | None = None
    system = autostart or for_this_system()
    paths = services.paths
    if tray is not None and system is not None and not paths.demo:
        basedir = paths.base if paths.base != default_base_dir() else None
        action = AutostartAction(
            system,
            launch_command(basedir),
            lambda text: tray.notify("smalltown_social", text),
            tray,
        )
        tray.menu.insertAction(tray.quit_action, action)
    pause: PauseAction | None = None
    if tray is not None:
        pause = PauseAction(services.settings, refresh, tray)
        tray.menu.insertAction(tray.show_action, pause)
        tray.menu.aboutToShow.connect(pause.sync)
    return Background(bridge, notifier, QuitGuard(services, parent=bridge), action, pause)
