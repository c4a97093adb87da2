"""Handing a post over to the network's own scheduler, and taking it back.

Mastodon and Facebook can keep a post and publish it at its time even with the town
hall's PC switched off. Once handed over the post is locked; "Retirar"
asks the network to delete its copy first, and only then can it be changed.

Signals: toggled(bool) when the clerk ticks the box; withdraw_requested().
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget


class HandoverRow(QWidget):
    toggled = Signal(bool)
    withdraw_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.checkbox = QCheckBox(
            self.tr(
                "Dejarla programada en la red (Mastodon, Facebook): sale aunque el ordenador "
                "esté apagado"
            )
        )
        self.checkbox.setObjectName("serverScheduling")
        self.checkbox.setToolTip(
            self.tr(
                "La publicación se envía a la red con su hora. Para cambiarla después hay que "
                "retirarla de la red (con conexión)."
            )
        )
        self.checkbox.toggled.connect(self.toggled)
        self.withdraw_button = QPushButton(self.tr("&Retirar de la red para cambiarla"))
        self.withdraw_button.setObjectName("withdrawFromServer")
        self.withdraw_button.clicked.connect(self.withdraw_requested)
        self.withdraw_button.hide()
        row.addWidget(self.checkbox, 1)
        row.addWidget(self.withdraw_button)
        self.offered = False
        self.set_available(False)

    def set_offered(self, offered: bool) -> None:
        """Shown while the town has an account that can schedule on its side at all.

        Visibility follows the accounts the town has, never the ones ticked, so
        ticking an account does not move the rows under the clerk's pointer.
        """
        self.offered = offered
        self._show_if_needed()

    def set_available(self, available: bool) -> None:
        """Usable only where a chosen account's network can schedule on its side."""
        self.checkbox.setEnabled(available)
        self._show_if_needed()

    def _show_if_needed(self) -> None:
        self.setVisible(self.offered or self.checkbox.isChecked() or self.handed_over())

    def set_handed_over(self, handed: bool) -> None:
        self.withdraw_button.setVisible(handed)
        self.withdraw_button.setEnabled(handed)
        if handed:
            self.show()

    def handed_over(self) -> bool:
        return not self.withdraw_button.isHidden()
