"""Alternative text of attached images."""

from __future__ import annotations

from dataclasses import dataclass

from smalltown_social.core.guidance import ImageInfo, analyze


@dataclass
class Attachment:
    """Any object with `alt_text` is accepted, not only ImageInfo."""

    path: str
    alt_text: str


def _alt(
    findings_text: str, images: list[object], networks: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    findings = analyze(findings_text, images=images, networks=networks)  # type: ignore[arg-type]
    return [(f.rule, f.severity) for f in findings if f.rule.startswith("alt_text")]


def test_missing_alt_text_warns() -> None:
    assert _alt("Fiestas.", [ImageInfo("")]) == [("alt_text_missing", "warn")]
    assert _alt("Fiestas.", [Attachment("a.jpg", "   ")]) == [("alt_text_missing", "warn")]


def test_missing_alt_text_blocks_on_bluesky() -> None:
    assert _alt("Fiestas.", [ImageInfo("")], ("bluesky", "x")) == [("alt_text_missing", "block")]


def test_redundant_prefix_is_a_tip() -> None:
    for alt in (
        "Imagen de la plaza Mayor",
        "Foto de la fuente",
        "image of the square",
        "FOTO DEL puente",
    ):
        assert _alt("Fiestas.", [ImageInfo(alt)]) == [("alt_text_prefix", "tip")]


def test_good_alt_text_passes() -> None:
    images = [
        ImageInfo("Cartel: Fiestas de San Roque, del 14 al 18 de agosto"),
        Attachment("b.png", "La plaza llena de gente"),
    ]
    assert _alt("Fiestas.", images, ("bluesky",)) == []


def test_findings_sit_inside_the_text() -> None:
    findings = analyze("", images=[ImageInfo("")])
    assert [(f.start, f.end) for f in findings] == [(0, 0)]
