"""Bar charts drawn with plain QPainter, on a widget or on a PDF page.

Why no chart library: QtCharts is not in PySide6-Essentials, the one Qt
wheel the app ships (234 MB installed here; only its QtCharts.pyi stub is
present): it needs the PySide6-Addons wheel, a second set of Qt libraries in a
bundle PERFORMANCE.md already trims to ~113 MB. matplotlib would bring itself
and NumPy. These charts are a few labelled bars, which QPainter draws in about
a hundred lines that work the same on screen and on a PDF page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from smalltown_social.ui.colors import LIGHT, colors_for


@dataclass(frozen=True)
class ChartData:
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    highlight: int | None = None  # a bar drawn darker (the best one)
    value_format: str = "{:.0f}"


def paint_bars(
    painter: QPainter, rect: QRectF, data: ChartData, colors: dict[str, str] = LIGHT
) -> None:
    """A titled bar chart inside `rect`, labels under the bars, values over them.

    `colors`: light for paper (the PDF), the window's (`colors_for`) on screen.
    """
    text, axis = QColor(colors["text"]), QColor(colors["muted"])
    bar_color, bar_light = QColor(colors["bar"]), QColor(colors["bar_light"])
    painter.save()
    metrics = painter.fontMetrics()
    line = metrics.height()
    painter.setPen(text)
    # A title wider than the chart wraps onto a second line instead of being cut.
    lines = 1 if metrics.horizontalAdvance(data.title) <= rect.width() else 2
    title_rect = QRectF(rect.left(), rect.top(), rect.width(), line * (lines + 0.4))
    painter.drawText(
        title_rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
        data.title,
    )
    head = line * (lines + 1.6)  # the title, then room for the tallest bar's value
    plot = QRectF(
        rect.left() + 4, rect.top() + head, rect.width() - 8, rect.height() - head - line * 1.6
    )
    painter.setPen(QPen(axis, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    count = len(data.values)
    if count == 0 or plot.height() <= 0:
        painter.restore()
        return
    top = max(data.values) or 1.0
    slot = plot.width() / count
    width = max(1.0, slot * 0.7)
    every = max(1, int(metrics.horizontalAdvance("00000") * 1.2 // max(slot, 1.0)) + 1)
    for index, (label, value) in enumerate(zip(data.labels, data.values, strict=True)):
        x = plot.left() + index * slot + (slot - width) / 2
        height = plot.height() * (value / top)
        bar = QRectF(x, plot.bottom() - height, width, height)
        best = data.highlight == index
        painter.fillRect(bar, bar_color if best or data.highlight is None else bar_light)
        painter.setPen(text)
        if value and (count <= 12 or best):
            above = QRectF(x - slot, bar.top() - line * 1.1, width + 2 * slot, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignCenter, data.value_format.format(value))
        if index % every == 0:
            under = QRectF(x - slot, plot.bottom() + 2, width + 2 * slot, line)
            painter.drawText(
                under, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label
            )
    painter.restore()


class BarChart(QWidget):
    """A `paint_bars` chart as a widget; `set_data` repaints."""

    def __init__(self, data: ChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data or ChartData("", (), ())
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(
            "; ".join(
                f"{label}: {data.value_format.format(value)}"
                for label, value in zip(data.labels, data.values, strict=True)
            )
        )
        self.update()

    def data(self) -> ChartData:
        return self._data

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_bars(painter, QRectF(self.rect()), self._data, colors_for(self.palette()))
        painter.end()


def best_index(values: Sequence[float]) -> int | None:
    return max(range(len(values)), key=lambda i: values[i]) if any(values) else None
