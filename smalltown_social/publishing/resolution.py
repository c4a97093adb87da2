"""The clerk's way out of `unconfirmed` and `failed`: what they saw on the network.

Used by the `target mark` command and by the calendar's menu, so both decide
the same way. `not-published` sends the post again at the next sweep, with
the same idempotency key, while it is still within the lateness rule (what a
clerk expects after checking that it is missing); once it is later than that
rule it becomes a draft instead, so a post about last night's meeting is not
sent days late without the clerk choosing a new time for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from smalltown_social.core.i18n import Text
from smalltown_social.core.settings import LATENESS_HOURS
from smalltown_social.core.states import LABELS, IllegalTransition, TargetState
from smalltown_social.publishing.outbox import LATENESS_SLACK
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import Resolution, TargetStore

S = TargetState


class CannotResolve(Exception):
    """Nothing changed; `text` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


NO_TARGET = Text(
    "No existe la publicación con destino {id}. Véalo con «smalltown-social status».",
    "There is no target {id}. See them with “smalltown-social status”.",
)
NOT_WAITING_FOR_YOU = Text(
    "Esta publicación está «{state}»: solo se marca a mano una «Sin confirmar» o «Error».",
    "This post is “{state_en}”: only an “Unconfirmed” or “Failed” one is marked by hand.",
)
BAD_URL = Text(
    "La dirección debe empezar por https:// o http:// (la de la publicación en la red).",
    "The address must start with https:// or http:// (the post's address on the network).",
)

DONE = {
    S.PUBLISHED: Text("Marcada como publicada.", "Marked as published."),
    S.SCHEDULED: Text(
        "Marcada como no publicada: saldrá en la próxima pasada del buzón de salida.",
        "Marked as not published: it goes out at the outbox's next sweep.",
    ),
    S.DRAFT: Text(
        "Marcada como no publicada. Ya es tarde para enviarla sola: queda como borrador; "
        "elija una nueva hora en el calendario o en el editor.",
        "Marked as not published. It is too late to send it on its own: it is a draft "
        "now; choose a new time in the calendar or the composer.",
    ),
    S.FAILED: Text(
        "Abandonada: no se publicará. Queda anotado.",
        "Abandoned: it will not be published. It is logged.",
    ),
}


def resolve_target(
    database: Database,
    now: datetime,
    target_id: int,
    resolution: Resolution,
    *,
    url: str | None = None,
) -> TargetState:
    """Record what the clerk saw; returns the new state (see `DONE` for the words).

    Raises `CannotResolve` (nothing changed) with a text for the clerk.
    """
    if url is not None and urlsplit(url).scheme not in ("http", "https"):
        raise CannotResolve(BAD_URL)
    target = PostsRepository(database).target(target_id)
    if target is None:
        raise CannotResolve(NO_TARGET.format(id=target_id))
    hours = SettingsRepository(database).get(LATENESS_HOURS)
    cutoff = now - timedelta(hours=hours) - LATENESS_SLACK
    late = target.due_utc is not None and target.due_utc < cutoff
    try:
        return TargetStore(database).resolve(target_id, resolution, url=url, late=late, now=now)
    except IllegalTransition as refused:
        state = refused.current
        raise CannotResolve(
            NOT_WAITING_FOR_YOU.format(state=LABELS[state].es, state_en=LABELS[state].en)
        ) from None
    except KeyError:
        raise CannotResolve(NO_TARGET.format(id=target_id)) from None
