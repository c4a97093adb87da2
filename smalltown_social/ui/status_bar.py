"""Status bar: connectivity and the next scheduled publication.

Connectivity comes from the operating system (QNetworkInformation), never
from probing an outside server; where the OS cannot tell, it says so.
"""

from __future__ import annotations

from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from smalltown_social.storage.posts_repo import Upcoming
from smalltown_social.ui.formatting import local_text, shorten


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextPublication")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectivity")
        self.addPermanentWidget(self.next_label)
        self.addPermanentWidget(self.connection_label)
        self._network = self._load_network_information()
        self.show_next(None)
        self._show_reachability()

    def _load_network_information(self) -> QNetworkInformation | None:
        if not QNetworkInformation.loadDefaultBackend():
            return None
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._show_reachability)
        return info

    def _show_reachability(self) -> None:
        reach = self._network.reachability() if self._network else None
        online = QNetworkInformation.Reachability.Online
        if reach is None or reach == QNetworkInformation.Reachability.Unknown:
            text = self.tr("Conexión: desconocida")
        elif reach == online:
            text = self.tr("● Con conexión")
        else:
            text = self.tr("○ Sin conexión: se publicará al volver la conexión")
        self.connection_label.setText(text)

    def show_next(self, upcoming: Upcoming | None) -> None:
        if upcoming is None:
            self.next_label.setText(self.tr("No hay publicaciones programadas"))
            return
        when = local_text(upcoming.due_utc, upcoming.time_zone)
        self.next_label.setText(
            self.tr("Próxima publicación: {when} · {account}").format(
                when=when, account=upcoming.account_name
            )
        )
        self.next_label.setToolTip(shorten(upcoming.text, 200))
