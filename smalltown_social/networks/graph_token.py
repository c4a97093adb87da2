"""Checking a Meta access token with `debug_token`: valid, whose, until when, which permissions.

A Page token (`type` PAGE) names its Page in `profile_id`. A token of a
personal profile (`type` USER) cannot publish as the Page: it is refused with
a message saying which token to copy instead. Missing permissions are named
in the clerk's language, each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import NeedsReconnect, PermanentError
from smalltown_social.networks.graph import GraphClient
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str

# What the app needs from a Facebook Page token. `read_insights` only feeds the
# counts (reach): its absence is told, not refused (FACEBOOK_INSIGHTS).
FACEBOOK_SCOPES = (
    "pages_show_list",
    "pages_manage_posts",
    "pages_read_engagement",
    "pages_manage_engagement",
    "pages_read_user_engagement",
)
# Instagram through the Facebook Page (Facebook Login): the Page-linked equivalents.
INSTAGRAM_SCOPES = (
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_comments",
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_posts",  # the photo is first uploaded, unpublished, to the Page
)
# Permissions only the counts of Resultados need: a key without them still connects,
# publishes and answers; the clerk is told which one is missing and what it costs.
FACEBOOK_INSIGHTS = ("read_insights",)
INSTAGRAM_INSIGHTS = ("instagram_manage_insights",)

TEXT_INVALID = Text(
    "Meta dice que esta clave de acceso no es válida (caducada, retirada o mal copiada). "
    "Genere una nueva siguiendo los pasos del asistente. No se ha guardado nada.",
    "Meta says this access key is not valid (expired, withdrawn or copied wrongly). Create a "
    "new one following the wizard's steps. Nothing was saved.",
)
TEXT_PERSONAL = Text(
    "Esta clave es de un perfil personal, no de la página. En el Explorador de la API Graph, "
    "en «Usuario o página», elija la página del ayuntamiento y copie la clave que aparece "
    "entonces. No se ha guardado nada.",
    "This key belongs to a personal profile, not to the Page. In the Graph API Explorer, under "
    "“User or Page”, choose the town hall's Page and copy the key shown then. Nothing was saved.",
)
TEXT_WRONG_PAGE = Text(
    "Esta clave es de otra página (identificador {found}), no de la página {wanted}. Elija la "
    "página correcta al generar la clave, o corrija el identificador. No se ha guardado nada.",
    "This key belongs to another Page (id {found}), not to Page {wanted}. Choose the right Page "
    "when creating the key, or correct the id. Nothing was saved.",
)
TEXT_NO_INSIGHTS = Text(
    "Cuenta conectada, pero a la clave le falta el permiso {names}: sin él, Resultados no "
    "puede leer {what}. Lo demás funciona (publicar, responder, y los me gusta, comentarios y "
    "compartidos). Para tenerlo, genere la clave otra vez marcando también {names} y vuelva "
    "a conectar la cuenta.",
    "Account connected, but the key lacks the permission {names}: without it, Resultados "
    "cannot read {what_en}. Everything else works (posting, answering, and the likes, comments and "
    "shares). To have it, create the key again ticking {names} too and reconnect the account.",
)
INSIGHTS_WHAT = {
    "read_insights": Text(
        "el alcance de las publicaciones de Facebook", "the reach of Facebook posts"
    ),
    "instagram_manage_insights": Text(
        "las visualizaciones ni los compartidos de Instagram", "Instagram's views and shares"
    ),
}
TEXT_MISSING = Text(
    "A la clave le faltan estos permisos: {names}. Vuelva a generarla marcando todos los "
    "permisos del asistente. No se ha guardado nada.",
    "The key lacks these permissions: {names}. Create it again ticking every permission of the "
    "wizard. Nothing was saved.",
)


@dataclass(frozen=True)
class TokenInfo:
    kind: str  # PAGE, USER, SYSTEM_USER…
    profile_id: str  # the Page of a Page token
    scopes: tuple[str, ...]
    expires_utc: datetime | None  # None: does not expire
    missing_optional: tuple[str, ...] = ()


def check_token(
    graph: GraphClient,
    token: str,
    page_id: str | None,
    needed: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> TokenInfo:
    """Ask `debug_token` about `token`; raise with a clear text if it cannot do the job.

    `optional` permissions only feed the counts: the ones missing are returned in
    `missing_optional` (see `insights_note`), not refused.
    """
    body = graph.get("/debug_token", {"input_token": token.strip()})
    data = as_dict(body.get("data"))
    if data.get("is_valid") is not True:
        raise NeedsReconnect(TEXT_INVALID, f"debug_token: {as_str(as_dict(data.get('error')))}")
    kind = as_str(data.get("type")).upper()
    profile = as_str(data.get("profile_id")) or str(data.get("profile_id") or "")
    if kind == "USER":
        raise PermanentError(TEXT_PERSONAL, "a user token, not a Page token")
    if page_id and profile and profile != page_id:
        raise PermanentError(
            TEXT_WRONG_PAGE.format(found=profile, wanted=page_id), "token of another Page"
        )
    scopes = tuple(as_str(s) for s in as_list(data.get("scopes")) if as_str(s))
    missing = [scope for scope in needed if scope not in scopes]
    if missing:
        raise NeedsReconnect(TEXT_MISSING.format(names=", ".join(missing)), "missing scopes")
    return TokenInfo(
        kind=kind,
        profile_id=profile,
        scopes=scopes,
        expires_utc=earliest_expiry(data),
        missing_optional=tuple(s for s in optional if s not in scopes),
    )


def insights_note(missing: tuple[str, ...]) -> Text | None:
    """What the clerk is told when a key connects without the permissions the counts need."""
    if not missing:
        return None
    what = [INSIGHTS_WHAT.get(name, Text(name, name)) for name in missing]
    return TEXT_NO_INSIGHTS.format(
        names=", ".join(missing),
        what=" ni ".join(w.es for w in what),
        what_en=" nor ".join(w.en for w in what),
    )


def earliest_expiry(data: dict[str, object]) -> datetime | None:
    """The first of `expires_at` and `data_access_expires_at` that is set (0 means never)."""
    moments = [as_int(data.get(key)) for key in ("expires_at", "data_access_expires_at")]
    set_ones = [m for m in moments if m > 0]
    return datetime.fromtimestamp(min(set_ones), UTC) if set_ones else None
