"""A text on one line, cut to a length with an ellipsis: the one way lists, notices and reports
shorten a post (there were two, one cutting inside words and one not)."""

from __future__ import annotations


def shorten(text: str, limit: int = 60) -> str:
    """`text` on one line in at most `limit` characters, "…" included.

    Cut at the last word that fits when there is one in the last third; a single
    long word (an address) is cut inside it rather than leaving almost nothing.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(limit - 1, 0)]
    word = cut.rsplit(" ", 1)[0]
    if " " in cut and len(word) >= len(cut) * 2 // 3:
        cut = word
    return cut.rstrip(" ,.;:") + "…"
