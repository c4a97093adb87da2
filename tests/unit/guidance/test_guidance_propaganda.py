"""Political self-promotion: warn normally, block in the electoral period."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from smalltown_social.core.guidance import Finding, analyze


def spans(text: str, findings: list[Finding], rule: str) -> list[str]:
    """The marked text of every finding of `rule`."""
    return [text[f.start : f.end] for f in findings if f.rule == rule]


PERIOD = (date(2027, 4, 4), date(2027, 5, 23))
INSIDE = datetime(2027, 5, 10, 10, 0, tzinfo=UTC)
OUTSIDE = datetime(2027, 6, 10, 10, 0, tzinfo=UTC)


def _propaganda(text: str, when: datetime | None = OUTSIDE) -> list[tuple[str, str]]:
    findings = analyze(text, when=when, electoral_period=PERIOD)
    return [(text[f.start : f.end], f.severity) for f in findings if f.rule == "propaganda"]


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("El alcalde inaugura el nuevo parque.", "El alcalde inaugura"),
        ("La concejala ha visitado las obras.", "La concejala ha visitado"),
        (
            "La concejala de Cultura, Ana Ruiz, presenta el programa.",
            "La concejala de Cultura, Ana Ruiz, presenta",
        ),
        ("La alcaldesa María López acompañó a los mayores.", "La alcaldesa María López acompañó"),
        ("Inauguración del centro de día.", "Inauguración"),
        ("¡Compromiso cumplido!", "Compromiso cumplido"),
        ("Es posible gracias a la gestión del equipo de gobierno.", "gracias a la gestión del"),
        ("Una apuesta decidida por el deporte.", "apuesta decidida"),
        ("Seguimos trabajando por Valdelomar.", "Seguimos trabajando por"),
        ("El PSOE y el PP votaron a favor.", "PSOE"),
        ("Moción de EH Bildu.", "EH Bildu"),
        ("Lo propuso Podemos en el pleno.", "Podemos"),
    ],
)
def test_propaganda_warns_outside_the_period(text: str, marked: str) -> None:
    found = _propaganda(text)
    assert (marked, "warn") in found


@pytest.mark.parametrize(
    "text",
    [
        "Ver pp. 12-14 del programa.",  # page abbreviation, not the party
        "Podemos ayudarte con el trámite.",  # the verb at the start of a sentence
        "Hay que sumar las horas.",
        "Los vecinos pueden reunirse con el alcalde el martes.",  # official not the subject
        "Cita con la concejala de Servicios Sociales en el 012.",
        "Las fiestas populares empiezan el viernes.",
        "Los ciudadanos pueden votar por correo.",
        "El ayuntamiento abre la piscina el lunes 3.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert _propaganda(text) == []


def test_electoral_period_blocks_propaganda() -> None:
    found = _propaganda("El alcalde inaugura el nuevo parque.", INSIDE)
    assert ("El alcalde inaugura", "block") in found
    assert all(severity == "block" for _, severity in found)


def test_electoral_period_blocks_announced_investments() -> None:
    text = "El ayuntamiento invierte 200.000 euros en la nueva calle."
    assert ("El ayuntamiento invierte", "block") in _propaganda(text, INSIDE)
    assert _propaganda(text, OUTSIDE) == []


def test_how_to_vote_information_stays_allowed_in_the_period() -> None:
    text = (
        "Elecciones municipales del 23 de mayo. Si no puedes ir a votar, pide el voto por correo "
        "en Correos hasta el 13 de mayo. Consulta tu colegio electoral en la web del INE y lleva "
        "tu DNI."
    )
    findings = analyze(text, when=INSIDE, electoral_period=PERIOD)
    assert not [f for f in findings if f.severity == "block"]


def test_public_service_information_stays_allowed_in_the_period() -> None:
    text = "Mañana cortamos el agua en la calle Mayor de 9 a 14 h. Dudas: 012."
    assert _propaganda(text, INSIDE) == []


def test_period_boundaries_are_inclusive() -> None:
    text = "El alcalde inaugura el parque."
    first_day = datetime(2027, 4, 4, 0, 5, tzinfo=UTC)
    assert ("El alcalde inaugura", "block") in _propaganda(text, first_day)
    day_after = datetime(2027, 5, 24, 9, 0, tzinfo=UTC)
    assert ("El alcalde inaugura", "warn") in _propaganda(text, day_after)


def test_no_period_means_warn() -> None:
    text = "El alcalde inaugura el parque."
    findings = analyze(text)
    assert ("El alcalde inaugura", "warn") in [
        (text[f.start : f.end], f.severity) for f in findings if f.rule == "propaganda"
    ]
    assert spans(text, findings, "propaganda") == ["El alcalde inaugura"]
