"""One way the UI words a failure: the error's own words for the clerk, never Python's."""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from smalltown_social.core.i18n import Text
from smalltown_social.publishing.compose import Refused
from smalltown_social.storage.errors import WriteFailed
from smalltown_social.ui.clerk_reason import clerk_reason

UI = Path(__file__).resolve().parents[2] / "smalltown_social" / "ui"


def test_an_error_with_words_for_the_clerk_says_them_in_the_language_on_screen(
    qtbot: QtBot,
) -> None:
    refused = Refused(Text("Falta el texto.", "The text is missing."))
    assert clerk_reason(refused, "es") == "Falta el texto."
    assert clerk_reason(refused, "en") == "The text is missing."


def test_the_disk_refusing_is_told_in_words_not_errno(qtbot: QtBot) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/datos/copia.db")
    assert clerk_reason(full, "es") == "el disco está lleno"
    assert clerk_reason(full, "en") == "the disk is full"
    written = WriteFailed(Path("/datos/db"), sqlite3.OperationalError("database or disk is full"))
    assert clerk_reason(written, "es").startswith("No se ha podido guardar: el disco está lleno")


@pytest.mark.expected_logs(r"refused by the system")
def test_another_refusal_of_the_system_is_told_without_its_english(qtbot: QtBot) -> None:
    said = clerk_reason(ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "es")
    assert "Connection" not in said and "Errno" not in said
    assert "el sistema no lo ha permitido" in said


@pytest.mark.expected_logs(r"unexpected error, told to the clerk as such")
def test_a_bug_is_logged_and_told_as_unexpected(qtbot: QtBot) -> None:
    said = clerk_reason(AttributeError("'NoneType' object has no attribute 'id'"), "es")
    assert "NoneType" not in said and "AttributeError" not in said
    assert "inesperado" in said


def test_no_page_words_an_error_with_python_s_text() -> None:
    """No widget formats an exception itself into what the clerk reads."""
    shown_raw = re.compile(
        r"\.format\([^)]*=\s*(error|exc|e)\s*[,)]"  # "...: {e}".format(e=error)
        r"|type\((error|exc)\)\.__name__"  # the exception's class name
        r"|else str\((error|exc)\)"  # str(error) as the fallback words
    )
    found = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if shown_raw.search(line) and "log." not in line
    ]
    assert found == []
