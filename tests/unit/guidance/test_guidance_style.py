"""Hashtags, capitals and emoji."""

from __future__ import annotations

from smalltown_social.core.guidance import Finding, analyze


def spans(text: str, findings: list[Finding], rule: str) -> list[str]:
    """The marked text of every finding of `rule`."""
    return [text[f.start : f.end] for f in findings if f.rule == rule]


def test_more_than_two_hashtags_warns() -> None:
    text = "Fiestas el viernes. #Fiestas #Valdelomar #Verano"
    found = [f for f in analyze(text) if f.rule == "hashtag_count"]
    assert [text[f.start : f.end] for f in found] == ["#Verano"]
    assert found[0].severity == "warn"
    assert (
        spans(
            "Fiestas. #Fiestas #Valdelomar",
            analyze("Fiestas. #Fiestas #Valdelomar"),
            "hashtag_count",
        )
        == []
    )


def test_hashtags_piled_inside_the_text_get_one_tip() -> None:
    text = "Programa #Fiestas #Verano\nVen a la plaza el viernes."
    assert spans(text, analyze(text), "hashtag_position") == ["#Fiestas"]
    end = "Ven a las fiestas del pueblo. #Fiestas 🎉"
    assert spans(end, analyze(end), "hashtag_position") == []


def test_a_hashtag_used_as_a_word_of_the_sentence_is_fine() -> None:
    text = "Ven a las #Fiestas del pueblo. La alcaldía de #Valdelomar te espera."
    assert spans(text, analyze(text), "hashtag_position") == []


def test_lower_case_hashtag_gets_camel_case_suggestion() -> None:
    text = "Fiestas. #fiestas_mayores #VERANO #Valdelomar"
    found = {text[f.start : f.end]: f.suggestion for f in analyze(text) if f.rule == "hashtag_case"}
    assert found == {"#fiestas_mayores": "#FiestasMayores", "#VERANO": "#Verano"}


def test_run_together_words_get_advice_but_no_wrong_suggestion() -> None:
    text = "Fiestas del pueblo. #fiestasmayores"
    (found,) = [f for f in analyze(text) if f.rule == "hashtag_case"]
    assert text[found.start : found.end] == "#fiestasmayores"
    assert found.suggestion is None  # "#Fiestasmayores" would be wrong


def test_long_hashtag_is_a_tip() -> None:
    text = "Programa. #FiestasMayoresDeValdelomar"
    assert spans(text, analyze(text), "hashtag_length") == ["#FiestasMayoresDeValdelomar"]
    assert spans("Programa. #Fiestas", analyze("Programa. #Fiestas"), "hashtag_length") == []


def test_links_and_html_entities_are_not_hashtags() -> None:
    text = "Mira valdelomar.es/agenda#julio y &#39;"
    assert not [f for f in analyze(text) if f.rule.startswith("hashtag")]


def test_all_caps_sentence_with_sentence_case_suggestion() -> None:
    text = "CORTE DE AGUA MAÑANA. Trae tu DNI."
    found = [f for f in analyze(text) if f.rule == "all_caps"]
    assert [text[f.start : f.end] for f in found] == ["CORTE DE AGUA MAÑANA"]
    assert found[0].suggestion == "Corte de agua mañana"
    assert found[0].severity == "warn"


def test_short_acronyms_are_not_shouting() -> None:
    text = "Trae el DNI y la tarjeta de la ONCE al IES o al CEIP."
    assert spans(text, analyze(text), "all_caps") == []


def test_single_long_word_in_caps() -> None:
    text = "Aviso IMPORTANTE para los vecinos."
    found = [f for f in analyze(text) if f.rule == "all_caps"]
    assert [(text[f.start : f.end], f.suggestion) for f in found] == [("IMPORTANTE", "importante")]


def test_acronyms_kept_in_suggestion() -> None:
    text = "TRAE TU DNI AL REGISTRO"
    found = [f for f in analyze(text) if f.rule == "all_caps"]
    assert found[0].suggestion == "Trae tu DNI al registro"


def test_more_than_three_emoji_warns() -> None:
    text = "Fiestas 🎉 con música 🎶 y comida 🍕 y baile 💃"
    found = [f for f in analyze(text) if f.rule == "emoji_count"]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "💃"
    assert not [
        f for f in analyze("Fiestas 🎉 con música 🎶 y comida 🍕") if f.rule == "emoji_count"
    ]


def test_repeated_emoji_warns() -> None:
    text = "¡Fiestas! 🎉🎉"
    assert spans(text, analyze(text), "emoji_repeated") == ["🎉"]
    assert spans("¡Fiestas! 🎉 🎶", analyze("¡Fiestas! 🎉 🎶"), "emoji_repeated") == []


def test_emoji_sequences_count_once() -> None:
    text = "Familias 👨\u200d👩\u200d👧 y 👍🏽 y 🇪🇸"
    assert not [f for f in analyze(text) if f.rule.startswith("emoji")]


def test_text_symbols_are_not_emoji() -> None:
    text = "© Ayuntamiento ™ ® ©"
    assert not [f for f in analyze(text) if f.rule.startswith("emoji")]
