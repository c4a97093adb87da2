"""X's prices, read from the rules table and told before anything is spent."""

from __future__ import annotations

from decimal import Decimal

from smalltown_social.core.costs import has_link, post_price, total_price, usd


def test_a_post_with_a_link_costs_more_on_x() -> None:
    assert post_price("x", "Pleno el jueves a las 20:00.") == Decimal("0.015")
    assert post_price("x", "Bando: https://sede.valdelomar.es/bandos/3") == Decimal("0.20")
    assert post_price("x", "Más en sede.valdelomar.es/bandos") == Decimal("0.20")  # no scheme
    assert post_price("x", "Escriba a x@ayto-pueblo.es") == Decimal("0.015")  # not a link
    assert post_price("mastodon", "https://sede.valdelomar.es") is None


def test_total_counts_one_price_per_paid_target() -> None:
    assert total_price(["x", "x", "mastodon"], "Pleno") == Decimal("0.030")
    assert total_price(["telegram"], "Pleno") == 0


def test_prices_as_the_clerk_reads_them() -> None:
    assert usd(Decimal("0.015")) == "0,015 US$"
    assert usd(Decimal("0.20")) == "0,20 US$"
    assert usd(Decimal("5")) == "5,00 US$"
    assert usd(Decimal("0.015"), "en") == "US$0.015"
    assert not has_link("hola")
