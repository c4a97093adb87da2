"""Text that came from outside (a network, a citizen): made safe to keep, print and export.

Three places trust text they should not: SQLite refuses a lone surrogate
(`\\udfff`, which JSON can carry) and the whole batch with it; a terminal runs
escape sequences (ANSI colours, cursor moves, a title change) it is given; a
spreadsheet runs a cell that starts like a formula. One function for each.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls except newline, DEL and the C1 controls (ESC starts ANSI sequences,
# U+009B is the one-character CSI).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_RAW_IN_JSON = re.compile("[\x7f-\x9f]")
# OWASP "CSV injection": a cell starting with one of these is a formula (or
# becomes one once the spreadsheet drops the leading tab or carriage return).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def storable(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (storable as UTF-8)."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def for_terminal(text: str) -> str:
    """`text` without control characters (newlines kept): nothing a terminal would run."""
    return _CONTROLS.sub("", storable(text))


def json_for_terminal(document: str) -> str:
    """A JSON document with the controls JSON leaves raw (DEL, C1) written as \\u escapes.

    `json.dumps` escapes C0 controls itself; with `ensure_ascii=False` it
    prints U+007F-U+009F as they are, and U+009B starts an ANSI sequence.
    """
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", storable(document))


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading '."""
    return "'" + text if text.startswith(_FORMULA_START) else text
