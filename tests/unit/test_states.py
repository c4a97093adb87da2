from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smalltown_social.core.posts import Target
from smalltown_social.core.states import (
    ALLOWED,
    EDITABLE,
    IllegalTransition,
    TargetState,
    check_editable,
    transition,
)

S = TargetState


def test_every_state_has_rules() -> None:
    assert set(ALLOWED) == set(TargetState)


@pytest.mark.parametrize(("current", "new"), list(itertools.product(TargetState, TargetState)))
def test_transition_allows_exactly_the_table(current: TargetState, new: TargetState) -> None:
    if new in ALLOWED[current]:
        assert transition(current, new) is new
    else:
        with pytest.raises(IllegalTransition) as caught:
            transition(current, new)
        assert caught.value.text.es
        assert caught.value.text.en


def test_published_is_final() -> None:
    for new in TargetState:
        with pytest.raises(IllegalTransition):
            transition(S.PUBLISHED, new)


def test_only_the_outbox_path_leaves_scheduled_for_publishing() -> None:
    assert S.PUBLISHING in ALLOWED[S.SCHEDULED]
    assert not any(S.PUBLISHING in ALLOWED[s] for s in TargetState if s is not S.SCHEDULED)


def test_publishing_cannot_be_edited_with_a_clear_message() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_editable(S.PUBLISHING)
    assert "enviando" in caught.value.text.es
    assert S.PUBLISHING not in EDITABLE
    assert S.PUBLISHED not in EDITABLE


def test_target_moved_to_returns_a_copy() -> None:
    target = Target(post_id=1, account_id=1)
    scheduled = target.moved_to(S.SCHEDULED)
    assert target.state is S.DRAFT
    assert scheduled.state is S.SCHEDULED
    assert scheduled.idempotency_key == target.idempotency_key


@given(st.lists(st.sampled_from(list(TargetState)), max_size=30))
def test_random_walks_never_leave_published(steps: list[TargetState]) -> None:
    state = S.DRAFT
    reached = False
    for new in steps:
        with contextlib.suppress(IllegalTransition):
            state = transition(state, new)
        reached = reached or state is S.PUBLISHED
        if reached:
            assert state is S.PUBLISHED
