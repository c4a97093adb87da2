"""Personal data that must never appear in a public post or public reply.

A citizen's DNI/NIE, mobile number, e-mail or bank account in a public text is
a data-protection breach that cannot be undone once shared, so these findings
block publishing. Only numbers with a valid check letter or checksum count, so
that reference numbers, dates and amounts are not blocked by mistake.

Decisions the app cannot make from the text alone, documented here:
- Phones: mobiles (6xx, 7xx) block, because they are almost always a person's;
  landlines (8xx, 9xx), 900/901/902 lines and short service numbers (010, 012,
  112...) pass, because a town hall publishes its own switchboard and those.
- E-mails: an address on a free webmail domain or on an unknown domain with no
  role word ("info", "registro", "biblioteca"...) looks like a person's and
  blocks; a role address or an address on an institutional domain only warns,
  asking the clerk to confirm it is the town hall's own.
"""

from __future__ import annotations

import regex

from smalltown_social.core.guidance.findings import Finding, Severity
from smalltown_social.core.guidance.textutil import EMAIL, PHONE, fold, phone_digits
from smalltown_social.core.i18n import Language, Text

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI = regex.compile(r"(?<![\w.-])(\d{2}\.?\d{3}\.?\d{3})[\s-]?([A-Za-z])(?!\w)")
_NIE = regex.compile(r"(?<![\w.-])([XYZxyz])[\s-]?(\d{7})[\s-]?([A-Za-z])(?!\w)")
_IBAN_START = regex.compile(r"(?<![A-Za-z0-9])([A-Z]{2})(\d{2})(?=[ ]?[A-Z0-9])")
_IBAN_LENGTHS = {
    "ES": 24, "AD": 24, "PT": 25, "FR": 27, "DE": 22, "IT": 27, "GB": 22, "IE": 22,
    "BE": 16, "NL": 18, "LU": 20, "CH": 21, "AT": 20, "MC": 27, "GI": 23, "RO": 24,
    "PL": 28, "SE": 24, "DK": 18, "FI": 18, "NO": 15, "GR": 27, "CZ": 24, "SK": 24,
}  # fmt: skip
WEBMAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.es",
        "outlook.com",
        "outlook.es",
        "live.com",
        "live.es",
        "msn.com",
        "yahoo.com",
        "yahoo.es",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.es",
        "gmx.net",
        "proton.me",
        "protonmail.com",
        "telefonica.net",
        "movistar.es",
        "terra.es",
        "orange.es",
        "yandex.com",
        "mail.com",
        "zoho.com",
        "tutanota.com",
    ]
)
ROLE_WORDS = (
    "info", "ayto", "ayuntamiento", "alcaldia", "registro", "secretaria", "contacto",
    "atencion", "ciudadan", "cultura", "deporte", "turismo", "biblioteca", "juventud",
    "servicio", "prensa", "comunicacion", "participacion", "urbanismo", "tesoreria",
    "intervencion", "empleo", "educacion", "igualdad", "festejos", "fiestas", "policia",
    "medioambiente", "social", "oficina", "admin", "consultas", "sugerencias", "oac",
    "sac", "concello", "ajuntament", "udala", "museo", "piscina", "escuela", "colegio",
    "particip", "buzon", "vecinos", "soporte", "ayuda", "avisos", "incidencias", "quejas",
    "reclamaciones", "tramites", "correo", "noreply", "bienestar", "mayores", "salud",
    "consumo", "obras", "limpieza",
)  # fmt: skip
INSTITUTIONAL_DOMAIN = regex.compile(
    r"(?:^|\.)(?:ayto|ayuntamiento|aytode|concello|ajuntament|udala|diputacion|dip|"
    r"junta|gencat|xunta|jcyl|gob|gov|gva|navarra|madrid|carm|larioja|aragon|"
    r"euskadi|asturias|cantabria|caib|jccm|juntaex|gobiernodecanarias)"
    r"|\.gob\.es$|\.gov\.\w+$"
)

DNI_FOUND = Text(
    "Parece un DNI. No publique datos personales: pida que le escriban por mensaje privado.",
    "This looks like a Spanish ID (DNI). Do not publish personal data: move to a private message.",
)
NIE_FOUND = Text(
    "Parece un NIE. No publique datos personales: pida que le escriban por mensaje privado.",
    "This looks like a foreigner ID (NIE). Do not publish personal data: use a private message.",
)
MOBILE_FOUND = Text(
    "Parece un móvil particular. No lo publique: conteste por mensaje privado. Si es un móvil "
    "municipal, publíquelo en la web del ayuntamiento y enlace a ella.",
    "This looks like a private mobile number. Do not publish it: reply privately. If it is a "
    "town hall mobile, put it on the town hall website and link to it.",
)
EMAIL_PERSONAL = Text(
    "Parece el correo de una persona. No lo publique: conteste por mensaje privado o enlace a "
    "un formulario de contacto.",
    "This looks like a person's e-mail. Do not publish it: reply privately or link to a "
    "contact form.",
)
EMAIL_CHECK = Text(
    "Compruebe que este correo es del ayuntamiento y no de una persona; un enlace a la sede "
    "o a un formulario suele funcionar mejor.",
    "Check that this e-mail belongs to the town hall, not to a person; a link to the "
    "website or a form usually works better.",
)
IBAN_FOUND = Text(
    "Parece un número de cuenta (IBAN). Si es de un vecino, no lo publique; los pagos al "
    "ayuntamiento, mejor con un enlace a la sede electrónica.",
    "This looks like a bank account (IBAN). If it is a resident's, do not publish it; for "
    "payments to the town hall, link to the e-office instead.",
)


def valid_dni(number: str, letter: str) -> bool:
    """True when `letter` is the mod-23 check letter of the 8-digit `number`."""
    digits = number.replace(".", "")
    return len(digits) == 8 and DNI_LETTERS[int(digits) % 23] == letter.upper()


def valid_nie(prefix: str, number: str, letter: str) -> bool:
    """NIE check: X, Y, Z stand for 0, 1, 2 in front of the 7 digits."""
    lead = "XYZ".index(prefix.upper())
    return DNI_LETTERS[int(f"{lead}{number}") % 23] == letter.upper()


def valid_iban(iban: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, read letters as
    10..35, and the number must leave remainder 1 when divided by 97."""
    compact = iban.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum() or not compact.isascii():
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def _iban_end(text: str, start: int) -> int | None:
    """End offset of a valid IBAN starting at `start`, trying the country's length."""
    positions: list[int] = []
    index = start
    while index < len(text) and len(positions) < 34:
        char = text[index]
        if char.isascii() and char.isalnum():
            positions.append(index)
        elif char != " " or (index + 1 < len(text) and text[index + 1] == " "):
            break
        index += 1
    country = text[start : start + 2]
    lengths = [_IBAN_LENGTHS[country]] if country in _IBAN_LENGTHS else range(34, 14, -1)
    for length in lengths:
        if length > len(positions):
            continue
        end = positions[length - 1] + 1
        after = text[end : end + 1]
        if after.isascii() and after.isalnum():
            continue
        if valid_iban(text[start:end]):
            return end
    return None


def _email_severity(address: str) -> Severity:
    local, _, domain = fold(address).partition("@")
    if domain in WEBMAIL:
        return "warn" if any(word in local for word in ROLE_WORDS) else "block"
    if any(word in local for word in ROLE_WORDS) or INSTITUTIONAL_DOMAIN.search(domain):
        return "warn"
    return "block"


def check_personal_data(text: str, language: Language) -> list[Finding]:
    """Block valid DNI/NIE/IBAN and private mobiles; block or warn e-mails."""
    findings: list[Finding] = []
    for match in _DNI.finditer(text):
        if valid_dni(match.group(1), match.group(2)):
            findings.append(
                Finding("personal_data", "block", match.start(), match.end(), DNI_FOUND(language))
            )
    for match in _NIE.finditer(text):
        if valid_nie(match.group(1), match.group(2), match.group(3)):
            findings.append(
                Finding("personal_data", "block", match.start(), match.end(), NIE_FOUND(language))
            )
    for match in PHONE.finditer(text):
        digits = phone_digits(match.group())
        if digits[:1] in ("6", "7"):
            mobile = MOBILE_FOUND(language)
            findings.append(Finding("personal_data", "block", match.start(), match.end(), mobile))
    for match in EMAIL.finditer(text):
        severity = _email_severity(match.group())
        message = EMAIL_PERSONAL if severity == "block" else EMAIL_CHECK
        findings.append(
            Finding("personal_data", severity, match.start(), match.end(), message(language))
        )
    for match in _IBAN_START.finditer(text):
        end = _iban_end(text, match.start())
        if end is not None:
            findings.append(
                Finding("personal_data", "block", match.start(), end, IBAN_FOUND(language))
            )
    return findings
