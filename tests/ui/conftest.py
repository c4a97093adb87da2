"""GUI fixtures: real services on a temporary SQLite file, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from smalltown_social.app import Runtime, Services, build_services
from smalltown_social.core.i18n import Language
from smalltown_social.logs import shutdown_logging
from smalltown_social.paths import DataPaths
from smalltown_social.ui.style import style_sheet


@pytest.fixture(autouse=True)
def _app_style(qapp: QApplication) -> None:
    """The same look as the real app, so screenshots show what the clerk sees."""
    qapp.setStyleSheet(style_sheet(qapp.palette()))


SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def make_services(base: Path, *, demo: bool = False, language: Language = "es") -> Services:
    return build_services(Runtime.start(DataPaths(base=base, demo=demo), language))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = make_services(tmp_path / "data")
    yield built
    built.close()
    shutdown_logging()


@pytest.fixture
def demo_services(tmp_path: Path) -> Iterator[Services]:
    built = make_services(tmp_path / "data", demo=True)
    yield built
    built.close()
    shutdown_logging()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
