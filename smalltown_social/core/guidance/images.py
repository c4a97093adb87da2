"""Alternative text of attached images.

Blind and low-vision residents use screen readers, and some networks refuse
images without alt text (`alt_text_required` in core/networks.py), so a missing
description warns, and blocks when such a network is among the chosen ones.
A description starting "imagen de" wastes the first words: the reader already
announces that it is an image.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.textutil import LazyPattern, fold
from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.networks import NETWORK_IDS, rules_for


class HasAltText(Protocol):
    """Anything with an `alt_text` (the composer's attachment objects)."""

    @property
    def alt_text(self) -> str: ...


@dataclass(frozen=True)
class ImageInfo:
    """An attached image as the guidance sees it."""

    alt_text: str = ""


_REDUNDANT = LazyPattern(
    r"^\s*(?:imagen|imágen|foto|fotografia|fotografía|captura|image|photo|picture|"
    r"photograph|screenshot)\s+(?:de|del|of)(?!\w)"
)
MISSING_ALT = Text(
    "La imagen {number} no tiene texto alternativo: describa lo que se ve y copie el texto que "
    "aparezca en ella.",
    "Image {number} has no alt text: describe what it shows and copy any text written in it.",
)
MISSING_ALT_REQUIRED = Text(
    " {networks} no la publicará sin él.",
    " {networks} will not publish it without one.",
)
REDUNDANT_ALT = Text(
    "El texto alternativo de la imagen {number} empieza por «imagen de»: el lector de pantalla ya "
    "lo dice; empiece por lo que se ve.",
    "Image {number}'s alt text starts with 'image of': screen readers already say so; start "
    "with what it shows.",
)


def check_images(
    text: str, images: Iterable[HasAltText], networks: Iterable[str], language: Language
) -> list[Finding]:
    """Missing or redundant alt text; findings point at the end of the text."""
    findings: list[Finding] = []
    requiring = [
        rules.name
        for rules in (rules_for(n) for n in dict.fromkeys(networks) if n in NETWORK_IDS)
        if rules.alt_text_required
    ]
    end = len(text)
    for number, image in enumerate(images, start=1):
        alt = getattr(image, "alt_text", "")
        alt = alt if isinstance(alt, str) else ""
        if not alt.strip():
            severity: Severity = "block" if requiring else "warn"
            message = MISSING_ALT.format(number=number)(language)
            if requiring:
                message += MISSING_ALT_REQUIRED.format(networks=", ".join(requiring))(language)
            findings.append(Finding("alt_text_missing", severity, end, end, message))
        elif _REDUNDANT.match(fold(alt)):
            message = REDUNDANT_ALT.format(number=number)(language)
            findings.append(Finding("alt_text_prefix", "tip", end, end, message))
    return findings
