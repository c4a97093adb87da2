"""The town profile (Ajustes, `settings set`): the town's own contacts, name and officials."""

from __future__ import annotations

from smalltown_social.core import settings
from smalltown_social.core.guidance import Finding, analyze
from smalltown_social.core.guidance.profile import TownProfile
from smalltown_social.core.reply_check import check_reply

PROFILE = settings.town_profile(
    "San Martín del Río",
    "953 12 34 56, 612 34 56 78",
    "sanmartindelrio.es",
    "@AytoSanMartin, mujereslaseras@gmail.com",
    "Rosa Martín, @RosaMartinAlcaldesa, Luis Gil",
)


def _rule(text: str, rule: str, profile: TownProfile | None = PROFILE) -> list[Finding]:
    return [f for f in analyze(text, profile=profile) if f.rule == rule]


def test_the_town_profile_is_declared_once_for_ajustes_and_the_command() -> None:
    keys = {s.key for s in settings.editable()}
    assert {"town_name", "town_phones", "town_domains", "town_handles", "town_officials"} <= keys
    assert settings.parse(settings.by_key("town_phones"), " 953 12 34 56 ") == "953 12 34 56"


def test_settings_values_make_the_profile() -> None:
    assert PROFILE.name == "San Martín del Río"
    assert PROFILE.has_phone("+34 612345678")
    assert PROFILE.has_email("Registro@SanMartinDelRio.es")
    assert PROFILE.has_email("mujereslaseras@gmail.com")
    assert not PROFILE.has_email("otra@gmail.com")
    assert PROFILE.official_names == ("rosa martin", "luis gil")


def test_registered_contacts_are_silent() -> None:
    text = (
        "WhatsApp municipal: 612 34 56 78. Centro de salud: 953 12 34 56. "
        "Escribe a registro@sanmartindelrio.es o a mujereslaseras@gmail.com."
    )
    assert _rule(text, "personal_data") == []
    assert [f.severity for f in _rule(text, "personal_data", None)] == ["warn"]  # asked once


def test_a_registered_contact_in_a_reply_is_not_a_citizens_data() -> None:
    found = check_reply("Llame al 612 34 56 78.", "¿Dónde pido cita?", profile=PROFILE)
    assert [f for f in found if f.rule == "personal_data"] == []
    found = check_reply("Le llamamos al 699 11 22 33.", "¿Dónde pido cita?", profile=PROFILE)
    assert [f.severity for f in found if f.rule == "personal_data"] == ["block"]


def test_a_registered_official_by_name_or_handle_is_an_official() -> None:
    assert _rule("Luis Gil entregó ayer los diplomas del taller.", "propaganda")
    assert _rule("Gran ambiente en la feria con @RosaMartinAlcaldesa.", "propaganda")
    assert _rule("Gran ambiente en la feria con @RosaMartinAlcaldesa.", "propaganda", None) == []


def test_a_registered_officials_mobile_is_not_a_private_persons() -> None:
    text = "Para dudas, Luis Gil atiende en el 699 11 22 33."
    assert [f.severity for f in _rule(text, "personal_data")] == ["warn"]


def test_the_towns_name_as_a_hashtag_is_not_long() -> None:
    assert _rule("Fiestas este sábado. #SanMartinDelRio", "hashtag_length") == []
    assert _rule("Fiestas este sábado. #SanMartinDelRio", "hashtag_length", None)
