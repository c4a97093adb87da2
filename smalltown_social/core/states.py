"""The life of one target (one post on one account).

Only the outbox moves a target out of `scheduled`; the clerk moves it between
`draft`, `scheduled` and the states that need a decision (`failed`,
`unconfirmed`, `missed`). A `published` target never changes again: that is
what "nothing published twice" rests on.
"""

from __future__ import annotations

from enum import StrEnum

from smalltown_social.core.i18n import Text


class TargetState(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"
    MISSED = "missed"


S = TargetState

ALLOWED: dict[TargetState, frozenset[TargetState]] = {
    S.DRAFT: frozenset({S.SCHEDULED}),
    # Back to draft = unschedule; publishing = the outbox's claim; missed = too late.
    S.SCHEDULED: frozenset({S.DRAFT, S.PUBLISHING, S.MISSED}),
    # Scheduled again only when the network says surely absent or the error was temporary.
    S.PUBLISHING: frozenset({S.PUBLISHED, S.FAILED, S.UNCONFIRMED, S.SCHEDULED}),
    S.PUBLISHED: frozenset(),
    S.FAILED: frozenset({S.SCHEDULED, S.DRAFT}),
    # The clerk looked: it is there (published), it is not (scheduled), give up (failed).
    S.UNCONFIRMED: frozenset({S.PUBLISHED, S.SCHEDULED, S.FAILED}),
    S.MISSED: frozenset({S.SCHEDULED, S.DRAFT}),
}

# States in which the clerk may still change the text or the time.
EDITABLE: frozenset[TargetState] = frozenset({S.DRAFT, S.SCHEDULED, S.FAILED, S.MISSED})

LABELS: dict[TargetState, Text] = {
    S.DRAFT: Text("Borrador", "Draft"),
    S.SCHEDULED: Text("Programada", "Scheduled"),
    S.PUBLISHING: Text("Publicando", "Publishing"),
    S.PUBLISHED: Text("Publicada", "Published"),
    S.FAILED: Text("Error", "Failed"),
    S.UNCONFIRMED: Text("Sin confirmar", "Unconfirmed"),
    S.MISSED: Text("No publicada a tiempo", "Missed"),
}


class IllegalTransition(ValueError):
    """A state change the rules forbid; carries a message for the clerk."""

    def __init__(self, current: TargetState, new: TargetState) -> None:
        self.current = current
        self.new = new
        self.text = explain_refusal(current, new)
        super().__init__(f"illegal target transition {current.value} -> {new.value}")


def explain_refusal(current: TargetState, new: TargetState) -> Text:
    if current is S.PUBLISHING:
        return Text(
            "Esta publicación se está enviando ahora mismo; espere a que termine.",
            "This post is being sent right now; wait until it finishes.",
        )
    if current is S.PUBLISHED:
        return Text(
            "Esta publicación ya salió; no se puede cambiar. Publique una corrección.",
            "This post is already out; it cannot change. Publish a correction.",
        )
    return Text(
        f"No se puede pasar de «{LABELS[current].es}» a «{LABELS[new].es}».",
        f"Cannot go from “{LABELS[current].en}” to “{LABELS[new].en}”.",
    )


def can_transition(current: TargetState, new: TargetState) -> bool:
    return new in ALLOWED[current]


def transition(current: TargetState, new: TargetState) -> TargetState:
    """Return `new` if the move is allowed, else raise `IllegalTransition`."""
    if not can_transition(current, new):
        raise IllegalTransition(current, new)
    return new


def check_editable(current: TargetState) -> None:
    """Raise `IllegalTransition` when the clerk may not edit a target in `current`."""
    if current not in EDITABLE:
        raise IllegalTransition(current, current)
