"""OAuth 1.0a request signing (HMAC-SHA1) for X's user context, through oauthlib.

Why a library and not our own ~60 lines of HMAC: the signature itself is
easy, the signature base string is where hand-written signers go wrong
(percent-encoding of "~", "+" and spaces, repeated and sorted query
parameters, which bodies are signed). oauthlib (RFC 5849, actively released)
is small, pure Python and needs nothing else; requests-oauthlib is not used:
its last release is from 2024 and it only adds the ten lines of glue below.

Only the two public identifiers (API key, access token) and the signature
travel, in the `Authorization` header; the two secrets never leave this
computer. JSON and multipart bodies are not part of an OAuth 1.0a signature;
query parameters are, and requests has put them in the URL by the time
`__call__` runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from oauthlib.oauth1 import Client
from requests.auth import AuthBase


@dataclass(frozen=True, repr=False)
class OAuth1Keys:
    """The four values of the X developer console, for one account."""

    api_key: str
    api_secret: str
    access_token: str
    access_secret: str

    def __repr__(self) -> str:
        return "<OAuth1Keys hidden>"

    @classmethod
    def parse(cls, text: str) -> OAuth1Keys | None:
        """`API_KEY API_SECRET ACCESS_TOKEN ACCESS_SECRET` separated by blanks; None if not four."""
        parts = text.split()
        if len(parts) != 4:
            return None
        return cls(*parts)

    def joined(self) -> str:
        """The form kept in the keyring: one entry, the four values separated by spaces."""
        return " ".join((self.api_key, self.api_secret, self.access_token, self.access_secret))


class OAuth1Signer(AuthBase):
    """A `requests` auth hook that signs each request with HMAC-SHA1."""

    def __init__(self, keys: OAuth1Keys, *, nonce: str | None = None, timestamp: str | None = None):
        # nonce and timestamp are fixed only by tests (the X documentation's example).
        self._keys = keys
        self._nonce = nonce
        self._timestamp = timestamp

    def __repr__(self) -> str:
        return "<OAuth1Signer>"

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        client = Client(
            self._keys.api_key,
            client_secret=self._keys.api_secret,
            resource_owner_key=self._keys.access_token,
            resource_owner_secret=self._keys.access_secret,
            nonce=self._nonce,
            timestamp=self._timestamp,
        )
        content_type = str(request.headers.get("Content-Type", ""))
        form = content_type.startswith("application/x-www-form-urlencoded")
        body = request.body if form and isinstance(request.body, str | bytes) else None
        if isinstance(body, bytes):
            body = body.decode("ascii")
        headers = {"Content-Type": content_type} if form else {}
        _url, signed, _body = client.sign(
            str(request.url), http_method=str(request.method), body=body, headers=headers
        )
        request.headers["Authorization"] = signed["Authorization"]
        return request
