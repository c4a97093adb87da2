"""Every request the X adapter sends, checked against X's own OpenAPI description.

openapi-core checks the path, the method, each query parameter (type,
pattern, enum, `style: form` lists) and the body for its content type (JSON
and multipart) against `tests/fixtures/x/openapi-subset.json`. Two checks
it does not make are added here: a query parameter the operation does not
declare is an error (openapi-core ignores it), and the OAuth 1.0a signature
in `Authorization` is recomputed independently (RFC 5849 §3.4, HMAC-SHA1),
an implementation checked against the example in X's documentation.

Replies the fake server sends are checked against the operation's response
schema too, so the fake cannot drift from what X returns.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote, unquote

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.networks.conftest import FIXTURES_DIR
from tests.networks.fake_server import Seen

SPEC_FILE = FIXTURES_DIR / "x" / "openapi-subset.json"
HOST = "https://api.x.com"


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC_FILE.read_text("utf-8"))
    return loaded


@cache
def api() -> OpenAPI:
    return OpenAPI.from_dict(spec())  # the subset itself is checked as a valid OpenAPI 3.0


@dataclass
class _Request:
    """openapi-core's request protocol, for one request the fake server received."""

    host_url: str
    path: str
    method: str
    parameters: RequestParameters
    content_type: str
    body: bytes | None


@dataclass
class _Response:
    status_code: int
    content_type: str
    headers: Headers
    data: bytes


def operation(method: str, path: str) -> tuple[str, dict[str, Any]]:
    """The path template and operation object that `path` and `method` match."""
    for template, item in spec()["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    raise AssertionError(f"{method} {path} is not an operation of X's API")


def _declared(op: dict[str, Any]) -> set[str]:
    names = set()
    for entry in op.get("parameters", []):
        parameter = entry
        if "$ref" in entry:
            parameter = spec()["components"]["parameters"][entry["$ref"].split("/")[-1]]
        if parameter["in"] == "query":
            names.add(parameter["name"])
    return names


def _request(seen: Seen) -> _Request:
    content_type = seen.headers.get("Content-Type", "")
    return _Request(
        host_url=HOST,
        path=seen.path,
        method=seen.method.lower(),
        parameters=RequestParameters(
            query=ImmutableMultiDict(seen.query),
            header=Headers(seen.headers),
            cookie=ImmutableMultiDict(),
        ),
        content_type=content_type,
        body=seen.body or None,
    )


def check_request(seen: Seen, keys: tuple[str, str, str, str]) -> None:
    """Fail unless `seen` is a valid request of X's API, correctly signed with `keys`."""
    _template, op = operation(seen.method, seen.path)
    undeclared = {name for name, _ in seen.query} - _declared(op)
    assert not undeclared, f"{seen.method} {seen.path}: undeclared query parameters {undeclared}"
    with warnings.catch_warnings():
        # openapi-core knows no "http: OAuth" scheme; the signature is checked below.
        warnings.filterwarnings("ignore", "Unsupported scheme type", UserWarning)
        api().validate_request(_request(seen))
    check_signature(seen, keys)


def check_reply(seen: Seen, status: int, body: Any) -> None:
    """Fail unless `body` is what X's API may answer to `seen` with `status`."""
    data = json.dumps(body).encode()
    response = _Response(status, "application/json", Headers(), data)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Unsupported scheme type", UserWarning)
        api().validate_response(_request(seen), response)


# --- OAuth 1.0a, written from RFC 5849 without oauthlib -----------------------------------


def _enc(value: str) -> str:
    return quote(value, safe="-._~")


def signature(
    method: str,
    base_uri: str,
    params: list[tuple[str, str]],
    consumer_secret: str,
    token_secret: str,
) -> str:
    """The HMAC-SHA1 signature of RFC 5849 §3.4 (params: query, form body and oauth_*)."""
    pairs = sorted((_enc(k), _enc(v)) for k, v in params if k != "oauth_signature")
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base = "&".join((method.upper(), _enc(base_uri), _enc(normalized)))
    key = f"{_enc(consumer_secret)}&{_enc(token_secret)}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def oauth_fields(header: str) -> dict[str, str]:
    assert header.startswith("OAuth "), f"not an OAuth 1.0a header: {header[:10]!r}"
    fields = re.findall(r'(\w+)="([^"]*)"', header)
    return {name: unquote(value) for name, value in fields}


def check_signature(seen: Seen, keys: tuple[str, str, str, str]) -> None:
    api_key, api_secret, access_token, access_secret = keys
    fields = oauth_fields(seen.headers.get("Authorization", ""))
    assert fields["oauth_consumer_key"] == api_key
    assert fields["oauth_token"] == access_token
    assert fields["oauth_signature_method"] == "HMAC-SHA1"
    assert fields["oauth_version"] == "1.0"
    assert api_secret not in seen.headers.get("Authorization", "")
    assert access_secret not in seen.headers.get("Authorization", "")
    host = seen.headers["Host"]
    params = [*seen.query, *((k, v) for k, v in fields.items() if k != "oauth_signature")]
    expected = signature(
        seen.method, f"http://{host}{seen.path}", params, api_secret, access_secret
    )
    assert fields["oauth_signature"] == expected, f"bad signature on {seen.method} {seen.path}"
