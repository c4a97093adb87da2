"""The tray tells what the scheduled task published while the program was closed, once.

Another process's publication is a row in the real SQLite file (state published,
with its time), as `publish-due` leaves it; this process's own arrive by the bridge.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.settings import PUBLISHED_SEEN_UTC
from smalltown_social.core.states import TargetState
from smalltown_social.storage.published_query import Published, published_since
from smalltown_social.storage.timefmt import to_db
from smalltown_social.ui.elsewhere_notices import ElsewhereNotices
from smalltown_social.ui.publishing_notices import PublishingBridge, TrayNotifier
from smalltown_social.ui.tasks import TaskRunner

NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)


def published(services: Services, when: datetime, text: str) -> int:
    """A target as another process leaves it after publishing."""
    found = [a for a in services.accounts.all() if a.name == "Ayuntamiento"]
    account = found[0] if found else services.accounts.add(Network.MASTODON, "Ayuntamiento")
    post = services.posts.save(Post(text=text, due_utc=when))
    assert post.id is not None
    target = services.posts.add_target(
        Target(post.id, account.id, state=TargetState.SCHEDULED, due_utc=when)
    )
    assert target.id is not None
    with services.database.conn as conn:
        conn.execute(
            "UPDATE targets SET state = 'published', published_utc = ?, remote_id = 'x' "
            "WHERE id = ?",
            (to_db(when), target.id),
        )
    return target.id


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def parts(
    services: Services, clock: Clock, readers: list[threading.Thread] | None = None
) -> tuple[PublishingBridge, TrayNotifier, ElsewhereNotices]:
    bridge = PublishingBridge()
    notifier = TrayNotifier(bridge, None, services.posts, services.accounts)

    def read(since: datetime) -> list[Published]:
        if readers is not None:
            readers.append(threading.current_thread())
        return published_since(services.database.conn, since)

    elsewhere = ElsewhereNotices(
        bridge, notifier, services.settings, read, TaskRunner(), clock=clock
    )
    return bridge, notifier, elsewhere


def told(qtbot: QtBot, elsewhere: ElsewhereNotices, *, start: bool = False) -> list[int]:
    """What one look told (the look runs off the GUI thread; `told` says when it is done)."""
    with qtbot.waitSignal(elsewhere.told, timeout=5000) as looked:
        if start:
            elsewhere.start()
        else:
            elsewhere.check()
    result: list[int] = looked.args[0]
    return result


def test_the_first_run_tells_nothing_old(qtbot: QtBot, services: Services) -> None:
    published(services, NOW - timedelta(days=3), "Antiguo")
    _, notifier, elsewhere = parts(services, Clock(NOW))
    assert told(qtbot, elsewhere, start=True) == []
    assert notifier.last is None
    assert services.settings.get(PUBLISHED_SEEN_UTC) == to_db(NOW)
    elsewhere.timer.stop()


def test_what_went_out_while_closed_is_told_once_at_start(qtbot: QtBot, services: Services) -> None:
    services.settings.set(PUBLISHED_SEEN_UTC, to_db(NOW - timedelta(hours=12)) or "")
    published(services, NOW - timedelta(days=1), "Ya contado")
    first = published(services, NOW - timedelta(hours=3), "Corte de agua el martes")
    second = published(services, NOW - timedelta(hours=1), "Feria de ganado")
    _, notifier, elsewhere = parts(services, Clock(NOW))
    assert told(qtbot, elsewhere, start=True) == [first, second]
    elsewhere.timer.stop()
    assert notifier.last is not None
    assert notifier.last.title == "Con el programa cerrado se publicaron 2"
    assert "Corte de agua el martes" in notifier.last.message
    assert "Feria de ganado" in notifier.last.message
    assert "Ya contado" not in notifier.last.message
    # Opened again: nothing new, nothing told again.
    _, again, later = parts(services, Clock(NOW + timedelta(hours=1)))
    assert told(qtbot, later, start=True) == []
    later.timer.stop()
    assert again.last is None


def test_beside_the_open_window_only_the_other_process_is_told(
    qtbot: QtBot, services: Services
) -> None:
    services.settings.set(PUBLISHED_SEEN_UTC, to_db(NOW) or "")
    clock = Clock(NOW)
    bridge, notifier, elsewhere = parts(services, clock)
    told(qtbot, elsewhere, start=True)
    elsewhere.timer.stop()
    ours = published(services, NOW + timedelta(minutes=1), "Publicado por la ventana")
    with qtbot.waitSignal(notifier.changed):
        bridge.on_published(ours)  # this process's own report, by the bridge
    theirs = published(services, NOW + timedelta(minutes=2), "Publicado por la tarea")
    clock.now = NOW + timedelta(minutes=2, seconds=5)
    assert told(qtbot, elsewhere) == []  # too fresh: the bridge may still be on its way
    clock.now = NOW + timedelta(minutes=3)
    assert told(qtbot, elsewhere) == [theirs]
    assert notifier.last is not None
    assert notifier.last.title == "Publicada en Ayuntamiento (Mastodon)"
    assert "Publicado por la tarea" in notifier.last.message
    assert told(qtbot, elsewhere) == []  # once


def test_the_database_is_read_off_the_gui_thread(qtbot: QtBot, services: Services) -> None:
    services.settings.set(PUBLISHED_SEEN_UTC, to_db(NOW - timedelta(hours=2)) or "")
    theirs = published(services, NOW - timedelta(hours=1), "Corte de agua el martes")
    readers: list[threading.Thread] = []
    _, notifier, elsewhere = parts(services, Clock(NOW), readers)
    assert told(qtbot, elsewhere, start=True) == [theirs]
    elsewhere.timer.stop()
    assert readers and threading.main_thread() not in readers
    assert notifier.last is not None  # told on the GUI thread, once read
    assert services.settings.get(PUBLISHED_SEEN_UTC) == to_db(NOW - timedelta(hours=1))
