"""What another process published, told in the tray: the scheduled task's `publish-due`.

At start, what it sent while the program was closed (one notice); then, every
minute, what it sent beside the open window (the usual notice for each). A
publication of this process arrives through the bridge and is never told twice.
PUBLISHED_SEEN_UTC remembers up to when everything has been told.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer

from smalltown_social.core.settings import PUBLISHED_SEEN_UTC
from smalltown_social.storage.published_query import Published
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.timefmt import from_db_required, to_db
from smalltown_social.ui.publishing_notices import PublishingBridge, TrayNotifier

CHECK_MS = 60_000
SETTLE = timedelta(seconds=15)  # this process's own reports arrive through the bridge by then


def _now() -> datetime:
    return datetime.now(UTC)


class ElsewhereNotices(QObject):
    def __init__(
        self,
        bridge: PublishingBridge,
        notifier: TrayNotifier,
        settings: SettingsRepository,
        published_since: Callable[[datetime], list[Published]],
        clock: Callable[[], datetime] = _now,
    ) -> None:
        super().__init__(notifier)
        self.notifier = notifier
        self.settings = settings
        self.published_since = published_since
        self.clock = clock
        self.ours: set[int] = set()
        self.told: set[int] = set()
        bridge.published.connect(self.ours.add)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> list[int]:
        """Tell what went out while the program was closed; then keep looking."""
        told = self.check(at_start=True)
        self.timer.start()
        return told

    def check(self, *, at_start: bool = False) -> list[int]:
        """The target ids told now."""
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
        fresh = [row.target_id for row in settled if row.target_id not in self.ours | self.told]
        if settled:
            latest = max(row.published_utc for row in settled)
            self.settings.set(PUBLISHED_SEEN_UTC, to_db(latest) or seen)
        self.told.update(fresh)
        if fresh and at_start:
            self.notifier.published_while_closed(fresh)
        else:
            for target_id in fresh:
                self.notifier.tell_published(target_id)
        return fresh
