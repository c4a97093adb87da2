"""`analyze()`: every rule over one draft, on every keystroke.

The composer calls this while the clerk types, so it must be fast (regexes are
compiled once, data files read once) and must never raise: a guidance bug must
not cost the clerk the draft. It must not let a post through either: each rule
family runs behind a guard that logs the failure and reports it as a `block`
finding ("the review could not check…"), so the draft is still saved but the
post cannot be scheduled unless the clerk overrides it with a logged reason
(fails closed). `analyze_unguarded()` runs the same code without the guard so
that the tests can prove no rule raises.

Rules that protect people or the post itself (personal data, length, alt text
Bluesky requires, propaganda) always run; the others run when the content type
lists them (all of them when no type is chosen).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime

from smalltown_social.core.guidance.content_types import ContentType, content_type
from smalltown_social.core.guidance.facts import check_missing_facts
from smalltown_social.core.guidance.findings import SEVERITY_ORDER, Finding, sort_findings
from smalltown_social.core.guidance.images import HasAltText, check_images
from smalltown_social.core.guidance.lengths import NetworkLimit, check_lengths
from smalltown_social.core.guidance.personal_data import check_personal_data
from smalltown_social.core.guidance.phrases import check_phrases
from smalltown_social.core.guidance.profile import EMPTY, TownProfile
from smalltown_social.core.guidance.propaganda import check_propaganda, in_electoral_period
from smalltown_social.core.guidance.readability import check_readability, check_sentences
from smalltown_social.core.guidance.style import check_caps, check_emoji, check_hashtags
from smalltown_social.core.guidance.textutil import LazyPattern, fold
from smalltown_social.core.i18n import Language, Text, parse_language
from smalltown_social.core.networks import NETWORK_IDS

log = logging.getLogger(__name__)

GUIDANCE_FAILED = "guidance_failed"
ALWAYS = frozenset({"personal_data", "length", "alt_text_missing", "propaganda", GUIDANCE_FAILED})
GENERAL = frozenset(
    {
        "sentence_length", "readability", "bureaucratic", "nominal", "passive_voice",
        "press_release", "legal_citation", "hashtag_count", "hashtag_position",
        "hashtag_case", "hashtag_length", "all_caps", "emoji_count", "emoji_repeated",
        "alt_text_prefix",
    }
)  # fmt: skip

_INVITES = LazyPattern(
    r"\?|coment|cuentanos|cuentános|dinos|comparte|compartid|responde|etiqueta a|"
    r"envianos|mandanos|que opinas|participa"
)
_CORRECTION = LazyPattern(
    r"correc|corregi|error|errata|dijimos|donde dice|debe decir|perdon|disculp|rectific|equivoc"
)
INVITE_COMMENTS = Text(
    "Invite a comentar: una pregunta al final («¿Cuál es tu rincón favorito?») hace que la "
    "gente responda y comparta.",
    "Invite comments: a question at the end ('What is your favourite spot?') gets people "
    "to reply and share.",
)
COULD_NOT_CHECK = Text(
    "La revisión no ha podido comprobar este texto ({part}): no se puede programar sin "
    "revisarlo a mano y anotar el motivo. El borrador sí se guarda.",
    "The review could not check this text ({part}): it cannot be scheduled unless you check it "
    "yourself and note the reason. The draft is still saved.",
)
CORRECTION = Text(
    "Una corrección debe decir qué estaba mal y qué es lo correcto (p. ej. «Corrección: dijimos "
    "jueves; es el viernes»).",
    "A correction should say what was wrong and what is right (e.g. 'Correction: we said "
    "Thursday; it is Friday').",
)


def _limits(networks: Iterable[str | NetworkLimit], has_images: bool) -> list[NetworkLimit]:
    limits: list[NetworkLimit] = []
    for network in networks:
        if isinstance(network, NetworkLimit):
            limits.append(network)
        elif isinstance(network, str) and network in NETWORK_IDS:
            limits.append(NetworkLimit.for_network(network, caption=has_images))
    return limits


def _resolve_type(value: str | ContentType | None) -> ContentType | None:
    if isinstance(value, ContentType):
        return value
    if isinstance(value, str):
        try:
            return content_type(value)
        except KeyError:
            return None
    return None


def _dedupe(findings: list[Finding], length: int) -> list[Finding]:
    """Clamp spans into the text and keep one finding per rule and span.

    Several patterns of one rule often mark overlapping words ("El alcalde
    inaugura", "inaugura", "Inauguración…"): the clerk should read the advice
    once. Per rule, a finding that overlaps one already kept (the most serious,
    then the longest, then the first) is dropped. Findings without a span
    (missing facts, which differ by message) are only dropped when identical.
    Advice (not a block) is listed once per rule and wording: three repeated
    emoji give one "Emoji repetido", not three; every block keeps its own span,
    as each must be removed.
    """
    clamped: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for found in findings:
        start = min(max(found.start, 0), length)
        end = min(max(found.end, start), length)
        key = (found.rule, start, end, found.message)
        if key in seen:
            continue
        seen.add(key)
        clamped.append(
            Finding(found.rule, found.severity, start, end, found.message, found.suggestion)
        )
    kept: list[Finding] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    said: set[tuple[str, str, str | None]] = set()
    order = sorted(clamped, key=lambda x: (SEVERITY_ORDER[x.severity], x.start, -(x.end - x.start)))
    for f in order:
        spans = taken.setdefault(f.rule, [])
        if f.end > f.start and any(s < f.end and f.start < e for s, e in spans):
            continue
        if f.severity != "block":
            if (f.rule, f.message, f.suggestion) in said:
                continue
            said.add((f.rule, f.message, f.suggestion))
        if f.end > f.start:
            spans.append((f.start, f.end))
        kept.append(f)
    return kept


def analyze_unguarded(
    text: str,
    *,
    content_type: str | ContentType | None = None,
    networks: Iterable[str | NetworkLimit] = (),
    images: Iterable[HasAltText] = (),
    when: datetime | None = None,
    electoral_period: tuple[date, date] | None = None,
    language: str = "es",
    profile: TownProfile | None = None,
    guard: Callable[[str, Callable[[], list[Finding]]], list[Finding]] | None = None,
) -> list[Finding]:
    """`analyze()` without the safety net (see the module docstring)."""
    text = text if isinstance(text, str) else str(text)
    lang: Language = parse_language(language)
    kind = _resolve_type(content_type)
    active = (frozenset(kind.rules) if kind is not None else GENERAL) | ALWAYS
    image_list = list(images)
    network_list = list(networks)
    network_ids = [n.network if isinstance(n, NetworkLimit) else n for n in network_list]
    electoral = in_electoral_period(when, electoral_period)
    town = profile if profile is not None else EMPTY

    def run(name: str, rule: Callable[[], list[Finding]]) -> list[Finding]:
        return guard(name, rule) if guard is not None else rule()

    findings: list[Finding] = []
    findings += run("personal_data", lambda: check_personal_data(text, lang, town))
    findings += run(
        "length", lambda: check_lengths(text, _limits(network_list, bool(image_list)), lang)
    )
    findings += run("images", lambda: check_images(text, image_list, network_ids, lang))
    findings += run("propaganda", lambda: check_propaganda(text, electoral, lang, town))
    findings += run("sentences", lambda: check_sentences(text, lang))
    findings += run("readability", lambda: check_readability(text, lang))
    findings += run("phrases", lambda: check_phrases(text, lang))
    findings += run("hashtags", lambda: check_hashtags(text, lang, town))
    findings += run("caps", lambda: check_caps(text, lang))
    findings += run("emoji", lambda: check_emoji(text, lang))
    if kind is not None and "missing_fact" in active:
        fields = [(f.fact, f.label, f.hint, f.required) for f in kind.fields]
        findings += run("facts", lambda: check_missing_facts(text, fields, lang))
    if "invite_comments" in active and text.strip() and not _INVITES.search(fold(text)):
        findings.append(
            Finding("invite_comments", "tip", len(text), len(text), INVITE_COMMENTS(lang))
        )
    if "correction_explained" in active and text.strip() and not _CORRECTION.search(fold(text)):
        findings.append(Finding("correction_explained", "tip", 0, 0, CORRECTION(lang)))
    findings = [f for f in findings if f.rule in active]
    return sort_findings(_dedupe(findings, len(text)))


def could_not_check(part: str, language: Language) -> Finding:
    """The `block` finding that stands in for a rule that failed: the review fails closed."""
    return Finding(GUIDANCE_FAILED, "block", 0, 0, COULD_NOT_CHECK.format(part=part)(language))


def _guard_in(language: Language) -> Callable[[str, Callable[[], list[Finding]]], list[Finding]]:
    def guard(name: str, rule: Callable[[], list[Finding]]) -> list[Finding]:
        try:
            return rule()
        except Exception:  # a guidance bug must neither cost the draft nor let the post out
            log.exception("guidance rule %s failed; the post is blocked until overridden", name)
            return [could_not_check(name, language)]

    return guard


def analyze(
    text: str,
    *,
    content_type: str | ContentType | None = None,
    networks: Iterable[str | NetworkLimit] = (),
    images: Iterable[HasAltText] = (),
    when: datetime | None = None,
    electoral_period: tuple[date, date] | None = None,
    language: str = "es",
    profile: TownProfile | None = None,
) -> list[Finding]:
    """All findings for a draft, most serious first, then in reading order.

    `networks` are ids ("bluesky", "mastodon", "x", "telegram", "facebook",
    "instagram", "linkedin") or `NetworkLimit`s (a Mastodon instance's own
    limit); with images, "telegram" uses the 1,024-unit caption limit.
    `electoral_period` is (day elections are called, election day), inclusive;
    it applies when `when` (or today) falls inside. `profile` is the town
    profile (its own contacts, name and officials), from Ajustes.
    """
    try:
        return analyze_unguarded(
            text,
            content_type=content_type,
            networks=networks,
            images=images,
            when=when,
            electoral_period=electoral_period,
            language=language,
            profile=profile,
            guard=_guard_in(parse_language(language)),
        )
    except Exception:  # the same promise for the glue code around the rules
        log.exception("guidance failed; the post is blocked until overridden")
        return [could_not_check("analyze", parse_language(language))]
