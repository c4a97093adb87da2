"""The council's (pleno) monthly report as a printable A4 PDF, with Qt's own PDF output.

A `QTextDocument` lays out headings, tables and the charts (drawn by
`charts.paint_bars` into images) and prints itself page by page onto a
`QPdfWriter`: no browser, no new dependency. Text stays text in the PDF (it
can be searched and copied). Needs a QApplication (the `report` command
makes an offscreen one).
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.oneline import shorten
from smalltown_social.core.results import (
    NO_FIGURE,
    THEME_NAMES,
    WEEKDAYS,
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
from smalltown_social.publishing.results_report import (
    MonthReport,
    group_figures,
    report_csv,
    state_es,
)
from smalltown_social.storage import held_files
from smalltown_social.storage.results_query import GroupFigures, Listening, ResultRow
from smalltown_social.ui.results.charts import ChartData, best_index, paint_bars

CHART_SIZE = (1800, 620)
CHART_WIDTH = 500  # in the document's units: the A4 text width is about 530
TABLE = "<table border=1 cellspacing=0 cellpadding=3 width=100%>"


def report_charts(report: MonthReport, language: Language) -> list[ChartData]:
    """The three charts of the page and the report: trend, best days, best hours."""
    trend = [m.shares for m in report.trend]
    days = [d.per_post for d in report.weekdays]
    hours = [h.per_post for h in report.hours]
    return [
        ChartData(
            Text("Compartidos por mes", "Shares per month")(language),
            tuple(f"{m.month[5:]}/{m.month[2:4]}" for m in report.trend),
            tuple(float(v) for v in trend),
            highlight=len(trend) - 1 if trend else None,
        ),
        ChartData(
            Text(
                "Interacciones por publicación según el día (último año)",
                "Interactions per post by weekday (last year)",
            )(language),
            tuple(day(language) for day in WEEKDAYS),
            tuple(days),
            highlight=best_index(days),
            value_format="{:.1f}",
        ),
        ChartData(
            Text(
                "Interacciones por publicación según la hora (último año)",
                "Interactions per post by hour (last year)",
            )(language),
            tuple(f"{h}h" for h in range(24)),
            tuple(hours),
            highlight=best_index(hours),
            value_format="{:.1f}",
        ),
    ]


def chart_image(data: ChartData) -> QImage:
    image = QImage(*CHART_SIZE, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPixelSize(34)
    painter.setFont(font)
    paint_bars(painter, QRectF(0, 0, *CHART_SIZE), data)
    painter.end()
    return image


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(row: ResultRow, shown: str | None = None) -> str:
    """The post's address as a link, showing `shown` instead of it where given (the posts
    table's narrow column: a whole address there made every row five lines high)."""
    if not row.url:
        return ""
    return f'<a href="{_e(row.url)}">{_e(shown or row.url)}</a>'


def _counts(row: ResultRow, language: Language) -> str:
    c = row.counts
    if c is None:
        return _e(state_es(row) if language == "es" else NO_FIGURE)
    return _e(counts_text(c)(language))


def _groups_table(groups: list[GroupFigures], first: list[str], language: Language) -> str:
    """Key columns, then posts, posts with counts and the medians per post (`group_figures`)."""
    head = [
        *first,
        Text("Publicadas", "Posts")(language),
        Text("Con cifras", "With counts")(language),
        Text("Compartidos", "Shares")(language),
        Text("Me gusta", "Likes")(language),
        Text("Respuestas", "Replies")(language),
    ]
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{_e(k)}</td>" for k in g.key)
        + "".join(f"<td align=right>{_e(n)}</td>" for n in group_figures(g))
        + "</tr>"
        for g in groups
    )
    # The figures' heads never break inside a word ("Publicad-as"); the key columns
    # take what is left and wrap there.
    header = "".join(
        f"<th>{_e(h)}</th>" if i < len(first) else f"<th nowrap>{_e(h)}</th>"
        for i, h in enumerate(head)
    )
    return f"{TABLE}<tr>{header}</tr>{rows}</table>"


LISTENING_KEYS = {"label": Text("Etiqueta", "Label"), "network": Text("Red", "Network")}


def _listening_table(
    items: list[Listening], keys: list[tuple[str, int]], language: Language
) -> str:
    """One listening table: its key columns ("label", "network", width in %), then 4 figures."""

    def key(item: Listening, name: str) -> str:
        if name == "network":
            return network_name(item.network or "")
        return item.label or Text("Sin etiqueta", "No label")(language)

    width = (100 - sum(w for _name, w in keys)) // 4
    columns = [(LISTENING_KEYS[name](language), w) for name, w in keys] + [
        (Text(es, en)(language), width)
        for es, en in (
            ("Recibidos", "Received"),
            ("Respondidos", "Answered"),
            ("Mediana de respuesta", "Median response"),
            ("90 % respondidos en", "90% answered within"),
        )
    ]
    head = "".join(f"<th width={w}%>{_e(text)}</th>" for text, w in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{_e(key(item, name))}</td>" for name, _w in keys)
        + f"<td align=right>{item.received}</td><td align=right>{item.answered}</td>"
        f"<td align=right>{_e(duration(item.median_s, language))}</td>"
        f"<td align=right>{_e(duration(item.p90_s, language))}</td></tr>"
        for item in items
    )
    return f"{TABLE}<tr>{head}</tr>{body}</table>"


def listening_html(report: MonthReport, language: Language) -> list[str]:
    """The listening section: the month in all, then by label, by network and by both."""

    def t(es: str, en: str) -> str:
        return _e(Text(es, en)(language))

    parts = [f"<h2>{t('Escucha: mensajes recibidos', 'Listening: messages received')}</h2>"]
    total = report.listening_total
    if total is None:
        parts.append(
            "<p>"
            + t("No se recibieron mensajes este mes.", "No messages were received this month.")
            + "</p>"
        )
        return parts
    median, p90 = duration(total.median_s, language), duration(total.p90_s, language)
    parts.append(
        "<p>"
        + t(
            f"{total.received} mensajes recibidos, {total.answered} respondidos. Mediana de "
            f"respuesta: {median}; el 90 % respondido en {p90}.",
            f"{total.received} messages received, {total.answered} answered. Median response: "
            f"{median}; 90% answered within {p90}.",
        )
        + "</p>"
    )
    tables = (
        (t("Por etiqueta", "By label"), report.listening_by_label, [("label", 24)]),
        (t("Por red", "By network"), report.listening_by_network, [("network", 24)]),
        (
            t("Por etiqueta y red", "By label and network"),
            report.listening,
            [("label", 20), ("network", 16)],
        ),
    )
    for title, items, keys in tables:
        parts.append(f"<h3>{title}</h3>")
        parts.append(_listening_table(items, keys, language))
    return parts


def report_html(report: MonthReport, language: Language) -> str:
    def t(es: str, en: str) -> str:
        return _e(Text(es, en)(language))

    zone = ZoneInfo(report.time_zone)
    rows = report.rows
    read = [r for r in rows if r.counts is not None]
    shares = sum(r.counts.shares for r in read if r.counts)
    likes = sum(r.counts.likes for r in read if r.counts)
    replies = sum(r.counts.replies for r in read if r.counts)
    networks = sorted({network_name(r.network) for r in rows})
    parts = [
        "<html><body>",
        f"<h1>{t('Resultados en redes sociales', 'Social network results')}: "
        f"{_e(month_name(report.month, language))}</h1>",
        f"<p>{t('Informe para el pleno.', 'Report for the council.')} "
        + t(
            f"{posts_text(len(rows)).es} en {', '.join(networks) or 'ninguna red'}; "
            f"{len(read)} con cifras: {figures_text(shares, likes, replies, ', ').es}.",
            f"{posts_text(len(rows)).en} on {', '.join(networks) or 'no network'}; "
            f"{len(read)} with counts: {figures_text(shares, likes, replies, ', ').en}.",
        )
        + "</p>",
        f"<h2>{t('Las tres publicaciones más compartidas', 'The three most shared posts')}</h2>",
    ]
    if report.most_shared:
        parts.append("<ol>")
        for row in report.most_shared[:3]:
            parts.append(
                f"<li><b>{_e(shorten(row.text, 220))}</b><br>"
                f"{_e(network_name(row.network))} · {_counts(row, language)}<br>{_link(row)}</li>"
            )
        parts.append("</ol>")
    else:
        parts.append(
            "<p>"
            + t("Ninguna publicación se compartió este mes.", "No post was shared this month.")
            + "</p>"
        )
    for index, data in enumerate(report_charts(report, language)):
        parts.append(f'<p><img src="chart://{index}" width="{CHART_WIDTH}"></p>')
        del data
    parts.append(f"<h2>{t('Por tipo de contenido y red', 'By content type and network')}</h2>")
    parts.append(
        "<p>"
        + t(
            "Compartidos, me gusta y respuestas: la mediana por publicación con cifras "
            "(una raya donde ninguna las tiene).",
            "Shares, likes and replies: the median per post with counts (a dash where none "
            "has them).",
        )
        + "</p>"
    )
    by_type = [
        GroupFigures(
            (type_name(g.key[0], language), network_name(g.key[1])),
            g.posts,
            g.measured,
            g.median_shares,
            g.median_likes,
            g.median_replies,
        )
        for g in report.by_type_network
    ]
    parts.append(
        _groups_table(
            by_type, [Text("Tipo", "Type")(language), Text("Red", "Network")(language)], language
        )
    )
    parts.append(
        "<h2>"
        + t(
            "Información de servicio frente a contenido institucional",
            "Service information against institutional content",
        )
        + "</h2>"
    )
    themes = {g.key[0]: g for g in report.by_theme}
    side = [
        GroupFigures(
            (THEME_NAMES[theme](language),),
            themes[theme.value].posts if theme.value in themes else 0,
            themes[theme.value].measured if theme.value in themes else 0,
            themes[theme.value].median_shares if theme.value in themes else 0,
            themes[theme.value].median_likes if theme.value in themes else 0,
            themes[theme.value].median_replies if theme.value in themes else 0,
        )
        for theme in (Theme.SERVICE, Theme.INSTITUTIONAL, Theme.OTHER)
    ]
    parts.append(_groups_table(side, [Text("Contenido", "Content")(language)], language))
    parts.append(
        f"<p><i>{_e(few_to_compare(side[0].measured, side[1].measured)(language))}</i></p>"
    )
    parts.extend(listening_html(report, language))
    parts.append(f"<h2>{t('Todas las publicaciones del mes', 'Every post of the month')}</h2>")
    head = "".join(  # widths wide enough for whole heads ("Comp.", never "Co-mp.")
        f"<th width={width}%>{t(es, en)}</th>"
        for es, en, width in (
            ("Fecha", "Date", 10),
            ("Red", "Network", 14),
            ("Texto", "Text", 31),
            ("Comp.", "Shr.", 9),
            ("Gust.", "Lik.", 9),
            ("Resp.", "Rep.", 9),
            ("Enlace / estado", "Link / state", 18),  # "ver" links to the post
        )
    )
    lines = [
        "<tr><td colspan=7><small>"
        + t(
            "Comp.: compartidos (y citas); Gust.: me gusta; Resp.: respuestas.",
            "Shr.: shares (and quotes); Lik.: likes; Rep.: replies.",
        )
        + "</small></td></tr>"
    ]
    posts: dict[int, list[ResultRow]] = {}
    for row in rows:
        posts.setdefault(row.post_id, []).append(row)
    for targets in posts.values():  # the text once, beside each network it went to
        for index, row in enumerate(targets):
            c = row.counts
            cells = (
                f"<td align=right>{c.shares}</td><td align=right>{c.likes}</td>"
                f"<td align=right>{c.replies}</td>"
                if c
                else "<td></td><td></td><td></td>"
            )
            state = state_es(row) if language == "es" else ""
            text = (
                f"<td rowspan={len(targets)}>{_e(shorten(row.text, 160))}</td>"
                if index == 0
                else ""
            )
            lines.append(
                f"<tr><td>{row.published_utc.astimezone(zone):%d/%m %H:%M}</td>"
                f"<td nowrap>{_e(network_name(row.network))}</td>"
                f"{text}{cells}"
                f"<td>{_link(row, t('ver', 'open'))} {_e(state)}</td></tr>"
            )
    parts.append(f"{TABLE}<tr>{head}</tr>{''.join(lines)}</table>")
    silent = len(report.no_interaction)
    parts.append(
        "<p>"
        + t(
            f"Sin ninguna interacción (de las que tienen cifras): {silent}.",
            f"With no interaction at all (of those with counts): {silent}.",
        )
        + "</p></body></html>"
    )
    return "".join(parts)


def report_pdf_bytes(report: MonthReport, language: Language = "es") -> bytes:
    """The PDF, drawn into memory: any thread may call it (QTextDocument and QPdfWriter are
    reentrant), and a disk that refuses is then told by Python's own write, not lost inside Qt.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(
        Text("Resultados en redes sociales", "Social network results")(language)
        + f" {report.month}"
    )
    writer.setCreator("smalltown_social")
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        "h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 14px; } "
        "h3 { font-size: 10pt; margin-top: 8px; } "
        "th { background: #eaeef2; font-size: 7.5pt; } td { font-size: 8.5pt; } "
        "a { color: #0b57d0; }"
    )
    for index, data in enumerate(report_charts(report, language)):
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{index}"), chart_image(data)
        )
    document.setHtml(report_html(report, language))
    document.print_(writer)
    del writer  # ends the PDF into the buffer
    buffer.close()
    return bytes(buffer.data().data())


def write_report_pdf(report: MonthReport, path: Path, language: Language = "es") -> None:
    write_whole(path, report_pdf_bytes(report, language))


def write_report_files(report: MonthReport, pdf: Path, language: Language = "es") -> Path:
    """The month's PDF at `pdf` and its CSV beside it (the page's button); returns the CSV.

    Slow on a big month (charts, layout): run it off the GUI thread.
    """
    csv = pdf.with_suffix(".csv")
    write_whole(pdf, report_pdf_bytes(report, language))
    write_whole(csv, report_csv(report))
    return csv


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` beside `path` first, then put it in place: a full disk halfway through
    leaves no truncated report (and an older one of the same name stays as it was)."""
    part = path.with_name(path.name + ".part")
    try:
        held_files.write_bytes(part, data)
        held_files.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):  # the first error is the one to tell
            held_files.unlink(part)
        raise
