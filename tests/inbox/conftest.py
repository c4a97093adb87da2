"""Inbox fixtures: real repositories on a real SQLite file, a fake adapter per account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import ItemKind
from smalltown_social.networks.base import RemoteItem
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def remote(n: int, text: str = "", **extra: object) -> RemoteItem:
    fields: dict[str, object] = {
        "remote_id": f"r{n}",
        "kind": ItemKind.COMMENT,
        "text": text or f"Comentario {n}",
        "created_utc": T0 + timedelta(minutes=n),
        "author_name": f"Vecina {n}",
        "author_handle": f"@vecina{n}",
    }
    fields.update(extra)
    return RemoteItem(**fields)  # type: ignore[arg-type]


@pytest.fixture
def accounts(database: Database) -> list[Account]:
    repo = AccountsRepository(database)
    return [
        repo.add(Network.MASTODON, "Ayto en Mastodon", handle="@ayto@example.social"),
        repo.add(Network.BLUESKY, "Ayto en Bluesky", handle="ayto.example"),
    ]
