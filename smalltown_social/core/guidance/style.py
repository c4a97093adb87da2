"""Hashtags, capitals and emoji: how the post looks in a feed.

Sources (GUIDANCE.md): at most 2 hashtags, at the end, each word capitalised
(#FiestasMayores, also read correctly by screen readers), at most 12
characters for recurring ones [Generalitat]; no text in capitals, which reads
as shouting and is harder to read [Mole Valley, UK GDS]; emoji add to the text,
2-3 at most, never the same one repeated.
"""

from __future__ import annotations

import regex

from smalltown_social.core.guidance.emoji import emoji_spans
from smalltown_social.core.guidance.findings import Finding
from smalltown_social.core.guidance.textutil import HASHTAG, url_spans, within
from smalltown_social.core.i18n import Language, Text

MAX_HASHTAGS = 2
MAX_HASHTAG_LENGTH = 12
MAX_EMOJI = 3
MAX_ACRONYM = 5
# Acronyms kept in capitals when a shouted sentence is lowered.
KNOWN_ACRONYMS = frozenset(
    [
        "DNI",
        "NIE",
        "IBAN",
        "NIF",
        "CIF",
        "ONG",
        "ESO",
        "IES",
        "CEIP",
        "ITV",
        "IBI",
        "IVA",
        "IRPF",
        "UE",
        "OAC",
        "SAC",
        "PDF",
        "URL",
        "DGT",
        "AEMET",
        "SEPE",
        "INE",
        "BOE",
        "BOP",
        "TV",
        "COVID",
        "SMS",
        "WIFI",
        "GPS",
        "ADSL",
        "ONCE",
    ]
)

TOO_MANY_TAGS = Text(
    "Más de 2 etiquetas: quite esta; con 1 o 2 basta.",
    "More than 2 hashtags: remove this one; 1 or 2 are enough.",
)
TAG_NOT_AT_END = Text(
    "Ponga las etiquetas al final del texto, no en medio de las frases.",
    "Put hashtags at the end of the text, not inside sentences.",
)
TAG_CASE = Text(
    "Escriba cada palabra de la etiqueta con mayúscula inicial (#FiestasMayores): se lee mejor "
    "y los lectores de pantalla la pronuncian bien.",
    "Capitalise each word of the hashtag (#FiestasMayores): easier to read and screen readers "
    "pronounce it properly.",
)
TAG_LONG = Text(
    "Etiqueta de más de 12 caracteres: las cortas se recuerdan y se escriben mejor.",
    "Hashtag longer than 12 characters: short ones are easier to remember and type.",
)
ALL_CAPS = Text(
    "Texto en mayúsculas: se lee como un grito y cuesta más leerlo. "
    "Use mayúscula solo al principio.",
    "Text in capitals reads as shouting and is harder to read. Capitalise only the first letter.",
)
TOO_MANY_EMOJI = Text(
    "Más de 3 emoji: úselos para acompañar el texto, 2 o 3 como mucho.",
    "More than 3 emoji: use them to support the text, 2 or 3 at most.",
)
REPEATED_EMOJI = Text(
    "Emoji repetido: no repita el mismo emoji.",
    "Repeated emoji: do not repeat the same emoji.",
)

_CAPS_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{Mn}]+(?![\p{L}\p{N}])")
_TRAILING = regex.compile(r"(?:[\s\p{P}\p{S}]|#[\p{L}\p{N}_]+)*\Z")


def _camel_case(body: str) -> str | None:
    """#fiestas_mayores -> FiestasMayores; one lower-case word -> Capitalised.

    A long run of lower-case letters is probably several words ("fiestasmayores"),
    whose boundaries we cannot know: no suggestion then, the message explains.
    """
    if "_" in body:
        return "".join(part[:1].upper() + part[1:] for part in body.split("_") if part)
    if (body.islower() or body.isupper()) and len(body) <= MAX_HASHTAG_LENGTH:
        return body[:1].upper() + body[1:].lower()
    return None


def check_hashtags(text: str, language: Language) -> list[Finding]:
    """Too many, misplaced, lower-case or long hashtags."""
    findings: list[Finding] = []
    links = url_spans(text)
    tags = [m for m in HASHTAG.finditer(text) if not within(links, m.start())]
    tail = _TRAILING.search(text)
    tail_start = tail.start() if tail else len(text)
    for index, match in enumerate(tags):
        start, end = match.span()
        body = match.group(1)
        if index >= MAX_HASHTAGS:
            findings.append(
                Finding("hashtag_count", "warn", start, end, TOO_MANY_TAGS(language), "")
            )
        if start < tail_start:
            findings.append(
                Finding("hashtag_position", "tip", start, end, TAG_NOT_AT_END(language))
            )
        fixed = _camel_case(body)
        needs_case = body.islower() or body.isupper() or fixed not in (None, body)
        if needs_case and any(c.isalpha() for c in body):
            suggestion = "#" + fixed if fixed is not None else None
            findings.append(
                Finding("hashtag_case", "tip", start, end, TAG_CASE(language), suggestion)
            )
        if len(body) > MAX_HASHTAG_LENGTH:
            findings.append(Finding("hashtag_length", "tip", start, end, TAG_LONG(language)))
    return findings


def _sentence_case(run: str, starts_sentence: bool) -> str:
    words = regex.split(r"([^\p{L}\p{N}]+)", run)
    out: list[str] = []
    for word in words:
        out.append(word if word in KNOWN_ACRONYMS else word.lower())
    lowered = "".join(out)
    if starts_sentence:
        for index, char in enumerate(lowered):
            if char.isalpha():
                return lowered[:index] + char.upper() + lowered[index + 1 :]
    return lowered


def check_caps(text: str, language: Language) -> list[Finding]:
    """Runs of words in capitals, ignoring lone acronyms of up to 5 letters."""
    findings: list[Finding] = []
    links = url_spans(text)
    words = [m for m in _CAPS_WORD.finditer(text) if not within(links, m.start())]
    runs: list[list[regex.Match[str]]] = []
    for word in words:
        if runs:
            gap = text[runs[-1][-1].end() : word.start()]
            if "\n" not in gap and not regex.search(r"[\p{L}\p{N}]", gap) and len(gap) <= 3:
                runs[-1].append(word)
                continue
        runs.append([word])
    for run in runs:
        letters = sum(len(w.group()) for w in run)
        longest = max(len(w.group()) for w in run)
        shouting = longest > MAX_ACRONYM or (len(run) >= 2 and letters >= 8 and longest >= 4)
        if not shouting:
            continue
        if all(w.group() in KNOWN_ACRONYMS for w in run):
            continue
        start, end = run[0].start(), run[-1].end()
        before = text[max(0, start - 20) : start].rstrip(" \t\"'«“(¡¿*-•")
        starts_sentence = not before or before[-1] in ".!?\n:"
        suggestion = _sentence_case(text[start:end], starts_sentence)
        findings.append(Finding("all_caps", "warn", start, end, ALL_CAPS(language), suggestion))
    return findings


def check_emoji(text: str, language: Language) -> list[Finding]:
    """More than 3 emoji, or the same emoji used twice."""
    findings: list[Finding] = []
    seen: set[str] = set()
    spans = emoji_spans(text)
    for index, (start, end, emoji) in enumerate(spans):
        key = regex.sub(r"[\uFE0F\p{Emoji_Modifier}]", "", emoji)
        if key in seen:
            findings.append(
                Finding("emoji_repeated", "warn", start, end, REPEATED_EMOJI(language), "")
            )
        seen.add(key)
        if index == MAX_EMOJI:
            findings.append(
                Finding("emoji_count", "warn", start, spans[-1][1], TOO_MANY_EMOJI(language))
            )
    return findings
