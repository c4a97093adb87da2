"""Splitting a post into sentences and words.

Posts are not prose: headlines without a full stop, bullet lines, URLs with
dots, "10.30 h", "Sr. López", "c/ Mayor". A line break always ends a sentence;
a full stop ends one only when it is not inside a link or a number and does not
follow a known abbreviation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smalltown_social.core.guidance.emoji import EMOJI
from smalltown_social.core.guidance.textutil import (
    HASHTAG,
    MENTION,
    LazyPattern,
    fold,
    mask_spans,
    url_spans,
)

if TYPE_CHECKING:  # imported with the first pattern compiled (issue #13)
    import regex

# Abbreviations after which a full stop does not end the sentence (folded).
ABBREVIATIONS = frozenset(
    [
        "sr",
        "sra",
        "sres",
        "sras",
        "srta",
        "d",
        "dna",
        "dr",
        "dra",
        "dres",
        "lic",
        "ldo",
        "lda",
        "avda",
        "av",
        "c",
        "pza",
        "pl",
        "ctra",
        "n",
        "no",
        "num",
        "nº",
        "tel",
        "tfno",
        "telf",
        "ext",
        "pag",
        "pags",
        "pp",
        "art",
        "arts",
        "apdo",
        "aptdo",
        "dcha",
        "izq",
        "izda",
        "etc",
        "ej",
        "p",
        "ej",
        "vd",
        "vds",
        "ud",
        "uds",
        "ayto",
        "excmo",
        "excma",
        "ilmo",
        "ilma",
        "prof",
        "aprox",
        "min",
        "max",
        "est",
        "sta",
        "sto",
        "s.a",
        "s.l",
        "cía",
        "cia",
        "dpto",
        "depto",
    ]
)
TITLES = frozenset({"sr", "sra", "sres", "sras", "srta", "d", "dna", "dr", "dra", "dres"})

_TERMINATOR = LazyPattern(r"[.!?…]+[\"»”’)\]]*(?=\s|$)|\n")
_WORD_BEFORE = LazyPattern(r"([\p{L}º]+)\.*$")
_NEXT_CHAR = LazyPattern(r"\s*(\S)")
TOKEN = LazyPattern(r"[\p{L}\p{N}]+(?:[.,:'’/-][\p{L}\p{N}]+)*")


def masked_for_words(text: str, char: str = "x") -> str:
    """The text with links, e-mails, hashtags and mentions blanked out.

    They are not words a reader reads, and their dots are not full stops.
    """
    spans = list(url_spans(text))
    spans.extend(m.span() for m in HASHTAG.finditer(text))
    spans.extend(m.span() for m in MENTION.finditer(text))
    return mask_spans(text, sorted(spans), char)


def _ends_sentence(masked: str, match: regex.Match[str]) -> bool:
    if match.group() == "\n" or match.group()[0] != ".":
        return True
    # A bounded look-back keeps this linear in the length of the text.
    before = _WORD_BEFORE.search(masked, max(0, match.start() - 40), match.start() + 1)
    if before is None:
        return True
    word = fold(before.group(1))
    if word not in ABBREVIATIONS and len(word) > 1:
        return True
    following = _NEXT_CHAR.match(masked, match.end())
    if following is None:
        return True
    if word in TITLES:
        return False
    return bool(following.group(1).isupper())


def _bullet_ends(masked: str) -> list[int]:
    """Offsets just before an emoji used as a bullet in the middle of a line
    ("Concierto 🎵 Entrada libre 📍 Plaza Mayor"): each bullet starts an item, so
    the text before it is a sentence of its own. An emoji counts as a bullet
    when words come before it on the line and a capital, a digit or another
    bullet comes after it."""
    ends: list[int] = []
    for match in EMOJI.finditer(masked):
        line_start = masked.rfind("\n", 0, match.start()) + 1
        if not TOKEN.search(masked, line_start, match.start()):
            continue
        following = _NEXT_CHAR.match(masked, match.end())
        if following is not None and (
            following.group(1).isupper()
            or following.group(1).isdigit()
            or EMOJI.match(masked, following.start(1))
        ):
            ends.append(match.start())
    return ends


def sentence_spans(text: str, masked: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every sentence that contains at least one word or number."""
    if masked is None:
        masked = masked_for_words(text)
    ends = [m.end() for m in _TERMINATOR.finditer(masked) if _ends_sentence(masked, m)]
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sorted({*ends, *_bullet_ends(masked)}):
        if end <= start:
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result: list[tuple[int, int]] = []
    for begin, end in spans:
        chunk = masked[begin:end]
        if not TOKEN.search(chunk):
            continue
        stripped_start = begin + (len(chunk) - len(chunk.lstrip()))
        stripped_end = begin + len(chunk.rstrip())
        result.append((stripped_start, stripped_end))
    return result
