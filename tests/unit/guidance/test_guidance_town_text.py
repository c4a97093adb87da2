"""Issue #15: the guidance on real town-hall text (no town profile needed here).

Every case is a sentence shape the issue reports as missed or wrongly flagged.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from smalltown_social.core.guidance import Finding, analyze
from smalltown_social.core.reply_check import check_reply

PERIOD = (date(2027, 4, 4), date(2027, 5, 23))
INSIDE = datetime(2027, 5, 10, 10, 0, tzinfo=UTC)
OUTSIDE = datetime(2027, 6, 10, 10, 0, tzinfo=UTC)


def _rule(text: str, rule: str, when: datetime = OUTSIDE) -> list[Finding]:
    return [f for f in analyze(text, when=when, electoral_period=PERIOD) if f.rule == rule]


SYMBOLIC = [
    "El concejal @PepeGil ha acompañado a los participantes en la marcha solidaria.",
    "La alcaldesa de #Valdelomar, @AnaRuiz, ha visitado esta mañana el colegio.",
    "El alcalde y la concejala de Cultura han presentado el cartel de las fiestas.",
    "Ana Ruiz Gil, concejal de Servicios Sociales, participó en el encuentro comarcal.",
    "Esta mañana hemos entregado los premios del concurso de belenes.",
    "Emotivo homenaje a los mayores de 90 años en el Día de los Abuelos.",
    "Hoy, Día Internacional de la Mujer, reivindicamos la igualdad real.",
    "Nuestro pueblo recibe el premio a la mejor iniciativa de turismo rural.",
    "Gracias a todos los voluntarios que habéis hecho posible la carrera.",
    "@AnaRuiz y @PepeGil han entregado los diplomas del taller de empleo.",
]


@pytest.mark.parametrize("text", SYMBOLIC)
def test_institutional_and_symbolic_posts_get_advice_not_a_block(text: str) -> None:
    found = _rule(text, "propaganda")
    assert found, text
    assert all(f.severity in ("warn", "tip") for f in found)


@pytest.mark.parametrize("text", SYMBOLIC)
def test_in_the_electoral_period_they_block_citing_the_article(text: str) -> None:
    found = _rule(text, "propaganda", INSIDE)
    assert found and all(f.severity == "block" for f in found)
    assert all("art. 50" in f.message for f in found)


SERVICE = [
    "Corte de agua mañana de 9:00 a 13:00 en la calle Mayor. Gracias por vuestra paciencia.",
    "Empiezan las obras de la red de agua en la calle Real, con una inversión de 80.000 euros. "
    "Disculpad las molestias.",
    "La Diputación invierte 200.000 euros en la carretera. Habrá un desvío por la vía de servicio.",
    "El alcalde atiende a los vecinos sin cita los martes de 10:00 a 13:00.",
    "Por el Día de la Comunidad, el lunes es festivo local: el ayuntamiento estará cerrado.",
    "Concurso de carteles de las fiestas: 300 € de premio. Obras hasta el 12 de mayo.",
]


@pytest.mark.parametrize("text", SERVICE)
def test_service_notices_are_not_propaganda_even_in_the_electoral_period(text: str) -> None:
    assert _rule(text, "propaganda") == []
    assert [
        f for f in analyze(text, when=INSIDE, electoral_period=PERIOD) if f.severity == "block"
    ] == []


def test_the_town_halls_own_investment_claim_blocks_in_the_period() -> None:
    text = "Hemos invertido 80.000 euros en renovar la calle Real."
    found = _rule(text, "propaganda", INSIDE)
    assert [(text[f.start : f.end], f.severity) for f in found] == [("Hemos invertido", "block")]
    assert "art. 50.2 de la LOREG" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "📲 Avisos del ayuntamiento por WhatsApp: guarda el 612 34 56 78 y escribe ALTA.",
        "Cita en el centro de salud: 953 12 34 56, de 8:00 a 15:00.",
        "Reservas del viaje en mujereslaseras@gmail.com antes del viernes.",
        "Dudas sobre las ayudas: ana.ruiz@valdelomar.es",
    ],
)
def test_institutional_contacts_in_a_post_are_never_blocked(text: str) -> None:
    found = _rule(text, "personal_data")
    assert all(f.severity != "block" for f in found)


def test_an_unregistered_mobile_asks_whether_it_is_the_town_halls() -> None:
    (found,) = _rule("WhatsApp municipal: 612 34 56 78.", "personal_data")
    assert found.severity == "warn"
    assert "¿Es un contacto del ayuntamiento?" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "Se ha encontrado un perro. Su dueño, José García, puede llamar al 654 32 19 87.",
        "Para apuntarse, hablad con Lucía Romero (lucia.romero@gmail.com).",
        "Felicidades a Teresa Vidal, que ya se recupera del cáncer.",
        "El primer premio es para Pablo Molina, de 9 años.",
    ],
)
def test_a_private_persons_contact_health_or_childs_age_blocks(text: str) -> None:
    assert any(f.severity == "block" for f in _rule(text, "personal_data"))


def test_a_citizens_data_in_a_public_reply_still_blocks() -> None:
    found = check_reply("Le llamamos al 612 345 678 mañana.", "¿Cuándo arreglan la farola?")
    assert any(f.rule == "personal_data" and f.severity == "block" for f in found)


def test_all_caps_advice_ignores_handles_and_hashtags() -> None:
    text = "Gracias a @AYTOVALDELOMAR por el programa. #FIESTASMAYORES"
    assert _rule(text, "all_caps") == []
    assert _rule("CORTE DE AGUA MAÑANA en la calle Mayor.", "all_caps")


def test_emoji_bullets_end_sentences() -> None:
    text = (
        "Concierto de la banda municipal en la plaza del pueblo 🎵 Entrada libre para todos los "
        "vecinos 📍 Plaza Mayor junto a la iglesia vieja 🕗 A las ocho de la tarde del sábado"
    )
    assert _rule(text, "sentence_length") == []


def test_links_handles_and_tags_are_not_counted_as_words() -> None:
    text = (
        "Ayudas para libros de texto y material escolar para las familias del pueblo "
        "https://www.valdelomar.es/ayudas/libros/2027 @AytoValdelomar @DiputacionDeLomar "
        "#Valdelomar #Ayudas #Libros #Colegio #Familias #Verano y pide la tuya en la oficina "
        "hasta el viernes"
    )  # 20 words a reader reads, 32 with the link, handles and tags
    assert _rule(text, "sentence_length") == []


def test_the_towns_own_name_is_not_a_long_hashtag() -> None:
    text = "Fiestas de Villarrubia del Campo este sábado. #VillarrubiaDelCampo"
    assert _rule(text, "hashtag_length") == []
    assert _rule("Programa. #FiestasMayoresDeVerano", "hashtag_length")


def test_one_finding_per_rule_and_span() -> None:
    text = "¡Fiestas! 🎉🎉🎉🎉 El alcalde inaugura hoy la inauguración del parque."
    found = analyze(text)
    assert [f.rule for f in found].count("emoji_repeated") == 1  # not three times
    keys = [(f.rule, f.message, f.suggestion) for f in found if f.severity != "block"]
    assert len(keys) == len(set(keys))
    for rule in {f.rule for f in found}:
        mine = sorted((f.start, f.end) for f in found if f.rule == rule and f.end > f.start)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(mine)), rule


def test_a_hashtag_naming_the_linked_site_is_the_towns_own() -> None:
    text = "Programa de fiestas: https://www.torremochadelavega.es/fiestas #TorremochaDeLaVega"
    assert _rule(text, "hashtag_length") == []


@pytest.mark.parametrize(
    "text",
    [
        "Atardecer desde la ermita, con el valle al fondo. Gracias a quien nos mandó esta foto 🌅",
        "¿Sabías que el teatro fue un granero? Un edificio muy especial de nuestra historia.",
    ],
)
def test_local_life_posts_are_not_symbolic_acts(text: str) -> None:
    assert _rule(text, "propaganda") == []


@pytest.mark.parametrize(
    "text",
    [
        "Gracias a la subvención de la Diputación, el autobús a la playa es gratis este verano.",
        "Las fiestas en honor a San Roque empiezan el viernes. Consulta el programa en la web.",
        "Se ha reparado la avería del alumbrado en la calle Real. Gracias por avisar.",
    ],
)
def test_service_notices_with_thanks_or_honour_words_are_not_symbolic(text: str) -> None:
    assert _rule(text, "propaganda") == []
