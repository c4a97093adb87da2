"""Screenshots of the calendar with the demo town, in Spanish, for a human to look at.

Written to build/screenshots/. The 150 % check runs the same page with
QT_SCALE_FACTOR=1.5 in a child process (the factor is read at start-up).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from smalltown_social.app import Services
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.recurrence import wall_to_utc, weekly
from smalltown_social.core.states import TargetState
from smalltown_social.ui.calendar.page import AGENDA, MONTH, WEEK, CalendarPage
from smalltown_social.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[3]


def add_weekly_reminder(services: Services) -> None:
    """A recurring post, so the pictures show planned repetitions too."""
    zone = ZoneInfo("Europe/Madrid")
    today = datetime.now(zone).date()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    start = datetime.combine(monday, time(9, 0))
    rule = weekly(start)
    post = services.posts.save(
        Post(
            text="Recuerde: esta noche se recoge la basura orgánica. Saque el cubo marrón.",
            content_type="service",
            due_utc=wall_to_utc(start, "Europe/Madrid"),
            recurrence=rule.to_text(),
        )
    )
    assert post.id is not None
    for account in services.accounts.all()[:2]:
        services.posts.add_target(
            Target(post.id, account.id, state=TargetState.SCHEDULED, due_utc=post.due_utc)
        )


def shoot(qtbot: QtBot, services: Services, folder: Path, suffix: str = "") -> list[Path]:
    add_weekly_reminder(services)
    tasks = TaskRunner()
    page = CalendarPage(
        services.calendar,
        services.settings,
        services.runtime.language,
        resolve=services.resolve_target,
        tasks=tasks,
    )
    qtbot.addWidget(page)
    page.resize(1180, 760)
    page.show()
    saved: list[Path] = []
    for view, name in ((MONTH, "month"), (WEEK, "week"), (AGENDA, "agenda")):
        page.set_view(view)
        qtbot.waitUntil(lambda: page.loaded_generation == page._generation, timeout=5000)
        path = folder / f"calendar_{name}{suffix}.png"
        assert page.grab().save(str(path))
        saved.append(path)
    tasks.wait()
    return saved


def test_screenshots_with_demo_data(
    qtbot: QtBot, demo_services: Services, screenshots: Path
) -> None:
    saved = shoot(qtbot, demo_services, screenshots)
    assert all(p.stat().st_size > 10_000 for p in saved)


def test_screenshots_at_150_percent(tmp_path: Path, screenshots: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from smalltown_social.ui.style import style_sheet\n"
        "from smalltown_social.ui.translations import install_translators\n"
        "from tests.ui.conftest import make_services\n"
        "from tests.ui.calendar.test_calendar_screenshots import shoot\n"
        "app = QApplication([]); app.setStyleSheet(style_sheet(app.palette()))\n"
        "keep = install_translators(app, 'es')\n"
        "class Bot:\n"
        "    def addWidget(self, w): pass\n"
        "    def waitUntil(self, f, timeout):\n"
        "        import time\n"
        "        end = time.monotonic() + timeout / 1000\n"
        "        while not f() and time.monotonic() < end: app.processEvents()\n"
        "        assert f()\n"
        "services = make_services(Path(sys.argv[1]), demo=True)\n"
        "shoot(Bot(), services, Path(sys.argv[2]), '_150')\n"
        "services.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data"), str(screenshots)],
        check=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert (screenshots / "calendar_month_150.png").stat().st_size > 10_000
