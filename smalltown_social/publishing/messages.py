"""What the outbox tells the clerk, in Spanish first and English."""

from __future__ import annotations

from smalltown_social.core.i18n import Text

WAITING_FOR_CONNECTION = Text(
    "Esperando conexión: saldrá en cuanto vuelva la conexión.",
    "Waiting for connection: it goes out as soon as the connection returns.",
)
RECONNECT = Text(
    "Vuelva a conectar esta cuenta en Cuentas; después, programe de nuevo la publicación.",
    "Reconnect this account under Accounts; then schedule the post again.",
)
RETRYING = Text(
    "La red no respondió bien; se volverá a intentar a las {at} (UTC) sin duplicarla.",
    "The network did not answer properly; it will be tried again at {at} (UTC) without "
    "duplicating it.",
)
GAVE_UP = Text(
    "La red ha fallado {n} veces seguidas; no se vuelve a intentar sola.",
    "The network failed {n} times in a row; it is not tried again on its own.",
)
MISSED = Text(
    "No salió a su hora (ordenador apagado, sin conexión, red con fallos o publicación "
    "en pausa) y ya llega "
    "más de {hours} h tarde: decida si publicarla ahora o cambiarla de día.",
    "It did not go out on time (computer off, no connection, network failing or publishing "
    "paused) and is now more "
    "than {hours} h late: decide whether to publish it now or move it.",
)
UNCONFIRMED = Text(
    "No se sabe si salió: la red no respondió bien y no se ha podido comprobar. "
    "Mírelo en la red y anote lo que vea (clic derecho en el calendario, o "
    "«smalltown-social target mark»): así no sale dos veces.",
    "Unknown whether it went out: the network did not answer properly and it could not be "
    "checked. Look on the network and record what you see (right-click in the calendar, or "
    "“smalltown-social target mark”): so it does not go out twice.",
)
KEYRING = Text(
    "No se puede leer la contraseña de la cuenta: el llavero del sistema está bloqueado o no "
    "está disponible. Inicie sesión en el escritorio (o desbloquee el llavero) y abra la "
    "aplicación; la publicación espera y saldrá entonces. No es un fallo de la red.",
    "The account's password cannot be read: the system keyring is locked or unavailable. "
    "Log in to the desktop (or unlock the keyring) and open the app; the post waits and goes "
    "out then. This is not a network failure.",
)
NOT_THERE = Text(
    "La red no respondió bien y la publicación no está en ella.",
    "The network did not answer properly and the post is not on it.",
)
NO_ACCOUNT = Text(
    "La cuenta de esta publicación ya no existe.",
    "The account of this post no longer exists.",
)
NO_INBOX_ITEM = Text(
    "El mensaje al que responde ya no está en la bandeja de entrada.",
    "The message it answers is no longer in the inbox.",
)
SPENDING_CAP = Text(
    "Espera: publicarla en {network} costaría {price} y este mes ya van {spent} de un límite "
    "de {cap}. Saldrá en cuanto suba el límite en Ajustes o empiece otro mes (se comprueba "
    "cada hora); si para entonces llega tarde, se le preguntará.",
    "Waiting: posting it on {network} would cost {price} and {spent} of a {cap} limit is "
    "already spent this month. It goes out as soon as you raise the limit in Settings or a "
    "new month starts (checked every hour); if it would be late by then, you are asked.",
)
