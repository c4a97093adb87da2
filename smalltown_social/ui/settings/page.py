"""Ajustes: every shown setting from `core.settings`, the data folder and backups.

The form is built from the settings table, so a setting is declared once and
appears here with its label and help. Values are saved as soon as they change.

Signals: setting_changed(str key); background_changed(object) - publishing with
the window closed is on (True) or off (False), as the system answered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.background_publishing import BackgroundPublishing, publish_command
from smalltown_social.core import settings as catalogue
from smalltown_social.core.i18n import Language
from smalltown_social.core.settings import LANGUAGE, AnySetting
from smalltown_social.paths import DataPaths, usual_base_dir
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.settings.background_box import BackgroundPublishingBox
from smalltown_social.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class SettingsPage(QWidget):
    setting_changed = Signal(str)
    background_changed = Signal(object)

    def __init__(  # noqa: PLR0915 - one page of widgets
        self,
        settings: SettingsRepository,
        paths: DataPaths,
        language: Language,
        *,
        backup_now: Callable[[], Path],
        tasks: TaskRunner,
        parent: QWidget | None = None,
        background: BackgroundPublishing | None = None,
    ) -> None:
        """`language`: the one on screen; `backup_now` makes a manual backup (run off the
        GUI thread) and returns its path."""
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.language = language
        self._backup = backup_now
        self.tasks = tasks
        self.editors: dict[str, QWidget] = {}

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        title = QLabel(self.tr("Ajustes"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        general = QGroupBox(self.tr("Funcionamiento"))
        grid = QGridLayout(general)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        row = 0
        for setting in catalogue.ALL:
            if not setting.shown:
                continue
            editor = self._editor(setting)
            editor.setToolTip(setting.help(language))
            editor.setAccessibleName(setting.label(language))
            editor.setAccessibleDescription(setting.help(language))
            self.editors[setting.key] = editor
            label = QLabel(setting.label(language))
            label.setBuddy(editor)
            help_label = QLabel(setting.help(language))
            help_label.setWordWrap(True)
            help_label.setObjectName("settingHelp")
            grid.addWidget(label, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(help_label, row, 2)
            row += 1
        layout.addWidget(general)
        self.electoral_label = QLabel()
        self.electoral_label.setObjectName("electoralPeriod")
        self.electoral_label.setWordWrap(True)
        layout.addWidget(self.electoral_label)
        self._show_electoral_period()

        self.background_box = self._background_box(background, layout)

        layout.addWidget(self._data_box())
        layout.addStretch(1)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- editors built from the table -----------------------------------------

    def _editor(self, setting: AnySetting) -> QWidget:
        language = self.language
        current = self.settings.get_any(setting)
        if setting is LANGUAGE:
            current = language  # the language on screen, even when `--lang` chose it
        if setting.choices:
            combo = QComboBox()
            for value, text in setting.choices:
                combo.addItem(f"{text(language)}", value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(
                lambda _i, s=setting, c=combo: self._save(s, c.currentData())
            )
            return combo
        if setting.kind is bool:
            box = QCheckBox()
            box.setChecked(bool(current))
            box.toggled.connect(lambda on, s=setting: self._save(s, bool(on)))
            return box
        if setting.is_date:
            line = QLineEdit(str(current))
            line.setPlaceholderText(self.tr("AAAA-MM-DD (vacío si no hay)"))
            line.setClearButtonEnabled(True)
            # The whole hint in sight (it was cut to "YYYY-MM-DD (em…" in English).
            hint = line.fontMetrics().horizontalAdvance(line.placeholderText())
            line.setMinimumWidth(hint + 4 * line.fontMetrics().averageCharWidth())
            line.editingFinished.connect(lambda s=setting, e=line: self._save_day(s, e))
            return line
        if setting.kind is int:
            spin = QSpinBox()
            spin.setRange(*setting.limits)
            spin.setValue(int(current))
            spin.valueChanged.connect(lambda v, s=setting: self._save(s, int(v)))
            return spin
        if setting.kind is str:  # free text: the town profile (names, numbers, domains)
            free = QLineEdit(str(current))
            free.setClearButtonEnabled(True)
            free.editingFinished.connect(
                lambda s=setting, e=free: self._save(s, catalogue.parse(s, e.text()))
            )
            return free
        raise TypeError(f"no editor for setting {setting.key}")

    def _save_day(self, setting: AnySetting, line: QLineEdit) -> None:
        try:
            value = catalogue.parse(setting, line.text())  # the same check as the command line
        except catalogue.InvalidSetting:
            value = None
        line.setProperty("invalid", value is None)
        line.style().unpolish(line)
        line.style().polish(line)
        if value is not None:
            self._save(setting, value)
        self._show_electoral_period()

    def _show_electoral_period(self) -> None:
        period = self.settings.electoral_period()
        if period is None:
            self.electoral_label.setText(
                self.tr("Sin periodo electoral: la revisión avisa de la propaganda, sin bloquear.")
            )
            return
        start, end = period
        self.electoral_label.setText(
            self.tr(
                "Periodo electoral del {start} al {end}: la propaganda se bloquea; cómo votar "
                "y la información de servicios se pueden publicar."
            ).format(start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y"))
        )

    def _save(self, setting: AnySetting, value: object) -> None:
        self.settings.set_checked(setting, value)
        log.info("setting %s changed", setting.key)
        self.setting_changed.emit(setting.key)

    # --- publishing with the window closed ---------------------------------------

    def _background_box(
        self, background: BackgroundPublishing | None, layout: QVBoxLayout
    ) -> BackgroundPublishingBox | None:
        paths = self.paths
        if background is None or paths.demo:  # the demo publishes nothing
            return None
        command = publish_command(None if paths.base == usual_base_dir() else paths.base)
        box = BackgroundPublishingBox(background, command, self.tasks, self.language)
        box.state_changed.connect(self.background_changed)
        layout.addWidget(box)
        return box

    # --- data folder and backups -----------------------------------------------

    def _data_box(self) -> QGroupBox:
        paths = self.paths
        box = QGroupBox(self.tr("Datos y copias de seguridad"))
        layout = QVBoxLayout(box)
        where = QLabel(
            self.tr(
                "Carpeta de datos: {base}\nBase de datos: {db}\nCopias: {backups}\nRegistro: {logs}"
            ).format(base=paths.base, db=paths.database, backups=paths.backups, logs=paths.logs)
        )
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        explain = QLabel(
            self.tr(
                "Cada día se guarda una copia automática. Las contraseñas no están en la base "
                "de datos: se guardan en el llavero del sistema."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Hacer una copia ahora"))
        self.backup_button.clicked.connect(self.backup_now)
        open_folder = QPushButton(self.tr("Abrir la carpeta de copias"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.backups)))
        )
        buttons.addWidget(self.backup_button)
        buttons.addWidget(open_folder)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.backup_result = QLabel()
        self.backup_result.setWordWrap(True)
        self.backup_result.setObjectName("backupResult")
        layout.addWidget(self.backup_result)
        return box

    def backup_now(self) -> None:
        """An online backup into the backups folder, off the GUI thread."""
        self.backup_button.setEnabled(False)
        self.backup_result.setText(self.tr("Haciendo la copia…"))
        self.tasks.run_in_background(self._backup, self._backup_done, self._backup_failed)

    def _backup_done(self, made: object) -> None:
        self.backup_button.setEnabled(True)
        self.backup_result.setText(self.tr("Copia guardada en {path}").format(path=made))

    def _backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        reason = clerk_reason(error, self.language)
        self.backup_result.setText(
            self.tr("No se pudo hacer la copia: {reason}. Compruebe el espacio en disco.").format(
                reason=reason
            )
        )
