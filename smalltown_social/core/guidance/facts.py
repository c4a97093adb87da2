"""Recognising the facts a citizen needs: date, time, place, deadline, link, phone.

A post that announces a water cut without saying where, or a grant without the
deadline, generates questions instead of shares. Each content type lists the
facts its template asks for (`content_types.json`); this module recognises how
Spanish posts write them ("el 5 de marzo", "05/03", "lunes 3", "mañana",
"10:00", "10 h", "a las 10", "de 9 a 14 h", "sede.valdelomar.es/tramites",
"012", "900 123 456", "+34 91 123 45 67") and reports the missing ones.
Recognisers work on accent-folded lower-case text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.textutil import (
    EMAIL,
    PHONE,
    SERVICE_PHONE,
    URL,
    LazyPattern,
    fold,
    mask_spans,
    within,
)
from smalltown_social.core.i18n import Language, Text

if TYPE_CHECKING:  # imported with the first pattern compiled (issue #13)
    import regex

FACT_KINDS = ("date", "time", "place", "deadline", "link", "phone", "contact", "text")

_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)"
)
_WEEKDAY = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
_NUMBER_WORD = r"(?:una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"
_DAY_MONTH = r"(?:[012]?\d|3[01])[/-](?:0?[1-9]|1[0-2])(?:[/-](?:\d{4}|\d{2}))?(?![\d/-])"
_RELATIVE = (
    r"(?:pasado\s+mañana|(?<!\bla\s)(?<!\blas\s)(?<!\bde\s)mañana(?!\s+(?:y|o)\s+tarde)"
    r"|hoy|esta\s+(?:tarde|noche|semana)|este\s+(?:fin\s+de\s+semana|mes)|fin\s+de\s+semana"
    rf"|(?:proximo|proxima|este|esta|el|los|cada)\s+{_WEEKDAY}|(?:la\s+)?semana\s+que\s+viene"
    r"|(?:el\s+)?proximo\s+mes|(?:la\s+)?proxima\s+semana)"
)
DATE = LazyPattern(
    r"(?<![\w/])(?:"
    rf"(?:[012]?\d|3[01])(?:\s*(?:,|y|al?|-)\s*(?:[012]?\d|3[01]))*\s+de\s+{_MONTH}(?:\s+(?:de\s+)?\d{{4}})?"
    rf"|{_DAY_MONTH}"
    r"|(?:[012]?\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{_WEEKDAY}(?:\s+(?:[012]?\d|3[01]))?"
    rf"|{_RELATIVE}"
    rf"|(?:en|de|desde|hasta|durante)\s+{_MONTH}"
    r")(?!\w)"
)
TIME = LazyPattern(
    r"(?<![\w:.,])(?:"
    r"(?:[01]?\d|2[0-4]):[0-5]\d(?:\s*(?:h|hrs?|horas)\.?)?"
    r"|(?:[01]?\d|2[0-4])(?:[.,][0-5]\d)?\s*(?:h|hrs?|horas)(?!\w)"
    rf"|a\s+las?\s+(?:[01]?\d|2[0-4]|{_NUMBER_WORD})(?:[.:][0-5]\d)?"
    r"|de\s+(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?\s+a\s+(?:[01]?\d|2[0-4])"
    r"|(?:desde|hasta|a\s+partir\s+de)\s+las\s+\d{1,2}"
    r"|mediodia|medianoche|(?:por\s+la|de\s+la)\s+(?:mañana|tarde|noche)"
    r")(?![\w])"
)
PLACE = LazyPattern(
    r"(?<!\w)(?:calle|c/|avenida|avda\.?|av\.|plaza|pza\.?|paseo|camino|carretera|ctra\.?|"
    r"travesia|ronda|glorieta|rotonda|parque|jardin(?:es)?|polideportivo|pabellon|piscina|"
    r"biblioteca|centro\s+(?:cultural|social|civico|de\s+salud|de\s+dia|de\s+mayores|joven)|"
    r"casa\s+de\s+(?:la\s+)?cultura|casa\s+consistorial|consultorio|auditorio|teatro|museo|"
    r"salon\s+de\s+(?:plenos|actos)|ayuntamiento|colegio|instituto|escuela|guarderia|iglesia|"
    r"ermita|fronton|recinto\s+ferial|cementerio|punto\s+limpio|mercado|lavadero|oficinas?|"
    r"sede|barrio|urbanizacion|poligono|nave|local|campo\s+de\s+futbol|estadio|hogar\s+del\s+jubilado|"
    r"registro|estacion|parada|junto\s+a|frente\s+a|esquina|numero|n\.?\s?º|km|kilometro|"
    r"en\s+linea|online|videoconferencia|por\s+internet|portal|carril|puente|rio|playa|monte|"
    r"sendero|mirador|castillo|nucleo|pedania|aldea|entrada|salida)(?!\w)"
)
DEADLINE = LazyPattern(
    r"(?<!\w)(?:"
    r"(?:hasta|antes\s+del?|fecha\s+limite|ultimo\s+dia|termina|terminan|finaliza|acaba|vence|"
    r"cierra|se\s+cierra|plazo)\b[^.\n]{0,40}?"
    rf"(?:{DATE.pattern}|\d+\s+dias|fin\s+de\s+mes)"
    rf"|del?\s+(?:[012]?\d|3[01])(?:\s+de\s+{_MONTH})?\s+al?\s+(?:[012]?\d|3[01])\s+de\s+{_MONTH}"
    r"|plazo\s+(?:de\s+)?\d+\s+dias"
    r")"
)


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def find_facts(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of each kind of fact found in `text` (the composer can highlight them)."""
    emails = _spans(EMAIL, text)
    links = [s for s in _spans(URL, text) if not within(emails, s[0])]
    folded = mask_spans(fold(text), sorted(emails + links))
    phones = _spans(PHONE, text) + [m.span(1) for m in SERVICE_PHONE.finditer(folded)]
    facts = {
        "date": _spans(DATE, folded),
        "time": _spans(TIME, folded),
        "place": _spans(PLACE, folded),
        "deadline": _spans(DEADLINE, folded),
        "link": links,
        "phone": phones,
    }
    facts["contact"] = facts["link"] + facts["phone"] + emails
    facts["text"] = [(0, len(text))] if text.strip() else []
    return facts


MISSING = Text(
    "Falta un dato que la gente necesita: {label} ({hint}).",
    "A fact people need is missing: {label} ({hint}).",
)


def check_missing_facts(
    text: str, fields: Iterable[tuple[str, Text, Text, bool]], language: Language
) -> list[Finding]:
    """One finding per template field whose fact is not in the text.

    `fields` are (fact kind, label, hint, required): a missing required fact
    warns, a missing recommended one is a tip. Findings sit at the end of the
    text, where the clerk would add it.
    """
    if not text.strip():
        return []
    facts = find_facts(text)
    findings: list[Finding] = []
    for kind, label, hint, required in fields:
        if kind == "text" or kind not in facts or facts[kind]:
            continue
        severity: Severity = "warn" if required else "tip"
        message = Text(
            MISSING.es.format(label=label.es.lower(), hint=hint.es),
            MISSING.en.format(label=label.en.lower(), hint=hint.en),
        )(language)
        findings.append(Finding("missing_fact", severity, len(text), len(text), message))
    return findings
