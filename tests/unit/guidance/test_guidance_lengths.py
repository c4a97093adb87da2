"""Post length counted exactly as each server counts it."""

from __future__ import annotations

import pytest

from smalltown_social.core.guidance import (
    ImageInfo,
    NetworkLimit,
    analyze,
    count_graphemes,
    count_length,
    count_mastodon,
    count_utf8_bytes,
    count_utf16_units,
    count_x_weighted,
)
from smalltown_social.core.networks import LengthUnit

ALL_NETWORKS = ("bluesky", "mastodon", "x", "telegram", "facebook", "instagram", "linkedin")


FAMILY = "👨\u200d👩\u200d👧"  # one grapheme, 5 code points, 18 UTF-8 bytes, 8 UTF-16 units


def test_graphemes_and_bytes() -> None:
    assert count_graphemes(FAMILY) == 1
    assert count_utf8_bytes(FAMILY) == 18
    assert count_graphemes("e\u0301") == 1
    assert count_graphemes("🇪🇸") == 1


def test_utf16_units() -> None:
    assert count_utf16_units(FAMILY) == 8
    assert count_utf16_units("  hola  ") == 4  # Telegram trims the message


def test_x_weights() -> None:
    assert count_x_weighted("hola") == 4
    assert count_x_weighted("canción") == 7  # Latin letters are below 4352
    assert count_x_weighted("日本") == 4
    assert count_x_weighted(FAMILY) == 2
    assert count_x_weighted("\u2014") == 1  # em dash: range 8208-8223
    assert count_x_weighted("https://sede.valdelomar.es/tramites/muy/largo/de/verdad") == 23
    assert count_x_weighted("sede.valdelomar.es/tramites") == 23  # no scheme: still a link
    assert count_x_weighted("cafe\u0301") == 4  # NFC first


def test_x_email_with_hyphenated_domain_is_not_a_link() -> None:
    # twitter-text never starts a scheme-less link after "-", "_", "." or "/"
    # (invalidUrlWithoutProtocolPrecedingChars): "pueblo.es" inside the address
    # is not a link, so the address counts its own characters, not 23 more.
    assert count_x_weighted("x@ayto-pueblo.es") == 16
    assert count_x_weighted("Escriba a info@ayto-pueblo.es hoy") == 33
    assert count_x_weighted("ayto_pueblo.es y sede/pueblo.es") == 31
    assert count_x_weighted("ayto-pueblo.es") == 23  # a domain on its own is still a link
    assert count_x_weighted("https://ayto-pueblo.es/a") == 23


def test_mastodon_counts() -> None:
    url = "https://sede.valdelomar.es/tramites/muy/largo/de/verdad"
    assert count_mastodon(f"Más: {url}") == 5 + 23
    assert count_mastodon(f"Más: {url}", 30) == 5 + 30
    assert count_mastodon("@ana@mastodon.social hola") == len("@ana hola")
    assert count_mastodon("sede.valdelomar.es/tramites") == 27  # no scheme: not a link
    assert count_mastodon(FAMILY) == 1


def test_count_length_dispatch() -> None:
    text = f"Hola {FAMILY}"
    assert count_length(text, NetworkLimit.for_network("bluesky")) == 6
    assert count_length(text, NetworkLimit.for_network("x")) == 7
    assert count_length(text, NetworkLimit.for_network("telegram")) == 13
    assert count_length(text, NetworkLimit.for_network("facebook")) == 10


@pytest.mark.parametrize(
    ("network", "limit"),
    [
        ("bluesky", 300),
        ("mastodon", 500),
        ("x", 280),
        ("telegram", 4096),
        ("facebook", 63206),
        ("instagram", 2200),
        ("linkedin", 3000),
    ],
)
def test_exactly_at_limit_passes_and_one_more_blocks(network: str, limit: int) -> None:
    assert not [f for f in analyze("a" * limit, networks=[network]) if f.rule == "length"]
    over = [f for f in analyze("a" * (limit + 1), networks=[network]) if f.rule == "length"]
    assert len(over) == 1
    assert over[0].severity == "block"
    assert (over[0].start, over[0].end) == (limit, limit + 1)


def test_bluesky_byte_limit() -> None:
    text = FAMILY * 200  # 200 graphemes but 3,600 bytes
    findings = [f for f in analyze(text, networks=["bluesky"]) if f.rule == "length"]
    assert findings
    assert findings[0].severity == "block"


def test_mastodon_instance_limit() -> None:
    instance = NetworkLimit("mastodon", 1000, LengthUnit.MASTODON, characters_reserved_per_url=23)
    assert not [f for f in analyze("a" * 800, networks=[instance]) if f.rule == "length"]
    assert [f for f in analyze("a" * 800, networks=["mastodon"]) if f.rule == "length"]


def test_telegram_caption_limit_with_photo() -> None:
    text = "a" * 2000
    alt = [ImageInfo("Cartel de las fiestas")]
    assert not [f for f in analyze(text, networks=["telegram"]) if f.rule == "length"]
    assert [f for f in analyze(text, networks=["telegram"], images=alt) if f.rule == "length"]
    caption = NetworkLimit.for_network("telegram", caption=True)
    assert caption.max_length == 1024


def test_short_post_fits_everywhere() -> None:
    assert not [f for f in analyze("Hola, vecinos.", networks=ALL_NETWORKS) if f.rule == "length"]


def test_unknown_network_is_ignored() -> None:
    assert analyze("Hola", networks=["myspace"]) == []
    with pytest.raises(ValueError, match="unknown network"):
        NetworkLimit.for_network("myspace")
