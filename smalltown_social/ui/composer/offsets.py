"""Python string offsets to Qt document positions and back.

The guidance engine reports offsets into a Python `str` (code points); a
QTextDocument counts UTF-16 units, so an emoji outside the BMP is one
character in Python and two positions in Qt. Without this mapping every
underline after an emoji would be shifted.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Converts between code point offsets and UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        # Code point offsets of the characters that take two UTF-16 units.
        self._astral = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code point offset `offset`."""
        offset = min(max(offset, 0), self.length)
        return offset + bisect_right(self._astral, offset - 1)

    def to_python(self, position: int) -> int:
        """Code point offset of UTF-16 position `position` (inside a pair: the character)."""
        low, high = 0, self.length
        while low < high:
            middle = (low + high + 1) // 2
            if self.to_qt(middle) <= position:
                low = middle
            else:
                high = middle - 1
        return low
