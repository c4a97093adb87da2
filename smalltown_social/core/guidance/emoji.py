"""Finding emoji as people see them: one emoji may be several code points.

A family, a flag or a skin-toned thumb is one emoji on screen but up to ten
code points; X weighs each such sequence as 2 and the style rules count it as
one. Symbols that are emoji only when followed by VS16 (©, ™, ❤) count only
with it, as that is when they are drawn as pictures.
"""

from __future__ import annotations

from smalltown_social.core.guidance.textutil import LazyPattern

_PICTURE = r"(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)"
_MODIFIERS = r"(?:\uFE0F|\p{Emoji_Modifier}|[\U000E0020-\U000E007F])*"
EMOJI = LazyPattern(
    r"\p{Regional_Indicator}{2}"
    r"|[#*0-9]\uFE0F?\u20E3"
    rf"|{_PICTURE}{_MODIFIERS}(?:\u200D(?:{_PICTURE}|\p{{Extended_Pictographic}}){_MODIFIERS})*"
)


def emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, emoji) for every emoji sequence in `text`."""
    return [(m.start(), m.end(), m.group()) for m in EMOJI.finditer(text)]
