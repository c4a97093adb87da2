"""Fail a test on any log record at WARNING or above that it did not expect.

A warning in the log is something the clerk, or whoever reads the log for
them, would be told: a test that produces one without saying so hides a bug,
as qutebrowser's test suite learned. See `_fail_on_unexpected_warning_logs`
in tests/conftest.py for how a test says what it expects.
"""

from __future__ import annotations

import logging
import re
import threading


class LogFailHandler(logging.Handler):
    """Collects the records at WARNING and above, from every thread."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.name}: {record.getMessage()}"
        with self._guard:
            self.records.append(f"{record.levelname} {line}")

    def unexpected(self, patterns: list[str]) -> list[str]:
        """The records no pattern matches (searched in "LEVEL logger: message")."""
        compiled = [re.compile(p) for p in patterns]
        with self._guard:
            return [r for r in self.records if not any(c.search(r) for c in compiled)]
