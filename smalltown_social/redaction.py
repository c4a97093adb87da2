"""Hide credentials in any text before it is written anywhere.

The promise is that a token never leaves the keyring except in the request
that uses it. Logs, crash reports and error messages all pass through one
`Redactor`, built once by the composition root and handed to everything that
writes text. It hides two kinds of things:

- secrets it was told about (`add()`): every value read from or written to the
  keyring, matched exactly, also in every form `requests`, urllib3 and JSON
  give it (percent-encoded with `%20` or `+`, `\\u20ac`, bytes reprs, the
  base64 of a Basic authorization header; see `_variants`);
- credentials it was never told about, by shape: authorization headers,
  token/password parameters, known JSON fields, JWTs, Telegram bot tokens and
  Bluesky app passwords.

Logging happens from worker threads, so `add()` and `redact()` are safe to
call concurrently: the alternation of known secrets is rebuilt under a lock
and swapped in as one object, and `redact()` only reads that reference.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import threading
from collections.abc import Callable
from urllib.parse import quote, quote_plus

HIDDEN = "«oculto»"
MIN_SECRET_LENGTH = 6

_QUOTED_VALUE = r"""'[^'\n]*'|"[^"\n]*"|[^\s&'"#<>,;)\]}]+"""
_PARAMETER_NAMES = r"(?:[a-z]+_)?token|password|passwd|client_secret|api_key|apikey|app_password"
_JSON_FIELDS = (
    r"accessJwt|refreshJwt|password|access_token|refresh_token|id_token|"
    r"client_secret|app_password|token"
)

# Order matters only where two patterns could overlap; each keeps the name of
# what it hides so the text still says what was there.
_PATTERNS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # https://api.telegram.org/bot<token>/sendMessage (also malformed tokens)
    (re.compile(r"(api\.telegram\.org/(?:file/)?bot)[^/\s'\"?#]+", re.IGNORECASE), rf"\1{HIDDEN}"),
    # Authorization: Bearer x / 'Authorization': 'Basic x' / authorization=Token x
    (
        re.compile(
            r"""(\b(?:proxy-)?authorization\\?['"]?\s*[:=]\s*\\?['"]?\s*)"""
            r"""(?:(bearer|basic|token|dpop|digest)\s+)?[^\s'"\\,}]+""",
            re.IGNORECASE,
        ),
        lambda m: f"{m[1]}{m[2]} {HIDDEN}" if m[2] else f"{m[1]}{HIDDEN}",
    ),
    # a bare "Bearer <token>" anywhere else
    (re.compile(r"\b(bearer)\s+[A-Za-z0-9\-._~+/]{8,}=*", re.IGNORECASE), rf"\1 {HIDDEN}"),
    # "accessJwt": "…" / 'password': '…' / {\"password\":\"…\"}
    (
        re.compile(
            rf"""(\\?(["'])(?:{_JSON_FIELDS})\\?\2\s*:\s*)(\\?(["']))(?:\\.|(?!\4).)*?\3""",
            re.IGNORECASE,
        ),
        rf"\1\3{HIDDEN}\3",
    ),
    # access_token=… / ?token=… / password='…' (query strings, form bodies, reprs)
    (
        re.compile(rf"(?<![A-Za-z0-9])((?:{_PARAMETER_NAMES})\s*=\s*)(?:{_QUOTED_VALUE})", re.I),
        rf"\1{HIDDEN}",
    ),
    # JWT: header.payload.signature, header and payload are base64url JSON
    (re.compile(r"\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*"), HIDDEN),
    # Telegram bot token: 123456789:AA… (35-character tail)
    (re.compile(r"(?<![0-9])[0-9]{6,12}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"), HIDDEN),
    # Bluesky app password: xxxx-xxxx-xxxx-xxxx (lowercase, at least one letter)
    (
        re.compile(r"(?<![\w-])(?=[0-9-]{0,18}[a-z])[a-z0-9]{4}(?:-[a-z0-9]{4}){3}(?![\w-])"),
        HIDDEN,
    ),
)


class Redactor:
    """Replaces known secrets and credential-shaped text with `«oculto»`.

    Build one per application and pass it to everything that writes text.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        self._known: re.Pattern[str] | None = None

    def add(self, secret: str) -> None:
        """Remember a secret value; values shorter than 6 characters are ignored.

        Very short values would hide ordinary words and numbers everywhere and
        are not real tokens anyway.
        """
        # Also without surrounding blanks: a pasted token often brings a newline.
        candidates = _variants(secret) | _variants(secret.strip())
        variants = {variant for variant in candidates if len(variant) >= MIN_SECRET_LENGTH}
        if not variants:
            return
        with self._lock:
            if variants <= self._secrets:
                return
            self._secrets |= variants
            # Longest first, so a secret that contains another is hidden whole.
            ordered = sorted(self._secrets, key=len, reverse=True)
            self._known = re.compile("|".join(re.escape(value) for value in ordered))

    def redact(self, text: str) -> str:
        """Return `text` with every known secret and credential-shaped value hidden."""
        known = self._known  # one read: a concurrent add() swaps the whole pattern
        if known is not None:
            text = known.sub(HIDDEN, text)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def __repr__(self) -> str:
        # Never the secrets themselves, only how many there are.
        return f"<Redactor with {len(self._secrets)} known values>"


# What `requests` leaves unescaped when it re-quotes a URL it was given
# (`requests.utils.requote_uri`): a token in a URL path (Telegram) keeps these.
_REQUOTE_SAFE = "!#$%&'()*+,/:;=?@[]~"
_PERCENT_HEX = re.compile(r"%[0-9A-F]{2}")


def _variants(secret: str) -> set[str]:
    """The secret as `requests`, urllib3, JSON and log lines may show it.

    URL forms (percent-encoding with `%20` or `+`, what `requote_uri` leaves
    alone, lower-case hex), the str's repr, HTML escapes (an error page
    echoing it), JSON escapes (`\\u20ac`, `\\u20AC`, `\\/`),
    the bytes' repr (`\\xe2\\x82\\xac`) and base64 as in a Basic
    authorization header, in UTF-8 and, where it fits, Latin-1.
    """
    if not secret:
        return set()
    variants = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    variants |= {repr(secret)[1:-1], html.escape(secret), html.escape(secret, quote=False)}
    variants |= {_upper_json_escapes(form) for form in set(variants)}
    variants |= {form.replace("/", "\\/") for form in set(variants)}
    for encoding in ("utf-8", "latin-1"):
        # Lone surrogates have no encoded form, € has no Latin-1 one: the rest still applies.
        with contextlib.suppress(UnicodeEncodeError):
            encoded = secret.encode(encoding)
            variants.add(repr(encoded)[2:-1])
            variants |= _base64_forms(encoded)
            for safe in ("", "/", _REQUOTE_SAFE):
                for quoting in (quote, quote_plus):
                    url_form = quoting(secret, safe=safe, encoding=encoding)
                    variants |= {url_form, _PERCENT_HEX.sub(lambda m: m[0].lower(), url_form)}
    return variants


def _upper_json_escapes(form: str) -> str:
    return re.sub(r"\\u[0-9a-f]{4}", lambda m: m[0][:2] + m[0][2:].upper(), form)


def _base64_forms(encoded: bytes) -> set[str]:
    """The part of base64 that depends only on the secret, at each of the 3 alignments.

    In `Basic base64(user:password)` the password starts at an offset the
    redactor cannot know; the characters that carry only its bits are the same
    whatever came before, and so is the ending when the secret ends the value.
    """
    forms: set[str] = set()
    for offset in range(3):
        padded = b"\0" * offset + encoded
        for text in (base64.b64encode(padded), base64.urlsafe_b64encode(padded)):
            start = -(-8 * offset // 6)  # the first character without a bit of the prefix
            whole_groups = 4 * (len(padded) // 3)  # later characters may take bits of a suffix
            forms.add(text[start:whole_groups].decode("ascii"))
            forms.add(text[start:].decode("ascii"))  # the secret ends the value
    return forms
