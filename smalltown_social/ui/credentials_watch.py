"""Once a day, every account's key is checked; what will stop working is told early.

The check (`Services.check_credentials`, network calls) runs off the GUI
thread through the TaskRunner, shortly after start and then every day while
the app runs. The warnings go to the tray (one notice for all) and to the window (the
status bar keeps the first one, its tooltip lists them all), at least
`WARN_AHEAD` (7 days) before a key stops working — never first at publication.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from smalltown_social.core.i18n import Language
from smalltown_social.publishing.credentials_check import CHECK_EVERY, CredentialWarning
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray import Tray

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 30_000  # after start, once the window is drawn and the publisher runs


class CredentialsWatch(QObject):
    """Signals: warned(list) after each check (a list of str; empty: nothing to tell).

    An empty list after a check means every cause is gone (the key renewed, the
    account reconnected or removed): the window clears its warning then.
    """

    warned = Signal(list)

    def __init__(
        self,
        check: Callable[[], list[CredentialWarning]],
        tasks: TaskRunner,
        language: Callable[[], Language],
        tray: Tray | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._tasks = tasks
        self._language = language
        self._tray = tray
        self.running = False
        self._again = False  # asked while a check ran: its answer may be stale
        self.timer = QTimer(self)
        self.timer.setInterval(int(CHECK_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(self.check_now)

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        QTimer.singleShot(first_ms, self.check_now)
        self.timer.start()

    def check_now(self) -> None:
        if self.running:
            self._again = True
            return
        self._again = False
        self.running = True
        self._tasks.run_in_background(self._check, self._done, self._failed)

    def _done(self, warnings: object) -> None:
        self.running = False
        found = (
            [w for w in warnings if isinstance(w, CredentialWarning)]
            if isinstance(warnings, list)
            else []
        )
        language = self._language()
        texts = [w.text(language) for w in found]
        if self._tray is not None and texts:  # one notice for all, not one per account
            self._tray.notify(self.tr("Revise las cuentas"), "\n".join(texts))
        self.warned.emit(texts)
        if self._again:
            self.check_now()

    def _failed(self, error: Exception) -> None:
        self.running = False
        log.warning("the daily check of the accounts' keys failed: %s", type(error).__name__)
        if self._again:
            self.check_now()
