"""Readability scores and the sentence-length and readability rules."""

from __future__ import annotations

import pytest

from smalltown_social.core.guidance import Finding, analyze, readability
from smalltown_social.core.guidance.readability import inflesz_band


def spans(text: str, findings: list[Finding], rule: str) -> list[str]:
    """The marked text of every finding of `rule`."""
    return [text[f.start : f.end] for f in findings if f.rule == rule]


def test_empty_text_does_not_divide_by_zero() -> None:
    result = readability("")
    assert result.words == 0
    assert result.sentences == 0
    assert result.syllables == 0
    assert result.inflesz == "muy fácil"


def test_szigriszt_formula() -> None:
    # 4 words, 8 syllables (la-pis-ci-na a-bre ma-ña-na), 1 sentence.
    result = readability("La piscina abre mañana.")
    assert (result.words, result.syllables, result.sentences) == (4, 9, 1)
    assert result.szigriszt == pytest.approx(206.835 - 62.3 * 9 / 4 - 4, abs=0.01)
    assert result.fernandez_huerta == pytest.approx(206.84 - 60 * 9 / 4 - 1.02 * 4, abs=0.01)


def test_links_and_hashtags_are_not_words() -> None:
    result = readability("Más información en https://valdelomar.es/agua #AvisoAgua")
    assert result.words == 3


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (10, "muy difícil"),
        (45, "algo difícil"),
        (60, "normal"),
        (70, "bastante fácil"),
        (90, "muy fácil"),
    ],
)
def test_inflesz_bands(score: float, band: str) -> None:
    assert inflesz_band(score) == band


LONG = (
    "De conformidad con lo establecido en la normativa vigente y en el marco de las "
    "competencias atribuidas a esta administración municipal, se comunica a la ciudadanía que "
    "la tramitación de las solicitudes correspondientes se realizará exclusivamente mediante "
    "procedimiento electrónico."
)


def test_long_sentence_warns() -> None:
    findings = analyze(LONG)
    assert spans(LONG, findings, "sentence_length") == [LONG]
    assert any(f.rule == "sentence_length" and f.severity == "warn" for f in findings)


def test_short_sentences_do_not_warn() -> None:
    text = "Mañana cortamos el agua en la calle Mayor. Será de 9 a 14 h. Llene una jarra antes."
    assert spans(text, analyze(text), "sentence_length") == []


def test_abbreviations_do_not_end_sentences() -> None:
    text = "El Sr. López atiende en la c/ Mayor, nº. 3, a las 10.30 h. Llame antes."
    assert readability(text).sentences == 2


def test_difficult_text_is_flagged() -> None:
    text = " ".join([LONG] * 2)
    findings = [f for f in analyze(text) if f.rule == "readability"]
    assert findings
    assert findings[0].severity in ("warn", "tip")
    assert "INFLESZ" in findings[0].message


def test_easy_text_is_not_flagged() -> None:
    text = (
        "Mañana no hay agua en la calle Mayor. El corte es de 9 a 14 h. "
        "Llene una jarra antes. Si tiene dudas, llame al 012. Gracias por su paciencia."
    )
    assert not [f for f in analyze(text) if f.rule == "readability"]


def test_messages_in_english() -> None:
    findings = analyze(LONG, language="en")
    message = next(f.message for f in findings if f.rule == "sentence_length")
    assert "words" in message
