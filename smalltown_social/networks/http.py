"""The one HTTP layer every adapter uses.

One `HttpClient` per account, each with its own `requests.Session`. Every
call has a timeout, TLS verification is always on, the credential travels in
a header (Telegram's Bot API is the exception: its token is part of the URL
path) and every secret is given to the `Redactor` before the first request,
so urllib3's DEBUG lines, our own log lines and error details hide it.

Transport failures become the error family of `networks.base`:

- connection refused, DNS failure, connect timeout, TLS failure → `Offline`
  (the request never left this computer);
- read timeout, connection reset, a truncated or garbled reply → on a write
  `OutcomeUnknown` (the server may have done it), on a read `TemporaryError`;
- 429 → `RateLimited` until the server's reset time (`Retry-After` or what the
  adapter's `describe` hook reads from the body or its own headers);
- 5xx → `TemporaryError`; 401/403 → `NeedsReconnect`; other 4xx →
  `PermanentError` with the server's reason.

Bodies are read up to `max_body_bytes`; a longer body is a typed error, not a
memory spike. Exceptions are raised outside `except` blocks so none carries a
`__context__` holding a `requests` object (whose `request.headers` keep the
bearer token).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import requests
import requests.adapters
from requests.auth import AuthBase
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import (
    ConnectTimeoutError,
    NewConnectionError,
    ProxyError,
)

from smalltown_social import __version__
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import (
    NeedsReconnect,
    NetworkError,
    Offline,
    OutcomeUnknown,
    PermanentError,
    RateLimited,
    TemporaryError,
)
from smalltown_social.redaction import Redactor

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0
# The longest wait a server's Retry-After / reset time may ask for.
MAX_SERVER_WAIT = timedelta(hours=24)
READ_TIMEOUT_S = 30.0
MAX_BODY_BYTES = 8 * 1024 * 1024
USER_AGENT = f"smalltown-social/{__version__}"
_REASON_MAX = 300

TEXT_OFFLINE = Text(
    "No hay conexión con {server}. Compruebe la conexión a internet; no se ha enviado nada.",
    "No connection to {server}. Check the internet connection; nothing was sent.",
)
TEXT_TLS = Text(
    "La conexión con {server} no es segura (su certificado no es válido). No se ha enviado "
    "nada. Si está en una red wifi pública, puede que pida iniciar sesión en el navegador.",
    "The connection to {server} is not secure (its certificate is not valid). Nothing was "
    "sent. On a public wifi network you may need to sign in through the browser first.",
)
TEXT_UNKNOWN = Text(
    "{server} no ha respondido a tiempo. Puede que la publicación se haya hecho: se "
    "comprobará antes de volver a intentarlo.",
    "{server} did not answer in time. The post may have gone out: this is checked before "
    "trying again.",
)
TEXT_TEMPORARY = Text(
    "{server} tiene un problema pasajero. Se volverá a intentar más tarde.",
    "{server} has a temporary problem. It will be tried again later.",
)
TEXT_GARBLED = Text(
    "{server} ha enviado una respuesta que no se entiende. Se volverá a intentar más tarde.",
    "{server} sent a reply that cannot be understood. It will be tried again later.",
)
TEXT_RATE_LIMITED = Text(
    "{server} pide esperar un poco antes de enviar más. Se volverá a intentar solo.",
    "{server} asks to wait a while before sending more. It will be tried again on its own.",
)
TEXT_RECONNECT = Text(
    "{server} ya no acepta la clave de acceso de esta cuenta. Vuelva a conectarla en Cuentas.",
    "{server} no longer accepts this account's access key. Reconnect it under Accounts.",
)
TEXT_UNENCODABLE = Text(
    "No se ha enviado nada a {server}: la clave de acceso de la cuenta o el texto contiene "
    "caracteres que no se pueden enviar (por ejemplo «€» en la clave). Vuelva a conectar la "
    "cuenta en Cuentas o revise el texto.",
    "Nothing was sent to {server}: the account's access key or the text contains characters "
    "that cannot be sent (for example “€” in the key). Reconnect the account under Accounts "
    "or check the text.",
)
TEXT_REFUSED = Text(
    "{server} lo ha rechazado: {reason}",
    "{server} refused it: {reason}",
)


@dataclass(frozen=True)
class HttpResponse:
    """A complete, size-capped reply. Never holds the request (nor its headers)."""

    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes
    server: str
    write: bool = False

    def json(self) -> Any:
        """The body as JSON; a non-JSON body (an HTML error page…) is a typed error."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            pass
        kind = self.headers.get("Content-Type", "?")
        raise self.garbled(f"HTTP {self.status}: not JSON ({len(self.body)} bytes of {kind})")

    def json_object(self) -> dict[str, Any]:
        value = self.json()
        if not isinstance(value, dict):
            raise self.garbled(f"HTTP {self.status}: expected a JSON object")
        return value

    def json_list(self) -> list[Any]:
        value = self.json()
        if not isinstance(value, list):
            raise self.garbled(f"HTTP {self.status}: expected a JSON list")
        return value

    def garbled(self, detail: str) -> NetworkError:
        """The error for a reply we cannot use: unknown outcome on a write."""
        if self.write:
            return OutcomeUnknown(TEXT_UNKNOWN.format(server=self.server), detail)
        return TemporaryError(TEXT_GARBLED.format(server=self.server), detail)


@dataclass(frozen=True)
class ErrorInfo:
    """What an adapter reads from an error reply."""

    reason: str = ""
    retry_at: datetime | None = None
    reconnect: bool = False  # the credential is the problem, whatever the status says


def default_describe(response: HttpResponse) -> ErrorInfo:
    """`{"error": …, "error_description": …}` (Mastodon) or `{"message": …}`."""
    reason = ""
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None
    if isinstance(body, dict):
        parts = [
            str(body[key])
            for key in ("error", "error_description", "message", "description")
            if isinstance(body.get(key), str | int) and str(body[key])
        ]
        reason = ": ".join(dict.fromkeys(parts))
    return ErrorInfo(reason=reason)


@dataclass
class HttpClient:
    """One account's connection to one server.

    `base_url` is the server (self-hosted instances and the tests' local
    servers included); `secrets` are registered with the redactor at once.
    """

    base_url: str
    redactor: Redactor
    server_name: str
    headers: Mapping[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    read_timeout_s: float = READ_TIMEOUT_S
    max_body_bytes: int = MAX_BODY_BYTES
    describe: Callable[[HttpResponse], ErrorInfo] = default_describe
    auth: AuthBase | None = None  # a request signer (X's OAuth 1.0a) instead of a fixed header
    _session: requests.Session = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for secret in self.secrets:
            self.redactor.add(secret)
        self.base_url = self.base_url.rstrip("/")
        session = requests.Session()
        session.verify = True
        session.trust_env = True  # a town hall proxy from the system settings
        # No hidden retries: the outbox decides, from the error class.
        adapter = requests.adapters.HTTPAdapter(max_retries=0)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        session.headers.update(dict(self.headers))
        session.auth = self.auth
        self._session = session

    def __repr__(self) -> str:
        return f"<HttpClient {self.redactor.redact(self.base_url)}>"

    def close(self) -> None:
        self._session.close()

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base_url}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        write: bool,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        data: Mapping[str, Any] | list[tuple[str, Any]] | bytes | None = None,
        json_body: Any = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        read_timeout_s: float | None = None,
    ) -> HttpResponse:
        """Send one request; return a 2xx/3xx reply or raise a `NetworkError`.

        `write=True` for anything that changes something on the server: a lost
        reply then means "may have happened" (`OutcomeUnknown`).
        """
        response = self.send(
            method,
            path,
            write=write,
            params=params,
            data=data,
            json_body=json_body,
            files=files,
            headers=headers,
            read_timeout_s=read_timeout_s,
        )
        error = self.error_for(response)
        if error is not None:
            raise error
        return response

    def send(
        self,
        method: str,
        path: str,
        *,
        write: bool,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        data: Mapping[str, Any] | list[tuple[str, Any]] | bytes | None = None,
        json_body: Any = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        read_timeout_s: float | None = None,
    ) -> HttpResponse:
        """Like `request` but any HTTP status comes back; only transport failures raise."""
        failure: NetworkError | None = None
        result: HttpResponse | None = None
        timeout = (self.connect_timeout_s, read_timeout_s or self.read_timeout_s)
        try:
            with self._session.request(
                method,
                self.url(path),
                params=params,
                data=data,
                json=json_body,
                files=files,
                headers=dict(headers or {}),
                timeout=timeout,
                verify=True,
                stream=True,
                allow_redirects=not write,
            ) as raw:
                result = self._read(raw, write)
        except NetworkError as error:
            failure = error
        except requests.exceptions.RequestException as error:
            failure = self._transport_error(error, write)
        except UnicodeError as error:
            # A header (the token) is encoded as Latin-1 before anything is sent. The
            # exception holds the whole value in `.object`: only its kind is kept.
            where = f"{type(error).__name__} ({getattr(error, 'encoding', '?')})"
            failure = PermanentError(
                TEXT_UNENCODABLE.format(server=self.server_name), "", f"{where} before sending"
            )
        if failure is not None:
            raise failure
        assert result is not None
        log.debug("%s %s → %s", method, self.redactor.redact(self.url(path)), result.status)
        return result

    def error_for(self, response: HttpResponse) -> NetworkError | None:  # noqa: PLR0911
        """The typed error for an HTTP error status, or None for success."""
        status = response.status
        if status < 400:
            return None
        info = self.describe(response)
        reason = self.redactor.redact(info.reason[:_REASON_MAX])
        detail = self.redactor.redact(f"HTTP {status}: {info.reason or _snippet(response.body)}")
        server = self.server_name
        if info.reconnect or status in (401, 403):
            return NeedsReconnect(TEXT_RECONNECT.format(server=server), detail)
        if status == 429:
            until = info.retry_at or _retry_after(response.headers) or _in(60)
            return RateLimited(TEXT_RATE_LIMITED.format(server=server), until, detail)
        if status >= 500:
            retry = _retry_after(response.headers)
            seconds = (retry - datetime.now(UTC)).total_seconds() if retry else None
            return TemporaryError(TEXT_TEMPORARY.format(server=server), detail, seconds)
        if status in (408, 425):
            if response.write:
                return OutcomeUnknown(TEXT_UNKNOWN.format(server=server), detail)
            return TemporaryError(TEXT_TEMPORARY.format(server=server), detail)
        shown = reason or f"HTTP {status}"
        return PermanentError(TEXT_REFUSED.format(server=server, reason=shown), reason, detail)

    # --- internals -------------------------------------------------------

    def _read(self, raw: requests.Response, write: bool) -> HttpResponse:
        declared = raw.headers.get("Content-Length", "")
        cap = self.max_body_bytes
        partial = HttpResponse(raw.status_code, raw.headers, b"", self.server_name, write)
        if declared.isdigit() and int(declared) > cap:
            raise partial.garbled(f"HTTP {raw.status_code}: body of {declared} bytes is too big")
        chunks: list[bytes] = []
        size = 0
        for chunk in raw.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > cap:
                raise partial.garbled(f"HTTP {raw.status_code}: body over {cap} bytes")
            chunks.append(chunk)
        headers: CaseInsensitiveDict[str] = CaseInsensitiveDict(dict(raw.headers))
        return HttpResponse(raw.status_code, headers, b"".join(chunks), self.server_name, write)

    def _transport_error(
        self, error: requests.exceptions.RequestException, write: bool
    ) -> NetworkError:
        server = self.server_name
        detail = self.redactor.redact(f"{type(error).__name__}: {error}")
        if isinstance(error, requests.exceptions.SSLError):
            return Offline(TEXT_TLS.format(server=server), detail)
        if isinstance(error, requests.exceptions.ConnectTimeout | requests.exceptions.ProxyError):
            return Offline(TEXT_OFFLINE.format(server=server), detail)
        if isinstance(error, requests.exceptions.ConnectionError) and _never_connected(error):
            return Offline(TEXT_OFFLINE.format(server=server), detail)
        if isinstance(
            error,
            requests.exceptions.InvalidURL
            | requests.exceptions.MissingSchema
            | requests.exceptions.InvalidSchema
            | requests.exceptions.URLRequired,
        ):
            reason = "dirección no válida / invalid address"
            text = TEXT_REFUSED.format(server=server, reason=reason)
            return PermanentError(text, "invalid server address", detail)
        # Read timeout, reset, truncated body, bad chunking: the request was sent.
        if write:
            return OutcomeUnknown(TEXT_UNKNOWN.format(server=server), detail)
        return TemporaryError(TEXT_TEMPORARY.format(server=server), detail)


def _never_connected(error: requests.exceptions.ConnectionError) -> bool:
    """True when the connection was never made (refused, DNS, unreachable).

    requests wraps urllib3's `MaxRetryError`, whose `reason` says why; walk
    the arguments, reasons and causes to find it.
    """
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectTimeoutError | ProxyError):
            return True
        linked = [*getattr(current, "args", ()), getattr(current, "reason", None)]
        linked += [current.__cause__, current.__context__]
        pending += [item for item in linked if isinstance(item, BaseException)]
    return False


def _retry_after(headers: Mapping[str, str]) -> datetime | None:
    """`Retry-After` as seconds or an HTTP date; `X-RateLimit-Reset` as ISO time or epoch.

    Never later than `MAX_SERVER_WAIT` from now, whatever the server says.
    """
    value = headers.get("Retry-After", "").strip()
    if value.isdigit():
        return _in(int(value))
    if value:
        try:
            return _capped(parsedate_to_datetime(value).astimezone(UTC))
        except (TypeError, ValueError, OverflowError):
            pass
    return parse_reset(headers.get("X-RateLimit-Reset", ""))


def parse_reset(value: str) -> datetime | None:
    """A reset time given as an ISO 8601 timestamp (Mastodon) or epoch seconds.

    Capped at `MAX_SERVER_WAIT` from now: `Retry-After: 99999999999` must not
    park a post until the year 5195 (nor overflow `datetime`).
    """
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        try:
            return _capped(datetime.fromtimestamp(int(value), UTC))
        except (OverflowError, OSError, ValueError):
            return _in(MAX_SERVER_WAIT.total_seconds())
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return _capped(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))


def _in(seconds: float) -> datetime:
    wait = min(max(seconds, 0.0), MAX_SERVER_WAIT.total_seconds())
    return datetime.now(UTC) + timedelta(seconds=wait)


def _capped(moment: datetime) -> datetime:
    return min(moment, datetime.now(UTC) + MAX_SERVER_WAIT)


def _snippet(body: bytes) -> str:
    return body[:120].decode("utf-8", "replace")
