"""The town profile: what the guidance knows about the town hall's own accounts and people.

Registered in Ajustes (or `settings set`): the town's name, its own phone
numbers, e-mail domains, web and handles, and the names and handles of the
mayor and councillors. The rules use it so that the town's own contacts are
never taken for personal data, the town's name is not a "long hashtag", and
a registered official named in a post is recognised as one (propaganda).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from smalltown_social.core.guidance.textutil import fold

_SPLIT = re.compile(r"[,;\n]+")


def split_list(value: str) -> tuple[str, ...]:
    """A comma-, semicolon- or line-separated setting value as clean items."""
    return tuple(item.strip() for item in _SPLIT.split(value) if item.strip())


def _digits(number: str) -> str:
    digits = "".join(char for char in number if char.isdigit())
    return digits[-9:] if len(digits) > 9 else digits


def _domain(value: str) -> str:
    text = fold(value.strip())
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.split("/", 1)[0].split("@")[-1]
    return text.removeprefix("www.")


@dataclass(frozen=True)
class TownProfile:
    """The town hall's own name, contacts, accounts and officials (all optional)."""

    name: str = ""
    phones: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # e-mail domains and the web's domain
    handles: tuple[str, ...] = ()  # the town hall's own @accounts
    officials: tuple[str, ...] = ()  # "Ana Ruiz", "@AnaRuizAlcaldesa", ...
    emails: tuple[str, ...] = ()  # exact addresses off the domain (an association's webmail)

    @cached_property
    def phone_digits(self) -> frozenset[str]:
        return frozenset(d for d in (_digits(p) for p in self.phones) if len(d) >= 3)

    @cached_property
    def domain_set(self) -> frozenset[str]:
        return frozenset(d for d in (_domain(v) for v in self.domains) if "." in d)

    @cached_property
    def handle_set(self) -> frozenset[str]:
        items = (*self.handles, *(o for o in self.officials if o.strip().startswith("@")))
        return frozenset(_handle_key(h) for h in items if h.strip())

    @cached_property
    def official_names(self) -> tuple[str, ...]:
        """Registered officials' names (not handles), folded, longest first."""
        names = {fold(" ".join(o.split())) for o in self.officials if not o.strip().startswith("@")}
        return tuple(sorted((n for n in names if len(n) >= 3), key=len, reverse=True))

    @cached_property
    def name_tags(self) -> frozenset[str]:
        """The town's name as a hashtag body would write it (#Valdelomar, #SanMartinDelRio)."""
        if not self.name.strip():
            return frozenset()
        folded = fold(self.name)
        words = re.findall(r"\w+", folded)
        return frozenset({"".join(words), "ayto" + "".join(words), "ayuntamiento" + "".join(words)})

    def has_phone(self, number: str) -> bool:
        return _digits(number) in self.phone_digits

    @cached_property
    def email_set(self) -> frozenset[str]:
        return frozenset(fold(e.strip()) for e in self.emails if "@" in e)

    def has_email(self, address: str) -> bool:
        if fold(address) in self.email_set:
            return True
        domain = fold(address).rpartition("@")[2]
        return any(domain == d or domain.endswith("." + d) for d in self.domain_set)

    @cached_property
    def own_handles(self) -> frozenset[str]:
        return frozenset(_handle_key(h) for h in self.handles if h.strip())

    @cached_property
    def official_handles(self) -> frozenset[str]:
        return frozenset(_handle_key(o) for o in self.officials if o.strip().startswith("@"))

    def has_handle(self, handle: str) -> bool:
        return _handle_key(handle) in self.handle_set

    def is_own_handle(self, handle: str) -> bool:
        """One of the town hall's own accounts (not an official's)."""
        return _handle_key(handle) in self.own_handles

    def is_official_handle(self, handle: str) -> bool:
        return _handle_key(handle) in self.official_handles


def _handle_key(handle: str) -> str:
    """@Name, @name@server.social and a trailing full stop all give "name"."""
    return fold(handle.strip().lstrip("@").split("@")[0].rstrip("."))


EMPTY = TownProfile()
