"""Text for the clerk outside Qt: both languages, joined for what is stored."""

from __future__ import annotations

from smalltown_social.core.i18n import Text, both

LATE = Text("Llega tarde.", "It is late.")
RETRY = Text("Se vuelve a intentar.", "It is tried again.")


def test_a_stored_note_is_spanish_then_english() -> None:
    assert both(LATE) == "Llega tarde. / It is late."


def test_several_texts_are_joined_in_each_language() -> None:
    assert (
        both(LATE, RETRY) == "Llega tarde. Se vuelve a intentar. / It is late. It is tried again."
    )
