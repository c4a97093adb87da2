"""Automatic label suggestion for inbox items, from lexicons kept as data.

Pure and offline: `classify(text)` scores the folded text (lower case, no
accents) against the weighted terms of each built-in label in
`resources/labels/<language>.json`. "Ofensivo" wins once it reaches its own
threshold, whatever else matches, so an insult is never filed as a question;
insults without swear words count when aimed at someone (see the lexicon's
notes). A question mark counts towards "Consulta" only when the question
asks something: rhetorical questions ("¿Hay algo más bonito…?") do not.

The answer is explicit about doubt: when the two best labels are too close
(`MARGIN`) the label is None and `unsure` is True, rather than a guess. Whether
the message needs an answer (Consulta, Queja, Incidencia, Sugerencia) is
decided separately, so it stays known when the label is not ("¿Para cuándo
el arreglo?" is a question or a complaint: either way it needs an answer).
`suggest_label(text)` is `classify(text).label`.
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
NEEDS_ANSWER = frozenset({Label.QUESTION, Label.COMPLAINT, Label.INCIDENT, Label.SUGGESTION})
"""Labels whose waiting time the response clock measures (a proposal deserves an answer too)."""
MARGIN = 0.5  # two labels closer than this: unsure
SHORT_MESSAGE = 4  # words: a message this short that holds an insult is the insult
ADDRESS_WINDOW = 3  # longest "sois unos", "panda de" that, right before an insult, aims it


@dataclass(frozen=True)
class Lexicon:
    threshold: float
    thresholds: dict[Label, float]
    patterns: dict[Label, tuple[tuple[re.Pattern[str], float], ...]]
    question_weight: dict[Label, float]
    tie_order: tuple[Label, ...]
    insults: re.Pattern[str] | None = None
    addressed: frozenset[str] = frozenset()
    hostile: re.Pattern[str] | None = None
    rhetorical: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Classification:
    """What the inbox suggests for one message."""

    label: Label | None  # None: nothing to file, or unsure
    unsure: bool  # signals for different labels, too close to choose
    needs_answer: bool | None  # None: cannot tell
    scores: dict[Label, float]


def _alternation(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    bodies = []
    for term in sorted(terms, key=len, reverse=True):
        prefix = term.endswith("*")
        body = re.escape(fold(term.rstrip("*"))).replace(r"\ ", r"\s+")
        bodies.append(body + (r"\w*" if prefix else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)")


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
    return Lexicon(
        float(raw["threshold"]),
        thresholds,
        patterns,
        questions,
        order,
        insults=_alternation(raw.get("insults", [])),
        addressed=frozenset(fold(w) for w in raw.get("addressed", [])),
        hostile=_alternation(raw.get("hostile", [])),
        rhetorical=_alternation(raw.get("rhetorical", [])),
    )


_TOKEN = re.compile(r"\w+")


def _aimed(folded: str, start: int, end: int) -> bool:
    """An insult aimed at someone: an addressing word just before it, or a vocative."""
    before = folded[max(0, start - 40) : start]
    after = folded[end : end + 2]
    if re.search(r"(?:^|[,.!¡?¿:;]|\n)\s*$", before) and (not after.strip() or after[:1] in ",.!?"):
        return True
    return bool(re.search(r",\s*$", before)) and after[:1] in ",.!?"


def _offensive_extra(lexicon: Lexicon, folded: str) -> float:
    score = 0.0
    if lexicon.hostile is not None:
        score += 2.0 * len(lexicon.hostile.findall(folded))
    if lexicon.insults is None:
        return score
    short = len(_TOKEN.findall(folded)) <= SHORT_MESSAGE
    for match in lexicon.insults.finditer(folded):
        words = _TOKEN.findall(folded[max(0, match.start() - 40) : match.start()])
        near = words[-ADDRESS_WINDOW:]
        addressed = any(" ".join(near[i:]) in lexicon.addressed for i in range(len(near)))
        strong = short or addressed or _aimed(folded, match.start(), match.end())
        score += 2.0 if strong else 1.0
    return score


def label_scores(text: str, language: str = "es") -> dict[Label, float]:
    """Each label's score for `text` (0 where nothing matched)."""
    lexicon = load_lexicon(language)
    folded = fold(text)
    scores: dict[Label, float] = {}
    asks = ("?" in text or "¿" in text) and not (
        lexicon.rhetorical is not None and lexicon.rhetorical.search(folded)
    )
    for label, patterns in lexicon.patterns.items():
        score = sum(weight * len(p.findall(folded)) for p, weight in patterns)
        if asks:
            score += lexicon.question_weight.get(label, 0.0)
        scores[label] = score
    if OFFENSIVE in scores:
        scores[OFFENSIVE] += _offensive_extra(lexicon, folded)
    return scores


def classify(text: str, language: str = "es") -> Classification:
    """The label to suggest (or None), whether it is a guess, and whether to answer."""
    lexicon = load_lexicon(language)
    scores = label_scores(text, language)
    if scores.get(OFFENSIVE, 0.0) >= lexicon.thresholds.get(OFFENSIVE, lexicon.threshold):
        return Classification(OFFENSIVE, False, False, scores)
    ranked = sorted(
        ((score, label) for label, score in scores.items() if label != OFFENSIVE),
        key=lambda pair: (-pair[0], _rank(lexicon.tie_order, pair[1])),
    )
    reached = [
        (score, label)
        for score, label in ranked
        if score >= lexicon.thresholds.get(label, lexicon.threshold)
    ]
    if not reached:
        return Classification(None, False, False, scores)
    best_score, best = reached[0]
    rivals = [label for score, label in reached[1:] if best_score - score < MARGIN]
    if not rivals:
        return Classification(best, False, best in NEEDS_ANSWER, scores)
    candidates = [best, *rivals]
    if all(label in NEEDS_ANSWER for label in candidates):
        answer: bool | None = True
    elif not any(label in NEEDS_ANSWER for label in candidates):
        answer = False
    else:
        answer = None
    return Classification(None, True, answer, scores)


def suggest_label(text: str, language: str = "es") -> Label | None:
    """The most likely built-in label for an inbox item, or None if unsure."""
    return classify(text, language).label


def _rank(order: tuple[Label, ...], label: Label) -> int:
    return order.index(label) if label in order else len(order)
