"""Self-promotion and political content in an institutional account.

Ley 29/2005 requires institutional communication to be truthful, neutral and
separate from political valuation; LOREG art. 50 forbids achievements,
inaugurations and party imagery from the day elections are called to election
day (a Junta Electoral ordered Baeza, 2019, to remove Facebook posts announcing
investments). So outside that period these findings warn; inside it they block,
and announced investments are flagged too. Information needed for public
services and how-to-vote information is never flagged by these patterns.

All findings use the rule id "propaganda".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

import regex

from smalltown_social.core.guidance.data import load_json
from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.textutil import fold, fold_accents, phrase_alternation
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
    name = r"\p{Lu}[\p{L}'-]+(?:\s+(?:de\s+|del\s+|y\s+)?\p{Lu}[\p{L}'-]+){0,3}"
    subject = (
        r"(?<![\w-])(?i:el|la|los|las|nuestro|nuestra|nuestros|nuestras)\s+"
        rf"(?i:{officials})(?!\w)"
        rf"(?:\s+(?i:de|del)\s+(?i:la\s+|el\s+)?{name})?"
        rf"(?:\s*,\s*{name}\s*,|\s+{name})?"
        r"(?:\s+(?i:se|le|les|lo|la|nos|ya|hoy|ayer|tambien|mañana))*"
        r"\s+(?i:(?:ha|han|habia|habian|hemos)\s+\w+(?:ado|ido|to|cho)"
        rf"|(?:{stems})(?:{endings}))(?!\w)"
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
INVESTMENT = Text(
    "Periodo electoral: no se pueden anunciar inversiones ni obras como logros (LOREG art. 50). "
    "Publique solo la información de servicio necesaria.",
    "Electoral period: investments and works may not be announced as achievements (LOREG art. 50). "
    "Publish only the service information people need.",
)
ELECTORAL = Text(
    " En periodo electoral está prohibido (LOREG art. 50).",
    " During the electoral period this is forbidden (LOREG art. 50).",
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


def check_propaganda(text: str, electoral: bool, language: Language) -> list[Finding]:
    """Flag political self-promotion; block it during the electoral period."""
    pats = patterns()
    folded = fold(text)
    severity: Severity = "block" if electoral else "warn"
    suffix = ELECTORAL(language) if electoral else ""
    findings: list[Finding] = []

    def add(start: int, end: int, message: Text) -> None:
        findings.append(Finding("propaganda", severity, start, end, message(language) + suffix))

    for match in pats.official_subject.finditer(fold_accents(text)):
        before = folded[max(0, match.start() - 20) : match.start()].split()
        if before and before[-1] in _PREPOSITIONS:
            continue
        add(match.start(), match.end(), OFFICIAL)
    for match in pats.achievement.finditer(folded):
        add(match.start(), match.end(), ACHIEVEMENT)
    for match in pats.inauguration.finditer(folded):
        add(match.start(), match.end(), INAUGURATION)
    for match in pats.party.finditer(text):
        word = match.group()
        if word in pats.sentence_initial and _sentence_initial(text, match.start()):
            continue
        if word.isupper() and _caps_context(text, match.start(), match.end()):
            continue
        add(match.start(), match.end(), PARTY)
    if electoral:
        for match in pats.investment.finditer(folded):
            findings.append(
                Finding("propaganda", "block", match.start(), match.end(), INVESTMENT(language))
            )
    return findings
