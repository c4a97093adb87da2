"""The window cannot start on an unusable data folder: a message box in Spanish, no traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.instance import InstanceLock
from smalltown_social.paths import DataPaths
from smalltown_social.ui import application
from smalltown_social.ui.application import EXIT_NO_DATABASE, run_gui
from tests.ui.test_dialogs import SEEN, answer_next_box


@pytest.mark.expected_logs("data folder unusable")
def test_a_data_folder_that_is_a_file_is_told_in_a_message_box(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Qt's messages stay with pytest-qt: the app's own routing is global and outlives the test.
    monkeypatch.setattr(application, "route_qt_messages_to_log", lambda: None)
    blocker = tmp_path / "datos"
    blocker.write_text("a file where the data folder should be")
    SEEN.clear()
    answer_next_box("Salir")
    assert run_gui(DataPaths(base=blocker), "es") == EXIT_NO_DATABASE
    assert SEEN and "No se puede usar la carpeta de datos" in SEEN[0]
    assert "hay un archivo donde debería haber una carpeta" in SEEN[0]
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.expected_logs("data folder unusable")
def test_a_full_disk_at_the_instance_lock_is_told_in_a_message_box(
    qtbot: QtBot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock file is the first write of the window after the log: the disk fills up there."""
    monkeypatch.setattr(application, "route_qt_messages_to_log", lambda: None)

    def full(_lock: InstanceLock) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(data_paths.lock_file))

    monkeypatch.setattr(InstanceLock, "acquire", full)
    SEEN.clear()
    answer_next_box("Salir")
    assert run_gui(data_paths, "es") == EXIT_NO_DATABASE
    assert SEEN and "el disco está lleno" in SEEN[0]
