"""The operating system's parts named as the clerk's own system calls them.

Windows is named only on Windows: on Linux the passwords live in the desktop's
password store (Secret Service, KDE Wallet) and publishing with the window
closed is a systemd user timer, not a Windows scheduled task.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication


def password_store(platform: str = sys.platform) -> str:
    """Where the keys are kept, to follow "en" in a sentence."""
    if platform == "win32":
        return QCoreApplication.translate("System", "el almacén de contraseñas de Windows")
    if platform == "darwin":
        return QCoreApplication.translate("System", "el Llavero de macOS")
    return QCoreApplication.translate("System", "el almacén de contraseñas del sistema")


def background_task(platform: str = sys.platform) -> str:
    """What publishes with the window closed, to follow "(" in a sentence."""
    if platform == "win32":
        return QCoreApplication.translate(
            "System", "una tarea programada de Windows de este usuario"
        )
    if platform.startswith("linux"):
        return QCoreApplication.translate("System", "un temporizador de systemd de este usuario")
    return QCoreApplication.translate("System", "una tarea programada de este usuario")
