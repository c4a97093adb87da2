"""Every setting declared once: name, type, default, label, help and what it accepts.

Storage keeps the values; the settings page (Ajustes) and the `settings`
command are built from this table and check a value with `check` / `parse`
here, so both accept exactly the same; code reads a value by its `Setting` so
the default lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from smalltown_social.core.costs import usd
from smalltown_social.core.guidance.profile import TownProfile, split_list
from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import Network, rules_for

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting. The settings page shows those with `shown`; ints stay in `limits`."""

    key: str
    kind: type[T]
    default: T
    label: Text
    help: Text
    choices: tuple[tuple[str, Text], ...] = ()
    limits: tuple[int, int] = (0, 1_000)
    shown: bool = True
    is_date: bool = False  # a str holding an ISO date (YYYY-MM-DD), or "" for none


LANGUAGE = Setting(
    "language",
    str,
    "es",
    Text("Idioma", "Language"),
    Text(
        "Idioma de la aplicación; se aplica al volver a abrirla.",
        "Language of the application; applies when it is opened again.",
    ),
    choices=(("es", Text("Español", "Spanish")), ("en", Text("Inglés", "English"))),
)
TIME_ZONE = Setting(
    "time_zone",
    str,
    "Europe/Madrid",
    Text("Zona horaria", "Time zone"),
    Text(
        "Zona horaria del municipio; Canarias usa Atlantic/Canary.",
        "The town's time zone; the Canary Islands use Atlantic/Canary.",
    ),
    choices=(
        ("Europe/Madrid", Text("Península, Baleares, Ceuta y Melilla", "Mainland Spain")),
        ("Atlantic/Canary", Text("Canarias", "Canary Islands")),
    ),
)
LATENESS_HOURS = Setting(
    "lateness_hours",
    int,
    6,
    Text("Retraso máximo (horas)", "Maximum delay (hours)"),
    Text(
        "Si el ordenador estaba apagado a la hora prevista, publicar igualmente si el "
        "retraso es menor que estas horas; si no, preguntar.",
        "If the computer was off at the due time, still publish when less than this many "
        "hours late; otherwise ask.",
    ),
    limits=(0, 168),
)
PAUSED = Setting(
    "publishing_paused",
    bool,
    False,
    Text("Publicación en pausa", "Publishing paused"),
    Text(
        "Detiene todas las publicaciones programadas (por ejemplo, ante una tragedia).",
        "Stops every scheduled post (for example, during a tragedy).",
    ),
    shown=False,  # the calendar's own switch, where the clerk sees what stops
)
RESPONSE_TARGET_HOURS = Setting(
    "response_target_hours",
    int,
    2,
    Text("Plazo de respuesta (horas)", "Response target (hours)"),
    Text(
        "Las consultas y quejas sin responder se resaltan pasado este plazo.",
        "Unanswered questions and complaints are highlighted after this time.",
    ),
    limits=(1, 168),
)
INBOX_RETENTION_MONTHS = Setting(
    "inbox_retention_months",
    int,
    24,
    Text("Conservar mensajes (meses)", "Keep messages (months)"),
    Text(
        "Los mensajes más antiguos se borran: los datos personales no deben guardarse siempre.",
        "Older messages are deleted: personal data should not be kept forever.",
    ),
    limits=(1, 120),
)
INBOX_POLL_MINUTES = Setting(
    "inbox_poll_minutes",
    int,
    10,
    Text("Revisar mensajes cada (minutos)", "Check messages every (minutes)"),
    Text(
        "Cada cuántos minutos se traen comentarios, menciones y mensajes de las cuentas.",
        "How often comments, mentions and messages are fetched from the accounts.",
    ),
    limits=(1, 1_440),
)
ELECTION_CALLED = Setting(
    "election_called",
    str,
    "",
    Text("Elecciones convocadas el", "Elections called on"),
    Text(
        "Día de la convocatoria. Desde ese día hasta la votación, la propaganda se bloquea; "
        "cómo votar y los servicios se pueden seguir publicando (LOREG, art. 50). Vacío si no hay.",
        "Day the elections were called. From then until election day, propaganda is blocked; "
        "how to vote and service information can still be posted. Empty if none.",
    ),
    is_date=True,
)
ELECTION_DAY = Setting(
    "election_day",
    str,
    "",
    Text("Día de las elecciones", "Election day"),
    Text(
        "Último día del periodo electoral. Vacío si no hay elecciones convocadas.",
        "Last day of the electoral period. Empty if no elections are called.",
    ),
    is_date=True,
)
RESULTS_MAX_AGE_DAYS = Setting(
    "results_max_age_days",
    int,
    30,
    Text("Seguir resultados durante (días)", "Follow results for (days)"),
    Text(
        "Durante cuántos días tras publicar se consultan los me gusta, compartidos y "
        "respuestas de cada publicación; las más antiguas conservan sus últimas cifras.",
        "For how many days after publication each post's likes, shares and replies are "
        "read; older posts keep their last figures.",
    ),
    limits=(1, 365),
)
TOWN_NAME = Setting(
    "town_name",
    str,
    "",
    Text("Nombre del municipio", "Town name"),
    Text(
        "Tal como se escribe (p. ej. «San Martín del Río»): su etiqueta (#SanMartinDelRio) "
        "no se da por demasiado larga.",
        "As it is written (e.g. “San Martín del Río”): its hashtag (#SanMartinDelRio) is not "
        "taken for a long one.",
    ),
)
TOWN_PHONES = Setting(
    "town_phones",
    str,
    "",
    Text("Teléfonos del ayuntamiento", "Town hall phone numbers"),
    Text(
        "Los teléfonos propios, separados por comas (centralita, WhatsApp municipal, centro de "
        "salud, urgencias de aguas…). La revisión no los toma por datos personales.",
        "The town's own numbers, separated by commas (switchboard, municipal WhatsApp, health "
        "centre, water emergencies…). The review does not take them for personal data.",
    ),
)
TOWN_DOMAINS = Setting(
    "town_domains",
    str,
    "",
    Text("Web y dominios de correo", "Website and e-mail domains"),
    Text(
        "La web y los dominios de correo del ayuntamiento, separados por comas (p. ej. "
        "«valdelomar.es»). Los correos de esos dominios no se toman por datos personales.",
        "The town hall's website and e-mail domains, separated by commas (e.g. "
        "“valdelomar.es”). Addresses on them are not taken for personal data.",
    ),
)
TOWN_HANDLES = Setting(
    "town_handles",
    str,
    "",
    Text("Cuentas del ayuntamiento", "Town hall accounts"),
    Text(
        "Las cuentas propias (@AytoValdelomar) y los correos de contacto que no son del "
        "dominio (p. ej. el de una asociación o un servicio), separados por comas.",
        "The town hall's own accounts (@AytoValdelomar) and contact addresses not on its "
        "domain (an association's or a service's), separated by commas.",
    ),
)
TOWN_OFFICIALS = Setting(
    "town_officials",
    str,
    "",
    Text("Alcalde y concejales", "Mayor and councillors"),
    Text(
        "Nombres y cuentas del alcalde y los concejales, separados por comas (p. ej. «Ana Ruiz, "
        "@AnaRuizAlcaldesa»). La revisión reconoce así cuándo un cargo protagoniza la publicación.",
        "Names and accounts of the mayor and councillors, separated by commas (e.g. “Ana Ruiz, "
        "@AnaRuizAlcaldesa”). The review then sees when an official is the subject of a post.",
    ),
)
TRAY_NOTICE_SHOWN = Setting(
    "tray_notice_shown",
    bool,
    False,
    Text("Aviso de bandeja mostrado", "Tray notice shown"),
    Text(
        "Se avisó de que la aplicación sigue publicando con la ventana cerrada.",
        "The clerk was told the app keeps publishing with the window closed.",
    ),
    shown=False,
)
BACKGROUND_OFFERED = Setting(
    "background_publishing_offered",
    bool,
    False,
    Text("Publicar con la ventana cerrada: ofrecido", "Publishing with the window closed: offered"),
    Text(
        "Al programar la primera publicación se ofreció publicar aunque el programa esté "
        "cerrado (una tarea programada del sistema); se ofrece una sola vez.",
        "On scheduling the first post, publishing with the program closed (a system "
        "scheduled task) was offered; it is offered once.",
    ),
    shown=False,
)
PUBLISHED_SEEN_UTC = Setting(
    "published_seen_utc",
    str,
    "",
    Text("Publicaciones ya contadas hasta", "Publications already told up to"),
    Text(
        "Hasta qué momento (UTC) la ventana ya contó lo publicado; lo publicado después "
        "por la tarea programada, con el programa cerrado, se cuenta al abrirlo.",
        "Up to which moment (UTC) the window has told what was published; what the "
        "scheduled task published after it, with the program closed, is told on opening.",
    ),
    shown=False,
)

_X_COST = rules_for(Network.X).cost
assert _X_COST is not None
X_MONTHLY_CAP_USD = Setting(
    "x_monthly_cap_usd",
    int,
    10,
    Text("Límite de gasto mensual en X (US$)", "Monthly spending limit on X (US$)"),
    Text(
        f"X cobra cada publicación ({usd(_X_COST.per_post)}; con enlace "
        f"{usd(_X_COST.per_post_with_link)}). Una publicación que pasaría de este límite en el "
        "mes no sale: espera (se comprueba cada hora) a que suba el límite o empiece otro mes, y "
        "se le avisa; si para entonces llega tarde, se le pregunta. 0: nada sale en X.",
        f"X charges for each post ({usd(_X_COST.per_post, 'en')}; with a link "
        f"{usd(_X_COST.per_post_with_link, 'en')}). A post that would go over this limit in the "
        "month does not go out: it waits (checked every hour) for a higher limit or a new month, "
        "and you are told; if it would be late by then, you are asked. 0: nothing goes out on X.",
    ),
    limits=(0, 10_000),
)
X_PAID_READING = Setting(
    "x_paid_reading",
    bool,
    False,
    Text("Leer menciones y resultados de X (de pago)", "Read X mentions and results (paid)"),
    Text(
        f"X cobra {usd(_X_COST.per_item_read)} por cada mención leída, y también cobra leer los "
        f"resultados (me gusta, respuestas). Con unas 300 menciones al mes, unos "
        f"{usd(_X_COST.per_item_read * 300)} al mes más los resultados. Apagado, la bandeja de "
        "entrada y los resultados de X no leen nada.",
        f"X charges {usd(_X_COST.per_item_read, 'en')} for each mention read, and reading "
        f"results (likes, replies) is charged too. With about 300 mentions a month, about "
        f"{usd(_X_COST.per_item_read * 300, 'en')} a month plus the results. Off, X's inbox and "
        "results read nothing.",
    ),
)

COMPOSER_POST = Setting(
    "composer_post",
    int,
    0,
    Text("Borrador abierto", "Open draft"),
    Text(
        "La publicación abierta en Redactar, para volver a abrirla tras un cierre inesperado.",
        "The post open in the composer, reopened after an unexpected close.",
    ),
    limits=(0, 2**62),
    shown=False,
)

ALL: tuple[Setting[str] | Setting[int] | Setting[bool], ...] = (
    LANGUAGE,
    TIME_ZONE,
    LATENESS_HOURS,
    PAUSED,
    RESPONSE_TARGET_HOURS,
    INBOX_RETENTION_MONTHS,
    INBOX_POLL_MINUTES,
    ELECTION_CALLED,
    ELECTION_DAY,
    RESULTS_MAX_AGE_DAYS,
    TOWN_NAME,
    TOWN_PHONES,
    TOWN_DOMAINS,
    TOWN_HANDLES,
    TOWN_OFFICIALS,
    TRAY_NOTICE_SHOWN,
    BACKGROUND_OFFERED,
    PUBLISHED_SEEN_UTC,
    X_MONTHLY_CAP_USD,
    X_PAID_READING,
    COMPOSER_POST,
)


SPENDING_CAPS: dict[Network, Setting[int]] = {Network.X: X_MONTHLY_CAP_USD}
"""The monthly limit of each paid network (US dollars)."""

AnySetting = Setting[str] | Setting[int] | Setting[bool]
Value = str | int | bool

TRUE_WORDS = ("sí", "si", "true", "yes", "1", "on")
FALSE_WORDS = ("no", "false", "0", "off")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class InvalidSetting(ValueError):
    """A key or value the settings do not accept; `text` says what would be accepted."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def editable() -> tuple[AnySetting, ...]:
    """The settings the clerk changes (those shown in Ajustes)."""
    return tuple(setting for setting in ALL if setting.shown)


def by_key(key: str) -> AnySetting:
    """The editable setting named `key`; `InvalidSetting` listing the valid keys otherwise."""
    for setting in editable():
        if setting.key == key:
            return setting
    keys = ", ".join(setting.key for setting in editable())
    raise InvalidSetting(
        Text(
            f"No existe el ajuste «{key}». Los ajustes son: {keys}.",
            f"There is no setting “{key}”. The settings are: {keys}.",
        )
    )


def check(setting: AnySetting, value: object) -> Value:
    """`value` if the setting accepts it, as Ajustes would.

    A value of the wrong type is a bug of the caller (`TypeError`); one of the
    right type the setting does not accept is `InvalidSetting`.
    """
    if not isinstance(value, setting.kind) or (setting.kind is int and isinstance(value, bool)):
        raise TypeError(f"setting {setting.key} takes {setting.kind.__name__}")
    if setting.choices and value not in {choice for choice, _ in setting.choices}:
        raise InvalidSetting(_accepted(setting, value))
    if setting.kind is int and not setting.limits[0] <= int(value) <= setting.limits[1]:
        raise InvalidSetting(_accepted(setting, value))
    if setting.is_date and value != "" and not is_day(str(value)):
        raise InvalidSetting(_accepted(setting, value))
    return value


def parse(setting: AnySetting, text: str) -> Value:
    """The value typed as text (the command line), checked like `check`."""
    typed = text.strip()
    if setting.kind is bool:
        if typed.lower() in TRUE_WORDS:
            return check(setting, True)
        if typed.lower() in FALSE_WORDS:
            return check(setting, False)
        raise InvalidSetting(_accepted(setting, text))
    if setting.kind is int:
        try:
            number = int(typed)
        except ValueError:
            raise InvalidSetting(_accepted(setting, text)) from None
        return check(setting, number)
    return check(setting, typed)


def accepted(setting: AnySetting) -> Text:
    """What the setting accepts, in words."""
    if setting.choices:
        values = ", ".join(choice for choice, _ in setting.choices)
        return Text(f"uno de: {values}", f"one of: {values}")
    if setting.kind is bool:
        return Text("sí o no", "yes or no")
    if setting.kind is int:
        low, high = setting.limits
        return Text(f"un número entero de {low} a {high}", f"a whole number from {low} to {high}")
    if setting.is_date:
        return Text(
            "una fecha AAAA-MM-DD, o vacío si no hay", "a date YYYY-MM-DD, or empty for none"
        )
    return Text("un texto", "a text")


def _accepted(setting: AnySetting, value: object) -> Text:
    return (
        Text(
            f"«{value}» no vale para {setting.key}: se espera ",
            f"“{value}” is not valid for {setting.key}: expected ",
        )
        + accepted(setting)
        + Text(".", ".")
    )


def is_day(text: str) -> bool:
    """True for a real calendar day written YYYY-MM-DD (what the date settings take)."""
    return _ISO_DAY.fullmatch(text) is not None and parse_day(text) is not None


def parse_day(value: str) -> date | None:
    """An ISO date setting's value, or None when empty or not a valid date."""
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


def town_profile(name: str, phones: str, domains: str, handles: str, officials: str) -> TownProfile:
    """The town profile the guidance uses, from the five town settings' values.

    An e-mail address among the handles registers that exact address (an
    association's or a service's webmail); a domain there counts as a domain.
    """
    items = split_list(handles)
    addresses = tuple(item for item in items if "@" in item.strip("@"))
    return TownProfile(
        name=name.strip(),
        phones=split_list(phones),
        domains=split_list(domains),
        handles=tuple(item for item in items if item not in addresses),
        officials=split_list(officials),
        emails=addresses,
    )


def electoral_period(called: str, election_day: str) -> tuple[date, date] | None:
    """The (called, election day) period for the guidance, when both days make sense."""
    start, end = parse_day(called), parse_day(election_day)
    if start is None or end is None or end < start:
        return None
    return start, end
