"""A child process that publishes, for the SIGKILL and race tests.

    python publish_child.py DB NETWORK MODE

MODE: `sweep` publishes everything due and prints "done N"; `pause_before_call`
and `pause_after_accept` print "claimed ID" / "accepted ID" at that point of
the first target and then wait to be killed; `slow_call` prints "claimed ID"
and holds its first call until the file NETWORK.go appears (a call that
takes longer than a claim's stale time), then sweeps on; `loop` sweeps forever, printing
"published ID" as each target is recorded; `sweep_on_go` prints "ready", waits
for the file NETWORK.go (so racing children start together), then sweeps.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from smalltown_social.core.accounts import Account
from smalltown_social.networks.base import Adapter, Content, Media, Published
from smalltown_social.publishing.clock import SystemClock
from smalltown_social.publishing.outbox import Outbox
from smalltown_social.storage.database import Database
from tests.publishing.fake_network import FakeAdapter, FakeNetwork


def wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.005)


class PausingAdapter(FakeAdapter):
    mode = ""
    held = False  # `slow_call`: the first call was held already

    def publish(self, content: Content, media: Sequence[Media], idempotency_key: str) -> Published:
        if self.mode == "pause_before_call":
            print("claimed", idempotency_key, flush=True)
            time.sleep(600)
        if self.mode == "slow_call" and not self.held:
            print("claimed", idempotency_key, flush=True)
            wait_for(self.network.path.with_suffix(".go"))
            PausingAdapter.held = True
        if self.mode == "sweep_on_go":
            time.sleep(0.002)  # a network call takes time: the racers interleave
        made = super().publish(content, media, idempotency_key)
        if self.mode == "pause_after_accept":
            print("accepted", idempotency_key, flush=True)
            time.sleep(600)
        return made


def main(argv: list[str]) -> int:
    db_path, network_path, mode = Path(argv[0]), Path(argv[1]), argv[2]
    clock = SystemClock()
    network = FakeNetwork(network_path, clock.now)
    database = Database(db_path)

    def adapter(account: Account) -> Adapter:
        made = PausingAdapter(account, network)
        made.mode = mode
        return made

    class Echo:
        def on_published(self, target_id: int) -> None:
            print("published", target_id, flush=True)

        def on_failed(self, target_id: int, reason: str) -> None:
            print("failed", target_id, flush=True)

        def on_unconfirmed(self, target_id: int) -> None:
            print("unconfirmed", target_id, flush=True)

    outbox = Outbox(database, adapter, clock, reports=Echo())
    if mode == "loop":
        print("ready", flush=True)
        while True:
            outbox.sweep()
            time.sleep(0.01)
    if mode == "sweep_on_go":
        print("ready", flush=True)
        wait_for(network_path.with_suffix(".go"))
    result = outbox.sweep()
    print("done", len(result.outcomes or {}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
