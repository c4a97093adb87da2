"""The fast grapheme count agrees with full Unicode segmentation (regex \\X)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from smalltown_social.core.guidance import count_graphemes

_CLUSTER = regex.compile(r"\X")
# The characters whose joining rules the fast path must respect, plus ordinary text.
_TRICKY = (
    "aé ñ\n\r.©®\u0301\u200d\ufe0f\u00ad\x00👨👩❤🇪🇸\U0001f3fd"
    "\u0600\u06dd\u0915\u094d\u0903\u0e33\u1100\u1161\u11a8\uac00"
)


@settings(max_examples=3000)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=24))
def test_matches_full_segmentation_on_tricky_text(text: str) -> None:
    assert count_graphemes(text) == len(_CLUSTER.findall(text))


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_matches_full_segmentation_on_any_text(text: str) -> None:
    assert count_graphemes(text) == len(_CLUSTER.findall(text))


def test_known_counts() -> None:
    assert count_graphemes("") == 0
    assert count_graphemes("Cañón\r\n") == 6
    assert count_graphemes("e\u0301") == 1
    assert count_graphemes("👨‍👩‍👧 🇪🇸") == 3
    assert count_graphemes("❤\u200d©") == 1  # a ZWJ sequence may end in ©
