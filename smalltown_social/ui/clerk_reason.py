"""Why something failed, in the clerk's words: the one way the UI words an error.

Errors from below the UI carry their sentence for the clerk in both languages
(`error.text`, a `core.i18n.Text`); a refusal of the disk or the database is
worded by storage/errors.py. Anything else is a bug, not something the clerk
can act on: it is logged with its traceback and the clerk reads that it was
unexpected and noted down, never Python's own words ("[Errno 13] ...",
"NoneType has no attribute ...", an exception's class name).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from smalltown_social.core.i18n import Language, Text
from smalltown_social.storage.errors import clerk_message, disk_reason

log = logging.getLogger(__name__)


def clerk_reason(error: BaseException, language: Language) -> str:
    """The reason to show for `error`, in `language`, as a sentence fragment or sentence."""
    told = getattr(error, "text", None)
    if isinstance(told, Text):
        return told(language)
    reason = disk_reason(error)
    if reason is not None:
        return reason(language)
    message = clerk_message(error)
    if message is not None:
        return message(language)
    if isinstance(error, OSError):  # the system refused, for a reason with no words of ours
        log.warning("refused by the system: %s", error)
        return QCoreApplication.translate(
            "ClerkReason",
            "el sistema no lo ha permitido (anotado en el registro del programa)",
        )
    log.error("unexpected error, told to the clerk as such", exc_info=error)
    return QCoreApplication.translate(
        "ClerkReason", "algo inesperado ha fallado (queda anotado en el registro del programa)"
    )
