"""`settings list|set` in-process: the same table and the same checks as Ajustes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from smalltown_social.cli import main
from smalltown_social.core import settings as catalogue
from smalltown_social.core.settings import (
    ELECTION_DAY,
    INBOX_RETENTION_MONTHS,
    LATENESS_HOURS,
    PAUSED,
    TIME_ZONE,
)
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.settings_repo import SettingsRepository


@pytest.fixture(autouse=True)
def _logging_closed() -> Iterator[None]:
    yield
    shutdown_logging()


def stored(basedir: Path) -> dict[str, str | int | bool]:
    """Every setting's stored value, read from the database file."""
    paths = DataPaths(base=basedir)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    try:
        settings = SettingsRepository(database)
        return {setting.key: settings.get_any(setting) for setting in catalogue.ALL}
    finally:
        database.close()


def test_list_shows_every_setting_of_ajustes(
    basedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--basedir", str(basedir), "settings", "list"]) == 0
    out = capsys.readouterr().out
    for setting in catalogue.ALL:
        assert (setting.key in out) == setting.shown
    assert "Europe/Madrid" in out and "Zona horaria" in out
    assert main(["--basedir", str(basedir), "settings", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["key"] for row in rows] == [s.key for s in catalogue.ALL if s.shown]
    by_key = {row["key"]: row for row in rows}
    assert by_key["lateness_hours"]["value"] == 6
    assert by_key["election_day"]["accepts"].startswith("una fecha AAAA-MM-DD")


def test_set_stores_a_valid_value(basedir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--basedir", str(basedir), "settings", "set", "election_day", "2027-05-23"]) == 0
    assert main(["--basedir", str(basedir), "settings", "set", "time_zone", "Atlantic/Canary"]) == 0
    assert main(["--basedir", str(basedir), "settings", "set", "lateness_hours", "12"]) == 0
    assert "Ajuste guardado: election_day = 2027-05-23" in capsys.readouterr().out
    values = stored(basedir)
    assert values[ELECTION_DAY.key] == "2027-05-23"
    assert values[TIME_ZONE.key] == "Atlantic/Canary"
    assert values[LATENESS_HOURS.key] == 12
    assert main(["--basedir", str(basedir), "settings", "set", "election_day", ""]) == 0
    assert stored(basedir)[ELECTION_DAY.key] == ""


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("election_day", "2027-02-31", "una fecha AAAA-MM-DD"),
        ("election_day", "23/05/2027", "una fecha AAAA-MM-DD"),
        ("election_day", "2027-W21-7", "una fecha AAAA-MM-DD"),  # ISO, but not what Ajustes takes
        ("lateness_hours", "500", "un número entero de 0 a 168"),
        ("lateness_hours", "seis", "un número entero de 0 a 168"),
        ("inbox_retention_months", "0", "de 1 a 120"),
        ("time_zone", "Europe/Paris", "uno de: Europe/Madrid, Atlantic/Canary"),
    ],
)
def test_set_refuses_what_ajustes_refuses(
    basedir: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, words: str
) -> None:
    before = stored(basedir)
    assert main(["--basedir", str(basedir), "settings", "set", key, value]) != 0
    err = capsys.readouterr().err
    assert words in err and f"«{value}» no vale para {key}" in err
    assert stored(basedir) == before


@pytest.mark.parametrize("key", ["eleccion", PAUSED.key])
def test_an_unknown_key_lists_the_valid_ones(
    basedir: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    assert main(["--basedir", str(basedir), "settings", "set", key, "x"]) != 0
    err = capsys.readouterr().err
    assert f"No existe el ajuste «{key}»" in err
    assert all(s.key in err for s in catalogue.ALL if s.shown)


def test_the_store_refuses_a_value_outside_the_table(basedir: Path) -> None:
    """Ajustes saves through the same check: one rule, whichever door the value comes in by."""
    paths = DataPaths(base=basedir)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    settings = SettingsRepository(database)
    try:
        with pytest.raises(catalogue.InvalidSetting):
            settings.set_checked(INBOX_RETENTION_MONTHS, 0)
        with pytest.raises(catalogue.InvalidSetting):
            settings.set_checked(ELECTION_DAY, "31/02/2027")
        with pytest.raises(TypeError):
            settings.set_checked(LATENESS_HOURS, True)
        assert settings.get(INBOX_RETENTION_MONTHS) == INBOX_RETENTION_MONTHS.default
    finally:
        database.close()
