"""A second start hands over to the first even before the first one listens.

The first start takes the lock at once but opens its socket only once its window is
painted (QtNetwork is not loaded before the first frame, issue #13): a second start
in between keeps trying until the socket is there.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.paths import DataPaths
from smalltown_social.ui import single_instance
from smalltown_social.ui.single_instance import SingleInstance


def test_a_second_start_waits_for_the_first_ones_socket(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(base=tmp_path / "data")
    first = SingleInstance(paths)
    assert first.claim()  # the lock, no socket yet
    retries: list[float] = []

    def first_paints_meanwhile(seconds: float) -> None:
        retries.append(seconds)
        first.listen()  # what the first window's paint does

    monkeypatch.setattr(time, "sleep", first_paints_meanwhile)
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert not SingleInstance(paths).claim()
        assert len(retries) == 1  # it failed once (no socket), then got through
    finally:
        first.release()


def test_a_second_start_gives_up_on_a_first_one_that_never_listens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(base=tmp_path / "data")
    first = SingleInstance(paths)
    assert first.claim()
    clock = [0.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    try:
        assert not SingleInstance(paths).claim()  # still "already running": no second window
        assert clock[0] >= single_instance.HANDOVER_WAIT_MS / 1000
    finally:
        first.release()


def test_the_first_one_listens_only_while_it_holds_the_lock(tmp_path: Path) -> None:
    first = SingleInstance(DataPaths(base=tmp_path / "data"))
    first.listen()  # no lock: nothing opened
    assert not first.listening()
    assert first.claim()
    first.listen()
    first.listen()  # once
    assert first.listening()
    first.release()
    assert not first.listening()
