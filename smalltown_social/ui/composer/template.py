"""The content-type picker and the facts its template asks for.

Signals: type_changed(str or None: the content type id);
example_requested(str: the example text in the UI language).

Each field of the chosen type is listed with a tick when the text already
contains that kind of fact (a date, a place, a link…), so the clerk sees at
a glance what citizens will still be missing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.guidance import ContentType, content_types, find_facts
from smalltown_social.core.i18n import Language
from smalltown_social.ui.composer.restyle import set_flag

COLUMNS = 2


class TemplatePanel(QWidget):
    type_changed = Signal(object)
    example_requested = Signal(str)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.types = content_types()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Tipo de publicación:"))
        self.picker = QComboBox()
        self.picker.setObjectName("contentTypePicker")
        self.picker.addItem(self.tr("Sin tipo (consejos generales)"), "")
        for kind in self.types:
            self.picker.addItem(kind.name(language), kind.id)
        label.setBuddy(self.picker)
        self.example_button = QPushButton(self.tr("Usar el &ejemplo"))
        self.example_button.setToolTip(
            self.tr(
                "Sustituye el texto por un ejemplo de este tipo (se puede deshacer con Ctrl+Z)."
            )
        )
        self.example_button.setEnabled(False)
        row.addWidget(label)
        row.addWidget(self.picker, 1)
        row.addWidget(self.example_button)
        layout.addLayout(row)
        self.description = QLabel()
        self.description.setObjectName("contentTypeDescription")
        self.description.setWordWrap(True)
        layout.addWidget(self.description)
        self.fields_box = QWidget()
        self.fields_layout = QGridLayout(self.fields_box)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        self.fields_layout.setHorizontalSpacing(16)
        layout.addWidget(self.fields_box)
        self.field_labels: list[tuple[str, QLabel]] = []
        self.picker.currentIndexChanged.connect(self._changed)
        self.example_button.clicked.connect(self._example)
        self._changed()

    def type_id(self) -> str | None:
        """The chosen content type's id, None for "no type"."""
        value = self.picker.currentData()
        return value if isinstance(value, str) and value else None

    @property
    def current(self) -> ContentType | None:
        type_id = self.type_id()
        for kind in self.types:
            if kind.id == type_id:
                return kind
        return None

    def set_type(self, type_id: str | None) -> None:
        index = self.picker.findData(type_id) if type_id is not None else 0
        self.picker.setCurrentIndex(max(index, 0))

    def _changed(self) -> None:
        for _fact, label in self.field_labels:
            label.deleteLater()
        self.field_labels = []
        kind = self.current
        self.example_button.setEnabled(kind is not None)
        self.description.setVisible(kind is not None)
        self.fields_box.setVisible(kind is not None)
        if kind is not None:
            self.description.setText(kind.description(self.language))
            for index, field in enumerate(kind.fields):
                label = QLabel()
                label.setObjectName("templateField")
                label.setWordWrap(True)
                label.setToolTip(field.hint(self.language))
                label.setProperty("field_text", field.label(self.language))
                label.setProperty("required", field.required)
                self.fields_layout.addWidget(label, index // COLUMNS, index % COLUMNS)
                self.field_labels.append((field.fact, label))
        self.type_changed.emit(kind.id if kind is not None else None)

    def update_text(self, text: str) -> None:
        """Tick the fields whose kind of fact the text already has."""
        if not self.field_labels:
            return
        facts = find_facts(text) if len(text) <= 20_000 else find_facts(text[:20_000])
        for fact, label in self.field_labels:
            present = bool(facts.get(fact))
            name = str(label.property("field_text"))
            required = bool(label.property("required"))
            mark = "✔" if present else ("✘" if required else "○")
            label.setText(f"{mark} {name}")
            set_flag(label, "present", present)
            set_flag(label, "missing", not present and required)

    def _example(self) -> None:
        kind = self.current
        if kind is not None:
            self.example_requested.emit(kind.example(self.language))
