"""Where and when: the target accounts and the date and time in the town's zone.

Signals: changed() when the accounts, the date or the time change.

The date and time are a wall-clock time in the town's zone (settings
TIME_ZONE). A time that does not exist or happens twice at a DST change is
resolved by `core.local_time` and the clerk is told which instant it means.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES, Account
from smalltown_social.core.i18n import Language
from smalltown_social.core.local_time import LocalTime, resolve_local, utc_to_wall
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.ui.network_icons import network_icon

_ROLE = Qt.ItemDataRole.UserRole


MAX_ROWS_SHOWN = 8


class SchedulePanel(QWidget):
    changed = Signal()

    def __init__(self, time_zone: str, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.time_zone = time_zone
        self.language = language
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        accounts_label = QLabel(self.tr("&Cuentas:"))
        self.accounts = QListWidget()
        self.accounts.setObjectName("targetAccounts")
        self.accounts.setAccessibleName(self.tr("Cuentas donde se publica"))
        accounts_label.setBuddy(self.accounts)
        grid.addWidget(accounts_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.accounts, 0, 1, 1, 3)
        self.no_accounts = QLabel(
            self.tr("No hay cuentas conectadas: puede escribir y guardar el borrador igualmente.")
        )
        self.no_accounts.setWordWrap(True)
        grid.addWidget(self.no_accounts, 1, 1, 1, 3)

        when_label = QLabel(self.tr("&Fecha y hora:"))
        self.date = QDateEdit()
        self.date.setObjectName("dueDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setAccessibleName(self.tr("Fecha de publicación"))
        self.time = QTimeEdit()
        self.time.setObjectName("dueTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Hora de publicación"))
        when_label.setBuddy(self.date)
        self.zone = QLabel(self._zone_name())
        self.zone.setObjectName("zoneName")
        grid.addWidget(when_label, 2, 0)
        grid.addWidget(self.date, 2, 1)
        grid.addWidget(self.time, 2, 2)
        grid.addWidget(self.zone, 2, 3)
        grid.setColumnStretch(3, 1)
        self.warning = QLabel()
        self.warning.setObjectName("dstWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        grid.addWidget(self.warning, 3, 1, 1, 3)

        self.accounts.itemChanged.connect(lambda _item: self.changed.emit())
        self.date.dateChanged.connect(self._time_changed)
        self.time.timeChanged.connect(self._time_changed)
        self.set_wall(self.default_wall())

    def _zone_name(self) -> str:
        if self.time_zone == "Atlantic/Canary":
            return self.tr("hora de Canarias")
        if self.time_zone == TIME_ZONE.default:
            return self.tr("hora peninsular")
        return self.time_zone

    # --- accounts ------------------------------------------------------------

    def set_accounts(self, accounts: list[Account]) -> None:
        chosen = set(self.chosen_ids())
        self.accounts.blockSignals(True)
        self.accounts.clear()
        for account in accounts:
            label = f"{NETWORK_NAMES[account.network]} · {account.name}"
            item = QListWidgetItem(network_icon(account.network), label)
            item.setData(_ROLE, account)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if account.id in chosen else Qt.CheckState.Unchecked
            )
            self.accounts.addItem(item)
        self.accounts.blockSignals(False)
        self.no_accounts.setVisible(not accounts)
        self.accounts.setVisible(bool(accounts))
        # Every account in sight up to eight (a town rarely has more); past that, it scrolls.
        rows = max(1, min(len(accounts), MAX_ROWS_SHOWN))
        frame = 2 * self.accounts.frameWidth()
        self.accounts.setFixedHeight(rows * self.accounts.sizeHintForRow(0) + frame + 2)

    def chosen(self) -> list[Account]:
        found: list[Account] = []
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            account = item.data(_ROLE)
            if item.checkState() == Qt.CheckState.Checked and isinstance(account, Account):
                found.append(account)
        return found

    def chosen_ids(self) -> list[int]:
        return [account.id for account in self.chosen()]

    def choose(self, account_ids: set[int]) -> None:
        self.accounts.blockSignals(True)
        for row in range(self.accounts.count()):
            item = self.accounts.item(row)
            account = item.data(_ROLE)
            on = isinstance(account, Account) and account.id in account_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.accounts.blockSignals(False)
        self.changed.emit()

    # --- time ------------------------------------------------------------------

    def default_wall(self) -> datetime:
        """Tomorrow at 10:00 on the town's clock: a sensible first proposal."""
        today = utc_to_wall(datetime.now().astimezone(), self.time_zone).date()
        return datetime.combine(today + timedelta(days=1), datetime.min.time()).replace(hour=10)

    def set_wall(self, wall: datetime) -> None:
        self.date.setDate(QDate(wall.year, wall.month, wall.day))
        self.time.setTime(QTime(wall.hour, wall.minute))
        self._time_changed()

    def set_due_utc(self, moment: datetime) -> None:
        self.set_wall(utc_to_wall(moment, self.time_zone))

    def wall(self) -> datetime:
        moment = QDateTime(self.date.date(), self.time.time())
        date, time = moment.date(), moment.time()
        return datetime(  # noqa: DTZ001 - a wall-clock time, read in the town's zone
            date.year(), date.month(), date.day(), time.hour(), time.minute()
        )

    def resolved(self) -> LocalTime:
        return resolve_local(self.wall(), self.time_zone)

    def _time_changed(self) -> None:
        warning = self.resolved().warning()
        self.warning.setText("⚠ " + warning(self.language) if warning is not None else "")
        self.warning.setVisible(warning is not None)
        self.changed.emit()
