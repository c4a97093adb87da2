"""Bureaucratic phrases, nominal and passive constructions, press-release openings."""

from __future__ import annotations

import json

import pytest

from smalltown_social.core.guidance import Finding, analyze
from smalltown_social.core.resources import resource


def spans(text: str, findings: list[Finding], rule: str) -> list[str]:
    """The marked text of every finding of `rule`."""
    return [text[f.start : f.end] for f in findings if f.rule == rule]


def test_lexicon_has_at_least_60_phrases() -> None:
    data = json.loads(resource("guidance", "bureaucratic.json").read_text(encoding="utf-8"))
    assert len(data["phrases"]) >= 60


@pytest.mark.parametrize(
    ("text", "phrase", "suggestion"),
    [
        ("En el momento actual no hay citas.", "En el momento actual", "Ahora"),
        ("Traiga el DNI a fin de agilizar el trámite.", "a fin de", "para"),
        ("A FIN DE evitar colas, pida cita.", "A FIN DE", "Para"),
        ("Cerramos debido a que hay obras.", "debido a que", "porque"),
        ("Se hará de conformidad con la ordenanza.", "de conformidad con", "según"),
        ("Pague a la mayor brevedad.", "a la mayor brevedad", "cuanto antes"),
        ("Con posterioridad recibirá un correo.", "Con posterioridad", "Después"),
        ("La fiesta dará comienzo a las 8.", "dará comienzo", "empezará"),
        ("Se actuará en virtud de la ley.", "en virtud de", None),
        ("El trámite es de forma telemática.", "de forma telemática", "por internet"),
    ],
)
def test_bureaucratic_phrases(text: str, phrase: str, suggestion: str | None) -> None:
    found = [f for f in analyze(text) if f.rule == "bureaucratic"]
    assert [text[f.start : f.end] for f in found] == [phrase]
    assert found[0].suggestion == suggestion
    assert found[0].severity == "warn"


@pytest.mark.parametrize(
    "text",
    [
        "Al final del camino está la fuente.",  # "al fin" inside other words
        "El fin de semana abrimos la piscina.",
        "Ahora puedes pedir cita por internet.",
        "Es un buen momento para actualizar el padrón.",
    ],
)
def test_plain_text_has_no_bureaucratic_phrases(text: str) -> None:
    assert spans(text, analyze(text), "bureaucratic") == []


@pytest.mark.parametrize(
    ("text", "marked", "suggestion"),
    [
        (
            "Mañana se procede a la apertura del parque.",
            "se procede a la apertura del",
            "abrimos el",
        ),
        (
            "El lunes se realizará una inspección.",
            "se realizará una inspección",
            "inspeccionaremos",
        ),
        ("Puede efectuar el pago en la sede.", "efectuar el pago", "pagar"),
        ("Vamos a proceder a la apertura de plicas.", "proceder a la apertura de", "abrir"),
        ("El técnico realizó una revisión.", "realizó una revisión", "revisó"),
        ("Hay que realizar una inspección.", "realizar una inspección", "inspeccionar"),
    ],
)
def test_nominal_constructions(text: str, marked: str, suggestion: str) -> None:
    found = [f for f in analyze(text) if f.rule == "nominal"]
    assert [text[f.start : f.end] for f in found] == [marked]
    assert found[0].suggestion == suggestion


def test_impersonal_procede_a_infinitive() -> None:
    text = "Se procederá a cortar el agua."
    assert spans(text, analyze(text), "nominal") == ["Se procederá a cortar"]


def test_verbs_used_directly_are_fine() -> None:
    text = "Abrimos el parque mañana. Inspeccionaremos las obras el lunes. Puede pagar en la sede."
    assert spans(text, analyze(text), "nominal") == []


def test_passive_voice_tip() -> None:
    text = "El camino fue asfaltado por la empresa."
    found = [f for f in analyze(text) if f.rule == "passive_voice"]
    assert found
    assert found[0].severity == "tip"
    assert (
        spans(
            "La empresa asfaltó el camino.",
            analyze("La empresa asfaltó el camino."),
            "passive_voice",
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("El Ayuntamiento informa que mañana no hay agua.", "El Ayuntamiento informa que"),
        (
            "El Ayuntamiento de Valdelomar informa de que el mercado cambia.",
            "El Ayuntamiento de Valdelomar informa de que",
        ),
        ("Nota de prensa\nLas fiestas empiezan el viernes.", "Nota de prensa"),
        ("Comunicado: cerramos la piscina.", "Comunicado:"),
        (
            "Se pone en conocimiento de los vecinos que hay obras.",
            "Se pone en conocimiento de los vecinos que",
        ),
    ],
)
def test_press_release_openings(text: str, marked: str) -> None:
    found = [f for f in analyze(text) if f.rule == "press_release"]
    assert [text[f.start : f.end] for f in found] == [marked]
    assert found[0].severity == "warn"
    assert found[0].suggestion == ""


def test_news_first_is_not_a_press_release() -> None:
    text = "Mañana no hay agua en la calle Mayor. El ayuntamiento informa en su web de los cortes."
    assert spans(text, analyze(text), "press_release") == []


def test_legal_citations() -> None:
    text = "Según el BOE núm. 123, la Ley 39/2015 obliga a todos."
    assert spans(text, analyze(text), "legal_citation") == ["BOE núm. 123"]  # the advice once
    assert spans("Lo dice la Ley 39/2015.", analyze("Lo dice la Ley 39/2015."), "legal_citation")
    assert (
        spans(
            "Pide la ayuda hasta el 5 de mayo.",
            analyze("Pide la ayuda hasta el 5 de mayo."),
            "legal_citation",
        )
        == []
    )


# Real bureaucratic phrases from town-hall notices, and the sentence the
# one-click suggestions must leave: grammatical Spanish, nothing left over
# ("se procederá a la apertura del plazo" once became "abriremos del plazo").
REWRITES = [
    ("Se procederá a la apertura del plazo de solicitudes.", "Abriremos el plazo de solicitudes."),
    ("Se procederá al cierre de la piscina el lunes.", "Cerraremos la piscina el lunes."),
    (
        "Hay que realizar el pago de la tasa antes del viernes.",
        "Hay que pagar la tasa antes del viernes.",
    ),
    ("Se realizará la inspección de los locales en mayo.", "Inspeccionaremos los locales en mayo."),
    (
        "Para efectuar la presentación de solicitudes, pida cita.",
        "Para presentar solicitudes, pida cita.",
    ),
    ("Se procedió a la reparación de la avería.", "Reparamos la avería."),
    ("Vamos a llevar a cabo la limpieza del parque.", "Vamos a limpiar el parque."),
    ("Se procede a la publicación de la lista de admitidos.", "Publicamos la lista de admitidos."),
    ("El alcalde hará entrega de los premios.", "El alcalde entregará los premios."),
    ("Hay que dar cumplimiento a la ordenanza.", "Hay que cumplir la ordenanza."),
    ("Deberán abonar el importe de la matrícula.", "Deberán pagar la matrícula."),
    ("El concierto dará comienzo a las 20:00.", "El concierto empezará a las 20:00."),
    ("A fin de evitar colas, pida cita.", "Para evitar colas, pida cita."),
    ("Se efectuará la recogida de enseres el martes.", "Recogeremos enseres el martes."),
    ("Se llevará a cabo la poda de los árboles.", "Podaremos los árboles."),
    ("La entrega tendrá lugar en la plaza.", "La entrega será en la plaza."),
    ("Se procederá a la sustitución de las farolas.", "Sustituiremos las farolas."),
    ("Se realizará la renovación de la red de agua.", "Renovaremos la red de agua."),
    ("Se procederá a la devolución de las tasas.", "Devolveremos las tasas."),
    (
        "Se ruega a los vecinos que retiren los coches.",
        "Se ruega a los vecinos que retiren los coches.",
    ),
    ("Un gran número de personas participó.", "Un gran número de personas participó."),
]


@pytest.mark.parametrize(("text", "rewritten"), REWRITES)
def test_every_suggestion_leaves_grammatical_spanish(text: str, rewritten: str) -> None:
    out = text
    found = [f for f in analyze(text) if f.suggestion and f.rule in ("nominal", "bureaucratic")]
    for finding in sorted(found, key=lambda f: -f.start):
        out = out[: finding.start] + (finding.suggestion or "") + out[finding.end :]
    assert out == rewritten
