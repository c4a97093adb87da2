"""Ajustes: publish at the due time with the window closed (background_publishing.py).

Asking the system (schtasks, systemctl) takes a moment, so it happens off the
GUI thread; the box shows what the system answered, never what it hoped.

Signals: state_changed(object) - True/False once the system answered.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from smalltown_social.background_publishing import (
    INTERVAL_MINUTES,
    BackgroundPublishing,
)
from smalltown_social.core.i18n import Language
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.system_words import background_task
from smalltown_social.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class BackgroundPublishingBox(QGroupBox):
    state_changed = Signal(object)

    def __init__(
        self,
        system: BackgroundPublishing,
        command: list[str],
        tasks: TaskRunner,
        language: Language,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Publicar con la ventana cerrada"))
        self.system = system
        self.command = command
        self.tasks = tasks
        self.language = language
        self.active: bool | None = None  # None until the system has answered
        layout = QVBoxLayout(self)
        self.check = QCheckBox(self.tr("Publicar a su hora aunque el programa esté cerrado"))
        self.check.setEnabled(False)  # until the system has answered
        self.check.toggled.connect(self._switch)
        layout.addWidget(self.check)
        explain = QLabel(
            self.tr(
                "Cada {minutes} minutos, mientras haya una sesión abierta en este ordenador, "
                "el sistema comprueba si hay algo que publicar ({task}; no hace falta ser "
                "administrador). Cada publicación sale una sola vez, también con la ventana "
                "abierta."
            ).format(minutes=INTERVAL_MINUTES, task=background_task())
        )
        explain.setWordWrap(True)
        explain.setObjectName("settingHelp")
        layout.addWidget(explain)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("backgroundResult")
        layout.addWidget(self.result)
        self._ask(self.system.active)

    def turn_on(self) -> None:
        """What the clerk's "yes" to the offer on first scheduling does."""
        if self.check.isEnabled() and not self.check.isChecked():
            self.check.setChecked(True)

    def _ask(self, work: object) -> None:
        self.check.setEnabled(False)
        self.tasks.run_in_background(work, self._answered, self._refused)  # type: ignore[arg-type]

    def _switch(self, on: bool) -> None:
        if not self.check.isEnabled():
            return  # set by the system's answer, not by the clerk

        def work() -> bool:
            if on:
                self.system.enable(self.command)
            else:
                self.system.disable()
            return self.system.active()

        self.result.setText(self.tr("Un momento…"))
        self._ask(work)

    def _answered(self, active: object) -> None:
        self.active = bool(active)
        self.check.setChecked(bool(active))
        self.check.setEnabled(True)
        if self.result.text() == self.tr("Un momento…"):
            self.result.setText("")
        self.state_changed.emit(bool(active))

    def _refused(self, error: Exception) -> None:
        log.warning("background publishing change refused: %s", error)
        reason = clerk_reason(error, self.language)
        self.result.setText(self.tr("No se pudo cambiar: {reason}").format(reason=reason))
        self._ask(self.system.active)
