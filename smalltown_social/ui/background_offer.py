"""On the first scheduled post: offer to publish even with the program closed, once.

The question is asked only when the system has answered that the task is not
there (Ajustes' box knows), and never again once asked (BACKGROUND_OFFERED),
whatever the answer. "Sí" does what the box in Ajustes does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from smalltown_social.core.settings import BACKGROUND_OFFERED
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.ui.settings.background_box import BackgroundPublishingBox


class BackgroundOffer(QObject):
    def __init__(
        self,
        settings: SettingsRepository,
        box: BackgroundPublishingBox | None,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.box = box
        self.window = window
        self.question: QMessageBox | None = None

    def offer(self, _post_id: int = 0) -> None:
        box = self.box
        if box is None or box.active is not False or self.settings.get(BACKGROUND_OFFERED):
            return
        self.settings.set(BACKGROUND_OFFERED, True)
        question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Publicar aunque cierre el programa"),
            self.tr(
                "Ha programado una publicación. ¿Quiere que salga a su hora aunque el programa "
                "esté cerrado? Este ordenador lo comprobará cada pocos minutos mientras haya una "
                "sesión abierta. Puede cambiarlo en Ajustes."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        question.setDefaultButton(QMessageBox.StandardButton.Yes)
        question.setWindowModality(Qt.WindowModality.WindowModal)
        question.button(QMessageBox.StandardButton.Yes).setText(self.tr("Sí, publicar a su hora"))
        question.button(QMessageBox.StandardButton.No).setText(self.tr("Ahora no"))
        question.finished.connect(self._answered)
        self.question = question
        question.open()

    def _answered(self, _result: int) -> None:
        question = self.question
        if question is None or self.box is None:
            return
        if question.clickedButton() is question.button(QMessageBox.StandardButton.Yes):
            self.box.turn_on()
        self.question = None
        question.deleteLater()
