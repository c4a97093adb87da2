"""The composer's bottom bar: state of the draft, messages, the drafts list, the four actions.

Signals: none (the page connects the buttons).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smalltown_social.ui.composer.restyle import set_flag


class ActionBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setObjectName("composerMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        row = QHBoxLayout()
        self.state = QLabel()
        self.state.setObjectName("draftState")
        row.addWidget(self.state, 1)
        self.drafts_button = QPushButton(self.tr("&Borradores…"))
        self.drafts_button.setToolTip(self.tr("Todos los borradores guardados: abrir o eliminar"))
        row.addWidget(self.drafts_button)
        self.new_button = QPushButton(self.tr("Nueva"))
        self.new_button.setToolTip(self.tr("Empezar una publicación nueva (Ctrl+N)"))
        self.save_button = QPushButton(self.tr("&Guardar borrador"))
        self.save_button.setToolTip(self.tr("Guardar sin programar (Ctrl+S)"))
        self.schedule_button = QPushButton(self.tr("&Programar"))
        self.schedule_button.setToolTip(
            self.tr("Programar a la fecha y hora elegidas (Ctrl+Intro)")
        )
        self.publish_button = QPushButton(self.tr("Publicar a&hora"))
        self.publish_button.setToolTip(
            self.tr("Publicar en cuanto haya conexión (Ctrl+Mayús+Intro)")
        )
        self.schedule_button.setDefault(True)
        for button in self.buttons():
            row.addWidget(button)
        outer.addLayout(row)

    def buttons(self) -> list[QPushButton]:
        return [self.new_button, self.save_button, self.schedule_button, self.publish_button]

    def set_locked(self, locked: bool) -> None:
        for button in (self.save_button, self.schedule_button, self.publish_button):
            button.setEnabled(not locked)

    def show_state(self, text: str) -> None:
        self.state.setText(text)

    def tell(self, message: str, *, error: bool = False) -> None:
        self.message.setText(message)
        set_flag(self.message, "error", error)
        self.message.setVisible(bool(message))
