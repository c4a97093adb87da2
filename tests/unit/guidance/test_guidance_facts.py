"""Recognising facts and reporting the missing ones per content type."""

from __future__ import annotations

import pytest

from smalltown_social.core.guidance import analyze, find_facts


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("date", "el 5 de marzo"),
        ("date", "05/03"),
        ("date", "5-3-2027"),
        ("date", "lunes 3"),
        ("date", "mañana"),
        ("date", "hoy"),
        ("date", "del 1 al 15 de agosto"),
        ("time", "10:00"),
        ("time", "10 h"),
        ("time", "a las 10"),
        ("time", "de 9 a 14 h"),
        ("time", "10.30 h"),
        ("place", "en la plaza Mayor"),
        ("place", "c/ Real, 5"),
        ("place", "en el polideportivo"),
        ("deadline", "hasta el 15 de abril"),
        ("deadline", "plazo de 10 días"),
        ("link", "sede.valdelomar.es/tramites"),
        ("link", "https://valdelomar.es"),
        ("link", "www.valdelomar.es"),
        ("phone", "llama al 012"),
        ("phone", "900 123 456"),
        ("phone", "+34 91 123 45 67"),
    ],
)
def test_facts_are_recognised(kind: str, text: str) -> None:
    assert find_facts(text)[kind], f"{kind} not found in {text!r}"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("date", "por la mañana"),
        ("date", "Fiestas 2027"),
        ("time", "Tenemos 10 plazas"),
        ("time", "el 5 de marzo"),
        ("deadline", "el 5 de marzo"),
        ("link", "info@valdelomar.es"),
        ("link", "hola.que tal"),
        ("phone", "Expediente 12345"),
        ("place", "sede.valdelomar.es/tramites"),
    ],
)
def test_facts_are_not_invented(kind: str, text: str) -> None:
    assert not find_facts(text)[kind], f"{kind} wrongly found in {text!r}"


def test_event_without_date_time_or_place_warns() -> None:
    text = "Concierto de la banda municipal. ¡No te lo pierdas!"
    missing = [f for f in analyze(text, content_type="event") if f.rule == "missing_fact"]
    assert [f.severity for f in missing].count("warn") == 3  # date, time, place
    assert [f.severity for f in missing].count("tip") == 1  # optional sign-up link
    assert all(f.start == f.end == len(text) for f in missing)


def test_complete_event_has_no_missing_facts() -> None:
    text = (
        "Concierto de la banda el sábado 7 de junio a las 20:00 en la plaza Mayor. "
        "Entradas en valdelomar.es/entradas"
    )
    assert not [f for f in analyze(text, content_type="event") if f.rule == "missing_fact"]


def test_grant_needs_deadline_and_link() -> None:
    text = "Ayudas para libros de texto de 100 euros por alumno."
    messages = [f.message for f in analyze(text, content_type="grant") if f.rule == "missing_fact"]
    assert any("fecha límite" in m for m in messages)
    assert any("cómo pedirla" in m for m in messages)


def test_no_content_type_means_no_missing_facts() -> None:
    assert not [f for f in analyze("Concierto.") if f.rule == "missing_fact"]


def test_optional_fact_is_a_tip() -> None:
    text = "Qué bonita está la sierra hoy. ¿Cuál es tu rincón favorito?"
    missing = [f for f in analyze(text, content_type="local_life") if f.rule == "missing_fact"]
    assert [f.severity for f in missing] == ["tip"]


def test_local_life_invites_comments() -> None:
    quiet = "Así amanecía hoy la sierra desde el mirador."
    assert [f.rule for f in analyze(quiet, content_type="local_life")] == ["invite_comments"]
    asking = quiet + " ¿Desde dónde la fotografiarías tú?"
    assert not analyze(asking, content_type="local_life")


def test_correction_must_say_what_was_wrong() -> None:
    vague = "El mercadillo es el viernes 9 en la plaza."
    assert "correction_explained" in {f.rule for f in analyze(vague, content_type="correction")}
    clear = "Corrección: dijimos jueves, pero el mercadillo es el viernes 9."
    assert "correction_explained" not in {f.rule for f in analyze(clear, content_type="correction")}
