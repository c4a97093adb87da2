"""One running instance: the second launch brings the first window forward.

The OS file lock (`instance.InstanceLock`) decides who is first; a local
socket named after the data folder carries the "show yourself" message.

The lock is taken before anything else; the socket is opened by `listen()`, which
the window calls once it is painted (QtNetwork is not loaded before the first
frame, issue #13). Messages were only ever read once the event loop ran, so the
first instance hears nothing later than before; a second start that finds the lock
held but no socket yet tries again for up to `HANDOVER_WAIT_MS`.

Signals: activation_requested() in the first instance.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from smalltown_social.instance import InstanceLock
from smalltown_social.paths import DataPaths

if TYPE_CHECKING:  # imported by listen() and by a second start (issue #13)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 2000
# How long a second start waits for the first one's socket: the first opens it once
# its window is painted (or at the latest 1 s after showing it).
HANDOVER_WAIT_MS = 10_000
RETRY_EVERY_S = 0.05


def server_name(paths: DataPaths) -> str:
    import getpass  # noqa: PLC0415 - asked after the first frame (or by a second start)
    import hashlib  # noqa: PLC0415

    digest = hashlib.sha256(f"{getpass.getuser()}|{paths.base}".encode()).hexdigest()[:16]
    return f"smalltown_social-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self.lock = InstanceLock(paths.lock_file)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is the first; otherwise the first one was told to show.

        The first one then calls `listen()` to hear later starts."""
        if not self.lock.acquire():
            self._notify_first()
            return False
        return True

    def listen(self) -> None:
        """Open the socket later starts write to (once; only while holding the lock)."""
        if self._server is not None or not self.lock.held:
            return
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415

        name = server_name(self._paths)
        QLocalServer.removeServer(name)  # a stale socket from a crashed run
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)

    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self.lock.release()

    def _notify_first(self) -> None:
        from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415

        deadline = time.monotonic() + HANDOVER_WAIT_MS / 1000
        name = server_name(self._paths)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(name)
            if socket.waitForConnected(CONNECT_TIMEOUT_MS):
                socket.write(ACTIVATE)
                socket.flush()
                socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                socket.disconnectFromServer()
                return
            # No socket yet: the first start is still painting its window.
            if time.monotonic() >= deadline:
                return
            time.sleep(RETRY_EVERY_S)

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
