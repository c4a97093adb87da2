"""The public API, ordering, and robustness of `analyze()`."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smalltown_social.core.guidance import (
    Finding,
    ImageInfo,
    NetworkLimit,
    Readability,
    analyze,
    count_syllables,
    readability,
)
from smalltown_social.core.guidance.engine import analyze_unguarded
from smalltown_social.core.guidance.findings import SEVERITY_ORDER

ALL_NETWORKS = ("bluesky", "mastodon", "x", "telegram", "facebook", "instagram", "linkedin")


DRAFT = (
    "El Ayuntamiento informa que el alcalde inaugura la piscina. A FIN DE evitar colas, "
    "#fiestas #Verano #Valdelomar 🎉🎉 Llame a José García al 612 345 678."
)


def test_public_api_types() -> None:
    findings = analyze(DRAFT, networks=ALL_NETWORKS)
    assert findings and all(isinstance(f, Finding) for f in findings)
    assert isinstance(readability(DRAFT), Readability)
    assert count_syllables("día") == 2


def test_sorted_by_severity_then_start() -> None:
    findings = analyze(DRAFT, networks=ALL_NETWORKS)
    keys = [(SEVERITY_ORDER[f.severity], f.start) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity == "block"


def test_rule_ids_are_stable() -> None:
    found = {f.rule for f in analyze(DRAFT)}
    assert {
        "press_release",
        "propaganda",
        "bureaucratic",
        "hashtag_count",
        "emoji_repeated",
        "personal_data",
    } <= found


def test_language_switch() -> None:
    es = analyze("CORTE DE AGUA HOY")[0].message
    en = analyze("CORTE DE AGUA HOY", language="en")[0].message
    assert es != en
    assert "capitals" in en


def test_findings_are_frozen() -> None:
    finding = analyze("CORTE DE AGUA HOY")[0]
    try:
        finding.start = 3  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Finding must be frozen")


def test_nested_findings_of_one_rule_are_merged() -> None:
    text = "El alcalde inaugura el parque."
    assert [text[f.start : f.end] for f in analyze(text) if f.rule == "propaganda"] == [
        "El alcalde inaugura"
    ]


HOSTILE = [
    "",
    " ",
    "a" * 100_000,
    "🎉" * 5000,
    "👨\u200d👩\u200d👧" * 300,
    "مرحبا بكم في البلدية، الماء مقطوع غداً",
    "שלום לכולם, המים ינותקו מחר",
    "\x00\x01\x02\x1b[31m\r\n\t\x7f",
    "\ud800 lone \udfff surrogates",
    "#" * 1000,
    "@" * 500 + "." * 500,
    "ES" + "9" * 40,
    "12345678" * 100,
    "\u0301" * 100,
    "İİİ ß ǅ ﬁ",
]


def test_hostile_inputs_never_raise() -> None:
    for text in HOSTILE:
        for findings in (
            analyze_unguarded(
                text, networks=ALL_NETWORKS, images=[ImageInfo("")], content_type="event"
            ),
            analyze_unguarded(text, content_type="local_life", language="en"),
        ):
            for f in findings:
                assert 0 <= f.start <= f.end <= len(text)


options = st.fixed_dictionaries(
    {
        "content_type": st.sampled_from(
            [
                None,
                "urgent",
                "procedure",
                "grant",
                "event",
                "health",
                "service",
                "participation",
                "local_life",
                "correction",
                "bogus",
            ]
        ),
        "networks": st.lists(
            st.one_of(
                st.sampled_from([*ALL_NETWORKS, "unknown"]),
                st.builds(
                    NetworkLimit,
                    network=st.sampled_from(ALL_NETWORKS),
                    max_length=st.integers(0, 600),
                    unit=st.sampled_from(
                        ["graphemes", "mastodon", "x_weighted", "utf16", "characters"]
                    ),
                    characters_reserved_per_url=st.integers(0, 50),
                    max_bytes=st.one_of(st.none(), st.integers(0, 600)),
                ),
            ),
            max_size=4,
        ),
        "images": st.lists(st.builds(ImageInfo, st.text(max_size=20)), max_size=3),
        "when": st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
        "electoral_period": st.one_of(st.none(), st.tuples(st.dates(), st.dates())),
        "language": st.sampled_from(["es", "en", "fr"]),
    }
)

TEXTS = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=string.printable + "áéíóúñÁÉÍÓÚÑü¿¡#@🎉👍🏽€", max_size=400),
    st.lists(
        st.sampled_from(
            [
                "el alcalde",
                "inaugura",
                "PP",
                "12345678Z",
                "612 345 678",
                "ES91 2100 0418 4502 0005 1332",
                "a fin de",
                "se procede a la apertura",
                "#fiestas",
                "CORTE DE AGUA",
                "🎉",
                "\n",
                ". ",
                "sede.valdelomar.es/x",
                "https://a.es",
                "info@a.es",
                "10:00",
                "5 de marzo",
                " ",
            ]
        ),
        max_size=40,
    ).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, opts=options)
def test_analyze_never_raises_and_spans_are_inside(text: str, opts: dict[str, object]) -> None:
    findings = analyze_unguarded(text, **opts)  # type: ignore[arg-type]
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.severity in ("block", "warn", "tip")
        assert f.message
    assert analyze(text, **opts) == findings  # type: ignore[arg-type]


def test_electoral_period_uses_today_without_when() -> None:
    today = datetime.now(UTC).date()
    period = (date(today.year - 1, 1, 1), date(today.year + 1, 12, 31))
    findings = analyze("El alcalde inaugura el parque.", electoral_period=period)
    assert any(f.rule == "propaganda" and f.severity == "block" for f in findings)
