"""Wall-clock times around DST changes in the zones a Spanish town uses."""
# ruff: noqa: DTZ001  (wall-clock times are naive on purpose)

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smalltown_social.core.local_time import describe, resolve_local, utc_to_wall


def test_ordinary_time_in_madrid_winter() -> None:
    found = resolve_local(datetime(2027, 1, 15, 9, 0), "Europe/Madrid")
    assert found.kind == "normal"
    assert found.utc == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    assert found.warning() is None


def test_ordinary_time_in_madrid_summer() -> None:
    found = resolve_local(datetime(2027, 7, 1, 9, 0), "Europe/Madrid")
    assert found.utc == datetime(2027, 7, 1, 7, 0, tzinfo=UTC)


def test_spring_gap_moves_forward_and_warns() -> None:
    # 28 March 2027: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
    found = resolve_local(datetime(2027, 3, 28, 2, 30), "Europe/Madrid")
    assert found.kind == "gap"
    assert found.utc == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert found.shifted_local.replace(tzinfo=None) == datetime(2027, 3, 28, 3, 30)
    warning = found.warning()
    assert warning is not None
    assert "no existe" in warning.es and "03:30" in warning.es
    assert "does not exist" in warning.en


def test_autumn_repeated_hour_takes_the_first_and_warns() -> None:
    # 31 October 2027: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    found = resolve_local(datetime(2027, 10, 31, 2, 30), "Europe/Madrid")
    assert found.kind == "repeated"
    assert found.utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    warning = found.warning()
    assert warning is not None
    assert "dos veces" in warning.es and "UTC+02:00" in warning.es


def test_edges_of_the_gap_are_ordinary() -> None:
    assert resolve_local(datetime(2027, 3, 28, 1, 59), "Europe/Madrid").kind == "normal"
    assert resolve_local(datetime(2027, 3, 28, 3, 0), "Europe/Madrid").kind == "normal"
    assert resolve_local(datetime(2027, 10, 31, 3, 0), "Europe/Madrid").kind == "normal"
    assert resolve_local(datetime(2027, 10, 31, 1, 59), "Europe/Madrid").kind == "normal"


def test_canary_islands_change_an_hour_earlier_on_their_clock() -> None:
    # Atlantic/Canary: 01:00 WET becomes 02:00 WEST; 01:30 does not exist, 02:30 does.
    assert resolve_local(datetime(2027, 3, 28, 1, 30), "Atlantic/Canary").kind == "gap"
    assert resolve_local(datetime(2027, 3, 28, 2, 30), "Atlantic/Canary").kind == "normal"
    repeated = resolve_local(datetime(2027, 10, 31, 1, 30), "Atlantic/Canary")
    assert repeated.kind == "repeated"
    assert repeated.utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_a_fold_given_by_the_caller_is_ignored() -> None:
    wall = datetime(2027, 10, 31, 2, 30, fold=1)
    assert resolve_local(wall, "Europe/Madrid").utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_aware_times_and_unknown_zones_are_refused() -> None:
    with pytest.raises(ValueError):
        resolve_local(datetime(2027, 1, 1, tzinfo=UTC), "Europe/Madrid")
    with pytest.raises(Exception):  # noqa: B017 - ZoneInfoNotFoundError is a KeyError
        resolve_local(datetime(2027, 1, 1), "Europe/Nowhere")


def test_utc_to_wall_round_trips_ordinary_times() -> None:
    for hour in range(24):
        wall = datetime(2027, 10, 30, hour, 15)
        found = resolve_local(wall, "Europe/Madrid")
        assert utc_to_wall(found.utc, "Europe/Madrid") == wall


def test_a_moment_is_told_in_the_towns_time_and_words() -> None:
    summer = datetime(2027, 6, 1, 7, 30, tzinfo=UTC)
    told = describe(summer, "Europe/Madrid")
    assert told.es == "martes 1 de junio de 2027, 09:30"
    assert told.en == "Tuesday 1 June 2027, 09:30"
    assert describe(summer, "Atlantic/Canary").es == "martes 1 de junio de 2027, 08:30"
