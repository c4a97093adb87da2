"""`report --month YYYY-MM [--out FILE.pdf | FILE.csv | FOLDER]`: the council's monthly report.

A FILE ending in .pdf or .csv writes that one; a folder (the current one by
default) gets both, named `resultados-YYYY-MM.pdf` and `.csv`. The PDF is drawn
by Qt (an offscreen QApplication: no screen needed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from smalltown_social.app import Runtime, Services
from smalltown_social.commands.common import EXIT_FAILED, EXIT_OK, say, tell, with_services
from smalltown_social.commands.results import BAD_MONTH
from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.settings import TIME_ZONE
from smalltown_social.publishing.results_report import (
    MonthReport,
    build_month_report,
    report_csv,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="informe mensual para el pleno (PDF y CSV)")
    report.add_argument("--month", required=True, metavar="AAAA-MM", help="el mes del informe")
    report.add_argument(
        "--out", default=".", metavar="FICHERO|CARPETA", help="fichero .pdf o .csv, o carpeta"
    )
    report.set_defaults(
        handler=lambda args, runtime: with_services(runtime, lambda s, r: write(s, r, args))
    )


def targets(out: Path, month: str) -> list[Path]:
    if out.suffix.lower() in (".pdf", ".csv"):
        return [out]
    return [out / f"resultados-{month}.pdf", out / f"resultados-{month}.csv"]


def write(services: Services, runtime: Runtime, args: argparse.Namespace) -> int:
    lang = runtime.language
    try:
        report = build_month_report(
            services.results_query(), args.month, services.settings.get(TIME_ZONE)
        )
    except ValueError:
        tell(BAD_MONTH, lang)
        return EXIT_FAILED
    paths = targets(Path(args.out), args.month)
    for path in paths:
        if not path.parent.is_dir():
            tell(
                Text(f"No existe la carpeta {path.parent}", f"No such folder: {path.parent}"), lang
            )
            return EXIT_FAILED
    for path in paths:
        if path.suffix.lower() == ".csv":
            path.write_bytes(report_csv(report))
        else:
            write_pdf(report, path, lang)
        say(Text(f"Escrito: {path}", f"Written: {path}"), lang)
    return EXIT_OK


def write_pdf(report: MonthReport, path: Path, language: Language) -> None:
    """Qt is imported here only: the other commands start without it."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - what the GUI and tests use too

    from smalltown_social.ui.results.report_pdf import write_report_pdf  # noqa: PLC0415

    app = QApplication.instance() or QApplication(["smalltown-social", "-platform", "offscreen"])
    write_report_pdf(report, path, language)
    del app
