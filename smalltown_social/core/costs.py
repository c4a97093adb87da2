"""What a post costs on a paid network, told before it is spent (rules in core/networks.py).

X charges per post, more for a post with a link (as X recognises links: with
or without "https://", the same pattern its length count uses). Prices are in
US dollars, as X bills them; the clerk sees them with the Spanish decimal
comma ("0,015 US$").
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from smalltown_social.core.i18n import Language
from smalltown_social.core.networks import Network, rules_for


def has_link(text: str) -> bool:
    # Here, not at import: core.settings imports this module and the window's shell
    # paints without the guidance package (issue #13).
    from smalltown_social.core.guidance.textutil import URL  # noqa: PLC0415

    return URL.search(text) is not None


def post_price(network: str | Network, text: str) -> Decimal | None:
    """The price of publishing `text` once on `network`; None on a free network."""
    cost = rules_for(network).cost
    if cost is None:
        return None
    return cost.per_post_with_link if has_link(text) else cost.per_post


def total_price(networks: Iterable[str | Network], text: str) -> Decimal:
    """The price of publishing `text` once on each of `networks` (one per target)."""
    return sum((post_price(network, text) or Decimal(0) for network in networks), Decimal(0))


def usd(amount: Decimal, language: Language = "es") -> str:
    """`0,015 US$` (Spanish) or `US$0.015` (English), without trailing zeros past cents."""
    text = format(amount.normalize(), "f")
    whole, _, cents = text.partition(".")
    cents = (cents + "00")[: max(2, len(cents))]
    if language == "es":
        return f"{whole},{cents} US$"
    return f"US${whole}.{cents}"
