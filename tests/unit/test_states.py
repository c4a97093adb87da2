"""The clerk's words for a refused move (the table itself is tested through the store:
tests/storage/test_targets_store.py)."""

from __future__ import annotations

import pytest

from smalltown_social.core.states import IllegalTransition, TargetState, transition

S = TargetState


@pytest.mark.parametrize(
    ("current", "new", "es"),
    [
        (S.PUBLISHING, S.DRAFT, "enviando"),
        (S.PUBLISHED, S.SCHEDULED, "ya salió"),
        (S.DRAFT, S.PUBLISHED, "«Borrador» a «Publicada»"),
    ],
)
def test_a_refused_move_says_why_in_spanish_and_english(
    current: TargetState, new: TargetState, es: str
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        transition(current, new)
    assert es in caught.value.text.es
    assert caught.value.text.en
    assert (caught.value.current, caught.value.new) == (current, new)
