"""Recurring posts keep their wall-clock time across DST, in both Spanish zones."""
# ruff: noqa: DTZ001  (wall-clock times are naive on purpose)

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smalltown_social.core.recurrence import BadRecurrence, Recurrence, wall_to_utc, weekly

ZONES = ("Europe/Madrid", "Atlantic/Canary")

zones = st.sampled_from(ZONES)
starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
weekday_sets = st.sets(st.integers(0, 6), min_size=1, max_size=7).map(tuple)


def local_of(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def test_every_monday_nine_stays_nine_through_both_changes() -> None:
    rule = weekly(datetime(2026, 3, 16, 9, 0))  # a Monday
    found = rule.between(
        "Europe/Madrid", datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)
    )
    assert [local_of(t, "Europe/Madrid").time().isoformat() for t in found] == ["09:00:00"] * len(
        found
    )
    assert {t.astimezone(UTC).hour for t in found} == {7, 8}  # the UTC hour moves instead
    assert len(found) == 37
    assert all(local_of(t, "Europe/Madrid").weekday() == 0 for t in found)


def test_canary_islands_are_one_hour_behind_madrid() -> None:
    rule = weekly(datetime(2026, 6, 1, 9, 0))
    after = datetime(2026, 6, 1, tzinfo=UTC)
    madrid = rule.next_after("Europe/Madrid", after)
    canary = rule.next_after("Atlantic/Canary", after)
    assert madrid is not None and canary is not None
    assert canary - madrid == timedelta(hours=1)


def test_time_in_the_spring_gap_moves_forward_and_autumn_hour_takes_the_first() -> None:
    assert wall_to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Madrid") == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )  # 03:30 summer time
    assert wall_to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Madrid") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )  # the first 02:30, still summer time
    assert wall_to_utc(datetime(2026, 3, 29, 1, 30), "Atlantic/Canary") == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )


def test_stored_text_round_trips_and_bad_rules_are_refused() -> None:
    rule = Recurrence(datetime(2026, 1, 5, 9, 0), "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2")
    assert Recurrence.parse(rule.to_text()) == rule
    assert rule.describe().es == "Cada semana (cada 2): lunes, jueves a las 9:00"
    for bad in ("RRULE:FREQ=WEEKLY", "DTSTART:20260105T090000", "DTSTART:x\nRRULE:FREQ=DAILY"):
        with pytest.raises(BadRecurrence):
            Recurrence.parse(bad)
    with pytest.raises(BadRecurrence):
        Recurrence(datetime(2026, 1, 5, 9), "FREQ=SOMETIMES")


def test_a_rule_that_ends_has_no_next() -> None:
    rule = Recurrence(datetime(2026, 1, 5, 9, 0), "FREQ=DAILY;COUNT=3")
    last = datetime(2026, 1, 7, 8, 0, tzinfo=UTC)
    assert rule.next_after("Europe/Madrid", last - timedelta(seconds=1)) == last
    assert rule.next_after("Europe/Madrid", last) is None


@given(start=starts, zone=zones, days=weekday_sets, span=st.integers(1, 400))
def test_every_occurrence_keeps_the_wall_clock_time(
    start: datetime, zone: str, days: tuple[int, ...], span: int
) -> None:
    rule = weekly(start, days)
    window_start = wall_to_utc(start, zone)
    found = rule.between(zone, window_start, window_start + timedelta(days=span))
    assert found == sorted(set(found))
    assert len(found) >= (span // 7) * len(days) - 1
    for moment in found:
        local = local_of(moment, zone)
        intended = datetime.combine(local.date(), start.time())
        assert intended.weekday() in days
        if local_of(wall_to_utc(intended, zone), zone) == intended:
            assert local == intended
        else:  # 9:00 never falls in a gap; a time that does shows one hour later
            assert local == intended + timedelta(hours=1)


@given(start=starts, zone=zones, days=weekday_sets, offset=st.integers(0, 60 * 24 * 30))
def test_next_after_is_the_first_of_between(
    start: datetime, zone: str, days: tuple[int, ...], offset: int
) -> None:
    rule = weekly(start, days)
    after = wall_to_utc(start, zone) + timedelta(minutes=offset)
    following = rule.next_after(zone, after)
    assert following is not None and following > after
    window = rule.between(zone, after, following + timedelta(seconds=1))
    assert [t for t in window if t > after] == [following]
    assert following - after <= timedelta(days=7, hours=1)
