"""Small text helpers shared by the rules: accent folding and token patterns.

Matching "a fin de" must also catch "A FIN DE" and "a fín de", but the finding
must point into the text the clerk typed. `fold()` therefore maps every
character to exactly one character (lower case, accents removed), so an offset
in the folded text is the same offset in the original.
"""

from __future__ import annotations

import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

# The `regex` module (~6 ms to import) is imported when the first pattern is compiled,
# after the composer's first paint (issue #13); its IGNORECASE flag, named here without
# it (the same bit as `re.IGNORECASE`; a unit test compares them).
IGNORECASE = 2


class LazyPattern:
    """A regular expression compiled on its first use, not when its module is imported.

    The rules' fixed patterns cost ~40 ms to compile: the window paints before
    the first guidance pass needs them (issue #13). Behaves as the compiled pattern.
    """

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: Any = None

    @property
    def pattern(self) -> str:
        """The source, without compiling (another pattern may be built from it at import)."""
        return self._args[0]

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            import regex  # noqa: PLC0415

            compiled = self._compiled = regex.compile(*self._args)
        return getattr(compiled, name)


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            continue
        if lower in "ñ":
            table[code] = lower
            continue
        base = unicodedata.normalize("NFD", lower)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
        elif lower != char:
            table[code] = lower
    return table


@cache
def _accent_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        if char in "ñÑ":
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    return table


def fold_accents(text: str) -> str:
    """Strip accents but keep case (and length), for patterns that need capitals."""
    return text.translate(_accent_table())


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length (and so every offset)."""
    return text.translate(_fold_table())


# A link as people write it: with a scheme, with "www.", or a bare domain with a
# common top-level domain and usually a path ("sede.valdelomar.es/tramites").
# Like twitter-text, a bare domain never starts after "-", "_" or "/": the
# "pueblo.es" in "x@ayto-pueblo.es" is part of an address, not a link.
URL = LazyPattern(
    r"(?<![\w@.])(?:"
    r"(?:https?://|www\.)[^\s<>\"«»]+"
    r"|(?<![-_/])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:es|com|org|net|eu|info|gob\.es|gal|cat|eus|int|gov)(?![\w-])(?:/[^\s<>\"«»]*)?"
    r")",
    IGNORECASE,
)
EMAIL = LazyPattern(r"(?<![\w.+@-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", IGNORECASE)
SCHEME_URL = LazyPattern(r"(?<![\w@])https?://[^\s<>\"«»]+", IGNORECASE)
HASHTAG = LazyPattern(r"(?<![\w&#/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)")
MENTION = LazyPattern(r"(?<![\w@])@[\w.]+(?:@[\w.-]+\.\w+)?")
WORD = LazyPattern(r"\p{L}+(?:['’]\p{L}+)*")


def trim_url(match_text: str) -> str:
    """A URL without the sentence punctuation that usually follows it."""
    return match_text.rstrip(".,;:!?)»\"'…")


def within(spans: Sequence[tuple[int, int]], position: int) -> bool:
    """Whether `position` lies inside one of the sorted, non-overlapping `spans`."""
    index = bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


@lru_cache(maxsize=4)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of links and e-mail addresses, which word rules must skip.

    Several rules need them for the same text on each keystroke, so the last
    few results are memoised (the function is pure and the result immutable).
    """
    emails = [(m.start(), m.end()) for m in EMAIL.finditer(text)]
    spans = list(emails)
    for match in URL.finditer(text):
        start = match.start()
        if not within(emails, start):
            spans.append((start, start + len(trim_url(match.group()))))
    return tuple(sorted(spans))


def mask_spans(text: str, spans: Sequence[tuple[int, int]], char: str = " ") -> str:
    """Replace the given spans by `char` so that later patterns ignore them."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        if start < last:
            continue
        parts.append(text[last:start])
        parts.append(char * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# Spanish phone numbers: 9 digits starting 6-9 in the usual groupings, with an
# optional +34/0034 prefix. Group 1 is the first digit of the national number.
PHONE = LazyPattern(
    r"(?<![\w+/.,-]|\d[ .-])(?:(?:\+|00)\s?34[\s.-]?)?"
    r"(?:([6-9])\d{2}[\s.-]?\d{3}[\s.-]?\d{3}"
    r"|([6-9])\d{2}[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?\d{2}"
    r"|([89])\d[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2})"
    r"(?![\w-]|[.,]\d|\s\d)"
)
# Short public-service numbers (information 010/012, emergencies 112...).
SERVICE_PHONE = LazyPattern(
    r"(?:llam\w*|tel[eé]fono|tel\.|tfno\.?|tlf\.?|marca\w*|contacta\w*|whatsapp)"
    r"[^\n\d]{0,20}(?<!\d)(0[1-9]\d|112)(?!\d)",
    IGNORECASE,
)


def phone_digits(number: str) -> str:
    """National significant number of a matched phone (prefix and separators removed)."""
    digits = "".join(char for char in number if char.isdigit())
    if digits.startswith("0034"):
        digits = digits[4:]
    elif number.lstrip().startswith("+") and digits.startswith("34"):
        digits = digits[2:]
    return digits


_Trie = dict[str, "_Trie"]


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex body matching any of `phrases` (words separated by any white space).

    Built as a word trie ("a fin de|a efectos de" -> "a\\s+(?:fin\\s+de|efectos\\s+de)"):
    a flat alternation of dozens of phrases is tried phrase by phrase at every
    position, the trie shares the first words (about twice as fast on 2,000
    characters). The greedy optional tail still prefers the longest phrase, as
    the flat alternation sorted longest first did.
    """
    trie: _Trie = {}
    for phrase in set(phrases):
        node = trie
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}  # a phrase ends here
    return _trie_body(trie)


def _trie_body(node: _Trie) -> str:
    import regex  # noqa: PLC0415

    branches: list[str] = []
    for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
        child = node[word]
        tail = _trie_body(child)
        if not tail:
            branches.append(regex.escape(word))
        elif "" in child:
            branches.append(rf"{regex.escape(word)}(?:\s+(?:{tail}))?")
        else:
            branches.append(rf"{regex.escape(word)}\s+(?:{tail})")
    return "|".join(branches)
