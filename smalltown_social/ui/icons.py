"""Icons from `resources/icons`."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from smalltown_social.core.resources import resource


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "app.svg")))
