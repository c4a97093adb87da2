"""Guidance for a draft post: plain language, facts, neutrality, privacy, length.

Pure Python, no Qt and no network access: it runs on the clerk's PC on every
keystroke. See GUIDANCE.md for the sources of every rule.

`analyze` (the engine and every rule) is imported on its first use (PEP 562): the
composer's widgets need the findings, lengths, readability and content types, not
the rules, before the clerk sees the editor (issue #13).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from smalltown_social.core.guidance.content_types import (
    ContentType,
    TemplateField,
    content_type,
    content_types,
)
from smalltown_social.core.guidance.facts import find_facts
from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.images import HasAltText, ImageInfo
from smalltown_social.core.guidance.lengths import (
    NetworkLimit,
    count_characters,
    count_graphemes,
    count_length,
    count_mastodon,
    count_utf8_bytes,
    count_utf16_units,
    count_x_weighted,
)
from smalltown_social.core.guidance.readability import Readability, readability
from smalltown_social.core.guidance.syllables import count_syllables

if TYPE_CHECKING:
    from smalltown_social.core.guidance.engine import analyze


def __getattr__(name: str) -> Any:
    if name != "analyze":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = importlib.import_module("smalltown_social.core.guidance.engine").analyze
    globals()[name] = value  # once
    return value


__all__ = [
    "ContentType",
    "Finding",
    "HasAltText",
    "ImageInfo",
    "NetworkLimit",
    "Readability",
    "Severity",
    "TemplateField",
    "analyze",
    "content_type",
    "content_types",
    "count_characters",
    "count_graphemes",
    "count_length",
    "count_mastodon",
    "count_syllables",
    "count_utf8_bytes",
    "count_utf16_units",
    "count_x_weighted",
    "find_facts",
    "readability",
]
