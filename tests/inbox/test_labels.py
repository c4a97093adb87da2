"""Automatic label suggestion: positive and negative cases for every label."""

from __future__ import annotations

import pytest

from smalltown_social.core.labels import BUILTIN_LABELS, label_scores, load_lexicon, suggest_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("¿A qué hora abre la piscina municipal?", "Consulta"),
        ("Hola, ¿hasta cuándo se puede pagar el impuesto del coche?", "Consulta"),
        ("Alguien sabe qué documentos hacen falta para empadronarse", "Consulta"),
        ("Es una vergüenza, seguimos esperando que limpien el parque", "Queja"),
        ("Estoy harta del ruido de las motos, nadie hace nada", "Queja"),
        ("Gracias por nada, como siempre", "Queja"),
        ("Propongo que pongan más bancos a la sombra en la plaza", "Sugerencia"),
        ("Estaría bien que la biblioteca abriera los sábados", "Sugerencia"),
        ("Hay un bache enorme en la calle Mayor", "Incidencia"),
        ("La farola de mi portal está apagada y no funciona desde el lunes", "Incidencia"),
        ("Fuga de agua en la calle Real, sale muchísima", "Incidencia"),
        ("Muchas gracias por avisar, da gusto", "Agradecimiento"),
        ("¡Enhorabuena a todo el equipo por las fiestas!", "Agradecimiento"),
        ("Sois unos inútiles y unos sinvergüenzas", "Ofensivo"),
        ("¿A qué hora abre, gilipollas?", "Ofensivo"),
        ("INÚTILES, LADRONES", "Ofensivo"),
    ],
)
def test_suggests(text: str, label: str) -> None:
    assert suggest_label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "Buenos días",
        "El pueblo en otoño 🍂",
        "",
        "Vale",
    ],
)
def test_no_label_when_unsure(text: str) -> None:
    assert suggest_label(text) is None


@pytest.mark.parametrize(
    ("text", "not_label"),
    [
        ("¿Otra vez? Es una vergüenza, seguimos esperando", "Consulta"),  # a '?' alone is weak
        ("Un concierto estupendo", "Queja"),
        ("El bachillerato empieza el lunes", "Incidencia"),  # "bache" is a whole word
        ("Me lo pasé bomba en el desfile", "Ofensivo"),
        ("Qué risa el payaso de la cabalgata", "Ofensivo"),  # one mild word is not an insult
    ],
)
def test_does_not_suggest(text: str, not_label: str) -> None:
    assert suggest_label(text) != not_label


def test_lexicon_is_data_for_the_builtin_labels_only() -> None:
    lexicon = load_lexicon("es")
    assert set(lexicon.patterns) == set(BUILTIN_LABELS)
    assert all(len(p) >= 15 for p in lexicon.patterns.values())
    assert label_scores("Buenos días") == dict.fromkeys(BUILTIN_LABELS, 0.0)
