"""What another process published, told in the tray: the scheduled task's `publish-due`.

At start, what it sent while the program was closed (one notice); then, every
minute, what it sent beside the open window (the usual notice for each). A
publication of this process arrives through the bridge and is never told twice.
PUBLISHED_SEEN_UTC remembers up to when everything has been told.

The database is read (and PUBLISHED_SEEN_UTC written) off the GUI thread;
the tray is told on it.

Signals: told(list[int]) with the target ids told by a check (empty: nothing new).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from smalltown_social.core.settings import PUBLISHED_SEEN_UTC
from smalltown_social.storage.published_query import Published
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.timefmt import from_db_required, to_db
from smalltown_social.ui.publishing_notices import PublishingBridge, TrayNotifier
from smalltown_social.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

CHECK_MS = 60_000
SETTLE = timedelta(seconds=15)  # this process's own reports arrive through the bridge by then


def _now() -> datetime:
    return datetime.now(UTC)


class ElsewhereNotices(QObject):
    told = Signal(list)

    def __init__(
        self,
        bridge: PublishingBridge,
        notifier: TrayNotifier,
        settings: SettingsRepository,
        published_since: Callable[[datetime], list[Published]],
        tasks: TaskRunner,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(notifier)
        self.notifier = notifier
        self.settings = settings
        self.published_since = published_since
        self.tasks = tasks
        self.clock = clock
        self.ours: set[int] = set()
        self.told_ids: set[int] = set()
        self.checking = False
        bridge.published.connect(self.ours.add)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Tell what went out while the program was closed; then keep looking."""
        self.check(at_start=True)
        self.timer.start()

    def check(self, *, at_start: bool = False) -> None:
        """Look off the GUI thread; `told` says what was told (one check at a time)."""
        if self.checking:
            return
        self.checking = True
        known = frozenset(self.ours | self.told_ids)  # read here, not by the worker
        self.tasks.run_in_background(
            lambda: self._fresh(known),
            lambda fresh: self._tell(fresh, at_start=at_start),
            self._failed,
        )

    def _fresh(self, known: frozenset[int]) -> list[int]:
        """The ids published elsewhere since the last look (runs on a worker thread)."""
        seen = self.settings.get(PUBLISHED_SEEN_UTC)
        now = self.clock()
        if not seen:  # the first run ever: nothing before it is news
            self.settings.set(PUBLISHED_SEEN_UTC, to_db(now) or "")
            return []
        since = from_db_required(seen)
        # Strictly after: what was published in the second already counted was told.
        settled = [
            row for row in self.published_since(since) if since < row.published_utc <= now - SETTLE
        ]
        if settled:
            latest = max(row.published_utc for row in settled)
            self.settings.set(PUBLISHED_SEEN_UTC, to_db(latest) or seen)
        return [row.target_id for row in settled if row.target_id not in known]

    def _tell(self, fresh: list[int], *, at_start: bool) -> None:
        self.checking = False
        fresh = [target_id for target_id in fresh if target_id not in self.ours]
        self.told_ids.update(fresh)
        if fresh and at_start:
            self.notifier.published_while_closed(fresh)
        else:
            for target_id in fresh:
                self.notifier.tell_published(target_id)
        self.told.emit(fresh)

    def _failed(self, error: Exception) -> None:
        """Nothing told: the next check looks again."""
        self.checking = False
        log.error("looking for posts published elsewhere failed", exc_info=error)
