"""Personal data that must never appear in a public post or public reply.

A citizen's DNI/NIE, bank account, health or a child's age next to their name
in a public text is a data-protection breach that cannot be undone once
shared, so these findings block publishing. Only numbers with a valid check
letter or checksum count, so that reference numbers, dates and amounts are
not blocked by mistake.

Phones and e-mails are usually the town hall's own contacts (its WhatsApp
line on a mobile, the health centre, an association's webmail, a staff
address on the town's domain), so in a post they:
- say nothing when registered in the town profile (Ajustes);
- block when a private person's name stands next to them ("su dueño, José
  García, 612…"): a registered official is not a private person;
- otherwise warn and ask whether it is a town hall contact (mobiles and
  e-mail addresses; landlines, 900 lines and short service numbers pass, as
  the switchboard and the health centre publish theirs).
A public reply blocks any of them that is not registered (`reply_check`).
"""

from __future__ import annotations

from functools import cache

from smalltown_social.core.guidance.data import load_json
from smalltown_social.core.guidance.findings import Finding
from smalltown_social.core.guidance.profile import EMPTY, TownProfile
from smalltown_social.core.guidance.textutil import EMAIL, PHONE, LazyPattern, fold, phone_digits
from smalltown_social.core.i18n import Language, Text

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI = LazyPattern(r"(?<![\w.-])(\d{2}\.?\d{3}\.?\d{3})[\s-]?([A-Za-z])(?!\w)")
_NIE = LazyPattern(r"(?<![\w.-])([XYZxyz])[\s-]?(\d{7})[\s-]?([A-Za-z])(?!\w)")
_IBAN_START = LazyPattern(r"(?<![A-Za-z0-9])([A-Z]{2})(\d{2})(?=[ ]?[A-Z0-9])")
_IBAN_LENGTHS = {
    "ES": 24, "AD": 24, "PT": 25, "FR": 27, "DE": 22, "IT": 27, "GB": 22, "IE": 22,
    "BE": 16, "NL": 18, "LU": 20, "CH": 21, "AT": 20, "MC": 27, "GI": 23, "RO": 24,
    "PL": 28, "SE": 24, "DK": 18, "FI": 18, "NO": 15, "GR": 27, "CZ": 24, "SK": 24,
}  # fmt: skip
DNI_FOUND = Text(
    "Parece un DNI. No publique datos personales: pida que le escriban por mensaje privado.",
    "This looks like a Spanish ID (DNI). Do not publish personal data: move to a private message.",
)
NIE_FOUND = Text(
    "Parece un NIE. No publique datos personales: pida que le escriban por mensaje privado.",
    "This looks like a foreigner ID (NIE). Do not publish personal data: use a private message.",
)
CONTACT_CHECK = Text(
    "¿Es un contacto del ayuntamiento? Si es de un vecino, no lo publique: conteste por mensaje "
    "privado. Si es del ayuntamiento, regístrelo en Ajustes (Teléfonos del ayuntamiento / Web y "
    "dominios de correo) y no se volverá a avisar.",
    "Is this a town hall contact? If it is a resident's, do not publish it: reply privately. If "
    "it is the town hall's, register it in Settings (town hall phone numbers / website and "
    "e-mail domains) and you will not be asked again.",
)
CONTACT_OF_PERSON = Text(
    "Teléfono o correo junto al nombre de un particular: no publique datos de contacto de "
    "vecinos; pida que le escriban por mensaje privado.",
    "A phone or e-mail next to a private person's name: do not publish residents' contact "
    "details; ask them to write privately.",
)
HEALTH_FOUND = Text(
    "Dato de salud de una persona con nombre y apellidos: es un dato especialmente protegido "
    "y no se publica.",
    "Health information about a named person: it is specially protected data and is not published.",
)
MINOR_FOUND = Text(
    "Nombre y edad de un menor: no publique datos que identifiquen a niños sin necesidad; "
    "basta con el nombre de pila o la categoría.",
    "A child's name and age: do not publish details that identify children; a first name "
    "or the category is enough.",
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


_TITLED = LazyPattern(r"(?<![\w.])(?:Sr|Sra|Srta|D|Dña|Dª|Don|Doña)\.?\s+\p{Lu}\p{Ll}+")
_CAPITALISED = LazyPattern(
    r"(?<![\p{L}@#])(\p{Lu}\p{Ll}+)(?:\s+(?:de\s+(?:la\s+|los\s+)?)?\p{Lu}\p{Ll}+)+"
)
_SENTENCE_END = LazyPattern(r"\n|(?<!\b(?:Sr|Sra|Srta|D|Dña|Dr|Dra|Ud))[.!?;](?:\s|$)")
_HEALTH = LazyPattern(
    r"(?<!\w)(?:diagnosticad[oa]|enferm[oa]\b|enfermedad|cancer|tumor|positivo en|"
    r"ha dado positivo|ingresad[oa]|hospitalizad[oa]|discapacidad|grado de dependencia|"
    r"embarazada|salud mental|depresion|quimioterapia|en tratamiento|tratamiento medico)"
)
_AGE = LazyPattern(r"(?<![\w.,])(\d{1,2})\s+años(?!\w)")
ADULT = 18


@cache
def given_names() -> frozenset[str]:
    return frozenset(fold(name) for name in load_json("given_names.json")["names"])


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around text[start:end]."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 160), start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    return begin, after.start() if after else len(text)


def private_names(text: str, profile: TownProfile) -> list[tuple[int, int]]:
    """Spans of names that look like a private person's: a title (Sr., Dña.) or a
    common given name plus a surname, unless it is a registered official."""
    spans: list[tuple[int, int]] = [m.span() for m in _TITLED.finditer(text)]
    names = given_names()
    for match in _CAPITALISED.finditer(text):
        if fold(match.group(1)) in names:
            spans.append(match.span())
    officials = profile.official_names
    return [
        (s, e)
        for s, e in spans
        if not any(o in fold(text[s:e]) or fold(text[s:e]) in o for o in officials)
    ]


def _near_name(names: list[tuple[int, int]], text: str, start: int, end: int) -> bool:
    begin, finish = _sentence(text, start, end)
    return any(begin <= s and e <= finish and (start - e < 80 and s - end < 40) for s, e in names)


def check_personal_data(
    text: str, language: Language, profile: TownProfile = EMPTY
) -> list[Finding]:
    """Block valid DNI/NIE/IBAN, health and minors' data and contacts next to a private
    person's name; warn on unregistered mobiles and e-mails (see the module docstring)."""
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
    names: list[tuple[int, int]] | None = None

    def contact(start: int, end: int, check: bool) -> None:
        nonlocal names
        if names is None:
            names = private_names(text, profile)
        if _near_name(names, text, start, end):
            findings.append(
                Finding("personal_data", "block", start, end, CONTACT_OF_PERSON(language))
            )
        elif check:
            findings.append(Finding("personal_data", "warn", start, end, CONTACT_CHECK(language)))

    for match in PHONE.finditer(text):
        if profile.has_phone(match.group()):
            continue
        contact(match.start(), match.end(), phone_digits(match.group())[:1] in ("6", "7"))
    for match in EMAIL.finditer(text):
        if not profile.has_email(match.group()):
            contact(match.start(), match.end(), True)
    for match in _IBAN_START.finditer(text):
        end = _iban_end(text, match.start())
        if end is not None:
            findings.append(
                Finding("personal_data", "block", match.start(), end, IBAN_FOUND(language))
            )
    findings += _special_categories(text, language, profile, names)
    return findings


def _special_categories(
    text: str, language: Language, profile: TownProfile, names: list[tuple[int, int]] | None
) -> list[Finding]:
    """Health data or a child's age in the sentence of a private person's name."""
    folded = fold(text)
    health = list(_HEALTH.finditer(folded))
    ages = [m for m in _AGE.finditer(folded) if int(m.group(1)) < ADULT]
    if not health and not ages:
        return []
    people = names if names is not None else private_names(text, profile)
    findings: list[Finding] = []
    for match, message in [(m, HEALTH_FOUND) for m in health] + [(m, MINOR_FOUND) for m in ages]:
        begin, finish = _sentence(text, match.start(), match.end())
        if any(begin <= s and e <= finish for s, e in people):
            findings.append(
                Finding("personal_data", "block", match.start(), match.end(), message(language))
            )
    return findings
