"""Automatic label suggestion for inbox items, from lexicons kept as data.

Pure and offline: `suggest_label(text)` scores the folded text (lower case,
no accents) against the weighted terms of each built-in label in
`resources/labels/<language>.json` and returns the best label, or None when
nothing reaches the threshold. "Ofensivo" wins once it reaches its own
threshold, whatever else matches, so an insult is never filed as a question.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from smalltown_social.core.guidance.textutil import fold
from smalltown_social.core.resources import resource


class Label(StrEnum):
    """The built-in labels; their names are data (Spanish), stored and shown as they are."""

    QUESTION = "Consulta"
    COMPLAINT = "Queja"
    SUGGESTION = "Sugerencia"
    INCIDENT = "Incidencia"
    THANKS = "Agradecimiento"
    OFFENSIVE = "Ofensivo"


BUILTIN_LABELS = tuple(Label)
OFFENSIVE = Label.OFFENSIVE
NEEDS_ANSWER = frozenset({Label.QUESTION, Label.COMPLAINT, Label.INCIDENT})
"""Labels whose waiting time the response clock measures."""


@dataclass(frozen=True)
class Lexicon:
    threshold: float
    thresholds: dict[Label, float]
    patterns: dict[Label, tuple[tuple[re.Pattern[str], float], ...]]
    question_weight: dict[Label, float]
    tie_order: tuple[Label, ...]


def _pattern(term: str) -> re.Pattern[str]:
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if prefix else r"(?!\w)"))


@cache
def load_lexicon(language: str = "es") -> Lexicon:
    with resource("labels", f"{language}.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    patterns: dict[Label, tuple[tuple[re.Pattern[str], float], ...]] = {}
    thresholds: dict[Label, float] = {}
    questions: dict[Label, float] = {}
    for name, spec in raw["labels"].items():
        if name not in BUILTIN_LABELS:
            raise ValueError(f"labels lexicon: unknown label {name!r}")
        label = Label(name)
        terms: dict[str, float] = spec["terms"]
        questions[label] = float(terms.get("?", 0))
        patterns[label] = tuple(
            (_pattern(fold(term)), float(weight)) for term, weight in terms.items() if term != "?"
        )
        if "threshold" in spec:
            thresholds[label] = float(spec["threshold"])
    order = tuple(Label(name) for name in raw.get("tie_order", BUILTIN_LABELS))
    return Lexicon(float(raw["threshold"]), thresholds, patterns, questions, order)


def label_scores(text: str, language: str = "es") -> dict[Label, float]:
    """Each label's score for `text` (0 where nothing matched)."""
    lexicon = load_lexicon(language)
    folded = fold(text)
    scores: dict[Label, float] = {}
    asks = "?" in text or "¿" in text
    for label, patterns in lexicon.patterns.items():
        score = sum(weight * len(p.findall(folded)) for p, weight in patterns)
        if asks:
            score += lexicon.question_weight.get(label, 0.0)
        scores[label] = score
    return scores


def suggest_label(text: str, language: str = "es") -> Label | None:
    """The most likely built-in label for an inbox item, or None if unsure."""
    lexicon = load_lexicon(language)
    scores = label_scores(text, language)
    if scores.get(OFFENSIVE, 0.0) >= lexicon.thresholds.get(OFFENSIVE, lexicon.threshold):
        return OFFENSIVE
    ranked = sorted(
        ((score, label) for label, score in scores.items() if label != OFFENSIVE),
        key=lambda pair: (-pair[0], _rank(lexicon.tie_order, pair[1])),
    )
    if not ranked:
        return None
    score, label = ranked[0]
    return label if score >= lexicon.thresholds.get(label, lexicon.threshold) else None


def _rank(order: tuple[Label, ...], label: Label) -> int:
    return order.index(label) if label in order else len(order)
