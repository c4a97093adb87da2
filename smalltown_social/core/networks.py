"""What each network allows, in one table: one row per network.

The guidance (length, alt text), the composer's counters and images panel,
the CLI and the adapters all read these rows, so a rule is written once.
Adding a network means one `Network` member and one row here, and one
adapter module in `networks/` (registry.py finds it by the network's id).
Facts from the networks' own documentation (design/NETWORKS.md); where a
server announces its own limit (a Mastodon instance), the row is the default
and the adapter reports the server's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum


class Network(StrEnum):
    """A network's id, as stored in the database; its rules are its row in `RULES`."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    LINKEDIN = "linkedin"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    TELEGRAM = "telegram"


class LengthUnit(StrEnum):
    """How a network's server counts a post's length (core/guidance/lengths.py counts)."""

    GRAPHEMES = "graphemes"  # user-perceived characters (Bluesky, with a byte cap)
    MASTODON = "mastodon"  # graphemes; a link counts 23, "@user@server" counts "@user"
    X_WEIGHTED = "x_weighted"  # twitter-text v3 weights: emoji and CJK 2, a link 23
    UTF16 = "utf16"  # UTF-16 code units after trimming (Telegram)
    CHARACTERS = "characters"  # code points (Facebook, Instagram, LinkedIn)


@dataclass(frozen=True)
class ScheduleWindow:
    """How far ahead the network's own scheduler accepts a post (`latest` None: no limit)."""

    earliest: timedelta
    latest: timedelta | None = None


@dataclass(frozen=True)
class Cost:
    """What one post costs on a paid API, in US dollars."""

    per_post: Decimal
    per_post_with_link: Decimal
    per_item_read: Decimal = Decimal(0)  # a mention or a post's metrics read back


# MIME type → Pillow format of the images the clerk may attach. Every one is
# re-encoded before it is sent (networks/media.py), as JPEG or, where the
# network takes it, PNG.
ATTACHABLE_IMAGES: dict[str, str] = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
_JPEG_PNG = frozenset({"image/jpeg", "image/png"})


@dataclass(frozen=True)
class NetworkRules:
    """One network's rules for a post: length, images, alt text, scheduling, cost."""

    network: Network
    name: str  # as the clerk reads it
    length_unit: LengthUnit
    max_length: int
    max_images: int
    max_image_bytes: int
    alt_text_max: int  # 0: the network has no alt text for images (none is sent)
    image_types: frozenset[str] = _JPEG_PNG  # MIME types the server accepts
    caption_max_length: int | None = None  # the limit when the post carries an image
    max_bytes: int | None = None  # a second limit in UTF-8 bytes
    url_length: int | None = None  # what one link counts, where the server says
    alt_text_required: bool = False  # the server refuses an image without alt text
    image_required: bool = False  # the network publishes nothing without an image (Instagram)
    server_schedule: ScheduleWindow | None = None  # None: the network cannot schedule
    cost: Cost | None = None  # None: free

    def length_limit(self, *, caption: bool = False) -> int:
        """The length limit; `caption` when the post carries an image (Telegram: 1,024)."""
        if caption and self.caption_max_length is not None:
            return self.caption_max_length
        return self.max_length


RULES: dict[Network, NetworkRules] = {
    rules.network: rules
    for rules in (
        NetworkRules(
            Network.FACEBOOK,
            "Facebook",
            LengthUnit.CHARACTERS,
            63_206,
            max_images=10,
            max_image_bytes=4 * 1024 * 1024,
            # `alt_text_custom` on a Page photo; Meta states no limit: Instagram's 1,000 is used.
            alt_text_max=1_000,
            server_schedule=ScheduleWindow(timedelta(minutes=10), timedelta(days=30)),
        ),
        NetworkRules(
            Network.INSTAGRAM,
            "Instagram",
            LengthUnit.CHARACTERS,
            2_200,
            max_images=10,
            max_image_bytes=8 * 1024 * 1024,
            alt_text_max=1_000,  # `alt_text` on an image container
            image_types=frozenset({"image/jpeg"}),
            image_required=True,
        ),
        NetworkRules(
            Network.X,
            "X",
            LengthUnit.X_WEIGHTED,
            280,
            max_images=4,
            max_image_bytes=5 * 1024 * 1024,
            alt_text_max=1_000,
            url_length=23,
            cost=Cost(Decimal("0.015"), Decimal("0.20"), per_item_read=Decimal("0.001")),
        ),
        NetworkRules(
            Network.LINKEDIN,
            "LinkedIn",
            LengthUnit.CHARACTERS,
            3_000,
            max_images=9,
            max_image_bytes=5 * 1024 * 1024,
            alt_text_max=4_086,
        ),
        NetworkRules(
            Network.MASTODON,
            "Mastodon",
            LengthUnit.MASTODON,
            500,
            max_images=4,
            max_image_bytes=16 * 1024 * 1024,
            alt_text_max=1_500,
            url_length=23,
            server_schedule=ScheduleWindow(timedelta(minutes=5)),
        ),
        NetworkRules(
            Network.BLUESKY,
            "Bluesky",
            LengthUnit.GRAPHEMES,
            300,
            max_images=4,
            max_image_bytes=2_000_000,
            alt_text_max=2_000,
            max_bytes=3_000,
            alt_text_required=True,
        ),
        NetworkRules(
            Network.TELEGRAM,
            "Telegram",
            LengthUnit.UTF16,
            4_096,
            max_images=10,
            max_image_bytes=10_000_000,
            alt_text_max=0,
            caption_max_length=1_024,
        ),
    )
}
NETWORK_IDS: tuple[str, ...] = tuple(network.value for network in RULES)
NETWORK_NAMES: dict[Network, str] = {network: rules.name for network, rules in RULES.items()}


def rules_for(network: str | Network) -> NetworkRules:
    """The row of a network (its enum or its id, "bluesky"); KeyError when unknown."""
    try:
        return RULES[Network(network)]
    except ValueError:
        raise KeyError(network) from None
