"""One running instance: the second launch brings the first window forward.

The OS file lock (`instance.InstanceLock`) decides who is first; a local
socket named after the data folder carries the "show yourself" message.

Signals: activation_requested() in the first instance.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from smalltown_social.instance import InstanceLock
from smalltown_social.paths import DataPaths

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 2000


def server_name(paths: DataPaths) -> str:
    digest = hashlib.sha256(f"{getpass.getuser()}|{paths.base}".encode()).hexdigest()[:16]
    return f"smalltown_social-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(paths)
        self.lock = InstanceLock(paths.lock_file)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is the first; otherwise the first one was told to show."""
        if not self.lock.acquire():
            self._notify_first()
            return False
        QLocalServer.removeServer(self._name)  # a stale socket from a crashed run
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self.lock.release()

    def _notify_first(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(ACTIVATE)
            socket.flush()
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()

    def _on_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if ACTIVATE.strip() in bytes(connection.readAll().data()):
            self.activation_requested.emit()
