"""Meta's error codes and subcodes → the typed errors and what the clerk is told."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from requests.structures import CaseInsensitiveDict

from smalltown_social.networks.base import (
    NeedsReconnect,
    NetworkError,
    PermanentError,
    RateLimited,
    TemporaryError,
)
from smalltown_social.networks.graph import GraphNotFound, classify, graph_time, usage_percent
from smalltown_social.networks.http import HttpResponse
from tests.networks.graph_fake import graph_error, recorded

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def reply(body: object, status: int = 400, **headers: str) -> HttpResponse:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return HttpResponse(status, CaseInsensitiveDict(headers), raw, "Facebook", write=True)


@pytest.mark.parametrize(
    ("code", "subcode", "status", "kind", "words"),
    [
        (190, 463, 400, NeedsReconnect, "ha caducado"),
        (190, 460, 400, NeedsReconnect, "cambió su contraseña"),
        (102, 0, 400, NeedsReconnect, "Vuelva a conectar"),
        (200, 0, 403, NeedsReconnect, "le falta un permiso"),
        (10, 0, 400, NeedsReconnect, "le falta un permiso"),
        (4, 0, 400, RateLimited, "demasiadas peticiones"),
        (17, 0, 400, RateLimited, "demasiadas peticiones"),
        (32, 0, 400, RateLimited, "demasiadas peticiones"),
        (613, 0, 400, RateLimited, "demasiadas peticiones"),
        (1, 0, 500, TemporaryError, "pasajero"),
        (2, 0, 503, TemporaryError, "pasajero"),
        (368, 1390008, 400, TemporaryError, "restringido"),
        (506, 0, 400, PermanentError, "igual a una publicación reciente"),
        (36003, 2207009, 400, PermanentError, "no acepta la imagen"),
        (9004, 2207052, 400, PermanentError, "no acepta la imagen"),
        (9007, 2207027, 400, TemporaryError, "pasajero"),
        (100, 33, 400, GraphNotFound, "no encuentra"),
        (1609005, 0, 400, PermanentError, "lo ha rechazado"),
    ],
)
def test_codes_become_typed_errors_with_what_to_do(
    code: int, subcode: int, status: int, kind: type[NetworkError], words: str
) -> None:
    error = classify(reply(graph_error(code, "message", subcode), status), "Facebook", NOW)
    assert type(error) is kind
    assert error is not None and words in error.text.es and error.text.en


def test_the_recorded_permission_error_names_the_permission() -> None:
    error = classify(reply(recorded("base/error_data.json")), "Facebook", NOW)
    assert isinstance(error, NeedsReconnect) and "pages_read_engagement" in error.text.es


def test_is_transient_is_temporary() -> None:
    body = graph_error(9999, "Something odd")
    body["error"]["is_transient"] = True
    assert isinstance(classify(reply(body), "Instagram", NOW), TemporaryError)


def test_an_html_error_page_is_temporary_or_refused_never_a_crash() -> None:
    page = b"<html><body>502 Bad Gateway</body></html>"
    assert isinstance(classify(reply(page, 502), "Facebook", NOW), TemporaryError)
    refused = classify(reply(page, 400), "Facebook", NOW)
    assert isinstance(refused, PermanentError) and "HTTP 400" in refused.text.es


def test_usage_headers_and_regain_time() -> None:
    headers = CaseInsensitiveDict(
        {
            "X-App-Usage": json.dumps({"call_count": 12, "total_time": 96, "total_cputime": 3}),
            "X-Page-Usage": "not json",
            "X-Business-Use-Case-Usage": json.dumps(
                {"1": [{"type": "pages", "call_count": 40, "estimated_time_to_regain_access": 7}]}
            ),
        }
    )
    assert usage_percent(headers) == (96, timedelta(minutes=7))
    limited = classify(
        reply(graph_error(4, "Application request limit"), 400, **headers), "Facebook", NOW
    )
    assert isinstance(limited, RateLimited) and limited.until == NOW + timedelta(minutes=7)


def test_graph_times() -> None:
    assert graph_time("2021-08-10T18:45:03+0000") == datetime(2021, 8, 10, 18, 45, 3, tzinfo=UTC)
    assert graph_time("garbage") is None and graph_time(12) is None


def test_a_bare_401_asks_to_reconnect() -> None:
    assert isinstance(classify(reply(b"", 401), "Facebook", NOW), NeedsReconnect)
