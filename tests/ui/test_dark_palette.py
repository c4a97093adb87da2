"""Windows 11 in dark mode: the app's own colours stay readable in a dark palette.

Qt 6.5+ hands the app a dark palette there (Fusion; the windows11 style too). The
offscreen platform has no dark mode, so the tests set the palette Qt's Fusion
style gives in it (ui/palettes.py), fill the style sheet for it as the app does
at start, draw every page of the demo town and measure each label's text against
what is really drawn behind it (the commonest colour of its patch of the window):
a dark title on the dark window, or the palette's light text on a pale banner,
fails. docs/screenshots/dark-*.png are drawn by `scripts/screenshots.py --dark`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from smalltown_social.logs import shutdown_logging
from smalltown_social.ui.colors import DARK, LIGHT, colors_for, is_dark
from smalltown_social.ui.main_window import MainWindow
from smalltown_social.ui.palettes import dark_fusion_palette
from smalltown_social.ui.qt_app import FollowColorScheme
from smalltown_social.ui.results.charts import BarChart, ChartData
from smalltown_social.ui.style import style_sheet
from smalltown_social.ui.tasks import TaskRunner
from tests.ui.conftest import make_services

READABLE = 4.5  # WCAG AA for body text


def luminance(color: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def light_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#efefef"))  # Fusion's light window
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    return palette


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_colour_pair_the_app_sets_is_readable(dark: bool) -> None:
    palette = dark_fusion_palette() if dark else light_palette()
    colors = colors_for(palette)
    assert colors is (DARK if dark else LIGHT) and is_dark(palette) is dark
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    pairs = [(colors[name], window.name()) for name in ("text", "muted", "error", "ok", "warn")]
    pairs += [
        (colors["text"], colors[ground])
        for ground in ("panel", "demo_bg", "welcome_bg", "warning_bg", "notice_bg", "paper")
    ]
    pairs += [
        (colors["warning_text"], colors["warning_bg"]),
        (colors["notice_text"], colors["notice_bg"]),
        (colors["error"], colors["private_row"]),  # a late direct message's wait
        (text.name(), colors["private_row"]),  # the palette's text on our row colour
        (text.name(), colors["reply_bg"]),
        (colors["text"], window.name()),  # chart labels
    ]
    poor = [
        (front, back, round(contrast(QColor(front), QColor(back)), 2))
        for front, back in pairs
        if contrast(QColor(front), QColor(back)) < READABLE
    ]
    assert not poor


@pytest.fixture
def dark_app(qapp: QApplication) -> Iterator[QApplication]:
    before = QPalette(qapp.palette())
    qapp.setPalette(dark_fusion_palette())
    qapp.setStyleSheet(style_sheet(qapp.palette()))
    yield qapp
    qapp.setPalette(before)
    qapp.setStyleSheet(style_sheet(qapp.palette()))


def label_contrast(shot: QImage, window: MainWindow, label: QLabel) -> float | None:
    """The label's text colour against the commonest colour drawn in its visible area."""
    seen = label.visibleRegion().boundingRect()
    if seen.width() < 4 or seen.height() < 4:
        return None  # scrolled out of sight
    corner = label.mapTo(window, seen.topLeft())
    ratio = shot.devicePixelRatio()
    counts: Counter[int] = Counter()
    for x in range(corner.x(), corner.x() + seen.width(), 2):
        for y in range(corner.y(), corner.y() + seen.height(), 2):
            if 0 <= x * ratio < shot.width() and 0 <= y * ratio < shot.height():
                counts[shot.pixel(int(x * ratio), int(y * ratio))] += 1
    if not counts:
        return None
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return contrast(label.palette().color(QPalette.ColorRole.WindowText), background)


def poor_labels(app: QApplication, window: MainWindow, tasks: TaskRunner) -> list[str]:
    """Every page's labels whose text is hard to read on what is drawn behind them."""
    poor: list[str] = []
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        for _ in range(3):
            tasks.wait()
            app.processEvents()
        shot = window.grab().toImage()
        for label in window.findChildren(QLabel):
            if not (label.isVisibleTo(window) and label.isEnabled() and label.text()):
                continue
            if label.pixmap().width():
                continue
            ratio = label_contrast(shot, window, label)
            if ratio is not None and ratio < READABLE:
                name = label.objectName() or type(label.parent()).__name__
                poor.append(f"{row}: {name} «{label.text()[:30]}» {ratio:.1f}")
    return poor


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, TaskRunner]]:
    services = make_services(tmp_path / "data", demo=True)
    tasks = TaskRunner()
    try:
        shown = MainWindow(services, tasks, QIcon())
        qtbot.addWidget(shown)
        shown.resize(1232, 672)
        shown.show()
        qtbot.waitExposed(shown)
        yield shown, tasks
        shown.quitting = True
        shown.close()
    finally:
        tasks.wait()
        services.close()
        shutdown_logging()


def test_every_page_reads_in_a_dark_palette(
    dark_app: QApplication, window: tuple[MainWindow, TaskRunner]
) -> None:
    assert not poor_labels(dark_app, *window)


def test_switching_windows_to_dark_while_the_app_runs_fills_the_colours_again(
    qapp: QApplication, qtbot: QtBot, window: tuple[MainWindow, TaskRunner]
) -> None:
    light = QPalette(qapp.palette())
    follower = FollowColorScheme(qapp)
    try:
        assert not poor_labels(qapp, *window)
        qapp.setPalette(dark_fusion_palette())  # what Windows' switch makes Qt do
        qtbot.waitUntil(lambda: "#e6edf3" in qapp.styleSheet(), timeout=3000)
        assert not poor_labels(qapp, *window)
        qapp.setPalette(light)
        qtbot.waitUntil(lambda: "#1c2430" in qapp.styleSheet(), timeout=3000)
        assert not poor_labels(qapp, *window)
    finally:
        follower.stop()
        qapp.setPalette(light)
        qapp.setStyleSheet(style_sheet(light))


def test_the_results_charts_read_on_the_dark_window(dark_app: QApplication, qtbot: QtBot) -> None:
    chart = BarChart(ChartData("Compartidos por mes", ("10/26", "11/26"), (50.0, 380.0), 1))
    qtbot.addWidget(chart)
    chart.resize(360, 190)
    chart.show()
    qtbot.waitExposed(chart)
    shot = chart.grab().toImage()
    ground = QColor.fromRgb(shot.pixel(shot.width() - 2, 2))
    title = [QColor.fromRgb(shot.pixel(x, y)) for x in range(0, 150) for y in range(0, 20)]
    assert is_dark(QPalette(ground, ground))
    assert max(contrast(pixel, ground) for pixel in title) >= READABLE
