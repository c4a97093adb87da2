"""The life of one target (one post on one account).

Only the outbox moves a target out of `scheduled` towards the network; the
clerk moves it between `draft`, `scheduled` and the states that need a
decision (`failed`, `unconfirmed`, `missed`). `storage.targets_store` is the
one place that writes a state, and it checks every move against `ALLOWED`.

A `published` target that went out never changes again: that is what
"nothing published twice" rests on. The one way out of `published` is a
post handed to the network's own scheduler whose scheduled copy the network
has deleted (a withdrawal): it never went out, so it is a draft again.
`ONLY_IF` names that condition, and the store adds it to its SQL guard.
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
    # Scheduled again only when the network says surely absent or the error was
    # temporary; missed when surely absent but now too late to send without asking.
    S.PUBLISHING: frozenset({S.PUBLISHED, S.FAILED, S.UNCONFIRMED, S.SCHEDULED, S.MISSED}),
    # Only a withdrawn hand-over (ONLY_IF: on the server's scheduler, never out).
    S.PUBLISHED: frozenset({S.DRAFT}),
    # The clerk looked: it is there (published), it is not (scheduled again, or
    # a draft when too late to send it). Moved in the calendar = scheduled again.
    S.FAILED: frozenset({S.SCHEDULED, S.DRAFT, S.PUBLISHED}),
    # The same, or given up (failed).
    S.UNCONFIRMED: frozenset({S.PUBLISHED, S.SCHEDULED, S.DRAFT, S.FAILED}),
    # Moved in the calendar or scheduled again in the composer.
    S.MISSED: frozenset({S.SCHEDULED}),
}

# A post with a target in one of these states keeps its text and cannot be deleted:
# it is being sent, it is out, or it may be out (unconfirmed: the look at the
# network before sending it again matches by this very text, and the record is
# the clerk's only trace of it).
FROZEN: frozenset[TargetState] = frozenset({S.PUBLISHING, S.PUBLISHED, S.UNCONFIRMED})

# Moves allowed only under a condition the store adds to its SQL guard.
ONLY_IF: dict[tuple[TargetState, TargetState], str] = {
    (S.PUBLISHED, S.DRAFT): "on_server",
}

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
    if current is S.UNCONFIRMED:
        return Text(
            "Puede que esta publicación ya saliera. Antes de cambiarla o borrarla, mire en la "
            "red si está y dígalo en el Calendario (clic derecho sobre ella).",
            "This post may already be out. Before changing or deleting it, look on the "
            "network and say whether it is there in the Calendar (right-click on it).",
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
