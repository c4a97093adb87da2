"""A town with accounts, a fake network and an outbox, for the outbox tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.posts import Image, Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter
from smalltown_social.publishing.outbox import Outbox
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from tests.publishing.fake_network import FakeAdapter, FakeNetwork

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    wall: datetime = START
    mono: float = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def jump(self, seconds: float) -> None:
        """The wall clock alone moves (a changed clock, or a PC that slept)."""
        self.wall += timedelta(seconds=seconds)


@dataclass
class World:
    database: Database
    network: FakeNetwork
    clock: FakeClock
    server_scheduling: bool = False
    idempotent: bool = True
    built: list[FakeAdapter] = field(default_factory=list)

    def adapter(self, account: Account) -> Adapter:
        adapter = FakeAdapter(
            account,
            self.network,
            server_scheduling=self.server_scheduling,
            idempotent=self.idempotent,
        )
        self.built.append(adapter)
        return adapter

    def outbox(self, **kwargs: object) -> Outbox:
        return Outbox(self.database, self.adapter, self.clock, **kwargs)  # type: ignore[arg-type]

    def account(self, name: str = "Ayto Mastodon", network: Network = Network.MASTODON) -> int:
        found = AccountsRepository(self.database).by_name(name)
        if found is not None:
            return found.id
        return AccountsRepository(self.database).add(network, name).id

    def schedule(
        self,
        text: str = "Corte de agua el martes",
        *,
        at: datetime | None = None,
        accounts: tuple[str, ...] = ("Ayto Mastodon",),
        images: tuple[Image, ...] = (),
        reply_to_item_id: int | None = None,
        server_scheduling: bool = False,
    ) -> list[int]:
        """A post due at `at` (default now) on `accounts`; returns the target ids."""
        due = at or self.clock.now()
        posts = PostsRepository(self.database)
        post = posts.save(
            Post(
                text=text,
                due_utc=due,
                images=images,
                reply_to_item_id=reply_to_item_id,
                server_scheduling=server_scheduling,
            )
        )
        assert post.id is not None
        targets = posts.add_targets(
            [Target(post.id, self.account(name), TargetState.SCHEDULED, due) for name in accounts]
        )
        return [t.id for t in targets if t.id is not None]

    def state(self, target_id: int) -> TargetState:
        target = PostsRepository(self.database).target(target_id)
        assert target is not None
        return target.state

    def target(self, target_id: int) -> Target:
        target = PostsRepository(self.database).target(target_id)
        assert target is not None
        return target


def make_world(directory: Path, database: Database, clock: FakeClock | None = None) -> World:
    clock = clock or FakeClock()
    return World(database, FakeNetwork(directory / "network.db", clock.now), clock)
