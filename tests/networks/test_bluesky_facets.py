"""Facets with UTF-8 byte offsets and record keys from idempotency keys."""

from __future__ import annotations

import itertools
import uuid

from hypothesis import given
from hypothesis import strategies as st

from smalltown_social.networks.bluesky_facets import (
    LINK,
    MENTION,
    TAG,
    TID_PATTERN,
    byte_offset,
    facets,
    find_spans,
    tid_from_key,
)

DIDS = {"vecina.test": "did:plc:vecina", "ayto.valdelomar.es": "did:plc:ayto"}


def resolve(handle: str) -> str | None:
    return DIDS.get(handle)


def covered(text: str, facet: dict[str, object]) -> str:
    index = facet["index"]
    assert isinstance(index, dict)
    return text.encode("utf-8")[index["byteStart"] : index["byteEnd"]].decode("utf-8")


def test_offsets_are_utf8_bytes_after_accents_and_emoji() -> None:
    text = "Peñaflor 👍🏽 ¡ojo! https://valdelomar.es/agua"
    (facet,) = facets(text, resolve)
    assert facet["features"] == [{"$type": LINK, "uri": "https://valdelomar.es/agua"}]
    assert facet["index"] == {"byteStart": 26, "byteEnd": 26 + 26}
    assert text.index("https") == 18  # characters differ from bytes here
    assert covered(text, facet) == "https://valdelomar.es/agua"


def test_link_without_scheme_gets_https_and_keeps_its_text() -> None:
    text = "Más en sede.valdelomar.es/tramites, gracias."
    (facet,) = facets(text, resolve)
    assert covered(text, facet) == "sede.valdelomar.es/tramites"
    assert facet["features"][0]["uri"] == "https://sede.valdelomar.es/tramites"


def test_trailing_punctuation_is_not_part_of_the_link() -> None:
    text = "Ver (https://valdelomar.es/bando)."
    (facet,) = facets(text, resolve)
    assert covered(text, facet) == "https://valdelomar.es/bando"


def test_email_is_not_a_link_and_not_a_mention() -> None:
    assert facets("Escriba a registro@valdelomar.es", resolve) == []


def test_mentions_resolve_to_dids_and_unknown_handles_stay_text() -> None:
    text = "Gracias @vecina.test y @desconocido.test (@ayto.valdelomar.es)."
    found = facets(text, resolve)
    assert [f["features"][0] for f in found] == [
        {"$type": MENTION, "did": "did:plc:vecina"},
        {"$type": MENTION, "did": "did:plc:ayto"},
    ]
    assert [covered(text, f) for f in found] == ["@vecina.test", "@ayto.valdelomar.es"]


def test_hashtags_with_accents_and_limits() -> None:
    text = "#Fiestas2026 y #Peñaflor, pero no #2026 ni valdelomar.es/#ancla ni #" + "a" * 65
    found = facets(text, resolve)
    tags = [f["features"][0] for f in found if f["features"][0]["$type"] == TAG]
    assert tags == [{"$type": TAG, "tag": "Fiestas2026"}, {"$type": TAG, "tag": "Peñaflor"}]
    assert covered(text, found[1]) == "#Peñaflor"


def test_spans_come_in_text_order_without_overlap() -> None:
    text = "#uno https://a.es/#dos @vecina.test"
    spans = find_spans(text)
    assert [s.kind for s in spans] == [TAG, LINK, MENTION]
    ends = [(s.start, s.end) for s in spans]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


@given(st.text(max_size=60), st.text(max_size=20))
def test_byte_offset_matches_the_encoded_prefix(prefix: str, rest: str) -> None:
    text = prefix + rest
    assert byte_offset(text, len(prefix)) == len(prefix.encode("utf-8", "surrogatepass"))


def test_tid_is_valid_and_stable_per_key() -> None:
    keys = [uuid.uuid4().hex for _ in range(2000)]
    tids = [tid_from_key(k) for k in keys]
    assert all(TID_PATTERN.match(t) for t in tids)
    assert len(set(tids)) == len(keys)
    assert [tid_from_key(k) for k in keys[:10]] == tids[:10]
    assert tid_from_key("a") != tid_from_key("b")
