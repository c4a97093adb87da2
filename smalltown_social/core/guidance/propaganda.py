"""Self-promotion, political and symbolic content in an institutional account.

Ley 29/2005 requires institutional communication to be truthful, neutral and
separate from political valuation, and citizens want public-service
information kept apart from political content (GUIDANCE.md). LOREG art. 50.2
forbids, from the day elections are called to election day, acts and
publications that allude to achievements, and inaugurations (a Junta
Electoral ordered Baeza, 2019, to remove Facebook posts announcing
investments). So outside that period these findings are advice (a warning when
an official or an achievement is in the spotlight, a tip for thanks, homages,
visits, awards and commemorations); inside it they block, citing the article.
The advice rests on the law and on keeping service information apart, never
on a promise of more reach (symbolic posts often get more likes).

Service notices that mention money, works or another administration's
spending are not blocked: only the town hall's own claim ("hemos invertido",
"el Ayuntamiento ha invertido") counts as announcing an investment.

Officials are found by title ("la concejala de Cultura", "El alcalde y la
concejala…"), by title with a @handle, #hashtag or name ("El concejal @Nombre",
"La alcaldesa de #Pueblo, @Nombre,"), name first ("Nombre Apellido, concejal
de…"), and, with the town profile, by their registered names and handles.

All findings use the rule id "propaganda".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

import regex

from smalltown_social.core.guidance.data import load_json
from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.personal_data import given_names
from smalltown_social.core.guidance.profile import EMPTY, TownProfile
from smalltown_social.core.guidance.textutil import (
    MENTION,
    LazyPattern,
    fold,
    fold_accents,
    phrase_alternation,
)
from smalltown_social.core.i18n import Language, Text

_PREPOSITIONS = frozenset(
    [
        "a",
        "ante",
        "bajo",
        "con",
        "contra",
        "de",
        "desde",
        "durante",
        "entre",
        "hacia",
        "hasta",
        "mediante",
        "para",
        "por",
        "segun",
        "sin",
        "sobre",
        "tras",
    ]
)


@dataclass(frozen=True)
class Patterns:
    """Compiled propaganda patterns built from `propaganda.json`."""

    official_subject: regex.Pattern[str]
    achievement: regex.Pattern[str]
    inauguration: regex.Pattern[str]
    investment: regex.Pattern[str]
    party: regex.Pattern[str]
    sentence_initial: frozenset[str]
    name_first: regex.Pattern[str]
    handle_subject: regex.Pattern[str]
    person_subject: regex.Pattern[str]
    symbolic: regex.Pattern[str]
    investment_claim: regex.Pattern[str]
    thanks: regex.Pattern[str]
    tone: regex.Pattern[str]
    act_of: regex.Pattern[str]


def _alternation(items: list[str]) -> str:
    return phrase_alternation(fold(i) for i in items)


@cache
def patterns() -> Patterns:
    data = load_json("propaganda.json")
    officials = _alternation(data["officials"])
    stems = "|".join(
        sorted({fold(s).replace(" ", r"\s+") for s in data["verb_stems"]}, key=len, reverse=True)
    )
    endings = "|".join(sorted(data["verb_endings"], key=len, reverse=True))
    # Determiner + official, an optional "de Cultura" / ", Ana Ruiz," apposition,
    # an optional clitic or auxiliary, then a verb: the official is the subject.
    name = (
        r"(?:\p{Lu}[\p{L}'-]+(?:\s+(?:de\s+|del\s+|y\s+)?\p{Lu}[\p{L}'-]+){0,3}"
        r"|[@#][\w.]+)"
    )
    # One official: determiner + title, "de Cultura" / "de #Pueblo", then an
    # optional ", Ana Ruiz," / " @AnaRuiz" apposition.
    official = (
        r"(?i:el|la|los|las|nuestro|nuestra|nuestros|nuestras)\s+"
        rf"(?i:{officials})(?!\w)"
        rf"(?:\s+(?i:de|del)\s+(?i:la\s+|el\s+)?{name})?"
        rf"(?:\s*,\s*{name}\s*,|\s+{name})?"
    )
    verb = (
        r"(?:\s+(?i:se|le|les|lo|la|nos|ya|hoy|ayer|tambien|mañana|esta\s+mañana))*"
        r"\s+(?i:(?:ha|han|habia|habian|hemos)\s+\w+(?:ado|ido|to|cho)"
        rf"|(?:{stems})(?:{endings}))(?!\w)"
    )
    # Two officials joined by "y" ("El alcalde y la concejala de Cultura han presentado").
    subject = rf"(?<![\w-]){official}(?:\s+y\s+{official})*{verb}"
    person = r"\p{Lu}\p{Ll}+(?:\s+(?:de\s+(?:la\s+|los\s+)?)?\p{Lu}\p{Ll}+){1,3}"
    # "Ana Ruiz, concejala de Servicios Sociales, participó…" / "Ana Ruiz (concejal de…)".
    name_first = (
        rf"(?<![\w@#]){person}\s*(?:,|\()\s*(?i:el\s+|la\s+)?(?i:{officials})(?!\w)"
        r"[^,.;()\n]{0,60}[,)]"
    )
    return Patterns(
        official_subject=regex.compile(subject),
        achievement=regex.compile(rf"(?<!\w)(?:{_alternation(data['achievements'])})(?!\w)"),
        inauguration=regex.compile(rf"(?<!\w){data['inauguration']}"),
        investment=regex.compile(rf"(?<!\w)(?:{_alternation(data['investments'])})(?!\w)"),
        party=regex.compile(
            r"(?<![\w-])(?:"
            + "|".join(
                r"\s+".join(regex.escape(w) for w in p.split())
                for p in sorted(data["parties_case_sensitive"], key=len, reverse=True)
            )
            + r")(?![\w-]|\.\s*\d)"
        ),
        sentence_initial=frozenset(data["sentence_initial_words"]),
        name_first=regex.compile(name_first),
        # "@AnaRuiz ha presentado…", "@AnaRuiz y @LuisGil han entregado…"
        handle_subject=regex.compile(
            rf"(?<![\w@])@[\w.]+(?:\s+(?i:y|e)\s+@[\w.]+)*\s*(?:,[^,\n]{{1,60}},)?{verb}"
        ),
        # A person named as the subject of an act ("Lucía Romero ha recibido…"); only
        # counted when the first word is a common given name or a registered official.
        person_subject=regex.compile(rf"(?<![\w@#])(?P<who>{person}){verb}"),
        symbolic=regex.compile(rf"(?<!\w)(?:{_alternation(data['symbolic'])})(?!\w)"),
        investment_claim=regex.compile(
            rf"(?<!\w)(?:{_alternation(data['investment_claims'])})(?!\w)"
        ),
        tone=regex.compile(rf"(?<!\w)(?:{_alternation(data['tone'])})(?!\w)"),
        # A thanks that opens a sentence, except a notice's "gracias por avisar / por su
        # paciencia" and a credit ("Gracias a quien nos mandó esta foto").
        thanks=regex.compile(
            r"(?:^|(?<=[.!?¡\n]\s*)|(?<=\p{So}\s*))¡?\s*(?:mil\s+|muchas\s+)?gracias(?!\w)"
            r"(?!\s+(?:de\s+antemano|por\s+(?:su|vuestra|tu|la)\s+(?:colaboracion|paciencia|"
            r"comprension|atencion|ayuda|comprension)"
            # crediting a photo in a local-life post: "Gracias a quien nos mandó esta foto"
            r"|a\s+quien(?:es)?\s+nos\s+\w+|por(?!\w)"
            # what pays for a service: "Gracias a la subvención de la Diputación, el autobús…"
            r"|a\s+(?:la|el|una|un)\s+(?:subvencion|ayuda|financiacion|aportacion|convenio|plan)))"
        ),
        # "Reunión de trabajo de @Nombre…", "visita del alcalde…"
        act_of=regex.compile(
            r"(?<!\w)(?:reunion|visita|encuentro|intervencion|comparecencia|discurso|saludo)"
            r"(?:\s+de\s+trabajo|\s+institucional|\s+oficial)?\s+(?:de|del)\s+(?:la\s+|el\s+)?"
            rf"(?:(?:{officials})(?!\w)|@[\w.]+)"
        ),
    )


def in_electoral_period(when: datetime | None, period: tuple[date, date] | None) -> bool:
    """Whether the post's due date (or today) falls inside the electoral period."""
    if period is None:
        return False
    day = when.date() if when is not None else datetime.now(UTC).astimezone().date()
    start, end = period
    return start <= day <= end


OFFICIAL = Text(
    "El cargo político es el protagonista. En la cuenta institucional, cuente el servicio "
    "(qué cambia para los vecinos), no quién lo presenta.",
    "The politician is the subject. On the institutional account, tell the service "
    "(what changes for residents), not who presents it.",
)
ACHIEVEMENT = Text(
    "Esto suena a logro político o propaganda. La comunicación institucional debe ser neutral "
    "(Ley 29/2005): cuente el hecho y qué supone para los vecinos.",
    "This sounds like a political achievement. Institutional communication must be neutral "
    "(Spanish Law 29/2005): state the fact and what it means for residents.",
)
INAUGURATION = Text(
    "Inauguraciones: cuente qué abre, cuándo y para quién, sin protagonismo político.",
    "Inaugurations: say what opens, when and for whom, without political spotlight.",
)
PARTY = Text(
    "Nombre de partido político: no cabe en una cuenta institucional; va en las cuentas de "
    "los partidos o de los cargos.",
    "Political party name: it does not belong on an institutional account; it goes on the "
    "party's or politicians' own accounts.",
)
SYMBOLIC = Text(
    "Agradecimientos, homenajes, visitas, premios y actos son contenido institucional, no "
    "información de servicio: publíquelos aparte y sin protagonismo político; lo que los vecinos "
    "necesitan saber (fechas, plazos, cortes) no debe quedar mezclado con ellos.",
    "Thanks, homages, visits, awards and ceremonies are institutional content, not service "
    "information: post them separately and without political spotlight; what residents need to "
    "know (dates, deadlines, cuts) should not be mixed with them.",
)
INVESTMENT = Text(
    "Periodo electoral: el ayuntamiento no puede anunciar sus inversiones u obras como logros "
    "(art. 50.2 de la LOREG). Publique solo la información de servicio (qué, dónde, cuándo, "
    "molestias).",
    "Electoral period: the town hall may not announce its investments or works as achievements "
    "(LOREG art. 50.2). Publish only the service information (what, where, when, disruption).",
)
ELECTORAL = Text(
    " Periodo electoral: prohibido desde la convocatoria hasta el día de la votación "
    "(art. 50.2 de la LOREG); solo cabe la información de servicio y cómo votar.",
    " Electoral period: forbidden from the call to election day (LOREG art. 50.2); only "
    "service information and how to vote are allowed.",
)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip(" \t\"'«“(¡¿*-•")
    if not before and start > 20:
        return False
    return not before or before[-1] in ".!?\n:" or (not before[-1].isalnum() and before[-1] != ",")


def _caps_context(text: str, start: int, end: int) -> bool:
    """True when the neighbouring words are in capitals too (a shouted sentence,
    where "VOX" or "IU" may just be part of the shouting)."""
    before = regex.findall(r"[\p{L}]+", text[max(0, start - 30) : start])
    after = regex.findall(r"[\p{L}]+", text[end : end + 30])
    neighbours = before[-1:] + after[:1]
    return any(len(word) >= 3 and word.isupper() for word in neighbours)


# Facts of public-service information: an hour, a deadline, a closure or a cut, a
# sign-up, a schedule. A sentence with one is a notice, whatever else it mentions.
_SERVICE = LazyPattern(
    r"(?<!\w)(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*h(?!\w)|hasta\s+el|plazo|inscrip\w*|apunta\w*|"
    r"solicitud\w*|solicit\w+|cita|horario\w*|cerrad[oa]s?|cierra|cortad[oa]s?|corte|cortes|"
    r"festivo|abierto|abierta|reservas?|entradas?|matricula|tramite\w*|requisitos|"
    r"consulta|consultad|consultar|"
    r"los\s+(?:lunes|martes|miercoles|jueves|viernes|sabados|domingos))(?!\w)"
)


def _sentence_of(folded: str, start: int, end: int) -> str:
    begin = max(folded.rfind(c, 0, start) for c in ".!?\n") + 1
    stops = [i for i in (folded.find(c, end) for c in ".!?\n") if i >= 0]
    return folded[begin : min(stops) if stops else len(folded)]


def _is_person(who: str, profile: TownProfile) -> bool:
    folded = fold(" ".join(who.split()))
    if any(folded.startswith(name) or name.startswith(folded) for name in profile.official_names):
        return True
    return folded.split()[0] in given_names()


def _registered_officials(text: str, profile: TownProfile) -> list[tuple[int, int]]:
    """Spans of registered officials' names and handles in the text."""
    spans: list[tuple[int, int]] = []
    if profile.official_names:
        folded = fold(text)
        for name in profile.official_names:
            for match in regex.finditer(rf"(?<!\w){regex.escape(name)}(?!\w)", folded):
                spans.append(match.span())
    for match in MENTION.finditer(text):
        if profile.is_official_handle(match.group()):
            spans.append(match.span())
    return spans


Hit = tuple[int, int, Text, bool]  # start, end, message, strong (warn) or mild (tip)


def _official_hits(text: str, folded: str, profile: TownProfile) -> list[Hit]:
    """An official (or a named person) in the spotlight."""
    pats = patterns()
    accentless = fold_accents(text)
    hits: list[Hit] = []
    for match in pats.official_subject.finditer(accentless):
        before = folded[max(0, match.start() - 20) : match.start()].split()
        if not (before and before[-1] in _PREPOSITIONS) and not _service(folded, *match.span()):
            hits.append((match.start(), match.end(), OFFICIAL, True))
    hits += [(m.start(), m.end(), OFFICIAL, True) for m in pats.name_first.finditer(accentless)]
    for match in pats.handle_subject.finditer(accentless):
        if not profile.is_own_handle(match.group().split()[0]):
            hits.append((match.start(), match.end(), OFFICIAL, True))
    for match in pats.person_subject.finditer(accentless):
        if _is_person(match.group("who"), profile):
            hits.append((match.start(), match.end(), OFFICIAL, False))
    hits += [(s, e, OFFICIAL, True) for s, e in _registered_officials(text, profile)]
    hits += [(m.start(), m.end(), OFFICIAL, True) for m in pats.act_of.finditer(folded)]
    return hits


def _content_hits(text: str, folded: str) -> list[Hit]:
    """Achievements, inaugurations, symbolic acts and party names."""
    pats = patterns()
    hits: list[Hit] = [
        (m.start(), m.end(), ACHIEVEMENT, True) for m in pats.achievement.finditer(folded)
    ]
    hits += [(m.start(), m.end(), INAUGURATION, True) for m in pats.inauguration.finditer(folded)]
    for pattern in (pats.symbolic, pats.thanks):
        for match in pattern.finditer(folded):
            if not _service(folded, *match.span()):
                hits.append((match.start(), match.end(), SYMBOLIC, False))
    for match in pats.party.finditer(text):
        word = match.group()
        if word in pats.sentence_initial and _sentence_initial(text, match.start()):
            continue
        if word.isupper() and _caps_context(text, match.start(), match.end()):
            continue
        hits.append((match.start(), match.end(), PARTY, True))
    return hits


def _service(folded: str, start: int, end: int) -> bool:
    return _SERVICE.search(_sentence_of(folded, start, end)) is not None


def check_propaganda(
    text: str, electoral: bool, language: Language, profile: TownProfile = EMPTY
) -> list[Finding]:
    """Flag political self-promotion and symbolic content; block it in the electoral period."""
    pats = patterns()
    folded = fold(text)
    hits = _official_hits(text, folded, profile) + _content_hits(text, folded)
    if not hits and not _SERVICE.search(folded):
        # No act named, but the tone of a celebration and no service fact at all.
        hits = [(m.start(), m.end(), SYMBOLIC, False) for m in pats.tone.finditer(folded)]
    suffix = ELECTORAL(language) if electoral else ""
    findings: list[Finding] = []
    for start, end, message, strong in hits:
        severity: Severity = "block" if electoral else "warn" if strong else "tip"
        findings.append(Finding("propaganda", severity, start, end, message(language) + suffix))
    if electoral:
        for match in pats.investment_claim.finditer(folded):
            findings.append(
                Finding("propaganda", "block", match.start(), match.end(), INVESTMENT(language))
            )
    return findings
