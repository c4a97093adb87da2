"""Meta's Graph API, shared by the Facebook Page and Instagram adapters.

- One API version (`GRAPH_VERSION`) for every request; the base address is
  the real one unless the account says otherwise (the tests' local server).
- The token travels in the `Authorization: Bearer` header, never in a URL.
  The one exception is `debug_token`, whose `input_token` is a query
  parameter by Meta's design; the token is registered with the `Redactor`
  before that request, so no log line or error detail shows it.
- Pages of results are followed with the `after` cursor and our own
  parameters, never through `paging.next`: Meta writes the token into that URL.
- Every error reply is classified by Meta's `code` and `error_subcode` (and
  `is_transient`) into the typed errors of `networks.base`, each with a
  Spanish and English text saying what the clerk should do.
- Rate use: `X-App-Usage`, `X-Page-Usage` and `X-Business-Use-Case-Usage`
  report how much of the hourly allowance is used (percent). At 100 % the
  next write is refused here, before anything is sent, until Meta's
  `estimated_time_to_regain_access` has passed.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import (
    DUPLICATE,
    NeedsReconnect,
    NetworkError,
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    TemporaryError,
)
from smalltown_social.networks.http import (
    TEXT_REFUSED,
    TEXT_TEMPORARY,
    TEXT_UNKNOWN,
    HttpClient,
    HttpResponse,
)
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str
from smalltown_social.redaction import Redactor

log = logging.getLogger(__name__)

GRAPH_VERSION = "v25.0"
DEFAULT_GRAPH_SERVER = "https://graph.facebook.com"
PAGE_SIZE = 25
USAGE_LIMIT = 100  # percent
DEFAULT_WAIT = timedelta(minutes=15)
RESTRICTED_WAIT = timedelta(hours=1)

# Meta's error codes (developers.facebook.com/docs/graph-api/guides/error-handling
# and the Instagram Platform's error codes), grouped by what the clerk must do.
RECONNECT_CODES = frozenset({102, 190})
RECONNECT_SUBCODES = frozenset({458, 459, 460, 463, 464, 467, 492})
RATE_CODES = frozenset({4, 17, 32, 613, 80001})
TEMPORARY_CODES = frozenset({1, 2, 341})
RESTRICTED_CODES = frozenset({368})
DUPLICATE_CODE = 506
PERMISSION_CODES = frozenset({10, *range(200, 300)})
MEDIA_SUBCODES = frozenset(
    {2207004, 2207005, 2207009, 2207010, 2207026, 2207052, 2207057, 1363024, 1363026, 1363040}
)
MEDIA_CODES = frozenset({324, 36000, 36001, 36003, 9004})
TEMPORARY_SUBCODES = frozenset({2207001, 2207003, 2207027, 2207032})
NOT_FOUND_SUBCODES = frozenset({33})

TEXT_EXPIRED = Text(
    "La clave de acceso de {network} ha caducado o se ha retirado (por ejemplo, porque la "
    "persona que la creó cambió su contraseña o dejó de administrar la página). Vuelva a "
    "conectar la cuenta en Cuentas. No se ha publicado nada.",
    "The {network} access key has expired or was withdrawn (for example, the person who "
    "created it changed their password or no longer manages the Page). Reconnect the account "
    "under Accounts. Nothing was published.",
)
TEXT_PERMISSION = Text(
    "A la clave de acceso de {network} le falta un permiso{which}. Vuelva a conectar la cuenta "
    "y marque todos los permisos que pide el asistente. No se ha publicado nada.",
    "The {network} access key lacks a permission{which}. Reconnect the account and tick every "
    "permission the wizard asks for. Nothing was published.",
)
TEXT_RATE = Text(
    "{network} pide esperar: esta cuenta ha hecho demasiadas peticiones en la última hora. Se "
    "volverá a intentar solo hacia las {at} (hora UTC). No se ha publicado nada.",
    "{network} asks to wait: this account made too many requests in the last hour. It will be "
    "tried again on its own around {at} (UTC). Nothing was published.",
)
TEXT_RESTRICTED = Text(
    "{network} ha restringido esta página o cuenta por ahora (posible incumplimiento de sus "
    "normas). Revise los avisos de la página en Meta Business Suite → Calidad de la cuenta. "
    "Se volverá a intentar dentro de una hora.",
    "{network} has restricted this Page or account for now (a possible breach of its rules). "
    "Check the Page's notices in Meta Business Suite → Account quality. It will be tried again "
    "in an hour.",
)
TEXT_MEDIA = Text(
    "{network} no acepta la imagen: {reason}. Para Instagram use una foto JPEG de menos de 8 MB "
    "con una proporción entre 4:5 (vertical) y 1,91:1 (horizontal).",
    "{network} does not accept the image: {reason}. For Instagram use a JPEG photo under 8 MB "
    "with a ratio between 4:5 (portrait) and 1.91:1 (landscape).",
)
TEXT_NOT_FOUND = Text(
    "{network} no encuentra la página o cuenta indicada, o esta clave no puede usarla. "
    "Compruebe el identificador y que la clave sea de esa página.",
    "{network} cannot find the given Page or account, or this key cannot use it. Check the "
    "identifier and that the key belongs to that Page.",
)

_PERMISSION_NAME = re.compile(
    r"\b((?:pages|instagram|read|publish|business)_[a-z_]+|instagram_basic)\b"
)


class GraphNotFound(PermanentError):
    """The object does not exist (any more), or this token cannot see it."""


@dataclass(frozen=True)
class GraphError:
    """The `error` object of a Graph API reply."""

    code: int = 0
    subcode: int = 0
    message: str = ""
    user_message: str = ""
    transient: bool = False

    @classmethod
    def of(cls, body: object) -> GraphError:
        error = as_dict(as_dict(body).get("error"))
        return cls(
            code=as_int(error.get("code")),
            subcode=as_int(error.get("error_subcode")),
            message=as_str(error.get("message"))[:300],
            user_message=as_str(error.get("error_user_msg"))[:300],
            transient=error.get("is_transient") is True,
        )


def usage_percent(headers: Mapping[str, str]) -> tuple[int, timedelta | None]:
    """The highest use (percent) in Meta's usage headers and the wait it announces, if any."""
    highest = 0
    wait: timedelta | None = None
    for name in ("X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"):
        value = _json(headers.get(name, ""))
        for key in ("call_count", "total_time", "total_cputime"):
            highest = max(highest, as_int(as_dict(value).get(key)))
    business = as_dict(_json(headers.get("X-Business-Use-Case-Usage", "")))
    for entries in business.values():
        for entry in as_list(entries):
            entry_dict = as_dict(entry)
            for key in ("call_count", "total_time", "total_cputime"):
                highest = max(highest, as_int(entry_dict.get(key)))
            minutes = as_int(entry_dict.get("estimated_time_to_regain_access"))
            if minutes > 0:
                candidate = timedelta(minutes=minutes)
                wait = candidate if wait is None else max(wait, candidate)
    return highest, wait


def classify(  # noqa: PLR0911 - one branch per group of Meta's codes
    response: HttpResponse, network: str, now: datetime
) -> NetworkError | None:
    """The typed error for a Graph API reply, or None for success."""
    if response.status < 400:
        return None
    try:
        body: object = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    error = GraphError.of(body)
    detail = f"HTTP {response.status}: code {error.code}/{error.subcode}: {error.message}"
    reason = error.user_message or error.message or f"HTTP {response.status}"
    _, wait = usage_percent(response.headers)
    reconnect = error.code in RECONNECT_CODES or error.subcode in RECONNECT_SUBCODES
    if reconnect or (response.status == 401 and not error.code):
        return NeedsReconnect(TEXT_EXPIRED.format(network=network), detail)
    if error.code in RATE_CODES or response.status == 429:
        until = now + (wait or DEFAULT_WAIT)
        text = TEXT_RATE.format(network=network, at=until.strftime("%H:%M"))
        return RateLimited(text, until, detail)
    if error.code in RESTRICTED_CODES:
        return TemporaryError(
            TEXT_RESTRICTED.format(network=network), detail, RESTRICTED_WAIT.total_seconds()
        )
    if error.code == DUPLICATE_CODE:
        return PermanentError(DUPLICATE.format(network=network), reason, detail)
    if error.subcode in MEDIA_SUBCODES or error.code in MEDIA_CODES:
        text = TEXT_MEDIA.format(network=network, reason=reason)
        return PermanentError(text, reason, detail)
    names = sorted(set(_PERMISSION_NAME.findall(error.message)))
    if error.code in PERMISSION_CODES or (error.code == 100 and "permission" in error.message):
        which = f" ({', '.join(names)})" if names else ""
        return NeedsReconnect(TEXT_PERMISSION.format(network=network, which=which), detail)
    if (
        error.code in TEMPORARY_CODES
        or error.subcode in TEMPORARY_SUBCODES
        or error.transient
        or response.status >= 500
    ):
        return TemporaryError(TEXT_TEMPORARY.format(server=network), detail)
    if error.subcode in NOT_FOUND_SUBCODES or response.status == 404:
        return GraphNotFound(TEXT_NOT_FOUND.format(network=network), reason, detail)
    return PermanentError(TEXT_REFUSED.format(server=network, reason=reason), reason, detail)


class GraphClient:
    """One account's Graph API connection: versioned paths, typed errors, usage tracking."""

    def __init__(
        self,
        server_url: str | None,
        token: str,
        redactor: Redactor,
        network: str,
        *,
        read_timeout_s: float | None = None,
    ) -> None:
        base = (server_url or DEFAULT_GRAPH_SERVER).rstrip("/")
        self.network = network
        self._token = token.strip()
        self._http = HttpClient(
            base_url=f"{base}/{GRAPH_VERSION}",
            redactor=redactor,
            server_name=network,
            headers={"Authorization": f"Bearer {self._token}"},
            secrets=(token,),
        )
        if read_timeout_s is not None:
            self._http.read_timeout_s = read_timeout_s
        self.server = urlsplit(base).netloc or base
        self.usage = 0
        self.blocked_until: datetime | None = None

    def __repr__(self) -> str:
        return f"<GraphClient {self.network} {self._http!r}>"

    def close(self) -> None:
        self._http.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self.call("GET", path, write=False, params=params)

    def post(
        self,
        path: str,
        data: Mapping[str, Any] | list[tuple[str, Any]],
        *,
        write: bool,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        return self.call("POST", path, write=write, data=data, files=files)

    def call(
        self,
        method: str,
        path: str,
        *,
        write: bool,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        """One request; the JSON object of a success, or a typed `NetworkError`."""
        response = self.send(method, path, write=write, params=params, data=data, files=files)
        error = classify(response, self.network, datetime.now(UTC))
        if error is not None:
            if isinstance(error, RateLimited):
                self.blocked_until = error.until
            raise error
        return response.json_object()

    def send(
        self,
        method: str,
        path: str,
        *,
        write: bool,
        params: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> HttpResponse:
        """Like `call` but any HTTP status comes back (transport failures still raise)."""
        now = datetime.now(UTC)
        if write and self.blocked_until is not None and now < self.blocked_until:
            at = self.blocked_until.strftime("%H:%M")
            text = TEXT_RATE.format(network=self.network, at=at)
            raise RateLimited(text, self.blocked_until, f"usage at {self.usage} %: not sent")
        response = self._http.send(
            method,
            path,
            write=write,
            params=params,
            data=data,
            files=files,
            read_timeout_s=120.0 if files else None,
        )
        self._note_usage(response, now)
        return response

    def pages(
        self, path: str, params: Mapping[str, Any], max_pages: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """Items of an edge, following the `after` cursor; (items, True if there were more)."""
        items: list[dict[str, Any]] = []
        query = dict(params)
        for _ in range(max_pages):
            body = self.get(path, query)
            items += [as_dict(entry) for entry in as_list(body.get("data"))]
            following = _next_page(as_dict(body.get("paging")))
            if following is None:
                return items, False
            query = {**dict(params), **following}
        return items, True

    def unknown(self, detail: str) -> OutcomeUnknown:
        return OutcomeUnknown(TEXT_UNKNOWN.format(server=self.network), detail)

    def _note_usage(self, response: HttpResponse, now: datetime) -> None:
        percent, wait = usage_percent(response.headers)
        if not percent and wait is None:
            return
        self.usage = percent
        if percent >= USAGE_LIMIT:
            self.blocked_until = now + (wait or DEFAULT_WAIT)
            log.warning("%s: usage at %d %%, writes held back", self.network, percent)


_PAGING_KEYS = ("after", "until", "since", "__paging_token")


def _next_page(paging: dict[str, Any]) -> dict[str, str] | None:
    """The parameters of the next page: a cursor, or the time window of `next` (token left out)."""
    following = as_str(paging.get("next"))
    if not following:
        return None
    after = as_str(as_dict(paging.get("cursors")).get("after"))
    if after:
        return {"after": after}
    query = dict(parse_qsl(urlsplit(following).query))
    found = {key: query[key] for key in _PAGING_KEYS if query.get(key)}
    return found or None


def _json(value: str) -> object:
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def graph_time(value: object) -> datetime | None:
    """Graph times look like `2021-08-10T18:45:03+0000`."""
    text = as_str(value)
    if not text:
        return None
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
