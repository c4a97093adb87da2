"""Connected accounts as plain values. Secrets are never part of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smalltown_social.core.networks import NETWORK_NAMES, Network

__all__ = ["NETWORK_NAMES", "Account", "Network"]  # the network table lives in core/networks.py


@dataclass(frozen=True)
class Account:
    id: int
    network: Network
    name: str
    handle: str | None = None
    server_url: str | None = None
    channel: str | None = None
    status: str = "unknown"
    status_detail: str | None = None
    expires_utc: datetime | None = None
    demo: bool = False
    max_length: int | None = None  # the server's own limit (a Mastodon instance), if it has one
    url_length: int | None = None  # what one link counts on that server
    removed: bool = False  # removed by the clerk; kept only to show its published history

    @property
    def secret_key(self) -> str:
        """The keyring entry name of this account's credential."""
        return f"account-{self.id}"

    @property
    def session_key(self) -> str:
        """The keyring entry of a session kept beside the credential (Bluesky's tokens)."""
        return f"account-{self.id}-session"
