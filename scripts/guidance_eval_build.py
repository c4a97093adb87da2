# ruff: noqa: E501
"""Write tests/data/guidance_eval.json from the templates (run once; the file is committed).

    .venv/bin/python scripts/guidance_eval_build.py

Towns, people, numbers and addresses are invented (phone numbers are random,
DNI/NIE/IBAN have valid check digits so the rules must see them). Every
template gives three posts: as written, with the town's hashtag and a link
appended, and as a list with emoji bullets, the way real posts are typed.
Citizen messages come as written, without accents or opening ¿ (as many are
typed on a phone), and with a greeting or in capitals. Half of the templates
of each category (the odd ones) are held out: tune on "tune", report on "test".
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guidance_eval_messages import MESSAGES
from guidance_eval_posts import CATEGORIES, FRESH

from smalltown_social.core.guidance.personal_data import DNI_LETTERS
from smalltown_social.core.guidance.textutil import fold

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "guidance_eval.json"

TOWNS = [
    ("Valdelomar", "valdelomar.es"), ("Villarrubia del Campo", "villarrubiadelcampo.es"),
    ("Torremocha de la Vega", "torremochadelavega.es"), ("Fuentelsaz", "fuentelsaz.es"),
    ("San Martín del Río", "sanmartindelrio.es"), ("Alcolea de Pinares", "alcoleadepinares.es"),
    ("Navalcruz", "navalcruz.es"), ("Hontanar", "aytohontanar.es"),
]  # fmt: skip
STREETS = [
    "Mayor",
    "Real",
    "de la Iglesia",
    "del Sol",
    "Cervantes",
    "de las Eras",
    "Nueva",
    "del Río",
]
PLACES = [
    "de España",
    "del Ayuntamiento",
    "de la Constitución",
    "San Roque",
    "de los Olmos",
    "Mayor",
]
DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "septiembre", "octubre"]
OFFICIALS = [
    "Ana Ruiz", "Javier Gómez Sanz", "Marta Sánchez", "Luis Herrero", "Pilar Moreno Gil",
    "Carlos Delgado", "Rosa Martín", "Fernando Ortega", "Elena Castro", "Miguel Prieto",
]  # fmt: skip
PRIVATE = [
    "María López", "José García", "Carmen Fernández", "Antonio Pérez", "Lucía Romero",
    "Manuel Navarro", "Isabel Torres", "Francisco Ramos", "Teresa Vidal", "Pedro Molina",
]  # fmt: skip
ASSOCS = [
    "la Asociación de Mujeres Las Eras", "el Club de Jubilados San Roque",
    "la Peña Los Amigos", "la Banda de Música Santa Cecilia", "la AMPA del colegio",
]  # fmt: skip
COMPANIES = ["Cárnicas del Valle", "Talleres Hermanos Gil", "Cooperativa La Vega"]
FRIENDS = ["lucia_gr", "pepe.martin", "anita89", "javi_mtz"]


def _phone(rng: random.Random, first: str) -> str:
    digits = first + "".join(rng.choice("0123456789") for _ in range(8))
    return f"{digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def _dni(rng: random.Random) -> str:
    number = rng.randrange(10_000_000, 99_999_999)
    return f"{number}{DNI_LETTERS[number % 23]}"


def _nie(rng: random.Random) -> str:
    lead = rng.randrange(3)
    number = rng.randrange(1_000_000, 9_999_999)
    return f"{'XYZ'[lead]}{number}{DNI_LETTERS[int(f'{lead}{number}') % 23]}"


def _iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("0123456789") for _ in range(20))
    check = 98 - int(bban + "142800") % 97  # E=14, S=28, then "00"
    iban = f"ES{check:02d}{bban}"
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _handle(name: str, rng: random.Random) -> str:
    first, *rest = fold(name).split()
    styles = [
        f"@{first.capitalize()}{rest[0].capitalize()}",
        f"@{first}_{rest[0]}",
        f"@{first[0]}{rest[0]}",
    ]
    return rng.choice(styles)


def _slots(rng: random.Random) -> dict[str, str]:
    town, domain = rng.choice(TOWNS)
    month = rng.choice(MONTHS)
    day1 = rng.randrange(1, 20)
    official, official2 = rng.sample(OFFICIALS, 2)
    assoc = rng.choice(ASSOCS)
    assoc_word = fold(assoc.split()[-1]).replace(" ", "")
    return {
        "town": town,
        "towntag": town.replace(" ", ""),
        "web": domain,
        "street": rng.choice(STREETS),
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "date": f"{day1} de {month}",
        "date2": f"{day1 + rng.randrange(3, 9)} de {month}",
        "official": official,
        "official2": official2,
        "handle": _handle(official, rng),
        "handle2": _handle(official2, rng),
        "private": rng.choice(PRIVATE),
        "assoc": assoc,
        "company": rng.choice(COMPANIES),
        "amount": rng.choice(
            ["80.000", "120.000", "45.300", "1,2 millones de", "250.000", "18.500"]
        ),
        "town_phone": _phone(rng, "9"),
        "town_mobile": _phone(rng, "6"),
        "town_mobile2": _phone(rng, "6"),
        "water_mobile": _phone(rng, "6"),
        "health_phone": _phone(rng, "9"),
        "private_mobile": _phone(rng, "6"),
        "private_mail": f"{fold(rng.choice(PRIVATE)).replace(' ', '.')}{rng.randrange(10, 99)}@gmail.com",
        "assoc_mail": f"{assoc_word}{rng.choice(['.asociacion', '_mujeres', 'jubilados', ''])}@{rng.choice(['gmail.com', 'hotmail.com', 'yahoo.es'])}",
        "staff_mail": f"{fold(official.split()[0])}.{fold(official.split()[1])}@{domain}",
        "youth_mail": f"pij@{domain}",
        "dni": _dni(rng),
        "nie": _nie(rng),
        "iban": _iban(rng),
        "friend": rng.choice(FRIENDS),
    }


def _bulleted(text: str) -> str:
    parts = [
        p.strip() for p in text.replace("! ", "!|").replace(". ", ".|").split("|") if p.strip()
    ]
    bullets = ["📅", "📍", "ℹ️", "👉", "✅"]
    return "\n".join(f"{bullets[i % len(bullets)]} {p}" for i, p in enumerate(parts))


def _post_variant(text: str, slots: dict[str, str], variant: int) -> str:
    if variant == 1:
        return (
            f"{text}\n\nMás información: https://www.{slots['web']}/noticias\n#{slots['towntag']}"
        )
    if variant == 2:
        return _bulleted(text)
    return text


def _message_variant(text: str, variant: int, rng: random.Random) -> str:
    if variant == 1:
        plain = fold(text).replace("¿", "").replace("¡", "")
        return plain
    if variant == 2:
        if len(text) < 25:
            return text.upper()
        if fold(text).startswith(("hola", "buen")):
            return text + " Gracias."
        return rng.choice(["Hola, ", "Buenos días, "]) + text[0].lower() + text[1:]
    return text


def build() -> dict[str, Any]:
    rng = random.Random(15)
    posts: list[dict[str, Any]] = []
    for name, category in [*CATEGORIES.items(), *FRESH.items()]:
        for index, template in enumerate(category["templates"]):
            for variant in range(3):
                slots = _slots(rng)
                text = _post_variant(template.format(**slots), slots, variant)
                posts.append(
                    {
                        "id": f"{name}-{index}-{variant}",
                        "half": "test" if index % 2 or name in FRESH else "tune",
                        "category": name,
                        "text": text,
                        "symbolic": category["symbolic"],
                        "service": category["service"],
                        "electoral": category["electoral"],
                        "block": category["block"],
                        "personal": category["personal"],
                        "profile": {
                            "town": slots["town"],
                            "phones": [
                                slots["town_phone"],
                                slots["town_mobile"],
                                slots["water_mobile"],
                            ],
                            "domains": [slots["web"]],
                        },
                    }
                )
    messages: list[dict[str, Any]] = []
    for name, message_category in MESSAGES.items():
        for index, template in enumerate(message_category["templates"]):
            seen: set[str] = set()
            for variant in range(3):
                text = _message_variant(template.format(**_slots(rng)), variant, rng)
                if text in seen:
                    continue
                seen.add(text)
                label = message_category["label"]
                messages.append(
                    {
                        "id": f"{name}-{index}-{variant}",
                        "half": "test" if index % 2 else "tune",
                        "category": name,
                        "text": text,
                        "label": label,
                        "needs_answer": label in ("Consulta", "Queja", "Incidencia", "Sugerencia"),
                    }
                )
    return {
        "_about": "Evaluation set for the guidance and the inbox labels, written for the project "
        "(see scripts/guidance_eval_build.py). Tune on 'tune', report on 'test'.",
        "posts": posts,
        "messages": messages,
    }


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['posts'])} posts, {len(data['messages'])} messages -> {OUT}")


if __name__ == "__main__":
    main()
