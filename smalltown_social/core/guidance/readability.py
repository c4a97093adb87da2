"""Readability of Spanish text: Szigriszt-Pazos on the INFLESZ scale.

The INFLESZ scale (Barrio-Cantalejo 2008) is what Spanish public bodies use to
say whether a citizen can read a text; adult press scores about 60. The
formulas need exact syllable counts (see `syllables.py`). Links, e-mails,
hashtags and mentions are not read as words and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.sentences import (
    TOKEN,
    masked_for_words,
    sentence_spans,
)
from smalltown_social.core.guidance.syllables import count_syllables
from smalltown_social.core.guidance.textutil import WORD
from smalltown_social.core.i18n import Language, Text

MAX_SENTENCE_WORDS = 25
MIN_WORDS_FOR_SCORE = 20  # below this a score says more about chance than about the text

BANDS: tuple[tuple[float, str], ...] = (
    (40.0, "muy difícil"),
    (55.0, "algo difícil"),
    (65.0, "normal"),
    (80.0, "bastante fácil"),
)


@dataclass(frozen=True)
class Readability:
    """Scores of one text; `inflesz` is the band's Spanish name."""

    szigriszt: float
    inflesz: str
    fernandez_huerta: float
    words: int
    sentences: int
    syllables: int


def inflesz_band(score: float) -> str:
    """The INFLESZ band of a Szigriszt-Pazos score."""
    for upper, name in BANDS:
        if score < upper:
            return name
    return "muy fácil" if score > 80.0 else "bastante fácil"


def readability(text: str) -> Readability:
    """Szigriszt-Pazos and Fernández-Huerta scores of `text`.

    An empty text (no words) has no syllables or sentences to average: both
    ratios are taken as 0, which gives the formulas' maximum (easiest) score.
    """
    masked = masked_for_words(text)
    words = [m.group() for m in WORD.finditer(masked_for_words(text, " "))]
    word_count = len(words)
    syllables = sum(count_syllables(word) for word in words)
    sentences = sum(1 for s, e in sentence_spans(text, masked) if WORD.search(masked, s, e))
    if word_count == 0:
        per_word = 0.0
        per_sentence = 0.0
    else:
        per_word = syllables / word_count
        per_sentence = word_count / max(sentences, 1)
    szigriszt = 206.835 - 62.3 * per_word - per_sentence
    huerta = 206.84 - 60.0 * per_word - 1.02 * per_sentence
    return Readability(
        szigriszt=round(szigriszt, 2),
        inflesz=inflesz_band(szigriszt),
        fernandez_huerta=round(huerta, 2),
        words=word_count,
        sentences=sentences,
        syllables=syllables,
    )


LONG_SENTENCE = Text(
    "Frase de {words} palabras: divídala en frases de 25 palabras como máximo, "
    "una idea en cada una.",
    "This sentence has {words} words: split it into sentences of at most 25 words, one idea each.",
)
HARD_TEXT = Text(
    "Texto {band} de leer (INFLESZ {score:.0f}; la prensa ronda 60): use frases más cortas "
    "y palabras más sencillas.",
    "The text is '{band}' to read (INFLESZ {score:.0f}; newspapers score about 60): use shorter "
    "sentences and simpler words.",
)


def check_sentences(text: str, language: Language) -> list[Finding]:
    """Warn about sentences longer than 25 words (plain-language guides).

    Links, e-mails, @handles and #hashtags are not words a reader reads, so they
    are not counted; an emoji used as a bullet ends a sentence.
    """
    masked = masked_for_words(text)
    blank = masked_for_words(text, " ")
    findings: list[Finding] = []
    for start, end in sentence_spans(text, masked):
        words = sum(1 for _ in TOKEN.finditer(blank, start, end))
        if words > MAX_SENTENCE_WORDS:
            message = LONG_SENTENCE.format(words=words)(language)
            findings.append(Finding("sentence_length", "warn", start, end, message))
    return findings


def check_readability(text: str, language: Language) -> list[Finding]:
    """Tip for "algo difícil", warning for "muy difícil"; silent on short texts."""
    scores = readability(text)
    if scores.words < MIN_WORDS_FOR_SCORE or scores.inflesz not in ("algo difícil", "muy difícil"):
        return []
    severity: Severity = "warn" if scores.inflesz == "muy difícil" else "tip"
    band_en = "very difficult" if scores.inflesz == "muy difícil" else "fairly difficult"
    message = Text(
        HARD_TEXT.es.format(band=scores.inflesz, score=scores.szigriszt),
        HARD_TEXT.en.format(band=band_en, score=scores.szigriszt),
    )(language)
    return [Finding("readability", severity, 0, len(text), message)]
