"""The one protocol every network adapter implements.

The outbox, the inbox and the composer talk to `Adapter` only, so none of
them branches on a network's name. Every failure an adapter reports is one of
the `NetworkError` subclasses below, each with a message for the clerk; the
outbox decides what to do from the class alone:

- `Offline`: the request never reached the server (refused, DNS, no route).
  Nothing can have been published; try again when the connection returns.
- `OutcomeUnknown`: the request may have reached the server (timeout after
  sending, connection reset, garbled reply to a write). Never retried blindly:
  `find()` first.
- `RateLimited`: wait until `until`, then retry with the same idempotency key.
- `TemporaryError`: a 5xx or similar; back off and retry, same key.
- `NeedsReconnect`: the credential is expired, revoked or lacks a permission.
- `PermanentError`: the server refused this content (422, too long, bad image).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from smalltown_social.core.accounts import NETWORK_NAMES, Account, Network
from smalltown_social.core.i18n import Text
from smalltown_social.core.inbox import ItemKind
from smalltown_social.core.networks import LengthUnit, rules_for

if TYPE_CHECKING:
    from smalltown_social.secrets import SecretStore

# --- errors -------------------------------------------------------------------


class NetworkError(Exception):
    """Base of every adapter failure. `text` is for the clerk, `detail` for the log."""

    def __init__(self, text: Text, detail: str = "") -> None:
        super().__init__(detail or text.en)
        self.text = text
        self.detail = detail


class Offline(NetworkError):
    """Nothing was sent: no connection, DNS failure, connection refused."""


class OutcomeUnknown(NetworkError):
    """The request may have been processed; look on the network before retrying."""


class TemporaryError(NetworkError):
    """The server failed for now (5xx, maintenance); retry later with the same key."""

    def __init__(self, text: Text, detail: str = "", retry_after_s: float | None = None) -> None:
        super().__init__(text, detail)
        self.retry_after_s = retry_after_s


class RateLimited(TemporaryError):
    """The server asked us to wait until `until` (UTC)."""

    def __init__(self, text: Text, until: datetime, detail: str = "") -> None:
        super().__init__(text, detail)
        self.until = until


class NeedsReconnect(NetworkError):
    """The credential no longer works: the clerk must reconnect the account."""


class PermanentError(NetworkError):
    """The server refused this request for good; `reason` is the server's own words."""

    def __init__(self, text: Text, reason: str = "", detail: str = "") -> None:
        super().__init__(text, detail or reason)
        self.reason = reason


# --- what an adapter can do -----------------------------------------------------


@dataclass(frozen=True)
class Capabilities:
    length_unit: LengthUnit
    max_length: int
    url_length: int | None = None  # every URL counts this much, where the server says so
    max_bytes: int | None = None  # Bluesky's 3,000-byte cap
    caption_max_length: int | None = None  # Telegram: 1,024 with a photo
    max_images: int = 4
    max_image_bytes: int = 5_000_000
    alt_text_required: bool = False
    alt_text_max: int = 1_500
    server_scheduling: bool = False
    min_schedule_ahead_s: int = 0
    replies: bool = True
    hide_comments: bool = False
    delete_comments: bool = False
    direct_messages: bool = False
    metrics: bool = False
    # A post handed to the network's scheduler keeps its id once it goes out
    # (Facebook); otherwise (Mastodon's ScheduledStatus) the post is found by text.
    scheduled_id_is_post_id: bool = False
    max_image_pixels: int | None = None  # width × height (Mastodon's image_matrix_limit)
    max_image_side: int | None = None  # longest side in pixels, where the network says
    image_types: frozenset[str] = frozenset({"image/jpeg", "image/png"})
    # A publish retried with the same idempotency key never makes a second post
    # (Mastodon's Idempotency-Key, for an hour; Bluesky's record key from our key).
    # Without it (Telegram), any unknown outcome, a 5xx included, goes to the clerk.
    idempotent_publish: bool = False
    # How long the server remembers a key (None: for ever, as Bluesky's record key).
    # A retry later than that looks on the network first.
    idempotency_memory_s: int | None = None

    @classmethod
    def of(cls, network: str, **server: Any) -> Capabilities:
        """The network's row in core/networks.py; `server` overrides what a server says."""
        rules = rules_for(network)
        schedule = rules.server_schedule
        values: dict[str, Any] = {
            "length_unit": rules.length_unit,
            "max_length": rules.max_length,
            "url_length": rules.url_length,
            "max_bytes": rules.max_bytes,
            "caption_max_length": rules.caption_max_length,
            "max_images": rules.max_images,
            "max_image_bytes": rules.max_image_bytes,
            "alt_text_required": rules.alt_text_required,
            "alt_text_max": rules.alt_text_max,
            "image_types": rules.image_types,
            "server_scheduling": schedule is not None,
            "min_schedule_ahead_s": int(schedule.earliest.total_seconds()) if schedule else 0,
        }
        return cls(**(values | server))


@dataclass(frozen=True)
class Identity:
    """What `verify()` learns about the credential."""

    name: str
    handle: str = ""
    avatar_url: str | None = None
    permissions: tuple[str, ...] = ()
    expires_utc: datetime | None = None
    # The server's own length rule, where it has one (a Mastodon instance's limit).
    max_length: int | None = None
    url_length: int | None = None
    # Said to the clerk although the key works: a permission only the counts need is
    # missing (Meta's insights). The rest keeps working.
    note: Text | None = None


class ContainerMemory(Protocol):
    """Where an adapter keeps what it made before publishing, per account and key."""

    def get(self, account_id: int, key: str) -> str | None: ...

    def put(self, account_id: int, key: str, container_id: str) -> None: ...

    def forget(self, account_id: int, key: str) -> None: ...


@dataclass(frozen=True)
class Extras:
    """What an adapter may need besides its account and credential (see registry.py)."""

    secrets: SecretStore | None = None  # where Bluesky keeps its session
    on_chat_migrated: Callable[[str, str], None] | None = None  # Telegram's group moved
    containers: ContainerMemory | None = None  # Instagram's containers, per idempotency key
    read_paid: bool = False  # the clerk opted in to paid reading (X's mentions and metrics)
    # The inbox cursor last stored for an account (Telegram's counts are heard by the inbox).
    inbox_cursor: Callable[[int], str | None] | None = None


# --- what goes out ----------------------------------------------------------------


@dataclass(frozen=True)
class Media:
    """One image, already read and (where needed) downscaled for this network."""

    data: bytes
    mime_type: str
    alt_text: str
    width: int
    height: int


@dataclass(frozen=True)
class ReplyTo:
    """The remote item a reply answers (and its thread root where a network needs it)."""

    remote_id: str
    root_remote_id: str | None = None
    author_handle: str = ""
    private: bool = False  # a direct message rather than a public reply


@dataclass(frozen=True)
class Content:
    text: str
    language: str = "es"
    reply_to: ReplyTo | None = None
    scheduled_utc: datetime | None = None  # hand over to the server's own scheduler


@dataclass(frozen=True)
class Published:
    remote_id: str
    url: str | None
    created_utc: datetime | None = None
    scheduled_on_server: bool = False


# --- what comes in ------------------------------------------------------------------


@dataclass(frozen=True)
class RemoteItem:
    remote_id: str
    kind: ItemKind
    text: str
    created_utc: datetime
    author_name: str = ""
    author_handle: str = ""
    url: str | None = None
    parent_remote_id: str | None = None  # the comment or post it answers
    root_remote_id: str | None = None  # our post at the top of the thread


@dataclass(frozen=True)
class InboxBatch:
    items: tuple[RemoteItem, ...]
    cursor: str | None  # store it; pass it back on the next fetch
    more: bool = False  # another page is waiting


@dataclass(frozen=True)
class Metrics:
    """A post's counts as the network gives them; a post absent from `metrics()` is gone.

    `views` where the network tells them (None where not); `missing_permissions`
    names what the credential lacks for the rest (Facebook's `read_insights`):
    the counts that could be read are still here.
    """

    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    views: int | None = None
    missing_permissions: tuple[str, ...] = ()


# --- the protocol ---------------------------------------------------------------------


class Adapter(Protocol):
    account: Account

    def capabilities(self) -> Capabilities:
        """Limits, read from the server where it publishes them (cached after the first call)."""
        ...

    def verify(self) -> Identity: ...

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        """Publish once. A retry with the same key must not create a second post."""
        ...

    def find(
        self,
        idempotency_key: str,
        content: Content,
        since: datetime,
        exclude: frozenset[str] = frozenset(),
    ) -> Published | None:
        """The post made with this key (or this text) since `since`, or None if surely absent.

        A network that can only match by text must not take a post created
        before `since` (the first claim of this key, less a clock margin) nor
        one whose remote id is in `exclude` (already recorded for another
        target: the same text posted twice is two posts). Raises
        `NetworkError` when it cannot tell.
        """
        ...

    def fetch_inbox(self, cursor: str | None) -> InboxBatch: ...

    def reply(self, to: ReplyTo, text: str, idempotency_key: str) -> Published: ...

    def cancel_scheduled(self, remote_id: str) -> None:
        """Delete a post handed to the network's scheduler before it goes out.

        Raises `PermanentError` if the network no longer has it (it went out).
        """
        ...

    def hide(self, item: ReplyTo) -> None: ...

    def delete(self, item: ReplyTo) -> None: ...

    def metrics(self, remote_ids: Sequence[str]) -> dict[str, Metrics]: ...

    def close(self) -> None: ...


NOT_SUPPORTED = Text(
    "Esta red no permite hacerlo desde una aplicación.",
    "This network does not allow that from an app.",
)

# Said the same of every network, with its name.
CANNOT_TELL = Text(
    "No se ha podido comprobar en {network} si la publicación ya salió: hay demasiadas "
    "publicaciones nuevas desde que se intentó. Mírelo en {network}: si está, márquela como "
    "publicada; si no, vuelva a enviarla.",
    "Could not check on {network} whether the post already went out: there are too many new "
    "posts since it was tried. Look on {network}: if it is there, mark it as published; if "
    "not, send it again.",
)
DUPLICATE = Text(
    "{network} rechaza el texto porque es igual a una publicación reciente de la cuenta "
    "(puede que ya esté publicada). Mírelo en {network}; si no está, cambie algo del texto.",
    "{network} refuses the text because it equals a recent post of the account (it may "
    "already be out). Look on {network}; if it is not there, change something in the text.",
)
SCHEDULED_GONE = Text(
    "{network} ya no tiene esta publicación programada: probablemente ya ha salido.",
    "{network} no longer has this scheduled post: it has probably gone out already.",
)


def cannot_tell(network: Network) -> Text:
    """`find` looked as far back as it may and did not reach the claim: the clerk looks."""
    return CANNOT_TELL.format(network=NETWORK_NAMES[network])


def scheduled_gone(network: Network) -> Text:
    """The network's scheduler no longer holds a post handed to it: it went out, most likely."""
    return SCHEDULED_GONE.format(network=NETWORK_NAMES[network])


def duplicate(network: Network) -> Text:
    """The network refused a text equal to a recent post: maybe it is out already."""
    return DUPLICATE.format(network=NETWORK_NAMES[network])
