"""Bluesky rich text: facets with UTF-8 byte offsets, and record keys.

Bluesky does not find links, mentions or hashtags in a post's text: the
client sends them as facets, each spanning a range of the text's UTF-8
bytes (not characters: "é" is 2 bytes, most emoji 4). A mention points to
the account's DID, so each handle is resolved first; a handle that does not
resolve stays plain text.

`tid_from_key` turns our idempotency key into the post's record key: the
same key always gives the same TID, so a retried `createRecord` cannot make
a second post.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from smalltown_social.core.guidance.lengths import count_graphemes
from smalltown_social.core.guidance.textutil import EMAIL, HASHTAG, URL, trim_url

LINK = "app.bsky.richtext.facet#link"
MENTION = "app.bsky.richtext.facet#mention"
TAG = "app.bsky.richtext.facet#tag"

TAG_MAX_GRAPHEMES = 64
_HANDLE = regex.compile(
    r"(?<=^|[\s(])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+"
    r"[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?![\w-]|\.[\w-])"
)

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID_BASE_US = 1_577_836_800_000_000  # 2020-01-01T00:00:00Z
_TID_SPAN_US = 1 << 47  # about 4.5 years: every derived TID lies in the past
TID_PATTERN = regex.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


@dataclass(frozen=True)
class Span:
    """A link, mention or hashtag found in the text, in character offsets."""

    kind: str  # LINK, MENTION or TAG
    start: int
    end: int
    value: str  # the URI, the handle (without "@") or the tag (without "#")


def find_spans(text: str) -> list[Span]:
    """Links, then mentions and hashtags that do not overlap a link, in text order."""
    emails = [(m.start(), m.end()) for m in EMAIL.finditer(text)]
    spans: list[Span] = []
    for match in URL.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in emails):
            continue
        shown = trim_url(match.group())
        uri = shown if shown.lower().startswith(("http://", "https://")) else f"https://{shown}"
        spans.append(Span(LINK, start, start + len(shown), uri))
    taken = [(s.start, s.end) for s in spans] + emails

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _HANDLE.finditer(text):
        if free(match.start(), match.end()):
            spans.append(Span(MENTION, match.start(), match.end(), match.group(1).lower()))
    for match in HASHTAG.finditer(text):
        tag = trim_url(match.group(1))
        end = match.start() + 1 + len(tag)
        if tag and count_graphemes(tag) <= TAG_MAX_GRAPHEMES and free(match.start(), end):
            spans.append(Span(TAG, match.start(), end, tag))
    return sorted(spans, key=lambda s: s.start)


def byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of character `index`."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def facets(text: str, resolve: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """The `facets` of a post record. `resolve` maps a handle to its DID (or None)."""
    result: list[dict[str, Any]] = []
    for span in find_spans(text):
        feature: dict[str, Any]
        if span.kind == LINK:
            feature = {"$type": LINK, "uri": span.value}
        elif span.kind == MENTION:
            did = resolve(span.value)
            if not did:
                continue
            feature = {"$type": MENTION, "did": did}
        else:
            feature = {"$type": TAG, "tag": span.value}
        index = {"byteStart": byte_offset(text, span.start), "byteEnd": byte_offset(text, span.end)}
        result.append({"index": index, "features": [feature]})
    return result


def tid_from_key(key: str) -> str:
    """A valid TID record key derived from `key` alone (same key, same TID).

    The timestamp bits are taken from a hash and placed between 2020 and
    mid-2024, so the key never looks like a post from the future.
    """
    if not key:
        raise ValueError("idempotency key must not be empty")
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    micros = _TID_BASE_US + (number >> 10) % _TID_SPAN_US
    value = (micros << 10) | (number & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))
