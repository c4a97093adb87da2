"""Personal data in a public text blocks; invalid check digits do not."""

from __future__ import annotations

import pytest

from smalltown_social.core.guidance import Finding, analyze
from smalltown_social.core.guidance.personal_data import valid_iban


def spans(text: str, findings: list[Finding], rule: str) -> list[str]:
    """The marked text of every finding of `rule`."""
    return [text[f.start : f.end] for f in findings if f.rule == rule]


def _blocked(text: str) -> list[str]:
    return [
        text[f.start : f.end]
        for f in analyze(text)
        if f.rule == "personal_data" and f.severity == "block"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Su DNI 12345678Z ya está registrado.", "12345678Z"),
        ("DNI: 12.345.678-Z", "12.345.678-Z"),
        ("NIE X1234567L, por favor", "X1234567L"),
        ("Llamad a José García al 612 345 678", "612 345 678"),
        ("Móvil de la Sra. Gómez: +34 612345678", "+34 612345678"),
        ("Escribid a Juan Pérez (juan.perez@gmail.com)", "juan.perez@gmail.com"),
        ("Ingrese en ES91 2100 0418 4502 0005 1332 hoy", "ES91 2100 0418 4502 0005 1332"),
        ("Cuenta ES9121000418450200051332.", "ES9121000418450200051332"),
    ],
)
def test_personal_data_blocks(text: str, expected: str) -> None:
    assert _blocked(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Su DNI 12345678A ya está registrado.",  # wrong check letter
        "NIE X1234567A",  # wrong check letter
        "Cuenta ES9121000418450200051333",  # wrong checksum
        "Llame al 91 123 45 67 o al 900 123 456",  # landline and free-phone: public
        "Información en el 012",
        "Expediente 2027/123456789",
        "Presupuesto: 12.345.678 euros",
    ],
)
def test_not_personal_data(text: str) -> None:
    assert _blocked(text) == []


def test_institutional_email_only_warns() -> None:
    text = "Escriba a registro@valdelomar.es"
    findings = analyze(text)
    assert spans(text, findings, "personal_data") == ["registro@valdelomar.es"]
    assert findings[0].severity == "warn"


@pytest.mark.parametrize(
    "address",
    ["participa@valdelomar.es", "buzon.vecinos@valdelomar.es", "quejas@valdelomar.es"],
)
def test_role_addresses_on_the_towns_own_domain_only_warn(address: str) -> None:
    findings = [
        f for f in analyze(f"Escriba a {address} antes del viernes.") if f.rule == "personal_data"
    ]
    assert [f.severity for f in findings] == ["warn"]


def test_an_unknown_address_asks_whether_it_is_the_town_halls() -> None:
    text = "Contacto: maria.garcia@fontaneriagarcia.com"
    found = [f for f in analyze(text) if f.rule == "personal_data"]
    assert [(text[f.start : f.end], f.severity) for f in found] == [
        ("maria.garcia@fontaneriagarcia.com", "warn")
    ]
    assert "¿Es un contacto del ayuntamiento?" in found[0].message


def test_a_fediverse_mention_is_not_an_email() -> None:
    text = "Síguenos en @valdelomar@lomar.social o escribe a Juana Pérez, juana.perez@gmail.com"
    assert _blocked(text) == ["juana.perez@gmail.com"]


def test_iban_checksum() -> None:
    assert valid_iban("ES91 2100 0418 4502 0005 1332")
    assert valid_iban("GB82WEST12345698765432")
    assert not valid_iban("GB82WEST12345698765433")
    assert not valid_iban("ES91")
