"""LinkedIn organisation page (Community Management API) with a token from an approved app.

- The API is only open to developer apps LinkedIn has vetted for the
  Community Management API. A town hall rarely has one; whoever holds such an
  app (a county office) generates a token for the page with the Token
  Generator (scopes `w_organization_social r_organization_social`) and gives
  it to the clerk. The keyring keeps it. Tokens last 60 days: the account's
  expiry is set to 60 days after it was connected (the daily key check keeps
  that date) and the clerk is warned ahead (Accounts page, tray). Refresh
  tokens are only issued to approved partners; with one, the line on standard
  input is `ACCESS_TOKEN REFRESH_TOKEN CLIENT_ID CLIENT_SECRET` and `verify`
  (the daily key check) renews the access token when it has 7 days or less
  left, keeping the new one in the keyring.
- Every call sends `LinkedIn-Version: YYYYMM` and `X-Restli-Protocol-Version:
  2.0.0`; URNs in paths are percent-encoded.
- Posts: `POST /rest/posts` as `urn:li:organization:ID`; 201 with the post URN
  in `x-restli-id`. The commentary is in LinkedIn's "little" text format:
  `\\ | { } @ [ ] ( ) < > # * _ ~` are reserved and escaped with a backslash
  (unescaped, LinkedIn cuts the text at the first one), except in links and
  hashtags, which stay links and hashtags.
- Images: `POST /rest/images?action=initializeUpload`, then the bytes with
  `PUT` to the upload URL it returns; the alt text goes in the post.
- No idempotency key: `find` lists the page's latest posts and matches the
  text, created after the claim and not recorded for another target.
- Inbox: comments on the page's latest posts (`/rest/socialActions/{urn}/comments`);
  a reply is a comment with `parentComment`. Counts: `/rest/socialActions/{urn}`
  (likes and comments; reposts would need `rw_organization_admin`).
- Errors `{status, serviceErrorCode, message}`; 429 comes without headers and
  the daily limits reset at midnight UTC.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.guidance.textutil import SCHEME_URL, trim_url
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import ItemKind
from smalltown_social.core.networks import rules_for
from smalltown_social.networks.base import (
    NOT_SUPPORTED,
    Capabilities,
    Content,
    Extras,
    Identity,
    InboxBatch,
    Media,
    Metrics,
    NeedsReconnect,
    NetworkError,
    PermanentError,
    Published,
    RateLimited,
    RemoteItem,
    ReplyTo,
    TemporaryError,
    cannot_tell,
    duplicate,
)
from smalltown_social.networks.http import HttpClient, HttpResponse
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore

DEFAULT_SERVER = "https://api.linkedin.com"
OAUTH_SERVER = "https://www.linkedin.com"
# A monthly API version; LinkedIn keeps each one for about a year (202505 was sunset in 2026).
LINKEDIN_VERSION = "202605"
RESTLI_VERSION = "2.0.0"
TOKEN_LIFETIME = timedelta(days=60)
REFRESH_AHEAD = timedelta(days=7)
RULES = rules_for(Network.LINKEDIN)
FIND_PAGE = 20
INBOX_POSTS = 10  # the page's latest posts whose comments are read
UPLOAD_TIMEOUT_S = 120.0
RESERVED = frozenset("\\|{}@[]()<>#*_~")

TEXT_NO_ORGANIZATION = Text(
    "Falta el número de la página de LinkedIn (la organización), por ejemplo 2414183. Está en "
    "la dirección de la página de administración: linkedin.com/company/2414183/admin.",
    "The LinkedIn page (organisation) number is missing, for example 2414183. It is in the "
    "address of the page's admin view: linkedin.com/company/2414183/admin.",
)
TEXT_TOKEN_REFUSED = Text(
    "LinkedIn no acepta la clave de esta cuenta: ha caducado (duran 60 días), se ha revocado o "
    "está mal copiada. Pida una nueva a quien gestiona la aplicación de LinkedIn (por ejemplo, "
    "la diputación) y vuelva a conectar la cuenta en Cuentas. No se ha publicado nada.",
    "LinkedIn does not accept this account's key: it expired (they last 60 days), was revoked "
    "or was copied wrongly. Ask whoever runs the LinkedIn app (for example, the county office) "
    "for a new one and reconnect the account under Accounts. Nothing was posted.",
)
TEXT_NOT_ALLOWED = Text(
    "LinkedIn no deja publicar en esta página con esta clave: la persona que la generó debe "
    "ser administradora de la página y la aplicación necesita el permiso "
    "w_organization_social (Community Management API). No se ha publicado nada.",
    "LinkedIn does not allow posting on this page with this key: whoever generated it must be "
    "an administrator of the page and the app needs the w_organization_social permission "
    "(Community Management API). Nothing was posted.",
)
TEXT_RATE_LIMITED = Text(
    "LinkedIn ha llegado a su límite diario de publicaciones; se vuelve a poner a cero a "
    "medianoche (UTC). Se volverá a intentar solo.",
    "LinkedIn reached its daily posting limit; it resets at midnight (UTC). It will be tried "
    "again on its own.",
)
TEXT_TOO_LONG = Text(
    "El texto es demasiado largo para LinkedIn: {count} de {limit} caracteres. No se ha "
    "enviado nada.",
    "The text is too long for LinkedIn: {count} of {limit} characters. Nothing was sent.",
)
TEXT_IMAGE_REFUSED = Text(
    "LinkedIn ha rechazado la imagen: {reason}. No se ha publicado nada.",
    "LinkedIn refused the image: {reason}. Nothing was posted.",
)

_HASHTAG = re.compile(r"(?<![\w#])#\w+")


def escape_little(text: str) -> str:
    """`text` as plain text in LinkedIn's little format: links and hashtags kept as such."""
    kept: list[tuple[int, int]] = []
    for match in SCHEME_URL.finditer(text):
        kept.append((match.start(), match.start() + len(trim_url(match.group()))))
    for match in _HASHTAG.finditer(text):
        if not any(start <= match.start() < end for start, end in kept):
            kept.append((match.start(), match.end()))
    kept.sort()
    out: list[str] = []
    position = 0
    for start, end in kept:
        out.append(_escape(text[position:start]))
        out.append(text[start:end])
        position = end
    out.append(_escape(text[position:]))
    return "".join(out)


def unescape_little(text: str) -> str:
    """LinkedIn's little text back to what a person reads (for matching our own posts)."""
    text = re.sub(r"\{hashtag\|\\?#\|([^}]*)\}", r"#\1", text)
    text = re.sub(r"@\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\\(.)", r"\1", text)


def _escape(plain: str) -> str:
    return "".join(f"\\{char}" if char in RESERVED else char for char in plain)


def _urn_path(urn: str) -> str:
    return quote(urn, safe="")


def _describe(response: HttpResponse) -> dict[str, Any]:
    try:
        return as_dict(json.loads(response.body.decode("utf-8")))
    except (UnicodeDecodeError, ValueError):
        return {}


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> LinkedInAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return LinkedInAdapter(account, secret, redactor, extras.secrets)


class LinkedInAdapter:
    def __init__(
        self,
        account: Account,
        secret: str,
        redactor: Redactor,
        secrets: SecretStore | None = None,
    ) -> None:
        self.account = account
        organization = (account.channel or "").strip().removeprefix("urn:li:organization:")
        if not organization.isdigit():
            raise PermanentError(TEXT_NO_ORGANIZATION, "no organization id")
        self.organization = f"urn:li:organization:{organization}"
        parts = secret.split()
        # `ACCESS_TOKEN`, or `ACCESS_TOKEN REFRESH_TOKEN CLIENT_ID CLIENT_SECRET` (partners).
        self._refresh = tuple(parts[1:4]) if len(parts) == 4 else None
        self._secrets = secrets
        self._redactor = redactor
        self._http = self._client(parts[0] if parts else "", (secret, *parts))

    def _client(self, token: str, secrets: tuple[str, ...]) -> HttpClient:
        return HttpClient(
            base_url=self.account.server_url or DEFAULT_SERVER,
            redactor=self._redactor,
            server_name="LinkedIn",
            headers={
                "Authorization": f"Bearer {token}",
                "LinkedIn-Version": LINKEDIN_VERSION,
                "X-Restli-Protocol-Version": RESTLI_VERSION,
            },
            secrets=secrets,
        )

    def _refresh_if_due(self) -> datetime | None:
        """With a refresh token, renew an access token that has < 7 days left; its new expiry."""
        expires = self.account.expires_utc
        now = datetime.now(UTC)
        if self._refresh is None or self._secrets is None:
            return None
        if expires is not None and expires - now > REFRESH_AHEAD:
            return None
        refresh, client_id, client_secret = self._refresh
        oauth = HttpClient(
            base_url=self.account.server_url or OAUTH_SERVER,
            redactor=self._redactor,
            server_name="LinkedIn",
            secrets=(refresh, client_secret),
        )
        try:
            response = oauth.send(
                "POST",
                "/oauth/v2/accessToken",
                write=False,  # a lost reply leaves the old token working: ask again
                data={
                    "grant_type": "refresh_token",
                    "refresh_token": refresh,
                    "client_id": client_id,
                    "client_secret": client_secret,
                },
            )
        finally:
            oauth.close()
        if response.status in (400, 401):
            raise NeedsReconnect(TEXT_TOKEN_REFUSED, f"refresh refused: HTTP {response.status}")
        error = oauth.error_for(response)
        if error is not None:
            raise error
        body = response.json_object()
        token = as_str(body.get("access_token"))
        if not token:
            raise response.garbled("refresh without access_token")
        self._redactor.add(token)
        new_refresh = as_str(body.get("refresh_token")) or refresh
        self._redactor.add(new_refresh)
        self._secrets.set(
            self.account.secret_key, " ".join((token, new_refresh, client_id, client_secret))
        )
        self._refresh = (new_refresh, client_id, client_secret)
        self._http.close()
        self._http = self._client(token, (token, new_refresh))
        lifetime = as_int(body.get("expires_in"), int(TOKEN_LIFETIME.total_seconds()))
        return now + timedelta(seconds=lifetime)

    def __repr__(self) -> str:
        return f"<LinkedInAdapter {self.account.name!r} {self.organization}>"

    # --- requests and errors ------------------------------------------------------

    def _call(self, method: str, path: str, *, write: bool, **kwargs: Any) -> HttpResponse:
        response = self._http.send(method, path, write=write, **kwargs)
        error = self._error(response)
        if error is not None:
            raise error
        return response

    def _error(self, response: HttpResponse) -> NetworkError | None:
        status = response.status
        if status < 400:
            return None
        body = _describe(response)
        reason = as_str(body.get("message"))[:300]
        detail = f"HTTP {status} ({as_int(body.get('serviceErrorCode'))}): {reason}"
        if status == 401:
            return NeedsReconnect(TEXT_TOKEN_REFUSED, detail)
        if status == 403:
            return NeedsReconnect(TEXT_NOT_ALLOWED, detail)
        if status == 429:
            midnight = (datetime.now(UTC) + timedelta(days=1)).replace(
                hour=0, minute=0, second=0, microsecond=0
            )
            return RateLimited(TEXT_RATE_LIMITED, midnight, detail)
        if status == 422 and "duplicate" in reason.lower():
            return PermanentError(duplicate(Network.LINKEDIN), "duplicate content", detail)
        return self._http.error_for(response)

    # --- limits and identity ----------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.LINKEDIN,
            replies=True,
            hide_comments=False,
            delete_comments=True,  # the page's own comments
            direct_messages=False,
            metrics=True,  # likes and comments; reposts need a scope these tokens lack
            idempotent_publish=False,
        )

    def verify(self) -> Identity:
        renewed = self._refresh_if_due()
        number = self.organization.rsplit(":", 1)[1]
        body = self._call("GET", f"/rest/organizations/{number}", write=False).json_object()
        name = as_str(body.get("localizedName")) or as_str(
            as_dict(as_dict(body.get("name")).get("localized")).get("es_ES")
        )
        vanity = as_str(body.get("vanityName"))
        return Identity(
            name=name or number,
            handle=vanity or self.organization,
            permissions=("w_organization_social", "r_organization_social"),
            # 60 days from when the token was connected; a later check keeps that date.
            expires_utc=renewed or self.account.expires_utc or datetime.now(UTC) + TOKEN_LIFETIME,
        )

    # --- publishing -------------------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        if len(content.text) > RULES.max_length:
            raise PermanentError(
                TEXT_TOO_LONG.format(count=len(content.text), limit=RULES.max_length),
                "commentary over the limit",
            )
        if content.reply_to is not None:
            return self.reply(content.reply_to, content.text, idempotency_key)
        body: dict[str, Any] = {
            "author": self.organization,
            "commentary": escape_little(content.text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        images = [(self._upload(item), item.alt_text[: RULES.alt_text_max]) for item in media]
        if len(images) == 1:
            urn, alt = images[0]
            body["content"] = {"media": {"id": urn, "altText": alt}}
        elif images:
            entries = [{"id": urn, "altText": alt} for urn, alt in images]
            body["content"] = {"multiImage": {"images": entries}}
        response = self._call("POST", "/rest/posts", write=True, json_body=body)
        urn = response.headers.get("x-restli-id", "").strip()
        if not urn.startswith("urn:li:"):
            raise response.garbled("post created without x-restli-id")
        return Published(urn, post_url(urn), datetime.now(UTC))

    def _upload(self, media: Media) -> str:
        try:
            start = self._call(
                "POST",
                "/rest/images",
                write=False,
                params={"action": "initializeUpload"},
                json_body={"initializeUploadRequest": {"owner": self.organization}},
            ).json_object()
            value = as_dict(start.get("value"))
            upload_url, urn = as_str(value.get("uploadUrl")), as_str(value.get("image"))
            if not self._ours(upload_url) or not urn.startswith("urn:li:image:"):
                raise PermanentError(
                    TEXT_IMAGE_REFUSED.format(reason="no upload URL"), "no upload URL"
                )
            self._call(
                "PUT",
                upload_url,
                write=False,
                data=media.data,
                headers={"Content-Type": media.mime_type},
                read_timeout_s=UPLOAD_TIMEOUT_S,
            )
        except PermanentError as error:
            reason = (error.reason or error.detail).rstrip(". ")
            raise PermanentError(
                TEXT_IMAGE_REFUSED.format(reason=reason), reason, error.detail
            ) from None
        return urn

    def _ours(self, url: str) -> bool:
        """Only LinkedIn's own hosts (or the configured server) get the token with the bytes."""
        host = urlsplit(url).hostname or ""
        own = urlsplit(self._http.base_url).hostname or ""
        return host == own or (url.startswith("https://") and host.endswith(".linkedin.com"))

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        wanted = " ".join(content.text.split())
        body = self._call(
            "GET",
            "/rest/posts",
            write=False,
            params={
                "author": self.organization,
                "q": "author",
                "count": FIND_PAGE,
                "sortBy": "CREATED",
            },
        ).json_object()
        elements = [as_dict(e) for e in as_list(body.get("elements"))]
        oldest: datetime | None = None
        for post in elements:
            urn = as_str(post.get("id"))
            created = _millis(post.get("createdAt"))
            if created is not None:
                oldest = created if oldest is None else min(oldest, created)
            if not urn or urn in exclude or created is None or created < since:
                continue
            if " ".join(unescape_little(as_str(post.get("commentary"))).split()) == wanted:
                return Published(urn, post_url(urn), created)
        if len(elements) < FIND_PAGE or (oldest is not None and oldest < since):
            return None  # every post since the claim was seen
        raise TemporaryError(
            cannot_tell(Network.LINKEDIN), "more posts since the claim than one page"
        )

    # --- inbox: comments on the page's latest posts ------------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        seen_ms = int(cursor) if cursor and cursor.isdigit() else 0
        posts = self._call(
            "GET",
            "/rest/posts",
            write=False,
            params={"author": self.organization, "q": "author", "count": INBOX_POSTS},
        ).json_object()
        items: list[RemoteItem] = []
        newest = seen_ms
        for entry in as_list(posts.get("elements")):
            post_urn = as_str(as_dict(entry).get("id"))
            if not post_urn:
                continue
            comments = self._call(
                "GET", f"/rest/socialActions/{_urn_path(post_urn)}/comments", write=False
            ).json_object()
            for raw in as_list(comments.get("elements")):
                comment = as_dict(raw)
                created_ms = as_int(as_dict(comment.get("created")).get("time"))
                actor = as_str(comment.get("actor"))
                urn = as_str(comment.get("commentUrn")) or as_str(comment.get("$URN"))
                if not urn or created_ms <= seen_ms or actor == self.organization:
                    continue
                newest = max(newest, created_ms)
                parent = as_str(comment.get("parentComment")) or None
                items.append(
                    RemoteItem(
                        remote_id=urn,
                        kind=ItemKind.REPLY if parent else ItemKind.COMMENT,
                        text=as_str(as_dict(comment.get("message")).get("text")),
                        created_utc=datetime.fromtimestamp(created_ms / 1000, UTC),
                        author_name=actor,
                        author_handle=actor,
                        url=post_url(post_urn),
                        parent_remote_id=parent or post_urn,
                        root_remote_id=post_urn,
                    )
                )
        return InboxBatch(tuple(items), str(newest) if newest else cursor)

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        post_urn = to.root_remote_id or to.remote_id
        body: dict[str, Any] = {
            "actor": self.organization,
            "object": post_urn,
            "message": {"text": text},
        }
        if to.remote_id != post_urn:
            body["parentComment"] = to.remote_id
        response = self._call(
            "POST",
            f"/rest/socialActions/{_urn_path(post_urn)}/comments",
            write=True,
            json_body=body,
        )
        urn = response.headers.get("x-restli-id", "").strip() or as_str(
            response.json_object().get("commentUrn")
        )
        if not urn:
            raise response.garbled("comment created without its URN")
        return Published(urn, post_url(post_urn), datetime.now(UTC))

    def cancel_scheduled(self, remote_id: str) -> None:
        raise PermanentError(NOT_SUPPORTED, "no server-side scheduling through the API")

    def hide(self, item: ReplyTo) -> None:
        raise PermanentError(NOT_SUPPORTED, "LinkedIn's API cannot hide a comment")

    def delete(self, item: ReplyTo) -> None:
        path = f"/rest/posts/{_urn_path(item.remote_id)}"
        response = self._http.send("DELETE", path, write=True)
        if response.status == 404:
            return
        error = self._error(response)
        if error is not None:
            raise error

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        """Likes and comments from each post's social actions (`r_organization_social`).

        LinkedIn's repost counts (organizationalEntityShareStatistics) need the
        page-admin scope `rw_organization_admin`, which these tokens do not
        carry: reposts are named in `missing_permissions`. A post LinkedIn no
        longer has (404) is left out: it is gone.
        """
        found: dict[str, Metrics] = {}
        for urn in remote_ids:
            response = self._http.send("GET", f"/rest/socialActions/{_urn_path(urn)}", write=False)
            if response.status == 404:
                continue
            error = self._error(response)
            if error is not None:
                raise error
            body = response.json_object()
            likes = as_dict(body.get("likesSummary"))
            comments = as_dict(body.get("commentsSummary"))
            found[urn] = Metrics(
                likes=as_int(likes.get("totalLikes", likes.get("aggregatedTotalLikes"))),
                replies=as_int(
                    comments.get("aggregatedTotalComments", comments.get("totalFirstLevelComments"))
                ),
                missing_permissions=("rw_organization_admin",),
            )
        return found

    def close(self) -> None:
        self._http.close()


def post_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


def _millis(value: object) -> datetime | None:
    number = as_int(value, -1)
    return datetime.fromtimestamp(number / 1000, UTC) if number >= 0 else None
