"""Status bar: connectivity and the next scheduled publication.

Connectivity comes from the operating system (QNetworkInformation), never
from probing an outside server; where the OS cannot tell, it says so. Its
backend is loaded by `watch_network()`, which the window calls once the clerk
can type (loading it takes 10-30 ms on the GUI thread; issue #13).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from smalltown_social.core.oneline import shorten
from smalltown_social.ui.colors import apply_themed

if TYPE_CHECKING:  # QtNetwork is loaded by watch_network(), after the first frame
    from PySide6.QtNetwork import QNetworkInformation

    from smalltown_social.storage.posts_repo import Upcoming


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextPublication")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectivity")
        self.credentials_label = QLabel()
        self.credentials_label.setObjectName("credentialsWarning")
        apply_themed(self.credentials_label, "color: $error;")
        self.credentials_label.hide()
        self.addWidget(self.credentials_label, 1)
        self.background_label = QLabel()
        self.background_label.setObjectName("backgroundPublishing")
        self.background_label.hide()  # until the system says whether it is on
        # What the system last said: the scheduled task publishes with the program closed.
        self.background_active: bool | None = None
        self.addPermanentWidget(self.next_label)
        self.addPermanentWidget(self.background_label)
        self.addPermanentWidget(self.connection_label)
        self._network: QNetworkInformation | None = None
        self._watching = False
        # The next post is said once the overview is read: "none scheduled" is not said
        # before it is known (the window's shell paints this bar before the database is open).

    def watch_network(self) -> None:
        """Ask the system about connectivity from now on (once; shown at once)."""
        if self._watching:
            return
        self._watching = True
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

        if QNetworkInformation.loadDefaultBackend():
            self._network = QNetworkInformation.instance()
            if self._network is not None:
                self._network.reachabilityChanged.connect(self._show_reachability)
        self._show_reachability()

    def _show_reachability(self) -> None:
        text = self.tr("Conexión: desconocida")
        if self._network is not None:  # set by watch_network(), which loaded QtNetwork
            from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

            reach = self._network.reachability()
            if reach == QNetworkInformation.Reachability.Online:
                text = self.tr("● Con conexión")
            elif reach != QNetworkInformation.Reachability.Unknown:
                text = self.tr("○ Sin conexión: se publicará al volver la conexión")
        self.connection_label.setText(text)
        self.connection_label.setToolTip("")

    def show_background(self, active: object) -> None:
        """Whether the system publishes with the window closed (None: no such thing here)."""
        self.background_active = None if active is None else bool(active)
        if active is None:
            self.background_label.hide()
            return
        if active:
            self.background_label.setText(self.tr("Con la ventana cerrada: publica"))
            self.background_label.setToolTip(
                self.tr("Una tarea programada publica a su hora aunque cierre el programa.")
            )
        else:
            self.background_label.setText(self.tr("Con la ventana cerrada: no publica"))
            self.background_label.setToolTip(
                self.tr(
                    "Si cierra el programa, lo programado espera a que vuelva a abrirlo. "
                    "Actívelo en Ajustes."
                )
            )
        self.background_label.show()

    def note_unreachable(self, where: str) -> None:
        """A network could not be reached although the system says it is online.

        Said until the system's connectivity changes, so the status bar never
        claims a connection the app has just failed to make.
        """
        self.connection_label.setText(self.tr("○ Sin conexión con {where}").format(where=where))
        self.connection_label.setToolTip(
            self.tr("El equipo tiene red, pero {where} no contesta; se intentará de nuevo.").format(
                where=where
            )
        )

    def note_reached(self) -> None:
        """A network answered again: back to what the system says."""
        self._show_reachability()

    def show_credential_warnings(self, texts: list[str]) -> None:
        """Keys that stop working soon (or did): the first shown, all in the tooltip."""
        if not texts:
            self.credentials_label.hide()
            return
        more = len(texts) - 1
        first = shorten(texts[0], 120)
        shown = first if not more else self.tr("{first} (y {n} más)").format(first=first, n=more)
        self.credentials_label.setText("⚠ " + shown)
        self.credentials_label.setToolTip("\n\n".join(texts))
        self.credentials_label.show()

    def show_next(self, upcoming: Upcoming | None, *, paused: bool = False) -> None:
        if paused:
            self.next_label.setText(self.tr("Publicaciones en pausa: no sale nada"))
            self.next_label.setToolTip(self.tr("Se reanudan desde el Calendario."))
            return
        if upcoming is None:
            self.next_label.setText(self.tr("No hay publicaciones programadas"))
            self.next_label.setToolTip("")
            return
        from smalltown_social.ui.formatting import local_text  # noqa: PLC0415 - zoneinfo: after the first frame

        when = local_text(upcoming.due_utc, upcoming.time_zone)
        self.next_label.setText(
            self.tr("Próxima publicación: {when} · {account}").format(
                when=when, account=upcoming.account_name
            )
        )
        self.next_label.setToolTip(shorten(upcoming.text, 200))
