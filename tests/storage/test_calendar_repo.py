"""The calendar's reads and moves on a real SQLite file; recurring posts roll on; .ics export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar  # type: ignore[import-untyped]

from smalltown_social.core.accounts import Network
from smalltown_social.core.ics import calendar_ics
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.recurrence import BadRecurrence, wall_to_utc, weekly
from smalltown_social.core.states import IllegalTransition, TargetState
from smalltown_social.publishing.compose import PostComposer
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.calendar_repo import CalendarRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from tests.target_states import drive

MONDAY_9 = datetime(2026, 3, 23, 8, 0, tzinfo=UTC)  # 9:00 in Madrid, winter time


def schedule(
    database: Database,
    text: str,
    due: datetime,
    networks: tuple[Network, ...] = (Network.MASTODON, Network.TELEGRAM),
    *,
    state: TargetState = TargetState.SCHEDULED,
    recurrence: str | None = None,
    time_zone: str = "Europe/Madrid",
) -> Post:
    accounts = AccountsRepository(database)
    posts = PostsRepository(database)
    post = posts.save(
        Post(
            text=text,
            content_type="service",
            due_utc=due,
            recurrence=recurrence,
            time_zone=time_zone,
        )
    )
    assert post.id is not None
    for network in networks:
        account = accounts.by_name(network.value) or accounts.add(network, network.value)
        posts.add_target(Target(post.id, account.id, state=state, due_utc=due, time_zone=time_zone))
    return post


def test_entries_group_targets_of_one_post_and_keep_the_range(database: Database) -> None:
    schedule(database, "Recogida de enseres", MONDAY_9)
    schedule(database, "Fuera de rango", MONDAY_9 + timedelta(days=40))
    calendar = CalendarRepository(database)
    entries = calendar.entries(MONDAY_9 - timedelta(days=1), MONDAY_9 + timedelta(days=1))
    assert [e.text for e in entries] == ["Recogida de enseres"]
    entry = entries[0]
    assert entry.networks == (Network.MASTODON, Network.TELEGRAM)
    assert entry.state is TargetState.SCHEDULED and entry.movable
    assert calendar.entries(MONDAY_9 + timedelta(seconds=1), MONDAY_9 + timedelta(days=1)) == []


def test_entry_shows_the_state_that_needs_attention(database: Database) -> None:
    post = schedule(database, "Corte de agua", MONDAY_9)
    assert post.id is not None
    first = PostsRepository(database).targets_of(post.id)[0]
    assert first.id is not None
    drive(database, first.id, TargetState.FAILED, error="sin conexión")
    (entry,) = CalendarRepository(database).entries(MONDAY_9, MONDAY_9 + timedelta(hours=1))
    assert entry.state is TargetState.FAILED
    assert [t.error for t in entry.targets] == ["sin conexión", None]


def test_reschedule_moves_every_target_and_the_post(database: Database) -> None:
    post = schedule(database, "Pleno municipal", MONDAY_9)
    assert post.id is not None
    later = MONDAY_9 + timedelta(days=2, hours=3)
    assert CalendarRepository(database).reschedule(post.id, MONDAY_9, later) == 2
    posts = PostsRepository(database)
    assert {t.due_utc for t in posts.targets_of(post.id)} == {later}
    moved = posts.get(post.id)
    assert moved is not None and moved.due_utc == later


@pytest.mark.parametrize("state", [TargetState.PUBLISHING, TargetState.PUBLISHED])
def test_reschedule_is_refused_for_a_target_on_its_way_or_out(
    database: Database, state: TargetState
) -> None:
    post = schedule(database, "Bando", MONDAY_9)
    assert post.id is not None
    posts = PostsRepository(database)
    first = posts.targets_of(post.id)[0]
    assert first.id is not None
    drive(database, first.id, state)
    with pytest.raises(IllegalTransition) as refused:
        CalendarRepository(database).reschedule(post.id, MONDAY_9, MONDAY_9 + timedelta(days=1))
    expected = "se está enviando" if state is TargetState.PUBLISHING else "ya salió"
    assert expected in refused.value.text.es
    # All or nothing: the other target did not move either.
    assert {t.due_utc for t in posts.targets_of(post.id)} == {MONDAY_9}


def test_failed_target_moved_is_scheduled_again(database: Database) -> None:
    post = schedule(database, "Vacunación", MONDAY_9, (Network.MASTODON,))
    assert post.id is not None
    posts = PostsRepository(database)
    (target,) = posts.targets_of(post.id)
    assert target.id is not None
    drive(database, target.id, TargetState.FAILED, error="caído", attempts=3)
    CalendarRepository(database).reschedule(post.id, MONDAY_9, MONDAY_9 + timedelta(hours=2))
    again = posts.target(target.id)
    assert again is not None
    assert (again.state, again.error, again.attempts) == (TargetState.SCHEDULED, None, 0)


def test_recurring_post_rolls_to_the_next_monday_once_published(database: Database) -> None:
    rule = weekly(datetime(2026, 3, 23, 9, 0)).to_text()  # noqa: DTZ001
    post = schedule(database, "Mañana, recogida de basura", MONDAY_9, recurrence=rule)
    assert post.id is not None
    calendar = CalendarRepository(database)
    assert calendar.roll_recurring(MONDAY_9) == []  # still scheduled: nothing to roll
    posts = PostsRepository(database)
    for target in posts.targets_of(post.id):
        assert target.id is not None
        drive(database, target.id, TargetState.PUBLISHED)
    (new_id,) = calendar.roll_recurring(MONDAY_9 + timedelta(minutes=1))
    assert calendar.roll_recurring(MONDAY_9 + timedelta(minutes=2)) == []  # idempotent
    new_targets = posts.targets_of(new_id)
    # The clocks change on 29 March: 9:00 in Madrid is now 07:00 UTC.
    assert {t.due_utc for t in new_targets} == {datetime(2026, 3, 30, 7, 0, tzinfo=UTC)}
    assert {t.state for t in new_targets} == {TargetState.SCHEDULED}
    assert len({t.idempotency_key for t in new_targets}) == 2
    old, new = posts.get(post.id), posts.get(new_id)
    assert old is not None and old.recurrence is None
    assert new is not None and new.recurrence == rule and new.text == post.text


def test_recurring_post_skips_weeks_the_pc_was_off(database: Database) -> None:
    rule = weekly(datetime(2026, 3, 23, 9, 0)).to_text()  # noqa: DTZ001
    post = schedule(database, "Recogida", MONDAY_9, (Network.MASTODON,), recurrence=rule)
    assert post.id is not None
    posts = PostsRepository(database)
    (target,) = posts.targets_of(post.id)
    assert target.id is not None
    drive(database, target.id, TargetState.MISSED)
    (new_id,) = CalendarRepository(database).roll_recurring(MONDAY_9 + timedelta(days=20))
    (new_target,) = posts.targets_of(new_id)
    assert new_target.due_utc == datetime(2026, 4, 13, 7, 0, tzinfo=UTC)


def test_repeating_can_start_after_publication_and_stop(database: Database) -> None:
    post = schedule(database, "Mercadillo", MONDAY_9, (Network.MASTODON,))
    assert post.id is not None
    posts = PostsRepository(database)
    (target,) = posts.targets_of(post.id)
    assert target.id is not None
    drive(database, target.id, TargetState.PUBLISHED)
    calendar = CalendarRepository(database)
    rule = weekly(datetime(2026, 3, 23, 9, 0)).to_text()  # noqa: DTZ001
    calendar.set_recurrence(post.id, rule)
    (new_id,) = calendar.roll_recurring(MONDAY_9 + timedelta(hours=1))
    calendar.set_recurrence(new_id, None)
    assert calendar.entries(MONDAY_9, MONDAY_9 + timedelta(days=30))[-1].post_id == new_id
    (target_2,) = posts.targets_of(new_id)
    assert target_2.id is not None
    drive(database, target_2.id, TargetState.PUBLISHED)
    assert calendar.roll_recurring(MONDAY_9 + timedelta(days=8)) == []  # stopped
    with pytest.raises(BadRecurrence):
        calendar.set_recurrence(new_id, "RRULE:FREQ=NEVER")


def test_previews_show_later_occurrences_in_the_range(database: Database) -> None:
    rule = weekly(datetime(2026, 3, 23, 9, 0)).to_text()  # noqa: DTZ001
    schedule(database, "Recogida", MONDAY_9, recurrence=rule)
    entries = CalendarRepository(database).entries(MONDAY_9, MONDAY_9 + timedelta(days=27))
    assert [e.preview for e in entries] == [False, True, True, True]
    madrid = ZoneInfo("Europe/Madrid")
    assert {e.due_utc.astimezone(madrid).hour for e in entries} == {9}
    assert not any(e.movable for e in entries[1:])


def test_due_between_counts_only_scheduled(database: Database) -> None:
    schedule(database, "Uno", MONDAY_9)
    schedule(database, "Borrador", MONDAY_9, state=TargetState.DRAFT)
    calendar = CalendarRepository(database)
    assert calendar.due_between(MONDAY_9, MONDAY_9 + timedelta(hours=1)) == 2
    assert calendar.due_between(MONDAY_9 + timedelta(seconds=1), MONDAY_9 + timedelta(hours=1)) == 0


def test_ics_export_is_read_back_by_a_standard_parser(database: Database) -> None:
    rule = weekly(datetime(2026, 3, 23, 9, 0)).to_text()  # noqa: DTZ001
    schedule(
        database,
        "Recogida de basura: saque el contenedor; gracias, vecinos",
        MONDAY_9,
        recurrence=rule,
    )
    entries = CalendarRepository(database).entries(MONDAY_9, MONDAY_9 + timedelta(days=13))
    data = calendar_ics(entries, "es", MONDAY_9, town="Valdelomar")
    parsed = Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 2
    assert str(parsed["X-WR-CALNAME"]) == "Publicaciones Valdelomar"
    first = events[0]
    assert first.decoded("dtstart") == MONDAY_9
    assert "Recogida de basura: saque el contenedor; gracias, vecinos" in str(first["summary"])
    assert "(Mastodon, Telegram)" in str(first["summary"])
    assert "mastodon (Mastodon): Programada" in str(first["description"])
    assert str(events[1]["status"]) == "TENTATIVE"
    assert len({str(e["uid"]) for e in events}) == 2


zones = st.sampled_from(("Europe/Madrid", "Atlantic/Canary"))
starts = st.datetimes(
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001
    max_value=datetime(2029, 12, 31),  # noqa: DTZ001
).map(lambda d: d.replace(second=0, microsecond=0))
delays = st.lists(st.integers(0, 60 * 24 * 30), min_size=1, max_size=4)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    zone=zones,
    start=starts,
    days=st.sets(st.integers(0, 6), min_size=1, max_size=3).map(tuple),
    delays=delays,
)
def test_a_series_rolls_on_in_wall_clock_time_and_never_doubles(
    database: Database, zone: str, start: datetime, days: tuple[int, ...], delays: list[int]
) -> None:
    """Publish each occurrence some minutes (or weeks) late, roll: the series stays sound."""
    rule = weekly(start, days)
    first_due = rule.next_after(zone, wall_to_utc(start, zone) - timedelta(seconds=1))
    assert first_due is not None
    post = schedule(
        database,
        "Recogida",
        first_due,
        (Network.MASTODON,),
        recurrence=rule.to_text(),
        time_zone=zone,
    )
    assert post.id is not None
    posts = PostsRepository(database)
    calendar = CalendarRepository(database)
    current, due = post.id, first_due
    for minutes in delays:
        (target,) = posts.targets_of(current)
        assert target.id is not None
        drive(database, target.id, TargetState.PUBLISHED)
        now = due + timedelta(minutes=minutes)
        (following,) = calendar.roll_recurring(now)
        assert calendar.roll_recurring(now) == []
        (new_target,) = posts.targets_of(following)
        assert new_target.due_utc is not None and new_target.due_utc > max(now, due)
        local = new_target.due_utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        intended = datetime.combine(local.date(), start.time())
        assert intended.weekday() in days
        assert local in (intended, intended + timedelta(hours=1))  # +1 h only in a DST gap
        # Nothing of this series is skipped except what was already in the past.
        assert rule.between(zone, max(now, due) + timedelta(seconds=1), new_target.due_utc) == []
        open_series = database.scalar(
            "SELECT count(*) FROM posts WHERE recurrence IS NOT NULL AND text = 'Recogida' "
            "AND id >= ?",
            (post.id,),
        )
        assert open_series == 1
        current, due = following, new_target.due_utc


def test_replies_stay_off_the_calendar_and_its_export(database: Database) -> None:
    """Issue #9, hole 12: a private reply with a DNI was on the calendar and in the .ics file.

    Replies live in the inbox; they stay off even after their inbox item is
    deleted (retention), which empties `reply_to_item_id`.
    """
    ordinary = schedule(database, "Pleno ordinario el jueves a las 19:00.", MONDAY_9)
    account = AccountsRepository(database).by_name(Network.MASTODON.value)
    assert account is not None
    inbox = InboxRepository(database)
    inbox.upsert(
        [InboxItem(account.id, Network.MASTODON, "dm-1", ItemKind.MESSAGE, "¿Mi multa?", MONDAY_9)]
    )
    question = inbox.by_remote_id("mastodon", "dm-1")
    assert question is not None
    private = "Su expediente con DNI 12345678Z está resuelto."
    reply = PostComposer(database, clock=lambda: MONDAY_9).reply(question, private, who="ana").post
    calendar = CalendarRepository(database)
    week = (MONDAY_9 - timedelta(days=1), MONDAY_9 + timedelta(days=7))

    for deleted in (False, True):
        if deleted:  # retention deletes the message; the reply stays a reply
            inbox.delete_older_than(MONDAY_9 + timedelta(days=1))
            kept = PostsRepository(database).get(reply.id or 0)
            assert kept is not None and kept.reply_to_item_id is None
        entries = calendar.entries(*week)
        assert [e.post_id for e in entries] == [ordinary.id]
        exported = calendar_ics(entries, "es", MONDAY_9).decode()
        assert "12345678Z" not in exported and "Pleno ordinario" in exported
