"""A Bluesky session kept in the keyring and refreshed, never a login per post.

The app password buys a session once (`createSession`, limited to 30 per
5 minutes and 300 a day). The session — access token (about 2 hours),
refresh token (about 90 days), DID and handle — is kept in the keyring as a
second entry next to the app password. When the server answers
`ExpiredToken` (an HTTP 400) the refresh token buys a new pair
(`refreshSession`); only when the refresh token itself is no longer accepted
does the app password log in again.

Windows Credential Manager keeps at most 2,560 bytes per entry (UTF-16), so
a session too big for that is stored without its access token: the next
start then refreshes once instead of reusing it.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import NeedsReconnect, NetworkError, PermanentError
from smalltown_social.networks.http import HttpClient, HttpResponse
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import MAX_SECRET_BYTES, SecretStore

log = logging.getLogger(__name__)

CREATE_SESSION = "/xrpc/com.atproto.server.createSession"
REFRESH_SESSION = "/xrpc/com.atproto.server.refreshSession"

TEXT_NO_HANDLE = Text(
    "Falta el nombre de usuario de Bluesky de esta cuenta (por ejemplo, ayuntamiento.bsky.social).",
    "This account's Bluesky handle is missing (for example, townhall.bsky.social).",
)
TEXT_LOGIN_REFUSED = Text(
    "Bluesky no acepta la contraseña de aplicación de esta cuenta. Cree una nueva en "
    "Bluesky (Ajustes → Privacidad y seguridad → Contraseñas de aplicación) y vuelva a "
    "conectar la cuenta en Cuentas.",
    "Bluesky does not accept this account's app password. Create a new one in Bluesky "
    "(Settings → Privacy and security → App passwords) and reconnect the account under "
    "Accounts.",
)


@dataclass(frozen=True)
class Session:
    did: str
    handle: str
    refresh_jwt: str
    access_jwt: str | None = None

    def to_secret(self) -> str:
        """Compact JSON under the keyring's size limit (without the access token if need be)."""
        fields: dict[str, str] = {"did": self.did, "handle": self.handle, "r": self.refresh_jwt}
        if self.access_jwt:
            whole = json.dumps({**fields, "a": self.access_jwt}, separators=(",", ":"))
            if _secret_bytes(whole) <= MAX_SECRET_BYTES:
                return whole
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def from_secret(cls, secret: str | None) -> Session | None:
        """The stored session, or None if absent or unreadable (then log in again)."""
        if not secret:
            return None
        try:
            data = json.loads(secret)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        values = {key: data.get(key) for key in ("did", "handle", "r", "a")}
        if not all(isinstance(values[key], str) and values[key] for key in ("did", "handle", "r")):
            return None
        access = values["a"] if isinstance(values["a"], str) and values["a"] else None
        return cls(str(values["did"]), str(values["handle"]), str(values["r"]), access)

    @classmethod
    def from_reply(cls, body: dict[str, Any]) -> Session | None:
        values = [body.get(key) for key in ("did", "handle", "refreshJwt", "accessJwt")]
        if not all(isinstance(value, str) and value for value in values):
            return None
        did, handle, refresh, access = (str(value) for value in values)
        return cls(did, handle, refresh, access)


def _secret_bytes(secret: str) -> int:
    return len(secret.encode("utf-16-le"))


def jwt_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT, read without checking it (only the server can check it)."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except ValueError:
        return {}
    return claims if isinstance(claims, dict) else {}


def error_name(response: HttpResponse) -> str:
    """The XRPC error name of a reply (`{"error": "ExpiredToken", …}`), or ""."""
    if response.status < 400:
        return ""
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    name = body.get("error") if isinstance(body, dict) else None
    return name if isinstance(name, str) else ""


class SessionKeeper:
    """Holds one account's session: from the keyring, refreshed, or from a login."""

    def __init__(
        self,
        http: HttpClient,
        secrets: SecretStore | None,
        *,
        secret_key: str,
        identifier: str | None,
        app_password: str,
        redactor: Redactor,
    ) -> None:
        self._http = http
        self._secrets = secrets
        self._key = secret_key
        self._identifier = (identifier or "").strip().lstrip("@")
        self._password = app_password.strip()
        self._redactor = redactor
        self._redactor.add(self._password)
        self._session: Session | None = None
        self._lock = threading.Lock()
        self.logins = 0  # createSession calls made by this keeper (tests read it)
        self.refreshes = 0

    def current(self) -> Session:
        """A session with an access token, from memory, the keyring or the server."""
        with self._lock:
            if self._session is None or not self._session.access_jwt:
                self._session = self._load()
                if self._session is None:
                    self._session = self._login()
                elif not self._session.access_jwt:
                    self._session = self._refresh(self._session)
            return self._session

    def refresh(self, stale: Session) -> Session:
        """A new session after the server said `stale`'s access token expired."""
        with self._lock:
            stored = self._load()
            if stored and stored.access_jwt and stored.access_jwt != stale.access_jwt:
                self._session = stored  # another part of the app refreshed already
            else:
                self._session = self._refresh(stored or stale)
            return self._session

    def forget(self) -> None:
        """Drop the session (memory and keyring), e.g. when the account is removed."""
        with self._lock:
            self._session = None
            if self._secrets is not None:
                self._secrets.delete(self._key)

    # --- internals ------------------------------------------------------

    def _load(self) -> Session | None:
        if self._secrets is None:  # checking a new account: the session lives in memory only
            return self._session
        session = Session.from_secret(self._secrets.get(self._key))
        if session is not None:
            self._remember_secrets(session)
        return session

    def _save(self, session: Session) -> Session:
        self._remember_secrets(session)
        if self._secrets is not None:
            self._secrets.set(self._key, session.to_secret())
        return session

    def _remember_secrets(self, session: Session) -> None:
        self._redactor.add(session.refresh_jwt)
        if session.access_jwt:
            self._redactor.add(session.access_jwt)

    def _login(self) -> Session:
        if not self._identifier:
            raise PermanentError(TEXT_NO_HANDLE, "no handle")
        self.logins += 1
        log.info("Bluesky: new session for %s", self._identifier)
        body = {"identifier": self._identifier, "password": self._password}
        response = self._http.send("POST", CREATE_SESSION, write=False, json_body=body)
        if response.status in (400, 401) and error_name(response) in _LOGIN_REFUSED:
            raise NeedsReconnect(TEXT_LOGIN_REFUSED, f"createSession: {error_name(response)}")
        return self._save(self._parse(response, "createSession"))

    def _refresh(self, session: Session) -> Session:
        self.refreshes += 1
        log.info("Bluesky: refreshing the session of %s", session.handle)
        headers = {"Authorization": f"Bearer {session.refresh_jwt}"}
        response = self._http.send("POST", REFRESH_SESSION, write=False, headers=headers)
        if error_name(response) in _REFRESH_REFUSED or response.status == 401:
            log.info("Bluesky: refresh token no longer accepted; logging in again")
            return self._login()
        return self._save(self._parse(response, "refreshSession"))

    def _parse(self, response: HttpResponse, what: str) -> Session:
        failure: NetworkError | None = self._http.error_for(response)
        if failure is not None:
            raise failure
        session = Session.from_reply(response.json_object())
        if session is None:
            raise response.garbled(f"{what}: reply without did, handle or tokens")
        return session


_LOGIN_REFUSED = frozenset({"AuthenticationRequired", "AuthFactorTokenRequired"})
_REFRESH_REFUSED = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired"})

# A callable the adapter gives requests that need the session's access token.
Sender = Callable[[Session], HttpResponse]
