"""The one shape every guidance rule reports in.

The composer underlines `text[start:end]`, shows `message` and offers
`suggestion` as a one-click replacement, so offsets are Python `str` indices
into the exact text the clerk typed, and every finding is immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["block", "warn", "tip"]

# block: the post must not go out (a server would refuse it, or the law forbids it);
# warn: it will go out but it hurts; tip: a suggestion to make it better.
SEVERITY_ORDER: dict[Severity, int] = {"block": 0, "warn": 1, "tip": 2}


@dataclass(frozen=True)
class Finding:
    """One problem in a draft, located by character offsets into the text."""

    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str | None = None


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first, then in reading order, as the composer lists them."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.start, f.end, f.rule))
