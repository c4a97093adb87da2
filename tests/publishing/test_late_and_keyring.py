"""A post left in `publishing` for days, and a keyring that cannot be read (issue #9)."""

from __future__ import annotations

import keyring.errors
import pytest
from keyring.backends import fail

from smalltown_social.core.accounts import Account
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import Adapter
from smalltown_social.networks.registry import build_adapter
from smalltown_social.publishing.outbox import MAX_ATTEMPTS, Outbox, Outcome
from smalltown_social.redaction import Redactor
from smalltown_social.secrets import SecretStore
from tests.publishing.fake_network import SimulatedCrash
from tests.publishing.world import World
from tests.secrets.test_keyring_failures import MemorySecureKeyring

pytestmark = pytest.mark.expected_logs(
    r"recovery: target \d+ surely absent and more than \d+ h late",
    r"outbox: target \d+ waits for the keyring",
    r"secrets: Keyring backend refused",
)

S = TargetState


def test_a_post_left_publishing_while_the_pc_was_off_for_days_is_missed_not_sent(
    world: World,
) -> None:
    (tid,) = world.schedule("Pleno esta tarde a las 20:00")
    world.network.script("crash_before")
    with pytest.raises(SimulatedCrash):
        world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHING
    world.clock.advance(3 * 24 * 3600)  # the PC stays off for three days
    world.outbox().sweep()
    target = world.target(tid)
    assert target.state is S.MISSED
    assert target.error is not None and "tarde" in target.error
    assert world.network.publish_calls() == 0


def test_a_post_left_publishing_briefly_is_still_sent_at_once(world: World) -> None:
    (tid,) = world.schedule()
    world.network.script("crash_before")
    with pytest.raises(SimulatedCrash):
        world.outbox().sweep()
    world.clock.advance(3600)  # within the lateness rule (6 h)
    world.outbox().sweep()
    assert world.state(tid) is S.PUBLISHED


class LockedKeyring(MemorySecureKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")


@pytest.mark.parametrize("backend", [fail.Keyring, LockedKeyring])
def test_a_keyring_that_cannot_be_read_is_no_network_failure_and_the_post_waits(
    world: World, backend: type
) -> None:
    redactor = Redactor()
    secrets = SecretStore("smalltown-social-test", redactor, backend=backend())

    def adapter(account: Account) -> Adapter:
        return build_adapter(account, secrets, redactor)

    (tid,) = world.schedule()
    outbox = Outbox(world.database, adapter, world.clock)
    outcomes = []
    for _ in range(MAX_ATTEMPTS + 2):
        result = outbox.sweep()
        outcomes += list((result.outcomes or {}).values())
        world.clock.advance(301)
    target = world.target(tid)
    assert target.state is S.SCHEDULED  # still waiting, not failed
    assert target.attempts == 0
    assert target.error is not None and "llavero" in target.error
    assert "veces" not in target.error
    assert set(outcomes) == {Outcome.WAITING}
