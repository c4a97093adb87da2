"""Post length counted the way each network's server counts it (limits: core/networks.py).

A post one character over the limit is refused by the server, so these numbers
must be exact and the composer shows the same counters live. Each network
counts a different unit:

- Bluesky: 300 grapheme clusters and 3,000 UTF-8 bytes (both must hold);
- Mastodon: grapheme clusters, every http(s) link counts
  `characters_reserved_per_url` (23) and a remote mention "@user@server"
  counts as "@user"; the limit is the instance's `max_characters` (500 default);
- X: twitter-text v3 weights: code points in 0-4351, 8192-8205, 8208-8223 and
  8242-8247 weigh 1, everything else 2, an emoji sequence 2, a link 23
  (with or without scheme), after NFC normalisation; limit 280;
- Telegram: UTF-16 code units after trimming (4,096; 1,024 for a caption);
- Facebook 63,206, Instagram 2,200 and LinkedIn 3,000 characters (code points).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from smalltown_social.core.accounts import Account
from smalltown_social.core.guidance.emoji import EMOJI
from smalltown_social.core.guidance.findings import Finding
from smalltown_social.core.guidance.textutil import SCHEME_URL, URL, LazyPattern, trim_url, within
from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.networks import LengthUnit, rules_for

if TYPE_CHECKING:  # imported with the first pattern compiled (issue #13)
    import regex

URL_LENGTH = 23
_GRAPHEME = LazyPattern(r"\X")
# Characters that may join a neighbour's grapheme cluster (see count_graphemes).
_COMPLEX = LazyPattern(r"[^\x00-\x09\x0B\x0C\x0E-\xA8\xAA-\xAD\xAF-\u02FF]+")
_REMOTE_MENTION = LazyPattern(r"(?<![\w@])(@\w+(?:[.-]\w+)*)@[\w-]+(?:\.[\w-]+)+")
_X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_X_HEAVY = LazyPattern(r"[^\x00-\u10FF\u2000-\u200D\u2010-\u201F\u2032-\u2037]")


@dataclass(frozen=True)
class NetworkLimit:
    """How long a post may be on one network (or one Mastodon instance).

    `max_bytes` is a second limit in UTF-8 bytes (Bluesky only).
    `characters_reserved_per_url` is what one link counts (Mastodon, X).
    """

    network: str
    max_length: int
    unit: LengthUnit
    characters_reserved_per_url: int = URL_LENGTH
    max_bytes: int | None = None

    @classmethod
    def for_network(cls, network: str, *, caption: bool = False) -> NetworkLimit:
        """Default limit of a network id; `caption` selects Telegram's photo caption."""
        try:
            rules = rules_for(network)
        except KeyError:
            raise ValueError(f"unknown network: {network!r}") from None
        return cls(
            rules.network.value,
            rules.length_limit(caption=caption),
            rules.length_unit,
            characters_reserved_per_url=rules.url_length or URL_LENGTH,
            max_bytes=rules.max_bytes,
        )


def limit_for_accounts(
    network: str, accounts: Sequence[Account], *, caption: bool = False
) -> NetworkLimit:
    """The network's rule, or the strictest of the servers' own among `accounts`.

    A Mastodon instance announces its own limit (kept on the account when it
    was connected); two instances may differ, and the post must fit both.
    """
    default = NetworkLimit.for_network(network, caption=caption)
    own = [a for a in accounts if a.network.value == network and a.max_length is not None]
    if not own:
        return default
    strictest = min(own, key=lambda a: a.max_length or 0)
    return replace(
        default,
        max_length=strictest.max_length or default.max_length,
        characters_reserved_per_url=strictest.url_length or default.characters_reserved_per_url,
    )


# Each counter returns (units, cut): cut is the offset of the first character
# that no longer fits in `limit` units, or None when everything fits.


def _graphemes_cut(text: str, limit: int | None) -> tuple[int, int | None]:
    count = count_graphemes(text)
    if limit is None or count <= limit:
        return count, None
    for index, match in enumerate(_GRAPHEME.finditer(text)):
        if index == limit:
            return count, match.start()
    return count, None


def count_graphemes(text: str) -> int:
    """User-perceived characters (Unicode extended grapheme clusters): Bluesky.

    Fast path (this runs on every keystroke for Bluesky and Mastodon): below
    U+0300 every character starts a cluster of its own, except LF after CR and
    (c) or (R) after a zero-width joiner, so only the runs of other characters
    (accents typed as combining marks, emoji, CR/LF, other scripts) are
    segmented, each with one simple neighbour on either side. A boundary before
    and after such a window is certain: a simple character never joins the
    cluster before it unless that one ends in CR, ZWJ or a Prepend mark, and
    those are never simple.
    """
    windows: list[tuple[int, int]] = []
    for match in _COMPLEX.finditer(text):
        start = max(match.start() - 1, 0)
        end = min(match.end() + 1, len(text))
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    count = len(text)
    for start, end in windows:
        count += len(_GRAPHEME.findall(text, start, end)) - (end - start)
    return count


def count_utf8_bytes(text: str) -> int:
    """UTF-8 bytes: Bluesky's second limit and its facet offsets."""
    return len(text.encode("utf-8", "surrogatepass"))


def _utf8_cut(text: str, limit: int) -> int | None:
    total = 0
    for index, char in enumerate(text):
        total += len(char.encode("utf-8", "surrogatepass"))
        if total > limit:
            return index
    return None


def count_utf16_units(text: str) -> int:
    """UTF-16 code units of the trimmed text: Telegram's unit for limits and entities."""
    return len(text.strip().encode("utf-16-le", "surrogatepass")) // 2


def _utf16_cut(text: str, limit: int) -> tuple[int, int | None]:
    total = count_utf16_units(text)
    if total <= limit:
        return total, None
    offset = len(text) - len(text.lstrip())
    running = 0
    for index, char in enumerate(text.strip()):
        running += 2 if ord(char) > 0xFFFF else 1
        if running > limit:
            return total, offset + index
    return total, None


def count_characters(text: str) -> int:
    """Unicode code points: Facebook, Instagram and LinkedIn."""
    return len(text)


def _entities(
    text: str, links: regex.Pattern[str], per_url: int, *, mentions: bool, emoji: bool
) -> list[tuple[int, int, int]]:
    """Sorted, non-overlapping (start, end, units) of links, remote mentions, emoji."""
    entities: list[tuple[int, int, int]] = []
    for match in links.finditer(text):
        entities.append((match.start(), match.start() + len(trim_url(match.group())), per_url))
    spans = [(s, e) for s, e, _ in entities]
    if mentions:
        for match in _REMOTE_MENTION.finditer(text):
            if not within(spans, match.start()):
                entities.append((match.start(), match.end(), count_graphemes(match.group(1))))
    if emoji:
        for match in EMOJI.finditer(text):
            if not within(spans, match.start()):
                entities.append((match.start(), match.end(), 2))
    entities.sort()
    result: list[tuple[int, int, int]] = []
    last = 0
    for entity in entities:
        if entity[0] >= last:
            result.append(entity)
            last = entity[1]
    return result


def _walk(
    text: str,
    entities: list[tuple[int, int, int]],
    gap_units: Callable[[str], int],
    gap_pieces: Callable[[str, int, int], Iterable[tuple[int, int]]],
    limit: int | None,
) -> tuple[int, int | None]:
    """Total units and the first offset past `limit`, walking gaps between entities.

    Gaps are measured in one pass each (fast); only the gap where the limit is
    crossed is walked piece by piece to find the exact cut.
    """
    total = 0
    cut: int | None = None
    last = 0
    for start, end, units in [*entities, (len(text), len(text), 0)]:
        gap = gap_units(text[last:start])
        if cut is None and limit is not None and total + gap > limit:
            running = total
            for piece_start, piece_units in gap_pieces(text, last, start):
                running += piece_units
                if running > limit:
                    cut = piece_start
                    break
        total += gap
        if start < end:
            if cut is None and limit is not None and total + units > limit:
                cut = start
            total += units
        last = end
    return total, cut


def _grapheme_pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    return ((m.start(), 1) for m in _GRAPHEME.finditer(text, start, end))


def _x_pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    return ((index, _x_weight(text[index])) for index in range(start, end))


def _x_gap(gap: str) -> int:
    return len(gap) + len(_X_HEAVY.findall(gap))


def _mastodon_measure(text: str, per_url: int, limit: int | None) -> tuple[int, int | None]:
    entities = _entities(text, SCHEME_URL, per_url, mentions=True, emoji=False)
    return _walk(text, entities, count_graphemes, _grapheme_pieces, limit)


def count_mastodon(text: str, characters_reserved_per_url: int = URL_LENGTH) -> int:
    """Mastodon's count: graphemes, each link = 23, "@user@server" = "@user"."""
    return _mastodon_measure(text, characters_reserved_per_url, None)[0]


def _x_weight(char: str) -> int:
    code = ord(char)
    for low, high in _X_LIGHT_RANGES:
        if low <= code <= high:
            return 1
    return 2


def _x_measure(text: str, per_url: int, limit: int | None) -> tuple[int, int | None]:
    entities = _entities(text, URL, per_url, mentions=False, emoji=True)
    return _walk(text, entities, _x_gap, _x_pieces, limit)


def count_x_weighted(text: str, characters_reserved_per_url: int = URL_LENGTH) -> int:
    """X's weighted length (twitter-text v3), in the units of its 280 limit.

    The text is NFC-normalised first, as X does, so "é" typed as e + accent counts once.
    """
    normal = unicodedata.normalize("NFC", text)
    return _x_measure(normal, characters_reserved_per_url, None)[0]


def count_length(text: str, limit: NetworkLimit) -> int:
    """The length of `text` in the unit `limit` is counted in (the live counter)."""
    return measure(text, limit)[0]


@lru_cache(maxsize=32)
def measure(text: str, limit: NetworkLimit) -> tuple[int, int | None]:
    """(length, first offset over the limit or None) for one network limit.

    For Bluesky the cut also honours the UTF-8 byte limit. Memoised: the length
    rule and the composer's live counters ask for the same text on each keystroke.
    """
    if limit.unit == LengthUnit.GRAPHEMES:
        count, cut = _graphemes_cut(text, limit.max_length)
        if limit.max_bytes is not None and count_utf8_bytes(text) > limit.max_bytes:
            byte_cut = _utf8_cut(text, limit.max_bytes)
            if byte_cut is not None:
                cut = byte_cut if cut is None else min(cut, byte_cut)
        return count, cut
    if limit.unit == LengthUnit.MASTODON:
        return _mastodon_measure(text, limit.characters_reserved_per_url, limit.max_length)
    if limit.unit == LengthUnit.X_WEIGHTED:
        if unicodedata.is_normalized("NFC", text):
            return _x_measure(text, limit.characters_reserved_per_url, limit.max_length)
        count = count_x_weighted(text, limit.characters_reserved_per_url)
        return count, (len(text) if count > limit.max_length else None)
    if limit.unit == LengthUnit.UTF16:
        return _utf16_cut(text, limit.max_length)
    count = len(text)
    return count, (limit.max_length if count > limit.max_length else None)


TOO_LONG = Text(
    "Demasiado largo para {network}: {count} de {limit} ({unit}). El servidor lo rechazaría; "
    "lo que sobra está marcado.",
    "Too long for {network}: {count} of {limit} ({unit}). The server would refuse it; "
    "the part that does not fit is marked.",
)
TOO_MANY_BYTES = Text(
    "Demasiado largo para {network}: {count} de {limit} bytes (los emoji y acentos ocupan más).",
    "Too long for {network}: {count} of {limit} bytes (emoji and accents take more).",
)
_UNIT_NAMES: dict[LengthUnit, Text] = {
    LengthUnit.GRAPHEMES: Text("caracteres", "characters"),
    LengthUnit.MASTODON: Text(
        "caracteres; cada enlace cuenta 23", "characters; each link counts 23"
    ),
    LengthUnit.X_WEIGHTED: Text(
        "caracteres ponderados; emoji cuentan 2, enlaces 23",
        "weighted characters; emoji count 2, links 23",
    ),
    LengthUnit.UTF16: Text("unidades UTF-16", "UTF-16 units"),
    LengthUnit.CHARACTERS: Text("caracteres", "characters"),
}


def check_lengths(text: str, limits: Iterable[NetworkLimit], language: Language) -> list[Finding]:
    """Block a post that some selected network's server would refuse as too long."""
    findings: list[Finding] = []
    for limit in limits:
        count, cut = measure(text, limit)
        name = rules_for(limit.network).name
        if count > limit.max_length:
            message = TOO_LONG.format(
                network=name,
                count=count,
                limit=limit.max_length,
                unit=_UNIT_NAMES[limit.unit](language),
            )(language)
            start = len(text) if cut is None else cut
            findings.append(Finding("length", "block", start, len(text), message))
        elif limit.max_bytes is not None:
            size = count_utf8_bytes(text)
            if size > limit.max_bytes:
                cut = _utf8_cut(text, limit.max_bytes)
                start = len(text) if cut is None else cut
                message = TOO_MANY_BYTES.format(network=name, count=size, limit=limit.max_bytes)(
                    language
                )
                findings.append(Finding("length", "block", start, len(text), message))
    return findings
