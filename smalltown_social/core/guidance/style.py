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
from smalltown_social.core.guidance.profile import EMPTY, TownProfile
from smalltown_social.core.guidance.textutil import (
    HASHTAG,
    MENTION,
    LazyPattern,
    fold,
    url_spans,
    within,
)
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
    "Varias etiquetas en medio de las frases cortan la lectura: déjelas al final.",
    "Several hashtags inside the sentences break the reading: leave them at the end.",
)
MISPLACED_TAGS = 2  # the position tip needs this many tags inside the text that are not words
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

_CAPS_WORD = LazyPattern(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{Mn}]+(?![\p{L}\p{N}])")
_TRAILING = LazyPattern(r"(?:[\s\p{P}\p{S}]|#[\p{L}\p{N}_]+)*\Z")


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


_OWN_PREFIX = ("ayto", "ayuntamiento", "concello", "ajuntament", "udala", "aytode")
_PLACE = LazyPattern(
    r"(?<![#@\w])\p{Lu}\p{L}+(?:\s+(?:de\s+|del\s+|de\s+la\s+|de\s+los\s+)?\p{Lu}\p{L}+)*"
)


def _link_names(text: str) -> set[str]:
    """The names of the sites a post links to or writes to ("torremochadelavega" for
    https://www.torremochadelavega.es/noticias), with and without "ayto"."""
    names: set[str] = set()
    for start, end in url_spans(text):
        host = regex.sub(r"^[a-z]+://", "", fold(text[start:end])).split("/", 1)[0]
        for label in host.split("@")[-1].split(".")[:-1]:
            names.add(label)
            for prefix in _OWN_PREFIX:
                names.add(label.removeprefix(prefix))
    return names


def _own_tag(body: str, text: str, profile: TownProfile) -> bool:
    """The town's own name or account as a hashtag (#Valdelomar, #AytoValdelomar): from
    the town profile, or, without one, a tag that spells a capitalised name written in
    the same post ("Fiestas de San Martín del Río … #SanMartinDelRio") or the name
    of a site it links to ("valdelomar.es/agenda … #Valdelomar")."""
    key = fold(body)
    if key in profile.name_tags or key in profile.handle_set or key.startswith(_OWN_PREFIX):
        return True
    if key in _link_names(text):
        return True
    for match in _PLACE.finditer(text):
        words = match.group().split()
        for first, word in enumerate(words):
            if word[:1].isupper() and fold("".join(words[first:])) == key:
                return True
    return False


def _inside_sentence(text: str, start: int, end: int) -> bool:
    """A tag with words on both sides on its line is read as a word of the sentence
    ("Fiestas de #Valdelomar este sábado"); one between other tags or alone is not."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    word = r"(?<![#@\w])\p{L}{2,}"
    return bool(regex.search(word, before)) and bool(regex.search(word, after))


def check_hashtags(text: str, language: Language, profile: TownProfile = EMPTY) -> list[Finding]:
    """Too many, misplaced, lower-case or long hashtags.

    The position tip comes once per post, and only when two or more tags sit
    in the middle of the text without being words of a sentence (a tag used
    as a word, "las fiestas de #Valdelomar", reads fine). The town's own name
    is never a "long" tag.
    """
    findings: list[Finding] = []
    links = url_spans(text)
    tags = [m for m in HASHTAG.finditer(text) if not within(links, m.start())]
    tail = _TRAILING.search(text)
    tail_start = tail.start() if tail else len(text)
    misplaced = [
        m for m in tags if m.start() < tail_start and not _inside_sentence(text, *m.span())
    ]
    if len(misplaced) >= MISPLACED_TAGS:
        first = misplaced[0]
        findings.append(
            Finding("hashtag_position", "tip", first.start(), first.end(), TAG_NOT_AT_END(language))
        )
    for index, match in enumerate(tags):
        start, end = match.span()
        body = match.group(1)
        if index >= MAX_HASHTAGS:
            findings.append(
                Finding("hashtag_count", "warn", start, end, TOO_MANY_TAGS(language), "")
            )
        fixed = _camel_case(body)
        needs_case = body.islower() or body.isupper() or fixed not in (None, body)
        if needs_case and any(c.isalpha() for c in body):
            suggestion = "#" + fixed if fixed is not None else None
            findings.append(
                Finding("hashtag_case", "tip", start, end, TAG_CASE(language), suggestion)
            )
        if len(body) > MAX_HASHTAG_LENGTH and not _own_tag(body, text, profile):
            findings.append(Finding("hashtag_length", "tip", start, end, TAG_LONG(language)))
    return findings


def _inside_any(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


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
    """Runs of words in capitals, ignoring lone acronyms of up to 5 letters, links,
    @handles and #hashtags (which cannot be rewritten)."""
    findings: list[Finding] = []
    skip = sorted(
        [*url_spans(text), *(m.span() for m in HASHTAG.finditer(text)),
         *(m.span() for m in MENTION.finditer(text))]
    )  # fmt: skip
    words = [m for m in _CAPS_WORD.finditer(text) if not _inside_any(skip, m.start())]
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
