"""Content types: complete data, loader, and examples that follow their own advice."""

from __future__ import annotations

import pytest

from smalltown_social.core.guidance import analyze, content_type, content_types
from smalltown_social.core.guidance.engine import ALWAYS, GENERAL
from smalltown_social.core.guidance.facts import FACT_KINDS

ALL_NETWORKS = ("bluesky", "mastodon", "x", "telegram", "facebook", "instagram", "linkedin")


REQUIRED = {
    "urgent",
    "procedure",
    "grant",
    "event",
    "health",
    "service",
    "participation",
    "local_life",
    "correction",
}
KNOWN_RULES = GENERAL | ALWAYS | {"missing_fact", "invite_comments", "correction_explained"}


def test_the_nine_types_exist() -> None:
    assert {t.id for t in content_types()} >= REQUIRED


@pytest.mark.parametrize("type_id", sorted(REQUIRED))
def test_type_is_complete(type_id: str) -> None:
    kind = content_type(type_id)
    assert kind.name.es and kind.name.en
    assert kind.description.es and kind.description.en
    assert kind.example.es and kind.example.en
    assert kind.fields
    for field in kind.fields:
        assert field.label.es and field.label.en and field.hint.es and field.hint.en
        assert field.fact in FACT_KINDS
    assert set(kind.rules) <= KNOWN_RULES


@pytest.mark.parametrize("type_id", sorted(REQUIRED))
def test_spanish_example_follows_its_own_advice(type_id: str) -> None:
    kind = content_type(type_id)
    findings = analyze(kind.example.es, content_type=type_id, networks=ALL_NETWORKS)
    serious = [(f.rule, kind.example.es[f.start : f.end]) for f in findings if f.severity != "tip"]
    assert serious == []


def test_unknown_type() -> None:
    with pytest.raises(KeyError):
        content_type("nope")
    assert analyze("Hola.", content_type="nope") == []


def test_content_type_object_is_accepted() -> None:
    kind = content_type("event")
    assert analyze("Concierto.", content_type=kind)
