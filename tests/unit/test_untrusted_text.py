"""Text from outside made safe to store, print and export (core/untrusted_text.py)."""

from __future__ import annotations

import json

import pytest

from smalltown_social.core.untrusted_text import (
    REPLACEMENT,
    csv_cell,
    for_terminal,
    json_for_terminal,
    storable,
)


def test_storable_replaces_only_lone_surrogates() -> None:
    assert storable("a\udfffb\ud800") == f"a{REPLACEMENT}b{REPLACEMENT}"
    assert storable("¿Qué? 😀 €") == "¿Qué? 😀 €"  # real characters, astral ones included
    storable("x\udc80y").encode("utf-8")  # encodable afterwards


def test_for_terminal_drops_controls_and_keeps_newlines() -> None:
    hostile = "a\x1b[31mb\x07\x00c\x9b2Jd\x7f\r\ne\tf"
    assert for_terminal(hostile) == "a[31mbc2Jd\nef"


def test_json_for_terminal_escapes_what_json_leaves_raw() -> None:
    document = json.dumps({"t": "a\x9b31m\x7fb\x1b"}, ensure_ascii=False)
    safe = json_for_terminal(document)
    assert not any(ch in safe for ch in "\x9b\x7f\x1b")
    assert json.loads(safe) == {"t": "a\x9b31m\x7fb\x1b"}  # same data, only written safely


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_neutralises_formula_starts(start: str) -> None:
    assert csv_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_csv_cell_leaves_ordinary_text() -> None:
    assert csv_cell("Hola, 3 + 4 = 7") == "Hola, 3 + 4 = 7"
    assert csv_cell("") == ""
