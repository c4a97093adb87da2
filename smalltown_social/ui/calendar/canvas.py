"""The painted surface shared by the month and week views.

A view lays out `Hit`s (a rectangle per visible entry) and answers
`drop_time(pos, entry)`; this base paints nothing itself but handles the
mouse and keyboard: click selects, double-click opens, drag moves.

Signals: open_requested(int post_id), move_requested(object entry, object
new_due_utc), day_activated(object date) (a click on a day's empty space),
repeat_requested(object entry, bool weekly) (the entry's menu: repeat or stop),
resolve_requested(int post_id, int target_id, str resolution) (the entry's menu, for a target
"Sin confirmar" or "Error": what the clerk saw on the network).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.calendar import CalendarEntry
from smalltown_social.core.i18n import Language, one_language
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.core.states import LABELS, TargetState
from smalltown_social.ui.calendar.periods import at_local, local_date, local_time
from smalltown_social.ui.formatting import local_text


@dataclass(frozen=True)
class Hit:
    rect: QRect
    entry: CalendarEntry


class EntryCanvas(QWidget):
    open_requested = Signal(int)
    move_requested = Signal(object, object)
    day_activated = Signal(object)
    repeat_requested = Signal(object, bool)
    resolve_requested = Signal(int, int, str)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.time_zone = TIME_ZONE.default  # the town's, from set_entries
        self.today = date.today()  # noqa: DTZ011  (replaced by set_entries)
        self.entries: list[CalendarEntry] = []
        self.hits: list[Hit] = []
        self.selected: CalendarEntry | None = None
        self._press: tuple[QPoint, CalendarEntry] | None = None
        self.dragging: CalendarEntry | None = None
        self.drag_pos: QPoint | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- data -------------------------------------------------------------

    def set_entries(self, entries: list[CalendarEntry], time_zone: str, today: date) -> None:
        self.entries = entries
        self.time_zone = time_zone
        self.today = today
        if self.selected is not None:
            same = [e for e in entries if _same(e, self.selected)]
            self.selected = same[0] if same else None
        self.relayout()
        self.update()

    def relayout(self) -> None:
        """Compute `self.hits`; views override."""

    def drop_time(self, pos: QPoint, entry: CalendarEntry) -> datetime | None:
        """The new due time if `entry` were dropped at `pos`; views override."""
        return None

    def hit_at(self, pos: QPoint) -> CalendarEntry | None:
        for hit in self.hits:
            if hit.rect.contains(pos):
                return hit.entry
        return None

    def describe(self, entry: CalendarEntry) -> str:
        when = local_text(entry.due_utc, self.time_zone, "dddd d MMMM, HH:mm")
        # Wrapped: one long line made a tooltip wider than the screen.
        lines = [when, *textwrap.wrap(" ".join(entry.text.split()), 60, max_lines=4)]
        for target in entry.targets:
            state = LABELS[target.state](self.language)
            lines.append(f"{NETWORK_NAMES[target.network]} · {target.account_name}: {state}")
            if target.error:
                lines.extend(
                    textwrap.wrap(
                        one_language(target.error, self.language),
                        60,
                        initial_indent="   ",
                        subsequent_indent="   ",
                    )
                )
        if entry.preview:
            lines.append(self.tr("Repetición prevista (se crea al publicarse la anterior)"))
        return "\n".join(lines)

    # --- mouse ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        entry = self.hit_at(pos)
        self.selected = entry
        self._press = (pos, entry) if entry is not None else None
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and self.dragging is None:
            start, entry = self._press
            if (pos - start).manhattanLength() >= QApplication.startDragDistance():
                if entry.movable:
                    self.dragging = entry
                    self.setCursor(Qt.CursorShape.ClosedHandCursor)
                else:
                    self._press = None
        if self.dragging is not None:
            self.drag_pos = pos
            self.update()
            return

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        dragged = self.dragging
        self.dragging = None
        self.drag_pos = None
        self._press = None
        self.unsetCursor()
        if dragged is not None:
            new_due = self.drop_time(pos, dragged)
            if new_due is not None and new_due != dragged.due_utc:
                self.move_requested.emit(dragged, new_due)
        elif self.hit_at(pos) is None:
            day = self.day_at(pos)
            if day is not None:
                self.day_activated.emit(day)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        entry = self.hit_at(event.position().toPoint())
        if entry is not None:
            self.open_requested.emit(entry.post_id)

    def day_at(self, pos: QPoint) -> date | None:
        return None

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            entry = self.hit_at(event.pos())
            if entry is not None:
                QToolTip.showText(event.globalPos(), self.describe(entry), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- the entry's menu (right click, the Menu key or Shift+F10) -----------

    def entry_menu(self, entry: CalendarEntry) -> QMenu:
        menu = QMenu(self)
        opening = menu.addAction(self.tr("Abrir en Redactar"))
        opening.triggered.connect(lambda: self.open_requested.emit(entry.post_id))
        menu.addSeparator()
        if entry.recurrence:
            stop = menu.addAction(self.tr("Dejar de repetir"))
            stop.triggered.connect(lambda: self.repeat_requested.emit(entry, False))
        else:
            local = entry.due_utc.astimezone(ZoneInfo(entry.time_zone))
            day = self.locale().dayName(local.isoweekday())
            repeat = menu.addAction(
                self.tr("Repetir cada semana ({day} a las {time})").format(
                    day=day, time=f"{local:%H:%M}"
                )
            )
            repeat.triggered.connect(lambda: self.repeat_requested.emit(entry, True))
        self._resolve_menus(menu, entry)
        return menu

    def _resolve_menus(self, menu: QMenu, entry: CalendarEntry) -> None:
        """One submenu per target that waits for the clerk's look at the network."""
        waiting = [
            t for t in entry.targets if t.state in (TargetState.UNCONFIRMED, TargetState.FAILED)
        ]
        if waiting:
            menu.addSeparator()
        for target in waiting:
            title = (
                self.tr("{account}: sin confirmar")
                if target.state is TargetState.UNCONFIRMED
                else self.tr("{account}: con error")
            )
            sub = menu.addMenu(title.format(account=target.account_name))
            choices = (
                (self.tr("Está en la red: marcar como publicada"), "published"),
                (self.tr("No está en la red: volver a enviarla"), "not-published"),
                (self.tr("Abandonar: no publicarla"), "abandon"),
            )
            for text, resolution in choices:
                action = sub.addAction(text)
                action.triggered.connect(
                    lambda _=False, t=target.target_id, r=resolution: self.resolve_requested.emit(
                        entry.post_id, t, r
                    )
                )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            entry = self.hit_at(event.pos())
            if entry is not None:
                self.selected = entry
                self.update()
            where = event.globalPos()
        else:
            entry = self.selected
            rect = next((h.rect for h in self.hits if entry is not None and h.entry == entry), None)
            where = self.mapToGlobal(rect.bottomLeft()) if rect is not None else event.globalPos()
        if entry is not None:
            self.entry_menu(entry).exec(where)

    # --- keyboard ---------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab-free use: ←/→ previous/next entry, Enter opens, Alt+arrows move a day/week."""
        key = Qt.Key(event.key())
        ordered = [h.entry for h in self.hits]
        if not ordered:
            super().keyPressEvent(event)
            return
        index = next(
            (i for i, e in enumerate(ordered) if self.selected and _same(e, self.selected)), -1
        )
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt and self.selected is not None and key in _MOVES:
            self.move_by_days(self.selected, _MOVES[key])
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.selected = ordered[min(index + 1, len(ordered) - 1)]
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.selected = ordered[max(index - 1, 0)]
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.open_requested.emit(self.selected.post_id)
            return
        else:
            super().keyPressEvent(event)
            return
        self.update()

    def move_by_days(self, entry: CalendarEntry, days: int) -> None:
        if not entry.movable:
            return
        day = local_date(entry.due_utc, self.time_zone) + timedelta(days=days)
        wall = local_time(entry.due_utc, self.time_zone)
        self.move_requested.emit(entry, at_local(day, wall, self.time_zone))


_MOVES = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Up: -7,
    Qt.Key.Key_Down: 7,
}


def _same(a: CalendarEntry, b: CalendarEntry) -> bool:
    return a.post_id == b.post_id and a.due_utc == b.due_utc
