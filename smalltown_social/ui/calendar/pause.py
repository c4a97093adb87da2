"""The crisis switch: pause every scheduled post at once, and say so loudly.

Signals: toggled_paused(bool) after the setting is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from smalltown_social.core.settings import PAUSED
from smalltown_social.storage.settings_repo import SettingsRepository


class PauseSwitch(QPushButton):
    toggled_paused = Signal(bool)

    def __init__(self, settings: SettingsRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("pauseSwitch")
        self.setCheckable(True)
        self.setChecked(settings.get(PAUSED))
        self._show_state()
        self.toggled.connect(self._store)

    def _store(self, paused: bool) -> None:
        self.settings.set(PAUSED, paused)
        self._show_state()
        self.toggled_paused.emit(paused)

    def _show_state(self) -> None:
        paused = self.isChecked()
        self.setProperty("paused", paused)
        self.setText(
            self.tr("Reanudar publicaciones") if paused else self.tr("Pausar publicaciones")
        )
        self.setToolTip(
            self.tr("Vuelve a publicar lo programado; lo que venció durante la pausa se revisa.")
            if paused
            else self.tr(
                "Detiene todas las publicaciones programadas, por ejemplo ante una tragedia."
            )
        )
        self.setAccessibleName(self.text())
        self.style().unpolish(self)
        self.style().polish(self)

    def refresh(self) -> None:
        """Re-read the setting (another window or the tray may have changed it)."""
        stored = self.settings.get(PAUSED)
        if stored != self.isChecked():
            self.blockSignals(True)
            self.setChecked(stored)
            self.blockSignals(False)
            self._show_state()


class PausedBanner(QFrame):
    """A red band over the calendar while publishing is paused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pausedBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        label = QLabel(
            self.tr(
                "Publicación en pausa: no sale nada, ni lo programado, hasta que pulse "
                "«Reanudar publicaciones»."
            )
        )
        label.setObjectName("pausedBannerText")
        label.setWordWrap(True)
        layout.addWidget(label, 1)
