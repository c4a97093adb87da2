"""The kinds of post the composer offers, each with the facts its template asks for.

From GUIDANCE.md: what a citizen needs differs per kind of post (an urgent
notice needs where, when and a phone; a grant needs the deadline and a link),
so the template fields and the "missing fact" checks depend on the type. The
data lives in `resources/guidance/content_types.json` so that wording can be
fixed without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from smalltown_social.core.guidance.data import load_json
from smalltown_social.core.i18n import Text


@dataclass(frozen=True)
class TemplateField:
    """One field of a content type's template.

    `fact` is the kind of fact it needs in the text (date, time, place,
    deadline, link, phone, contact or text); `required` facts warn when missing,
    optional ones only give a tip.
    """

    id: str
    label: Text
    hint: Text
    fact: str
    required: bool


@dataclass(frozen=True)
class ContentType:
    """A kind of post with its template, a good example and the rules that apply."""

    id: str
    name: Text
    description: Text
    fields: tuple[TemplateField, ...]
    example: Text
    rules: tuple[str, ...]


def _text(value: dict[str, str]) -> Text:
    return Text(value["es"], value["en"])


def _content_type(item: dict[str, Any]) -> ContentType:
    return ContentType(
        id=item["id"],
        name=_text(item["name"]),
        description=_text(item["description"]),
        fields=tuple(
            TemplateField(
                id=field["id"],
                label=_text(field["label"]),
                hint=_text(field["hint"]),
                fact=field["fact"],
                required=bool(field["required"]),
            )
            for field in item["fields"]
        ),
        example=_text(item["example"]),
        rules=tuple(item["rules"]),
    )


@cache
def _all() -> tuple[ContentType, ...]:
    return tuple(_content_type(item) for item in load_json("content_types.json")["content_types"])


def content_types() -> list[ContentType]:
    """Every content type, in the order the composer offers them."""
    return list(_all())


def content_type(type_id: str) -> ContentType:
    """The content type with id `type_id`; KeyError if there is none."""
    for item in _all():
        if item.id == type_id:
            return item
    raise KeyError(type_id)
