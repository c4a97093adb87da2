"""Text for the clerk outside Qt: both languages, joined for what is stored."""

from __future__ import annotations

from smalltown_social.core.i18n import Text, both, counted, one_language

LATE = Text("Llega tarde.", "It is late.")
RETRY = Text("Se vuelve a intentar.", "It is tried again.")


def test_a_stored_note_is_spanish_then_english() -> None:
    assert both(LATE) == "Llega tarde. / It is late."


def test_several_texts_are_joined_in_each_language() -> None:
    assert (
        both(LATE, RETRY) == "Llega tarde. Se vuelve a intentar. / It is late. It is tried again."
    )


def test_a_stored_note_is_read_back_in_one_language() -> None:
    note = both(LATE, RETRY)
    assert one_language(note, "es") == "Llega tarde. Se vuelve a intentar."
    assert one_language(note, "en") == "It is late. It is tried again."


def test_a_note_whose_text_holds_a_slash_is_cut_in_the_middle() -> None:
    with_slash = Text("Ida / vuelta: 20:00.", "Outward / return: 8 pm.")
    note = both(with_slash)
    assert one_language(note, "es") == "Ida / vuelta: 20:00."
    assert one_language(note, "en") == "Outward / return: 8 pm."


def test_a_note_in_one_language_is_shown_as_it_is() -> None:
    assert one_language("Sin conexión.", "en") == "Sin conexión."


def test_one_is_said_in_the_singular() -> None:
    one, many = Text("{n} respuesta", "{n} reply"), Text("{n} respuestas", "{n} replies")
    assert counted(1, one, many) == Text("1 respuesta", "1 reply")
    assert counted(0, one, many) == Text("0 respuestas", "0 replies")
    assert counted(3, one, many).es == "3 respuestas"
