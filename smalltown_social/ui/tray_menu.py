"""The tray menu's own entries, the question asked on quitting, and their wiring.

`AutostartAction` is the "start with the computer" switch, `PauseAction` the
crisis switch (the same setting as the calendar's), `QuitGuard` asks before
quitting while posts are due within the hour. `install_tray_parts` builds these
and the publishing notices (`ui.publishing_notices`) and hooks them to the tray.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from smalltown_social.autostart import Autostart, for_this_system, launch_command
from smalltown_social.core.i18n import DEFAULT_LANGUAGE, Language
from smalltown_social.core.posts import utc_now
from smalltown_social.core.settings import PAUSED
from smalltown_social.paths import usual_base_dir
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.publishing_notices import GROUP_MS, PublishingBridge, TrayNotifier
from smalltown_social.ui.tray import Tray

if TYPE_CHECKING:
    from smalltown_social.app import Services

log = logging.getLogger(__name__)

QUIT_WARNING_WINDOW = timedelta(hours=1)


class QuitGuard(QObject):
    """Ask before quitting while posts are due soon; they would not go out."""

    def __init__(
        self,
        due_between: Callable[[datetime, datetime], int],
        ask: Callable[[QWidget | None, str], bool] | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
        handed_over: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.due_between = due_between
        self.ask = ask or self.ask_with_a_box
        self.clock = clock
        # True while the system's scheduled task publishes with the program closed:
        # quitting then delays nothing, so there is nothing to ask.
        self.handed_over = handed_over

    def allow_quit(self, parent: QWidget | None) -> bool:
        if self.handed_over():
            return True
        now = self.clock()
        due = self.due_between(now, now + QUIT_WARNING_WINDOW)
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
        language: Language = DEFAULT_LANGUAGE,
    ) -> None:
        super().__init__(parent)
        self.language = language
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
            reason = clerk_reason(error, self.language)
            self.on_error(self.tr("No se pudo cambiar el inicio automático: {e}").format(e=reason))


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
class TrayParts:
    """What runs beside the window: notices, the menu's switches, the question on quitting."""

    bridge: PublishingBridge
    notifier: TrayNotifier
    quit_guard: QuitGuard
    autostart_action: AutostartAction | None
    pause_action: PauseAction | None


def install_tray_parts(
    services: Services,
    tray: Tray | None,
    open_post: Callable[[int], None],
    refresh: Callable[[], None],
    autostart: Autostart | None = None,
) -> TrayParts:
    """Build the pieces and hook them to the tray; the caller keeps the result alive."""
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, tray, services.posts, services.accounts, group_ms=GROUP_MS)
    notifier.open_post_requested.connect(open_post)
    notifier.changed.connect(refresh)
    action: AutostartAction | None = None
    system = autostart or for_this_system()
    paths = services.paths
    if tray is not None and system is not None and not paths.demo:
        basedir = paths.base if paths.base != usual_base_dir() else None
        action = AutostartAction(
            system,
            launch_command(basedir),
            lambda text: tray.notify("smalltown_social", text),
            tray,
            services.runtime.language,
        )
        tray.menu.insertAction(tray.quit_action, action)
    pause: PauseAction | None = None
    if tray is not None:
        pause = PauseAction(services.settings, refresh, tray)
        tray.menu.insertAction(tray.show_action, pause)
        tray.menu.aboutToShow.connect(pause.sync)
    calendar = CalendarRepository(services.database)
    guard = QuitGuard(calendar.due_between, parent=bridge)
    return TrayParts(bridge, notifier, guard, action, pause)
