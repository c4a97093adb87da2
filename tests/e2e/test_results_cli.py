"""`results list`, `results sync`, `settings set results_max_age_days` and `report` in-process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from smalltown_social.app import Runtime, build_services
from smalltown_social.cli import main
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from tests.results_data import fill_results

END = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _logging_closed() -> Iterator[None]:
    yield
    shutdown_logging()


@pytest.fixture
def filled(basedir: Path) -> Path:
    services = build_services(Runtime.start(DataPaths(base=basedir)))
    fill_results(services.database, 300, END, months=6)
    services.close()
    shutdown_logging()
    return basedir


def test_list_speaks_json_per_month_with_networks_counts_and_links(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--basedir", str(filled), "results", "list", "--json", "--month", "2026-11"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["published_utc"] >= "2026-10-31T23" for r in rows)
    telegram = [r for r in rows if r["network"] == "telegram"]
    counted = [r for r in rows if r["network"] != "telegram"]
    assert telegram and all(r["likes"] is None and not r["counts_available"] for r in telegram)
    assert counted and all(isinstance(r["likes"], int) and r["url"] for r in counted)
    assert main(["--basedir", str(filled), "results", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("publicada") and len(lines) == 301
    assert main(["--basedir", str(filled), "results", "list", "--month", "2026-13"]) == 1
    assert "AAAA-MM" in capsys.readouterr().err


def test_sync_with_nothing_recent_says_so(
    basedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--basedir", str(basedir), "results", "sync"]) == 0
    assert "No hay publicaciones recientes" in capsys.readouterr().out


def test_the_age_limit_is_a_setting_like_the_others(
    basedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--basedir", str(basedir), "settings", "set", "results_max_age_days", "60"]) == 0
    assert main(["--basedir", str(basedir), "settings", "set", "results_max_age_days", "0"]) != 0
    capsys.readouterr()
    assert main(["--basedir", str(basedir), "settings", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    [entry] = [item for item in listed if item["key"] == "results_max_age_days"]
    assert (entry["value"], entry["default"]) == (60, 30)


def test_report_writes_a_csv_or_a_pdf_by_extension(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "noviembre.csv"
    assert (
        main(["--basedir", str(filled), "report", "--month", "2026-11", "--out", str(sheet)]) == 0
    )
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfpublicada;red;")
    assert not (tmp_path / "noviembre.pdf").exists()
    pdf = tmp_path / "noviembre.pdf"
    assert main(["--basedir", str(filled), "report", "--month", "2026-11", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    missing = tmp_path / "no-such-folder" / "x.pdf"
    assert (
        main(["--basedir", str(filled), "report", "--month", "2026-11", "--out", str(missing)]) == 1
    )
    assert "No existe la carpeta" in capsys.readouterr().err
