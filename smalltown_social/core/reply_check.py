"""Guidance on a reply to a citizen: the post rules plus two of their own.

- Personal data (DNI/NIE, private phone, email, IBAN) in a PUBLIC reply is
  blocked, with the suggestion to answer by private message instead; in a
  private message it is allowed.
- A reply should repeat the subject of the question ("¿A qué hora abre la
  piscina?" → "La piscina abre a las 11"), so that whoever reads the reply
  alone understands it [Generalitat de Catalunya social media guide].
"""

from __future__ import annotations

import re
from datetime import date, datetime

from smalltown_social.core import guidance  # its engine is imported by the first check
from smalltown_social.core.guidance import Finding
from smalltown_social.core.guidance.findings import sort_findings
from smalltown_social.core.guidance.profile import TownProfile
from smalltown_social.core.guidance.textutil import fold
from smalltown_social.core.i18n import Language, Text, parse_language

MOVE_TO_PRIVATE = Text(
    "Una respuesta pública no debe llevar datos personales (DNI, teléfono, correo, cuenta "
    "bancaria). Responda por mensaje privado o quite el dato.",
    "A public reply must not carry personal data (ID number, phone, email, bank account). "
    "Answer by private message or remove it.",
)
SUBJECT_MISSING = Text(
    "La respuesta no repite el tema de la pregunta (por ejemplo, «{words}»): así se entiende "
    "aunque se lea sola.",
    "The reply does not repeat the subject of the question (for example “{words}”), so it "
    "is understood when read on its own.",
)
SKIP_RULES = frozenset({"invite_comments", "hashtags"})

_WORD = re.compile(r"[a-zñ]+")
# Frequent words that never make a subject on their own (folded, no accents).
_STOP_WORDS = (
    "hola buenas buenos dias tardes noches gracias favor porque cuando donde como "
    "quien cual cuales cuanto cuanta cuantos cuantas hasta desde sobre entre para "
    "pero este esta estos estas ese esa esos esas aquel aquella tiene tienen tengo "
    "puede pueden puedo podria podrian saber sabe sabeis alguien algun alguna alguno "
    "hacer hace hacen hay habra seria ser estar estan esta estoy mucho muchos mucha "
    "muchas poco otra otro otros otras tambien todavia siempre nunca ahora mismo "
    "misma todo toda todos todas nada algo cosa cosas gente vecinos vecinas vecino "
    "vecina ayuntamiento pueblo municipal municipio usted ustedes vosotros nosotros "
    "ellos ellas quiero queria quisiera gustaria pregunta preguntar duda favor ayer "
    "manana semana bien pues entonces porfa "
)
_STOP = frozenset(_STOP_WORDS.split())
MIN_WORD = 4
STEM = 5  # "piscina" and "piscinas", "abre" and "abrir" share their first letters


def subject_words(question: str) -> list[str]:
    """The content words of a question, in order, folded (the subject candidates)."""
    seen: list[str] = []
    for word in _WORD.findall(fold(question)):
        if len(word) >= MIN_WORD and word not in _STOP and word not in seen:
            seen.append(word)
    return seen


def _as_written(question: str) -> list[str]:
    """The subject words as the citizen wrote them (lower case, accents kept)."""
    found: list[str] = []
    for word in re.findall(r"\w+", question.lower()):
        key = fold(word)
        if len(key) >= MIN_WORD and key not in _STOP and key.isalpha() and word not in found:
            found.append(word)
    return found


def repeats_subject(reply: str, question: str) -> bool:
    """True when the reply shares a content word (by its stem) with the question."""
    subject = subject_words(question)
    if not subject:
        return True  # nothing to repeat ("¡Gracias!")
    stems = {w[:STEM] for w in subject}
    return any(w[:STEM] in stems for w in _WORD.findall(fold(reply)) if len(w) >= MIN_WORD)


def check_reply(
    reply: str,
    question: str,
    *,
    network: str | None = None,
    private: bool = False,
    language: str = "es",
    when: datetime | None = None,
    electoral_period: tuple[date, date] | None = None,
    profile: TownProfile | None = None,
) -> list[Finding]:
    """Findings for a reply to `question`, most serious first.

    A phone or e-mail registered in the town profile is the town hall's own and
    passes; any other contact, and any DNI/NIE/IBAN, blocks a public reply.
    """
    lang: Language = parse_language(language)
    findings: list[Finding] = []
    found = guidance.analyze(
        reply,
        networks=[network] if network else [],
        language=lang,
        when=when,
        electoral_period=electoral_period,
        profile=profile,
    )
    for finding in found:
        if finding.rule in SKIP_RULES:
            continue
        if finding.rule == "personal_data":
            if private:
                continue  # a private message may carry what the citizen asked for
            findings.append(
                Finding(finding.rule, "block", finding.start, finding.end, MOVE_TO_PRIVATE(lang))
            )
            continue
        findings.append(finding)
    if reply.strip() and not repeats_subject(reply, question):
        words = ", ".join(_as_written(question)[:3])
        findings.append(
            Finding("reply_subject", "warn", 0, 0, SUBJECT_MISSING.format(words=words)(lang))
        )
    return sort_findings(findings)


def blocking(findings: list[Finding]) -> bool:
    return any(f.severity == "block" for f in findings)
