"""What the calendar shows: one entry per post and due time, with its targets.

Plain values built by `storage.calendar_repo` and drawn by `ui/calendar`.
A post going to three accounts at 9:00 is one entry with three networks, so
the month view stays readable; each network keeps its own state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smalltown_social.core.accounts import Network
from smalltown_social.core.states import TargetState

# Worst first: the entry shows the state that most needs the clerk's eyes.
STATE_PRIORITY: tuple[TargetState, ...] = (
    TargetState.FAILED,
    TargetState.UNCONFIRMED,
    TargetState.MISSED,
    TargetState.PUBLISHING,
    TargetState.SCHEDULED,
    TargetState.DRAFT,
    TargetState.PUBLISHED,
)


@dataclass(frozen=True)
class EntryTarget:
    target_id: int
    account_id: int
    account_name: str
    network: Network
    state: TargetState
    error: str | None = None
    remote_url: str | None = None


@dataclass(frozen=True)
class CalendarEntry:
    post_id: int
    due_utc: datetime
    time_zone: str
    text: str  # the beginning of the post's text
    content_type: str | None
    targets: tuple[EntryTarget, ...]
    recurrence: str | None = None
    preview: bool = False  # a later occurrence of a recurring post, not yet a real target

    @property
    def state(self) -> TargetState:
        """The state that most needs attention among the targets."""
        states = {t.state for t in self.targets}
        for state in STATE_PRIORITY:
            if state in states:
                return state
        return TargetState.DRAFT

    @property
    def networks(self) -> tuple[Network, ...]:
        seen: dict[Network, None] = {}
        for target in self.targets:
            seen.setdefault(target.network, None)
        return tuple(seen)

    @property
    def movable(self) -> bool:
        """Whether dragging it to another time may work (the storage decides for sure)."""
        locked = {TargetState.PUBLISHING, TargetState.PUBLISHED, TargetState.UNCONFIRMED}
        return not self.preview and not any(t.state in locked for t in self.targets)
