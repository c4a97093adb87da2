"""Set phrases, nominal constructions, press-release openings and legal citations.

Town halls write like the official gazette; citizens stop reading. Each phrase
in `resources/guidance/bureaucratic.json` has a plain alternative (or none,
when the sentence needs rewriting). Matching runs on accent-folded, lower-case
text so "A FIN DE" and "a fín de" match too, on whole words only.

Nominal constructions hide the verb in a noun ("se procede a la apertura",
"realizar una inspección"); the suggestion puts the verb back, in the same
tense, and in the first person plural when an impersonal "se" hid who acts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from smalltown_social.core.guidance.data import load_json
from smalltown_social.core.guidance.findings import Finding
from smalltown_social.core.guidance.textutil import LazyPattern, fold, phrase_alternation, within
from smalltown_social.core.i18n import Language, Text


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns built from `bureaucratic.json`."""

    phrases: regex.Pattern[str]
    plain: dict[str, str | None]
    nominal: regex.Pattern[str]
    verbs: dict[str, tuple[str, bool]]
    press_release: regex.Pattern[str]


def _phrase_pattern(phrases: list[str]) -> regex.Pattern[str]:
    """One pattern for every phrase, as a word trie (see `textutil.phrase_alternation`)."""
    return regex.compile(rf"(?<!\w)(?:{phrase_alternation(fold(p) for p in phrases)})(?!\w)")


@cache
def lexicon() -> Lexicon:
    data = load_json("bureaucratic.json")
    plain = {fold(item["phrase"]): item["plain"] for item in data["phrases"]}
    verbs = {
        fold(noun): (verb, bool(changes))
        for noun, (verb, changes) in data["nominalizations"].items()
    }
    nouns = "|".join(sorted(verbs, key=len, reverse=True))
    nominal = regex.compile(
        r"(?<!\w)(?P<se>se\s+)?(?P<verb>"
        r"proced(?:er|e|en|era|eran|emos|io|ieron|iendo)\s+a(?=l\s|\s)l?"
        r"|realiz(?:ar|a|an|ara|aran|amos|o|aron|ando)|realic(?:e|en|emos)"
        r"|efectu(?:ar|a|an|ara|aran|amos|o|aron|ando|e|en|emos)"
        r"|llev(?:ar|a|an|ara|aran|amos|o|aron|ando)\s+a\s+cabo"
        r")\s+(?:(?:la|el|las|los|una|un|unas|unos)\s+)?"
        rf"(?P<noun>{nouns})(?!\w)"
        r"(?P<of>\s+de(?:l|\s+(?:la|las|los|el|un|una|unos|unas))?(?!\w))?"
        r"|(?<!\w)(?P<se2>se\s+)(?P<verb2>proced(?:e|en|era|eran|io|ieron))\s+a\s+(?P<inf>\w+(?:ar|er|ir))(?!\w)"
    )
    openings = "|".join(f"(?:{p})" for p in data["press_release"])
    press = regex.compile(rf"(?:^|(?<=\n)|(?<=[.!?]\s))\s*(?:{openings})(?!\w)")
    return Lexicon(_phrase_pattern(list(plain)), plain, nominal, verbs, press)


# Tense of the light verb, read from its folded ending (longest first).
_TENSES = (
    ("ieron", "past3p"), ("aron", "past3p"), ("iendo", "ger"), ("ando", "ger"),
    ("aran", "fut3p"), ("eran", "fut3p"), ("amos", "pres1p"), ("emos", "pres1p"),
    ("ara", "fut3s"), ("era", "fut3s"), ("io", "past3s"), ("ar", "inf"), ("er", "inf"),
    ("an", "pres3p"), ("en", "pres3p"), ("o", "past3s"), ("a", "pres3s"), ("e", "pres3s"),
)  # fmt: skip
_FIRST_PLURAL = {
    "pres3s": "pres1p", "pres3p": "pres1p", "inf": "pres1p", "pres1p": "pres1p",
    "fut3s": "fut1p", "fut3p": "fut1p", "past3s": "past1p", "past3p": "past1p",
}  # fmt: skip


def _tense(light_verb: str) -> str:
    word = light_verb.split(maxsplit=1)[0]
    for ending, tense in _TENSES:
        if word.endswith(ending):
            if word.startswith(("realic", "efectue")) or word in ("efectuen",):
                return "subj"
            return tense
    return "inf"


def conjugate(verb: str, tense: str, stem_change: bool) -> str | None:
    """A regular form of `verb`, or None where irregularity makes a guess unsafe."""
    stem, ending = verb[:-2], verb[-2:]
    first = ending == "ar"
    glide = not first and stem.endswith("u")  # construir -> construyó
    forms = {
        "inf": verb,
        "fut3s": verb + "á",
        "fut3p": verb + "án",
        "fut1p": verb + "emos",
        "pres1p": stem + ("amos" if first else "emos" if ending == "er" else "imos"),
        "past3s": stem + ("ó" if first else "yó" if glide else "ió"),
        "past3p": stem + ("aron" if first else "yeron" if glide else "ieron"),
        "past1p": stem + ("amos" if first else "imos"),
        "ger": stem + ("ando" if first else "yendo" if glide else "iendo"),
    }
    if tense in forms:
        return forms[tense]
    if stem_change:
        return None
    if tense in ("pres3s", "pres3p"):
        return stem + ("a" if first else "e") + ("n" if tense == "pres3p" else "")
    return None


BUREAUCRATIC = Text(
    "Expresión burocrática: «{phrase}». Mejor: «{plain}».",
    "Bureaucratic phrase: '{phrase}'. Plainer: '{plain}'.",
)
BUREAUCRATIC_REWRITE = Text(
    "Expresión burocrática: «{phrase}». Reescriba la frase con palabras de todos los días.",
    "Bureaucratic phrase: '{phrase}'. Rewrite the sentence in everyday words.",
)
NOMINAL = Text(
    "Construcción nominal: use directamente el verbo «{verb}».",
    "Nominal construction: use the verb '{verb}' directly.",
)
IMPERSONAL = Text(
    "«Se procede a» esconde quién actúa: diga quién hace qué («{verb}», «cortamos el agua»).",
    "'Se procede a' hides who acts: say who does what ('{verb}', 'we cut the water').",
)
PASSIVE = Text(
    "Voz pasiva: ponga primero quién hace la acción (sujeto, verbo, complemento).",
    "Passive voice: put who acts first (subject, verb, complement).",
)
PRESS_RELEASE = Text(
    "Esto empieza como una nota de prensa. Empiece por la noticia: qué pasa, cuándo y dónde.",
    "This opens like a press release. Start with the news: what happens, when and where.",
)
LEGAL_CITATION = Text(
    "Cita legal: a la gente le sirve más saber el plazo o qué tiene que hacer; ponga el "
    "boletín en el enlace.",
    "Legal citation: people need the deadline or what to do; leave the bulletin for the link.",
)

_PASSIVE = LazyPattern(
    r"(?<!\w)(?:fue|fueron|ha\s+sido|han\s+sido|habia\s+sido|sera|seran|es|son|esta\s+siendo)\s+"
    r"\w+(?:ado|ada|ados|adas|ido|ida|idos|idas|to|ta|tos|tas|cho|cha)\s+por\s+"
    r"(?:el|la|los|las|parte)(?!\w)"
)
_LEGAL = LazyPattern(
    r"(?<!\w)(?:(?:boe|bop\w{0,3}|dogv|dog|dogc|boja|bocm|borm|doe|boc|boa|bocyl|bon|docm|"
    r"boib|bopv|bor|bome|bocce|dou)\s*(?:n(?:um|º|\.º|o)?\.?|numero)\s*\d+"
    r"|(?:ley|real\s+decreto|decreto|orden|rd)\s+(?:\w+\s+)?\d+/\d{2,4}"
    r"|(?:art\.|articulo)\s*\d+(?:\.\d+)*\s+de\s+la\s+(?:ley|ordenanza))"
)


_OF_ARTICLE = {
    "de": "", "del": " el", "de la": " la", "de las": " las", "de los": " los", "de el": " el",
    "de un": " un", "de una": " una", "de unos": " unos", "de unas": " unas",
}  # fmt: skip


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def check_phrases(text: str, language: Language) -> list[Finding]:
    """Bureaucratic phrases, nominal and passive constructions, press-release
    openings and legal citations."""
    folded = fold(text)
    lex = lexicon()
    findings: list[Finding] = []
    nominal_spans: list[tuple[int, int]] = []
    for match in lex.nominal.finditer(folded):
        start, end = match.span()
        if match.group("noun"):
            verb, changes = lex.verbs[match.group("noun")]
            tense = _tense(match.group("verb"))
            if match.group("se"):
                tense = _FIRST_PLURAL.get(tense, "")
            suggestion = conjugate(verb, tense, changes)
            if suggestion is not None and match.group("of"):
                # "la apertura del plazo" -> "abrir el plazo": the "de" goes, its article stays.
                suggestion += _OF_ARTICLE[regex.sub(r"\s+", " ", match.group("of").strip())]
            message = NOMINAL.format(verb=verb)(language)
            findings.append(
                Finding("nominal", "warn", start, end, message,
                        _match_case(text[start:end], suggestion) if suggestion else None)
            )  # fmt: skip
        else:
            infinitive = text[match.start("inf") : match.end("inf")]
            message = IMPERSONAL.format(verb=infinitive)(language)
            findings.append(Finding("nominal", "warn", start, end, message))
        nominal_spans.append((start, end))
    for match in lex.phrases.finditer(folded):
        start, end = match.span()
        if within(nominal_spans, start):
            continue
        original = text[start:end]
        plain = lex.plain.get(regex.sub(r"\s+", " ", match.group()))
        if plain is None:
            message = BUREAUCRATIC_REWRITE.format(phrase=original)(language)
            findings.append(Finding("bureaucratic", "warn", start, end, message))
        else:
            message = BUREAUCRATIC.format(phrase=original, plain=plain)(language)
            suggestion = _match_case(original, plain)
            findings.append(Finding("bureaucratic", "warn", start, end, message, suggestion))
    for match in _PASSIVE.finditer(folded):
        findings.append(
            Finding("passive_voice", "tip", match.start(), match.end(), PASSIVE(language))
        )
    for match in lex.press_release.finditer(folded):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        findings.append(
            Finding("press_release", "warn", start, match.end(), PRESS_RELEASE(language), "")
        )
    for match in _LEGAL.finditer(folded):
        findings.append(
            Finding("legal_citation", "tip", match.start(), match.end(), LEGAL_CITATION(language))
        )
    return findings
