"""One row per network in core/networks.py, read by the guidance, the adapters and media."""

from __future__ import annotations

from datetime import timedelta

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.guidance import ImageInfo, NetworkLimit, analyze
from smalltown_social.core.networks import NETWORK_IDS, RULES, LengthUnit, rules_for
from smalltown_social.networks.base import Capabilities


def test_every_network_has_one_row() -> None:
    assert set(RULES) == set(Network)
    assert set(NETWORK_IDS) == {n.value for n in Network}
    with pytest.raises(KeyError):
        rules_for("myspace")


def test_server_scheduling_windows_from_the_networks_docs() -> None:
    mastodon = rules_for("mastodon").server_schedule
    facebook = rules_for(Network.FACEBOOK).server_schedule
    assert mastodon is not None and mastodon.earliest == timedelta(minutes=5)
    assert facebook is not None
    assert (facebook.earliest, facebook.latest) == (timedelta(minutes=10), timedelta(days=30))
    assert rules_for("telegram").server_schedule is None
    assert Capabilities.of("mastodon").min_schedule_ahead_s == 300
    assert not Capabilities.of("bluesky").server_scheduling


def test_x_costs_more_with_a_link() -> None:
    cost = rules_for("x").cost
    assert cost is not None and cost.per_post_with_link > cost.per_post
    assert rules_for("mastodon").cost is None


def test_the_length_rule_reads_the_row() -> None:
    assert NetworkLimit.for_network("telegram", caption=True).max_length == 1024
    assert NetworkLimit.for_network("bluesky") == NetworkLimit(
        "bluesky", 300, LengthUnit.GRAPHEMES, max_bytes=3000
    )


def test_alt_text_is_required_where_the_row_says(monkeypatch: pytest.MonkeyPatch) -> None:
    def blocks(networks: tuple[str, ...]) -> bool:
        findings = analyze("Fiestas.", networks=networks, images=[ImageInfo("")])
        return any(f.rule == "alt_text_missing" and f.severity == "block" for f in findings)

    assert blocks(("bluesky",)) and not blocks(("mastodon",))
    from dataclasses import replace

    from smalltown_social.core import networks

    changed = dict(RULES)
    changed[Network.MASTODON] = replace(RULES[Network.MASTODON], alt_text_required=True)
    monkeypatch.setattr(networks, "RULES", changed)
    assert blocks(("mastodon",))  # one row changed, the guidance follows


def test_adapters_report_their_row() -> None:
    telegram = Capabilities.of("telegram")
    assert (telegram.max_length, telegram.caption_max_length, telegram.max_images) == (
        4096,
        1024,
        10,
    )
    assert Capabilities.of("bluesky").alt_text_required
    assert Capabilities.of("instagram").image_types == frozenset({"image/jpeg"})
