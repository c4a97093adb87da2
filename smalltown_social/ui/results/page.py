"""Resultados: did citizens share what the town posted, and does the town hall listen?

One month at a time (the arrows move it): the most shared posts and those with
no interaction at all, each with its network and a link; the month's trend and
the best days and hours in the town's own data (charts drawn with QPainter,
see charts.py); medians per content type and network; service information
against institutional content side by side, with the caveat the numbers call
for; the listening figures from the inbox. Everything is read aggregated in
SQL on a worker thread (TaskRunner); the PDF for the council is written from
the same figures.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.i18n import Language
from smalltown_social.core.oneline import shorten
from smalltown_social.core.results import (
    THEME_NAMES,
    Theme,
    counts_text,
    duration,
    few_to_compare,
    figures_text,
    month_name,
    network_name,
    posts_text,
    type_name,
)
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.publishing.results_report import (
    MonthReport,
    build_month_report,
    group_figures,
)
from smalltown_social.publishing.results_sync import ResultsReport
from smalltown_social.storage.results_query import (
    GroupFigures,
    Listening,
    ResultRow,
    ResultsQuery,
)
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.export_folder import suggested
from smalltown_social.ui.results.charts import BarChart
from smalltown_social.ui.results.report_pdf import report_charts, write_report_files
from smalltown_social.ui.tasks import TaskRunner

LIST_LENGTH = 5

log = logging.getLogger(__name__)


class ResultsPage(QWidget):
    """Signals: loaded(str) with the month shown once its figures arrived;
    report_written(str) with the PDF's path once it and its CSV are saved;
    report_failed(str) with what the clerk was told when they could not be.
    """

    loaded = Signal(str)
    report_written = Signal(str)
    report_failed = Signal(str)
    _counts_read = Signal()  # from the results poller's thread

    def __init__(  # noqa: PLR0915 - one page of widgets
        self,
        query: ResultsQuery,
        settings: SettingsRepository,
        language: Language,
        tasks: TaskRunner,
        *,
        today: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self._settings = settings
        self._language = language
        self._tasks = tasks
        self._sync_now: Callable[[], None] | None = None
        self.report: MonthReport | None = None
        self.saving = False  # the report is being written (off the GUI thread)
        zone = ZoneInfo(settings.get(TIME_ZONE))
        now = today() if today else datetime.now(zone)
        self.month = now.astimezone(zone).strftime("%Y-%m")

        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Mes anterior"))
        self.previous_button.clicked.connect(lambda: self.show_month(_shift(self.month, -1)))
        self.month_label = QLabel()
        self.month_label.setObjectName("pageTitle")
        font = self.month_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.month_label.setFont(font)
        self.next_button = QPushButton(self.tr("Mes siguiente ▶"))
        self.next_button.clicked.connect(lambda: self.show_month(_shift(self.month, 1)))
        self.sync_button = QPushButton(self.tr("Leer cifras ahora"))
        self.sync_button.setToolTip(
            self.tr("Pide ahora a las redes los me gusta, compartidos y respuestas.")
        )
        self.sync_button.setEnabled(False)
        self.sync_button.clicked.connect(self._ask_sync)
        self.report_button = QPushButton(self.tr("Informe para el pleno…"))
        self.report_button.setToolTip(
            self.tr("Guarda el informe del mes en PDF (A4) y, a su lado, una hoja CSV.")
        )
        self.report_button.clicked.connect(self._save_report)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.month_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.sync_button)
        bar.addWidget(self.report_button)
        outer.addLayout(bar)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        lists = QGridLayout()
        self.shared_list = _links_label()
        self.silent_list = _links_label()
        lists.addWidget(_heading(self.tr("Lo que más compartieron los vecinos")), 0, 0)
        lists.addWidget(_heading(self.tr("Sin ninguna interacción")), 0, 1)
        lists.addWidget(self.shared_list, 1, 0)
        lists.addWidget(self.silent_list, 1, 1)
        lists.setColumnStretch(0, 1)
        lists.setColumnStretch(1, 1)
        self.body.addLayout(lists)

        charts = QHBoxLayout()
        self.charts = [BarChart(), BarChart(), BarChart()]
        for chart in self.charts:
            charts.addWidget(chart, 1)
        self.body.addLayout(charts)

        title = self.tr("Por tipo de contenido y red (medianas por publicación)")
        self.body.addWidget(_heading(title))
        self.type_table = _table(title)
        self.body.addWidget(self.type_table)
        title = self.tr("Información de servicio frente a contenido institucional")
        self.body.addWidget(_heading(title))
        self.theme_table = _table(title)
        self.body.addWidget(self.theme_table)
        self.theme_note = QLabel()
        self.theme_note.setWordWrap(True)
        self.theme_note.setStyleSheet("font-style: italic;")
        self.body.addWidget(self.theme_note)
        self.body.addWidget(_heading(self.tr("Escucha: mensajes recibidos y respondidos")))
        self.listening_total = QLabel()
        self.listening_total.setWordWrap(True)
        self.body.addWidget(self.listening_total)
        listening = QGridLayout()
        title = self.tr("Escucha por etiqueta")
        listening.addWidget(_subheading(title), 0, 0)
        self.listening_label_table = _table(title)
        listening.addWidget(self.listening_label_table, 1, 0, Qt.AlignmentFlag.AlignTop)
        title = self.tr("Escucha por red")
        listening.addWidget(_subheading(title), 0, 1)
        self.listening_network_table = _table(title)
        listening.addWidget(self.listening_network_table, 1, 1, Qt.AlignmentFlag.AlignTop)
        listening.setColumnStretch(0, 1)
        listening.setColumnStretch(1, 1)
        self.body.addLayout(listening)
        title = self.tr("Escucha por etiqueta y red")
        self.body.addWidget(_subheading(title))
        self.listening_table = _table(title)
        self.body.addWidget(self.listening_table)
        self.body.addStretch(1)
        self._counts_read.connect(self.refresh)
        self.show_month(self.month)

    # --- loading ----------------------------------------------------------------

    def show_month(self, month: str) -> None:
        self.month = month
        self.month_label.setText(month_name(month, self._language).capitalize())
        self.summary.setText(self.tr("Cargando…"))
        zone = self._settings.get(TIME_ZONE)
        self._tasks.run_in_background(
            lambda: build_month_report(self._query, month, zone), self._show, self._failed
        )

    def refresh(self) -> None:
        self.show_month(self.month)

    def allow_sync_now(self, sync_now: Callable[[], None]) -> None:
        """Enable "Leer cifras ahora": `sync_now` wakes the running results poller."""
        self._sync_now = sync_now
        self.sync_button.setEnabled(True)

    def report_counts_read(self, report: ResultsReport) -> None:
        """A round of the poller ended (called on the poller's thread: only emits)."""
        del report  # what it read is in the database; the page reads it again
        self._counts_read.emit()

    def _ask_sync(self) -> None:
        if self._sync_now is not None:
            self._sync_now()
            self.summary.setText(self.tr("Leyendo las cifras en las redes…"))

    def _failed(self, error: Exception) -> None:
        self.summary.setText(
            self.tr("No se pudieron leer los resultados: {n}").format(
                n=clerk_reason(error, self._language)
            )
        )

    def _show(self, report: MonthReport) -> None:
        if report.month != self.month:
            return  # the clerk moved on meanwhile
        self.report = report
        lang = self._language
        read = [r for r in report.rows if r.counts is not None]
        no_counts = sum(1 for r in report.rows if r.unavailable)
        gone = sum(1 for r in report.rows if r.gone_utc is not None)
        missing = sorted({p for r in report.rows for p in r.missing_permissions})
        parts = [
            self.tr("{posts}; {read} con cifras: {figures}.").format(
                posts=posts_text(len(report.rows))(lang),
                read=len(read),
                figures=figures_text(
                    sum(r.counts.shares for r in read if r.counts),
                    sum(r.counts.likes for r in read if r.counts),
                    sum(r.counts.replies for r in read if r.counts),
                    ", ",
                )(lang),
            )
        ]
        if no_counts:
            silent = sorted({network_name(r.network) for r in report.rows if r.unavailable})
            parts.append(
                self.tr("{n} en redes que no dan cifras a las aplicaciones ({networks}).").format(
                    n=str(no_counts), networks=", ".join(silent)
                )
            )
        if any(r.network == "telegram" and r.counts is not None for r in report.rows):
            parts.append(
                self.tr(
                    "Telegram solo da a los bots las reacciones (contadas como «me gusta») y "
                    "los comentarios del grupo de debate: ni visualizaciones ni reenvíos."
                )
            )
        if gone:
            parts.append(
                self.tr("{n} borradas en la red (se guardan sus últimas cifras).").format(
                    n=str(gone)
                )
            )
        if missing:
            parts.append(
                self.tr("Faltan permisos para parte de las cifras: {n}.").format(
                    n=", ".join(missing)
                )
            )
        self.summary.setText(" ".join(parts))
        self.shared_list.setText(
            _post_list(report.most_shared, lang)
            or html.escape(self.tr("Nada compartido este mes."))
        )
        self.silent_list.setText(
            _post_list(report.no_interaction, lang)
            or html.escape(
                self.tr("Todas las publicaciones con cifras tuvieron alguna interacción.")
            )
        )
        for chart, data in zip(self.charts, report_charts(report, lang), strict=True):
            chart.set_data(data)
        figures = [
            self.tr("Publicadas"),
            self.tr("Con cifras"),
            self.tr("Compartidos"),
            self.tr("Me gusta"),
            self.tr("Respuestas"),
        ]
        _fill(
            self.type_table,
            [self.tr("Tipo"), self.tr("Red"), *figures],
            [
                [type_name(g.key[0], lang), network_name(g.key[1]), *group_figures(g)]
                for g in report.by_type_network
            ],
        )
        themes = {g.key[0]: g for g in report.by_theme}
        side = [
            themes.get(t.value, GroupFigures((t.value,), 0, 0, 0, 0, 0))
            for t in (Theme.SERVICE, Theme.INSTITUTIONAL, Theme.OTHER)
        ]
        _fill(
            self.theme_table,
            [self.tr("Contenido"), *figures],
            [[THEME_NAMES[Theme(g.key[0])](lang), *group_figures(g)] for g in side],
        )
        self.theme_note.setText(few_to_compare(side[0].measured, side[1].measured)(lang))
        self._show_listening(report)
        self.loaded.emit(report.month)

    def _show_listening(self, report: MonthReport) -> None:
        lang = self._language
        total = report.listening_total
        self.listening_total.setText(
            self.tr(
                "{received} mensajes recibidos, {answered} respondidos. Mediana de respuesta: "
                "{median}; el 90 % respondido en {p90}."
            ).format(
                received=total.received,
                answered=total.answered,
                median=duration(total.median_s, lang),
                p90=duration(total.p90_s, lang),
            )
            if total
            else self.tr("No se recibieron mensajes este mes.")
        )
        figures = [
            self.tr("Recibidos"),
            self.tr("Respondidos"),
            self.tr("Mediana de respuesta"),
            self.tr("El 90 % respondido en"),
        ]

        def numbers(item: Listening) -> list[str]:
            return [
                str(item.received),
                str(item.answered),
                duration(item.median_s, lang),
                duration(item.p90_s, lang),
            ]

        def label(item: Listening) -> str:
            return item.label or self.tr("Sin etiqueta")

        _fill(
            self.listening_label_table,
            [self.tr("Etiqueta"), *figures],
            [[label(i), *numbers(i)] for i in report.listening_by_label],
            figures=4,
        )
        _fill(
            self.listening_network_table,
            [self.tr("Red"), *figures],
            [[network_name(i.network or ""), *numbers(i)] for i in report.listening_by_network],
            figures=4,
        )
        _fill(
            self.listening_table,
            [self.tr("Etiqueta"), self.tr("Red"), *figures],
            [[label(i), network_name(i.network or ""), *numbers(i)] for i in report.listening],
            figures=4,
        )

    # --- the council's report ------------------------------------------------------

    def _save_report(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Guardar el informe para el pleno"),
            suggested(f"resultados-{self.month}.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if chosen:
            self.save_report(Path(chosen))

    def save_report(self, pdf: Path) -> None:
        """Write the shown month's PDF and, beside it, its CSV, off the GUI thread."""
        if self.report is None or self.saving:
            return
        pdf = pdf.with_suffix(".pdf")
        report, language = self.report, self._language
        self.saving = True
        self.report_button.setEnabled(False)
        self.summary.setText(self.tr("Guardando el informe en {pdf}…").format(pdf=pdf))
        self._tasks.run_in_background(
            lambda: write_report_files(report, pdf, language),
            lambda csv: self._report_saved(pdf, csv),
            lambda error: self._report_failed(pdf, error),
        )

    def _report_saved(self, pdf: Path, csv: Path) -> None:
        self.saving = False
        self.report_button.setEnabled(True)
        self.summary.setText(
            self.tr("Informe guardado: {pdf} (y la hoja {csv}).").format(pdf=pdf, csv=csv.name)
        )
        self.report_written.emit(str(pdf))

    def _report_failed(self, pdf: Path, error: Exception) -> None:
        self.saving = False
        self.report_button.setEnabled(True)
        why = clerk_reason(error, self._language)
        message = self.tr(
            "No se pudo guardar el informe en {folder}: {why}. Elija otra carpeta (por "
            "ejemplo, Documentos) o libere espacio en el disco y pulse otra vez el botón."
        ).format(folder=pdf.parent, why=why)
        self.summary.setText(message)
        self.report_failed.emit(message)


def _shift(month: str, by: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:]) - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _subheading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _links_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(True)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    return label


def _post_list(rows: Sequence[ResultRow], language: Language) -> str:
    """One entry a post: its text, then each network it went to (linked) with its counts.

    A post sent to five networks with no interaction anywhere is one entry, not five.
    """
    posts: dict[int, list[ResultRow]] = {}
    for row in rows:
        posts.setdefault(row.post_id, []).append(row)
    items = []
    for targets in list(posts.values())[:LIST_LENGTH]:
        text = html.escape(shorten(targets[0].text, 140))
        where = []
        for row in targets:
            name = html.escape(network_name(row.network))
            link = f'<a href="{html.escape(row.url, quote=True)}">{name}</a>' if row.url else name
            figures = html.escape(counts_text(row.counts)(language)) if row.counts else ""
            where.append(f"{link} · {figures}" if figures else link)
        items.append(f"<li>{text}<br><small>{'<br>'.join(where)}</small></li>")
    return f"<ol>{''.join(items)}</ol>" if items else ""


def _table(title: str) -> QTableWidget:
    """A read-only table of figures, named after its heading for screen readers."""
    table = QTableWidget()
    table.setAccessibleName(title)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]], figures: int = 5) -> None:
    """Headers and rows; the last `figures` columns are numbers (aligned right)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= len(cells) - figures:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows)))
    table.setFixedHeight(height + 4)
