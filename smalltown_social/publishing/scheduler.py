"""APScheduler only wakes the outbox; SQLite knows what is due.

`Publisher` runs a `BackgroundScheduler` (not `QtScheduler`: PySide6's
`QTimer.singleShot` returns None, on 6.11.3 as on 6.12, so `QtScheduler` never
stops its timer and piles up wake-ups) with jobs in memory, rebuilt from the database at
start and by `reschedule()`: one date job per target due soon, carrying only
its id, and a sweep every ~60 s (and at once at start). Every job has
`misfire_grace_time=None`, `coalesce=True`, `max_instances=1`: APScheduler
never drops a late job; how late is too late is the outbox's lateness rule.

A sweep that sees the wall clock move differently from the monotonic clock
(the PC slept, or the clock was changed) rebuilds the date jobs at once.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from smalltown_social.publishing.outbox import Outbox

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)

SWEEP_SECONDS = 60
# Date jobs are kept for targets due within this window; the sweep catches the rest.
WAKE_WINDOW = timedelta(hours=48)
# A wall-clock move this much bigger or smaller than the monotonic one is a jump.
JUMP_TOLERANCE_S = 30.0
SWEEP_JOB = "sweep"
JOB_PREFIX = "target-"


class Publisher:
    """The background publishing service of one process (GUI or `publish-due --watch`)."""

    def __init__(self, outbox: Outbox, *, sweep_seconds: float = SWEEP_SECONDS) -> None:
        self.outbox = outbox
        self.clock = outbox.clock
        self.sweep_seconds = sweep_seconds
        self._scheduler: BackgroundScheduler | None = None
        self._lock = threading.Lock()
        self._last: tuple[float, float] | None = None  # (monotonic, wall) at the last sweep
        self.jumps = 0

    @property
    def running(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    def start(self) -> None:
        if self.running:
            return
        # Imported here (APScheduler brings asyncio, ~20 ms): the window is painted first.
        from apscheduler.executors.pool import ThreadPoolExecutor  # noqa: PLC0415
        from apscheduler.schedulers.background import BackgroundScheduler  # noqa: PLC0415

        # APScheduler logs every run of every job at INFO: once a minute, forever. Ours say more.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(max_workers=2)},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        scheduler.add_job(
            self.sweep,
            "interval",
            seconds=self.sweep_seconds,
            id=SWEEP_JOB,
            next_run_time=self.clock.now(),  # a sweep at start: recovery, missed, backlog
        )
        self._scheduler = scheduler
        scheduler.start()
        self.reschedule()
        log.info("publisher started (sweep every %s s)", self.sweep_seconds)

    def stop(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=True)
            log.info("publisher stopped")

    def reschedule(self) -> int:
        """Rebuild the date jobs from the database (start, a calendar change, a clock jump)."""
        scheduler = self._scheduler
        if scheduler is None:
            return 0
        now = self.clock.now()
        wanted = dict(self.outbox.repo.upcoming(now, now + WAKE_WINDOW))
        with self._lock:
            for job in scheduler.get_jobs():
                if job.id.startswith(JOB_PREFIX):
                    target_id = int(job.id.removeprefix(JOB_PREFIX))
                    if wanted.get(target_id) != job.next_run_time:
                        job.remove()
            present = {job.id for job in scheduler.get_jobs()}
            for target_id, due in wanted.items():
                job_id = f"{JOB_PREFIX}{target_id}"
                if job_id not in present:
                    scheduler.add_job(self.wake, "date", run_date=due, args=[target_id], id=job_id)
        return len(wanted)

    def nudge(self) -> None:
        """Something was just scheduled (the composer, a reply): re-plan and sweep now."""
        scheduler = self._scheduler
        if scheduler is None:
            return
        self.reschedule()
        scheduler.modify_job(SWEEP_JOB, next_run_time=self.clock.now())

    def wake(self, target_id: int) -> None:
        """A date job: the target's time has come (if the database still says so)."""
        try:
            self.outbox.process(target_id)
        except Exception:
            log.exception("publishing target %s failed unexpectedly", target_id)

    def sweep(self) -> None:
        try:
            if self.jumped():
                self.jumps += 1
                log.warning("the wall clock jumped (sleep or change): re-planning wake-ups")
                self.reschedule()
            self.outbox.sweep()
        except Exception:
            log.exception("publishing sweep failed unexpectedly")

    def jumped(self) -> bool:
        """True when the wall clock moved unlike the monotonic clock since the last sweep."""
        mono, wall = self.clock.monotonic(), self.clock.now().timestamp()
        last, self._last = self._last, (mono, wall)
        if last is None:
            return False
        return abs((wall - last[1]) - (mono - last[0])) > JUMP_TOLERANCE_S
