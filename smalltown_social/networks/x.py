"""X (API v2), paid per use, with the four OAuth 1.0a values of the developer console.

- Every request is signed (`networks/oauth1.py`); the keyring keeps the four
  values as one entry, `API_KEY API_SECRET ACCESS_TOKEN ACCESS_SECRET`
  (about 180 ASCII characters: far below Windows' 2,560-byte limit).
- `POST /2/tweets` has no idempotency key. A lost reply or a 5xx after sending
  is an unknown outcome (`idempotent_publish=False`: the outbox never resends
  blindly); `find` then lists the account's own posts created since the claim
  (`GET /2/users/{id}/tweets?start_time=…`) and matches the text, leaving out
  the posts already recorded for other targets. A complete listing without it
  means "surely absent"; anything it cannot read is "cannot tell"
  (unconfirmed, for the clerk).
- Images: `POST /2/media/upload` (multipart, `media_category=tweet_image`),
  then the alt text with `POST /2/media/metadata`. An upload is not a post: a
  lost upload is simply done again.
- Length is checked before anything is sent (weighted characters, every link
  23): a post over 280 costs nothing and goes back to the clerk.
- Reading is paid too (mentions, metrics, own posts): the inbox and metrics
  only read when the clerk opted in (`read_paid`); otherwise they return
  nothing without a request.
- Errors: 401 wrong or revoked keys, 403 an app without "Read and write" (or
  a duplicate text, or a reply X does not allow), 402 / "credits" the prepaid
  balance is spent, 429 with `x-rate-limit-reset` (epoch seconds) or the
  24-hour user limit's own reset header.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.guidance.lengths import count_x_weighted
from smalltown_social.core.guidance.textutil import URL
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
from smalltown_social.networks.http import ErrorInfo, HttpClient, HttpResponse, parse_reset
from smalltown_social.networks.oauth1 import OAuth1Keys, OAuth1Signer
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str, parse_time
from smalltown_social.redaction import Redactor

DEFAULT_SERVER = "https://api.x.com"
RULES = rules_for(Network.X)
PAGE_SIZE = 100  # the most X returns in one page of a timeline
FIND_MAX_PAGES = 5
MEDIA_READ_TIMEOUT_S = 120.0

TEXT_FOUR_VALUES = Text(
    "Para X hacen falta cuatro valores de la consola de desarrollador, separados por espacios: "
    "API Key, API Key Secret, Access Token y Access Token Secret. No se ha guardado nada.",
    "X needs four values from the developer console, separated by spaces: API Key, API Key "
    "Secret, Access Token and Access Token Secret. Nothing was saved.",
)
TEXT_KEYS_REFUSED = Text(
    "X no acepta las claves de esta cuenta: están mal copiadas, se han regenerado o se han "
    "revocado. Cópielas de nuevo de la consola de desarrollador de X y vuelva a conectar la "
    "cuenta en Cuentas. No se ha publicado nada.",
    "X does not accept this account's keys: they were copied wrongly, regenerated or revoked. "
    "Copy them again from the X developer console and reconnect the account under Accounts. "
    "Nothing was posted.",
)
TEXT_READ_ONLY = Text(
    "La aplicación de X de esta cuenta solo tiene permiso de lectura. En la consola de "
    "desarrollador de X, abra la aplicación → «User authentication settings» → permisos "
    "«Read and write»; después regenere el Access Token y su secreto (los antiguos siguen "
    "siendo de solo lectura) y vuelva a conectar la cuenta. No se ha publicado nada.",
    "This account's X app only has read permission. In the X developer console, open the app "
    "→ “User authentication settings” → “Read and write” permissions; then regenerate the "
    "Access Token and its secret (the old ones stay read-only) and reconnect the account. "
    "Nothing was posted.",
)
TEXT_NO_CREDITS = Text(
    "Se ha acabado el saldo prepagado de la cuenta de desarrollador de X. No se ha publicado "
    "nada ni se ha cobrado. Recargue saldo en la consola de desarrollador de X y vuelva a "
    "programar la publicación.",
    "The prepaid balance of the X developer account is used up. Nothing was posted or "
    "charged. Add credit in the X developer console and schedule the post again.",
)
TEXT_REPLY_NOT_ALLOWED = Text(
    "X no deja responder aquí: una aplicación solo puede responder a quien mencionó o citó a "
    "la cuenta. Responda desde la web o la aplicación de X.",
    "X does not allow replying here: an app may only reply to someone who mentioned or quoted "
    "the account. Reply from the X website or app.",
)
TEXT_RATE_LIMITED = Text(
    "X pide esperar hasta las {time} (UTC) antes de enviar más. Se volverá a intentar solo.",
    "X asks to wait until {time} (UTC) before sending more. It will be tried again on its own.",
)
TEXT_TOO_LONG = Text(
    "El texto es demasiado largo para X: {count} de 280 caracteres ponderados (los emoji "
    "cuentan 2 y cada enlace 23). No se ha enviado nada ni se ha cobrado.",
    "The text is too long for X: {count} of 280 weighted characters (emoji count 2 and each "
    "link 23). Nothing was sent or charged.",
)
TEXT_IMAGE_REFUSED = Text(
    "X ha rechazado la imagen: {reason}. No se ha publicado nada. Pruebe con otra imagen "
    "(JPEG o PNG de menos de 5 MB).",
    "X refused the image: {reason}. Nothing was posted. Try another image (JPEG or PNG under "
    "5 MB).",
)

_PERMISSION_WORDS = ("oauth1-permissions", "oauth1 app permissions", "not permitted", "client")
_LEADING_MENTIONS = re.compile(r"^(?:@\w+\s+)+")


def _problem(response: HttpResponse) -> dict[str, Any]:
    """X's error body: `{title, detail, type, status}` or `{errors: [...]}`; {} if neither."""
    try:
        body = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    body = as_dict(body)
    if "title" in body or "detail" in body:
        return body
    errors = as_list(body.get("errors"))
    return as_dict(errors[0]) if errors else body


def _describe(response: HttpResponse) -> ErrorInfo:
    """X's own words for the clerk: the problem's `detail`, else its `title`."""
    problem = _problem(response)
    words = as_str(problem.get("detail")) or as_str(problem.get("title"))
    return ErrorInfo(reason=words or as_str(problem.get("message")))


def _reset(response: HttpResponse) -> datetime | None:
    """When X lets this account send again: the 15-minute window or the 24-hour user limit."""
    headers = response.headers
    resets = [parse_reset(headers.get("x-rate-limit-reset", ""))]
    if headers.get("x-user-limit-24hour-remaining", "").strip() == "0":
        resets.append(parse_reset(headers.get("x-user-limit-24hour-reset", "")))
    known = [moment for moment in resets if moment is not None]
    return max(known) if known else None


def build(account: Account, secret: str, redactor: Redactor, extras: Extras) -> XAdapter:
    """The registry's entry point: networks/registry.py finds this module by the network's id."""
    return XAdapter(account, secret, redactor, read_paid=extras.read_paid)


class XAdapter:
    def __init__(
        self,
        account: Account,
        secret: str,
        redactor: Redactor,
        *,
        read_paid: bool = False,
        signer: OAuth1Signer | None = None,
    ) -> None:
        self.account = account
        keys = OAuth1Keys.parse(secret)
        if keys is None:
            raise PermanentError(TEXT_FOUR_VALUES, "not four values")
        values = (keys.api_key, keys.api_secret, keys.access_token, keys.access_secret)
        self._http = HttpClient(
            base_url=account.server_url or DEFAULT_SERVER,
            redactor=redactor,
            server_name="X",
            secrets=(secret, *values),
            describe=_describe,
            auth=signer or OAuth1Signer(keys),
        )
        self._read_paid = read_paid
        self._user_id: str | None = None
        self._username = (account.handle or "").lstrip("@")

    def __repr__(self) -> str:
        return f"<XAdapter {self.account.name!r} {self._http!r}>"

    # --- requests and errors ----------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        write: bool,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        data: dict[str, Any] | None = None,
        read_timeout_s: float | None = None,
    ) -> HttpResponse:
        response = self._http.send(
            method,
            path,
            write=write,
            params=params,
            json_body=json_body,
            files=files,
            data=data,
            read_timeout_s=read_timeout_s,
        )
        error = self._error(response)
        if error is not None:
            raise error
        return response

    def _error(self, response: HttpResponse) -> NetworkError | None:  # noqa: PLR0911
        status = response.status
        if status < 400:
            return None
        problem = _problem(response)
        reason = " ".join(
            as_str(problem.get(key)) for key in ("title", "detail", "message", "reason")
        ).strip()
        words = f"{reason} {as_str(problem.get('type'))}".lower()
        detail = f"HTTP {status}: {reason or response.body[:120].decode('utf-8', 'replace')}"
        if status == 401:
            return NeedsReconnect(TEXT_KEYS_REFUSED, detail)
        if status == 402 or "credits" in words:
            return PermanentError(TEXT_NO_CREDITS, "no credits", detail)
        if status == 403:
            if "duplicate" in words:
                return PermanentError(duplicate(Network.X), "duplicate content", detail)
            if "reply" in words and "not allowed" in words:
                return PermanentError(TEXT_REPLY_NOT_ALLOWED, "reply not allowed", detail)
            return NeedsReconnect(TEXT_READ_ONLY, detail)
        if status == 429:
            until = _reset(response) or datetime.now(UTC) + timedelta(minutes=15)
            text = TEXT_RATE_LIMITED.format(time=until.strftime("%H:%M"))
            return RateLimited(text, until, detail)
        return self._http.error_for(response)

    # --- limits and identity ----------------------------------------------------

    def capabilities(self) -> Capabilities:
        return Capabilities.of(
            Network.X,
            replies=True,
            hide_comments=True,
            delete_comments=False,  # only our own posts; another person's reply can be hidden
            direct_messages=False,
            metrics=self._read_paid,
            idempotent_publish=False,
        )

    def verify(self) -> Identity:
        response = self._call(
            "GET",
            "/2/users/me",
            write=False,
            params={"user.fields": "id,name,username,profile_image_url"},
        )
        user = as_dict(response.json_object().get("data"))
        if not user.get("id"):
            raise response.garbled("users/me without data.id")
        self._user_id = str(user["id"])
        self._username = as_str(user.get("username")) or self._username
        # OAuth 1.0a replies say what the access token may do; a read-only token
        # would be refused at the first post, so say it now.
        access = response.headers.get("x-access-level", "").lower()
        if access and "write" not in access:
            raise NeedsReconnect(TEXT_READ_ONLY, f"x-access-level {access}")
        permissions = tuple(part for part in access.split("-") if part) or ("read", "write")
        return Identity(
            name=as_str(user.get("name")) or self._username,
            handle=f"@{self._username}" if self._username else "",
            avatar_url=as_str(user.get("profile_image_url")) or None,
            permissions=permissions,
        )

    def _me(self) -> str:
        if self._user_id is None:
            self.verify()
        return self._user_id or ""

    # --- publishing ---------------------------------------------------------------

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        body: dict[str, Any] = {"text": content.text}
        count = count_x_weighted(content.text)
        if count > RULES.max_length:
            raise PermanentError(TEXT_TOO_LONG.format(count=count), "text over 280")
        if media:
            body["media"] = {"media_ids": [self._upload(item) for item in media]}
        if content.reply_to is not None:
            body["reply"] = {"in_reply_to_tweet_id": content.reply_to.remote_id}
        response = self._call("POST", "/2/tweets", write=True, json_body=body)
        data = as_dict(response.json_object().get("data"))
        if not data.get("id"):
            raise response.garbled("tweet reply without data.id")
        return Published(str(data["id"]), self._url(str(data["id"])), datetime.now(UTC))

    def _upload(self, media: Media) -> str:
        extension = "png" if media.mime_type == "image/png" else "jpg"
        try:
            response = self._call(
                "POST",
                "/2/media/upload",
                write=False,
                data={"media_category": "tweet_image"},
                files={"media": (f"image.{extension}", media.data, media.mime_type)},
                read_timeout_s=MEDIA_READ_TIMEOUT_S,
            )
        except PermanentError as error:
            reason = (error.reason or error.detail).rstrip(". ")
            raise PermanentError(
                TEXT_IMAGE_REFUSED.format(reason=reason), reason, error.detail
            ) from None
        media_id = as_str(as_dict(response.json_object().get("data")).get("id"))
        if not media_id:
            raise response.garbled("media upload without data.id")
        if media.alt_text:
            alt = media.alt_text[: RULES.alt_text_max]
            self._call(
                "POST",
                "/2/media/metadata",
                write=False,
                json_body={"id": media_id, "metadata": {"alt_text": {"text": alt}}},
            )
        return media_id

    def _url(self, post_id: str) -> str:
        who = self._username or "i"
        return f"https://x.com/{who}/status/{post_id}"

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        """Our post with this text created since `since` and not another target's, or None.

        X keeps no idempotency key, so the text is the only mark: links come
        back as t.co addresses and "&" as "&amp;", so both sides are compared
        without links, entities or leading mentions.
        """
        wanted = _comparable(content.text)
        params: dict[str, Any] = {
            "max_results": PAGE_SIZE,
            "start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "post.fields": "created_at,text",
        }
        user = self._me()
        for _page in range(FIND_MAX_PAGES):
            body = self._call(
                "GET", f"/2/users/{user}/tweets", write=False, params=params
            ).json_object()
            for entry in as_list(body.get("data")):
                post = as_dict(entry)
                post_id = as_str(post.get("id"))
                created = parse_time(post.get("created_at"))
                if not post_id or post_id in exclude or (created is not None and created < since):
                    continue
                if _comparable(as_str(post.get("text"))) == wanted:
                    return Published(post_id, self._url(post_id), created)
            token = as_str(as_dict(body.get("meta")).get("next_token"))
            if not token:
                return None  # every post since the claim was seen
            params["pagination_token"] = token
        raise TemporaryError(cannot_tell(Network.X), "too many posts since the claim")

    # --- inbox (paid: only when the clerk opted in) ---------------------------------

    def fetch_inbox(self, cursor: str | None) -> InboxBatch:
        if not self._read_paid:
            return InboxBatch((), cursor)
        params: dict[str, Any] = {
            "max_results": PAGE_SIZE,
            "post.fields": "created_at,conversation_id,text",
            "expansions": "author_id",
            "user.fields": "name,username",
        }
        if cursor:
            params["since_id"] = cursor
        user = self._me()
        body = self._call(
            "GET", f"/2/users/{user}/mentions", write=False, params=params
        ).json_object()
        people = {
            as_str(as_dict(u).get("id")): as_dict(u)
            for u in as_list(as_dict(body.get("includes")).get("users"))
        }
        items: list[RemoteItem] = []
        newest = cursor or ""
        for entry in as_list(body.get("data")):
            post = as_dict(entry)
            post_id = as_str(post.get("id"))
            if not post_id.isdigit():
                continue
            if not newest or (len(post_id), post_id) > (len(newest), newest):
                newest = post_id
            author = people.get(as_str(post.get("author_id")), {})
            handle = as_str(author.get("username"))
            conversation = as_str(post.get("conversation_id"))
            answers = bool(conversation) and conversation != post_id
            items.append(
                RemoteItem(
                    remote_id=post_id,
                    kind=ItemKind.REPLY if answers else ItemKind.MENTION,
                    text=html.unescape(as_str(post.get("text"))),
                    created_utc=parse_time(post.get("created_at")) or datetime.now(UTC),
                    author_name=as_str(author.get("name")) or handle,
                    author_handle=f"@{handle}" if handle else "",
                    url=f"https://x.com/{handle or 'i'}/status/{post_id}",
                    root_remote_id=conversation if answers else None,
                )
            )
        more = bool(as_dict(body.get("meta")).get("next_token"))
        return InboxBatch(tuple(items), newest or cursor, more)

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published:
        return self.publish(Content(text=text, reply_to=to), (), idempotency_key)

    def cancel_scheduled(self, remote_id: str) -> None:
        raise PermanentError(NOT_SUPPORTED, "X has no server-side scheduling through the API")

    def hide(self, item: ReplyTo) -> None:
        self._call(
            "PUT", f"/2/tweets/{item.remote_id}/hidden", write=True, json_body={"hidden": True}
        )

    def delete(self, item: ReplyTo) -> None:
        response = self._http.send("DELETE", f"/2/tweets/{item.remote_id}", write=True)
        if response.status == 404:
            return  # already gone
        error = self._error(response)
        if error is not None:
            raise error

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]:
        if not self._read_paid or not remote_ids:
            return {}
        found: dict[str, Metrics] = {}
        for start in range(0, len(remote_ids), PAGE_SIZE):
            chunk = remote_ids[start : start + PAGE_SIZE]
            body = self._call(
                "GET",
                "/2/tweets",
                write=False,
                params={"ids": ",".join(chunk), "post.fields": "public_metrics"},
            ).json_object()
            for entry in as_list(body.get("data")):
                post = as_dict(entry)
                counts = as_dict(post.get("public_metrics"))
                # X's current API says repost_count; older replies said retweet_count.
                reposts = counts.get("repost_count", counts.get("retweet_count"))
                views = counts.get("impression_count")
                found[as_str(post.get("id"))] = Metrics(
                    likes=as_int(counts.get("like_count")),
                    reposts=as_int(reposts),
                    replies=as_int(counts.get("reply_count")),
                    quotes=as_int(counts.get("quote_count")),
                    views=as_int(views) if views is not None else None,
                )
        return found

    def close(self) -> None:
        self._http.close()


def _comparable(text: str) -> str:
    """Text as X gives it back, made comparable: no links, entities unescaped, no leading @."""
    plain = html.unescape(text)
    plain = URL.sub(" ", plain)
    plain = _LEADING_MENTIONS.sub("", plain.strip())
    return " ".join(plain.split())
