"""End to end: a post scheduled a few seconds ahead goes out and the calendar shows it.

Real parts: the SQLite file, the outbox, the Mastodon adapter and its HTTP
layer, the calendar page, the tray notifier. The only fake is the Mastodon
server, a local HTTP server replaying recorded replies (tests/fixtures).
The Publisher (APScheduler's background thread, sweeping every 0.2 s here
instead of 60 s) runs the outbox and reports through the GUI's bridge.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.states import TargetState
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.publishing.clock import SystemClock
from smalltown_social.publishing.outbox import Outbox
from smalltown_social.publishing.scheduler import Publisher
from smalltown_social.redaction import Redactor
from smalltown_social.ui.calendar.page import WEEK, CalendarPage
from smalltown_social.ui.calendar.periods import local_date
from smalltown_social.ui.composer.page import ComposerPage
from smalltown_social.ui.tasks import TaskRunner
from smalltown_social.ui.tray_menu import install_tray_parts
from tests.networks.fake_server import FakeServer

AHEAD = timedelta(seconds=3)
TEXT = "Mañana, a las 10:00, pleno municipal en el salón de actos del ayuntamiento."


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    fake.replay("test_instance", 0)
    fake.replay("test_status_reply", 0)
    yield fake
    fake.stop()


class ShiftedClock(SystemClock):
    """The outbox's wall clock, moved so that the composer's whole minute is AHEAD away.

    The composer schedules to the minute; the test should not wait up to a minute.
    """

    def __init__(self, due: datetime) -> None:
        self.offset = due - AHEAD - datetime.now(UTC)

    def now(self) -> datetime:
        return super().now() + self.offset


def test_post_scheduled_in_the_composer_is_published_and_the_calendar_follows(
    qtbot: QtBot, services: Services, server: FakeServer
) -> None:
    account = services.accounts.add(Network.MASTODON, "Ayuntamiento", server_url=server.url)
    now = datetime.now(UTC)
    # This minute (the composer accepts up to a minute ago), or the next one if it is close.
    due = now.replace(second=0, microsecond=0) + timedelta(minutes=int(now.second >= 50))
    clock = ShiftedClock(due)

    tasks = TaskRunner()
    composer = ComposerPage(services.composer_services, tasks)
    qtbot.addWidget(composer)
    composer.show()
    composer.editor.setPlainText(TEXT)
    composer.refresh_accounts()
    composer.schedule.choose({account.id})
    composer.schedule.set_due_utc(due)
    with qtbot.waitSignal(composer.scheduled, timeout=5000) as scheduled:
        composer.schedule_post()
    post_id = scheduled.args[0]
    (target,) = services.posts.targets_of(post_id)
    assert (target.state, target.due_utc) == (TargetState.SCHEDULED, due)

    page = CalendarPage(
        services.calendar,
        services.settings,
        services.runtime.language,
        resolve=services.resolve_target,
        tasks=tasks,
    )
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.anchor = local_date(due, page.time_zone)  # the week of the post, even at midnight
    page.set_view(WEEK)
    qtbot.waitUntil(lambda: bool(page.week.hits), timeout=5000)
    assert [h.entry.state for h in page.week.hits] == [TargetState.SCHEDULED]

    opened: list[int] = []
    parts = install_tray_parts(services, None, opened.append, page.refresh)

    def adapter(found: Account) -> MastodonAdapter:
        return MastodonAdapter(found, "token-for-the-test", Redactor())

    reported_at: list[datetime] = []
    parts.notifier.changed.connect(lambda: reported_at.append(datetime.now(UTC)))
    outbox = Outbox(services.database, adapter, clock, reports=parts.bridge)
    publisher = Publisher(outbox, sweep_seconds=0.2)
    publisher.start()
    try:
        qtbot.waitUntil(lambda: bool(reported_at), timeout=AHEAD.seconds * 1000 + 10_000)
        qtbot.waitUntil(
            lambda: [h.entry.state for h in page.week.hits] == [TargetState.PUBLISHED],
            timeout=5000,
        )
    finally:
        publisher.stop()
        tasks.wait()

    notice = parts.notifier.last
    assert notice is not None
    assert notice.title == "Publicada en Ayuntamiento (Mastodon)"
    stored = services.posts.target(target.id or 0)
    assert stored is not None
    assert stored.state is TargetState.PUBLISHED
    assert stored.remote_id == "117020583245459824"
    posted = server.requests_to("POST", "/api/v1/statuses")
    assert len(posted) == 1
    assert posted[0].headers["Idempotency-Key"] == target.idempotency_key
    reported = reported_at[0] + clock.offset  # on the outbox's clock
    assert reported >= due  # not before its time
    assert reported - due < timedelta(seconds=5)
