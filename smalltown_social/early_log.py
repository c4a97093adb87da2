"""What is logged before the log file is open (the window's shell, issue #13).

The window paints its shell before the log starts (`logs` is imported after the first
frame). Warnings and errors meanwhile, Qt's own among them, are kept here instead of
going to a console the clerk does not have, and written to the log once it is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

KEEP_AT_MOST = 1_000


class EarlyRecords(logging.Handler):
    """Installed on the root logger until the log file is open."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < KEEP_AT_MOST:
            self.records.append(record)

    def install(self) -> None:
        logging.getLogger().addHandler(self)

    def uninstall(self) -> list[logging.LogRecord]:
        """Stop keeping records; those kept so far, for the log."""
        logging.getLogger().removeHandler(self)
        kept, self.records = self.records, []
        return kept


def hand_over(write: Callable[[list[logging.LogRecord]], None]) -> None:
    """The log is open: what was kept goes to `write`, and nothing is kept any longer."""
    for handler in list(logging.getLogger().handlers):
        if isinstance(handler, EarlyRecords):
            write(handler.uninstall())
