"""What makes a reason to publish over a serious problem a reason.

A block protects people or the law (a DNI, the electoral period). Going past
it must be a decision someone can explain later, so "aaaaaaaaaa" or
"1234567890" is not accepted: a few real words are.
"""

from __future__ import annotations

from smalltown_social.core.guidance.textutil import LazyPattern
from smalltown_social.core.i18n import Text

MIN_WORDS = 3
MIN_LETTERS = 15
_WORD = LazyPattern(r"\p{L}{2,}")  # compiled at the first reason checked (issue #13)
_NOT_LETTER = LazyPattern(r"\P{L}")

REASON_TOO_THIN = Text(
    f"Explique el motivo con al menos {MIN_WORDS} palabras (por ejemplo: «el vecino pidió "
    "que se publicara su nombre»); queda anotado con su nombre y la hora.",
    f"Explain the reason in at least {MIN_WORDS} words (for example: “the resident asked for "
    "their name to be published”); it is logged with your name and the time.",
)


def reason_problem(reason: str) -> Text | None:
    """None when `reason` explains something; else what the clerk should write."""
    words = _WORD.findall(reason)
    letters = sum(len(w) for w in words)
    distinct = {w.casefold() for w in words}
    if len(words) < MIN_WORDS or letters < MIN_LETTERS or len(distinct) < MIN_WORDS:
        return REASON_TOO_THIN
    if len(set(_NOT_LETTER.sub("", reason).casefold())) < 5:  # "aaa bbb aaa ..."
        return REASON_TOO_THIN
    return None
