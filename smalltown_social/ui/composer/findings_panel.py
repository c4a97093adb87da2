"""The list of findings, most serious first, and the readability gauge.

Signals: finding_activated(object Finding) when the clerk picks one (the
editor selects its words); apply_requested(object Finding) for the
"Apply suggestion" button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.guidance import Finding, Readability, Severity
from smalltown_social.core.guidance.readability import MIN_WORDS_FOR_SCORE
from smalltown_social.ui.composer.look import COLORS, severity_name
from smalltown_social.ui.composer.restyle import set_flag

MAX_LISTED = 300
_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    finding_activated = Signal(object)
    apply_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        gauge_row = QHBoxLayout()
        self.gauge_label = QLabel(self.tr("Legibilidad"))
        self.gauge = QProgressBar()
        self.gauge.setObjectName("readabilityGauge")
        self.gauge.setRange(0, 100)
        self.gauge.setAccessibleName(self.tr("Legibilidad"))
        self.gauge_label.setBuddy(self.gauge)
        gauge_row.addWidget(self.gauge_label)
        gauge_row.addWidget(self.gauge, 1)
        layout.addLayout(gauge_row)
        self.band = QLabel()
        self.band.setObjectName("readabilityBand")
        self.band.setWordWrap(True)
        layout.addWidget(self.band)

        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setAccessibleName(self.tr("Consejos sobre el texto"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list, 1)

        self.apply_button = QPushButton(self.tr("&Aplicar sugerencia"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._apply)
        layout.addWidget(self.apply_button)
        self._findings: list[Finding] = []
        self._shown: list[tuple[Severity, str, str | None]] = []

    # --- content -------------------------------------------------------------

    def show_findings(self, findings: list[Finding]) -> None:
        keys = [(f.severity, f.message, f.suggestion) for f in findings[:MAX_LISTED]]
        self._findings = findings
        if keys == self._shown and self.list.count() == len(keys):
            return  # same list as before (typing inside a word): keep it, and its selection
        self._shown = keys
        self.list.clear()
        for index, found in enumerate(findings[:MAX_LISTED]):
            text = f"{severity_name(found.severity)} · {found.message}"
            if found.suggestion:
                text += "  → «" + found.suggestion + "»"
            elif found.suggestion is not None:
                text += "  → " + self.tr("(quitar)")
            item = QListWidgetItem(text)
            item.setData(_ROLE, index)  # into self._findings
            item.setForeground(COLORS[found.severity])
            item.setToolTip(found.message)
            self.list.addItem(item)
        blocks = sum(1 for f in findings if f.severity == "block")
        warns = sum(1 for f in findings if f.severity == "warn")
        tips = sum(1 for f in findings if f.severity == "tip")
        if not findings:
            self.summary.setText(self.tr("Sin avisos: el texto está listo."))
        else:
            parts = [
                self._count(blocks, self.tr("1 impide publicar"), self.tr("{n} impiden publicar")),
                self._count(warns, self.tr("1 aviso"), self.tr("{n} avisos")),
                self._count(tips, self.tr("1 consejo"), self.tr("{n} consejos")),
            ]
            self.summary.setText(" · ".join(part for part in parts if part))
        set_flag(self.summary, "blocked", blocks > 0)
        self.apply_button.setEnabled(False)

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        """ "1 aviso", "3 avisos", or nothing for none."""
        if n == 0:
            return ""
        return one if n == 1 else many.format(n=n)

    def show_readability(self, score: Readability | None) -> None:
        """The gauge; a short text has no meaningful score and says so."""
        if score is None or score.words < MIN_WORDS_FOR_SCORE:
            self.gauge.setValue(0)
            self.gauge.setFormat(self.tr("—"))
            self.band.setText(
                self.tr("Escriba al menos {n} palabras para medir la legibilidad.").format(
                    n=MIN_WORDS_FOR_SCORE
                )
            )
            return
        value = max(0, min(100, round(score.szigriszt)))
        self.gauge.setValue(value)
        self.gauge.setFormat(f"{score.szigriszt:.0f}")
        self.band.setText(
            self.tr("Lectura {band} ({score:.0f} de 100; un periódico ronda 60).").format(
                band=self._band_name(score.inflesz), score=score.szigriszt
            )
        )

    def _band_name(self, band: str) -> str:
        names = {
            "muy difícil": self.tr("muy difícil"),
            "algo difícil": self.tr("algo difícil"),
            "normal": self.tr("normal"),
            "bastante fácil": self.tr("bastante fácil"),
            "muy fácil": self.tr("muy fácil"),
        }
        return names.get(band, band)

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    # --- interaction -----------------------------------------------------------

    def _finding(self, item: QListWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        index = item.data(_ROLE)
        if isinstance(index, int) and 0 <= index < len(self._findings):
            return self._findings[index]
        return None

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        found = self._finding(item)
        self.apply_button.setEnabled(found is not None and found.suggestion is not None)
        if found is not None:
            self.finding_activated.emit(found)

    def _activated(self, item: QListWidgetItem) -> None:
        found = self._finding(item)
        if found is not None:
            self.finding_activated.emit(found)

    def _apply(self) -> None:
        found = self._finding(self.list.currentItem())
        if found is not None and found.suggestion is not None:
            self.apply_requested.emit(found)
