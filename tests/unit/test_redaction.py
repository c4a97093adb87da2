"""Redactor: known secrets and credential-shaped text are hidden, ordinary text is not."""

from __future__ import annotations

import base64
import html
import json
import re
import threading
from urllib.parse import quote, quote_plus

import pytest
import requests

from smalltown_social.redaction import HIDDEN, Redactor

TELEGRAM = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
JWT = (
    "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ"
    ".eyJzY29wZSI6ImNvbS5hdHByb3RvLmFjY2VzcyIsInN1YiI6ImRpZDpwbGM6YWJjIn0"
    ".c2lnbmF0dXJlLWJ5dGVz"
)


def test_known_secret_is_hidden_everywhere() -> None:
    redactor = Redactor()
    redactor.add("s3cr3t-value-42")
    assert redactor.redact("a s3cr3t-value-42 b s3cr3t-value-42") == f"a {HIDDEN} b {HIDDEN}"


def test_known_secret_is_hidden_in_url_and_json_forms() -> None:
    redactor = Redactor()
    secret = 'p/ss+wörd "quoted"'
    redactor.add(secret)
    for form in (quote(secret, safe=""), 'p/ss+w\\u00f6rd \\"quoted\\"', secret):
        assert redactor.redact(f"[{form}]") == f"[{HIDDEN}]"


def test_short_and_empty_values_are_ignored() -> None:
    redactor = Redactor()
    redactor.add("")
    redactor.add("abc12")
    assert redactor.redact("abc12 se queda") == "abc12 se queda"


def test_longest_secret_wins() -> None:
    redactor = Redactor()
    redactor.add("token-abcdef")
    redactor.add("token-abcdef-and-more")
    assert redactor.redact("x token-abcdef-and-more y") == f"x {HIDDEN} y"


def test_repr_does_not_reveal_secrets() -> None:
    redactor = Redactor()
    redactor.add("s3cr3t-value-42")
    assert "s3cr3t" not in repr(redactor)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authorization: Bearer abc.def-123", f"Authorization: Bearer {HIDDEN}"),
        (
            "{'Authorization': 'Bearer abcdefgh12', 'Accept': 'application/json'}",
            f"{{'Authorization': 'Bearer {HIDDEN}', 'Accept': 'application/json'}}",
        ),
        ('{"authorization": "Basic dXNlcjpwYXNz"}', f'{{"authorization": "Basic {HIDDEN}"}}'),
        ("sent with bearer abcdefghijkl", f"sent with bearer {HIDDEN}"),
        (
            "GET https://m.example/api/v1/x?access_token=abc123&limit=5",
            f"GET https://m.example/api/v1/x?access_token={HIDDEN}&limit=5",
        ),
        (
            "grant_type=refresh_token&refresh_token=r3fr&client_secret=s3c&client_id=pub",
            f"grant_type=refresh_token&refresh_token={HIDDEN}&client_secret={HIDDEN}&client_id=pub",
        ),
        ("login(user='ayto', password='hunter2')", f"login(user='ayto', password={HIDDEN})"),
        ("?token=abc", f"?token={HIDDEN}"),
        (
            '{"accessJwt": "abc", "refreshJwt":"def", "handle": "ayto.bsky.social"}',
            f'{{"accessJwt": "{HIDDEN}", "refreshJwt":"{HIDDEN}", "handle": "ayto.bsky.social"}}',
        ),
        ('{"password": "x y z"}', f'{{"password": "{HIDDEN}"}}'),
        ('{"access_token":"abc\\"def"}', f'{{"access_token":"{HIDDEN}"}}'),
        ('{\\"password\\": \\"abc\\"}', f'{{\\"password\\": \\"{HIDDEN}\\"}}'),
        (f"jwt {JWT} end", f"jwt {HIDDEN} end"),
        (f"bot token {TELEGRAM}.", f"bot token {HIDDEN}."),
        (
            f"POST https://api.telegram.org/bot{TELEGRAM}/sendMessage failed",
            f"POST https://api.telegram.org/bot{HIDDEN}/sendMessage failed",
        ),
        (
            "https://api.telegram.org/file/botNOT-A-REAL-TOKEN/photos/1.jpg",
            f"https://api.telegram.org/file/bot{HIDDEN}/photos/1.jpg",
        ),
        ("app password abcd-2efg-hij7-klmn ok", f"app password {HIDDEN} ok"),
    ],
)
def test_credentials_are_hidden_by_shape(text: str, expected: str) -> None:
    assert Redactor().redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pleno municipal a las 10:30 del 12/05/2025 en el salón de actos.",
        "Teléfono del ayuntamiento: 976 123 456 o +34 600-123-456.",
        "Referencia del expediente 1234-5678, registro 2025-0001-0002-0003.",
        "Horario: 09:00-14:00. Fiestas del 15-08-2025 al 20-08-2025.",
        "Authorization pending from the mayor.",  # no value after it
        "Basic information about the bearer of this token: password policy.",
        "El token de acceso caduca; la contraseña no se muestra.",
        "id 123e4567-e89b-12d3-a456-426614174000, hora 12:34:56",
        "Cuenta 12345:67890, pedido 123456:789",
        "Marcas: ABCD-EFGH-IJKL-MNOP, bien-hecho-esta-casa",
        "https://api.telegram.org/ y https://ayto.example/eventos?id=5&page=2",
    ],
)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert Redactor().redact(text) == text


def test_one_word_hyphenated_spanish_is_untouched() -> None:
    # Four groups of four letters is the app-password shape; a real sentence rarely is.
    assert Redactor().redact("casa-rural-bien-hecha") == "casa-rural-bien-hecha"


def test_add_and_redact_from_many_threads() -> None:
    redactor = Redactor()
    errors: list[str] = []
    secrets = [f"thread-secret-{n:04d}" for n in range(200)]

    def add_all(part: list[str]) -> None:
        for secret in part:
            redactor.add(secret)

    def redact_all() -> None:
        for _ in range(200):
            out = redactor.redact("nothing secret here, a las 10:30")
            if out != "nothing secret here, a las 10:30":
                errors.append(out)

    threads = [threading.Thread(target=add_all, args=(secrets[i::4],)) for i in range(4)]
    threads += [threading.Thread(target=redact_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    text = " ".join(secrets)
    assert redactor.redact(text) == " ".join([HIDDEN] * len(secrets))


# Issue #9, hole 9: a token with a space, "+", "/", "€" and other non-ASCII
# characters used to leak in the forms `requests` gives it in a URL path
# (`%20` beside a literal "+" and "/"), in lower-case hex, as bytes, in base64.
ODD = "ab cd+ef/gh€ñ Zq9 x'<&>\u200b"
ODD_LATIN1 = "ab cd+ef/ghñ Zq9 x"  # what a Basic authorization header can carry


def odd_forms(secret: str) -> list[str]:
    """How `requests`, urllib3 and JSON really show the secret (built by them, not by hand)."""
    prepared = requests.Request(
        "POST",
        f"http://h.example/bot{secret}/sendMessage",
        params={"access_token": secret},
        data={"password": secret},
    ).prepare()
    assert isinstance(prepared.body, str)
    path = (prepared.url or "").split("/bot", 1)[1].split("/sendMessage", 1)[0]
    query = (prepared.url or "").split("access_token=", 1)[1]
    forms = [
        secret,
        path,
        query,
        prepared.body.removeprefix("password="),
        re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), path),
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
        re.sub(r"\\u[0-9a-f]{4}", lambda m: "\\u" + m[0][2:].upper(), json.dumps(secret)[1:-1]),
        json.dumps(secret)[1:-1].replace("/", "\\/"),
        repr(secret.encode())[2:-1],
        repr(secret)[1:-1],
        html.escape(secret),
    ]
    return forms


@pytest.mark.parametrize("secret", [ODD, ODD_LATIN1])
def test_every_encoding_of_an_odd_token_is_hidden(secret: str) -> None:
    redactor = Redactor()
    redactor.add(secret)
    for form in odd_forms(secret):
        assert redactor.redact(f"<{form}>") == f"<{HIDDEN}>", form


@pytest.mark.parametrize("user", ["ayto", "ayuntamiento", "ayuntamient"])
def test_the_password_part_of_basic_authorization_is_hidden(user: str) -> None:
    """Wherever the password starts in `user:password`, its base64 is hidden."""
    redactor = Redactor()
    redactor.add(ODD_LATIN1)
    prepared = requests.Request("GET", "http://h.example/", auth=(user, ODD_LATIN1)).prepare()
    encoded = prepared.headers["Authorization"].removeprefix("Basic ")
    redacted = redactor.redact(f"<{encoded}>")  # a dump without the header's name
    assert redacted.endswith(f"{HIDDEN}>")
    visible = redacted.removeprefix("<").removesuffix(f"{HIDDEN}>")
    assert len(visible) <= len(base64.b64encode(f"{user}:".encode())) + 1


def test_odd_token_in_a_urllib3_line() -> None:
    redactor = Redactor()
    redactor.add(ODD)
    prepared = requests.Request("GET", f"http://h.example/bot{ODD}/getMe").prepare()
    line = f'http://h.example:80 "GET {prepared.path_url} HTTP/1.1" 200 17'
    assert redactor.redact(line) == f'http://h.example:80 "GET /bot{HIDDEN}/getMe HTTP/1.1" 200 17'
