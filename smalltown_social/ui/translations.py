"""Qt translations: Spanish is the source language, English comes from `.qm`."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from smalltown_social.core.i18n import Language
from smalltown_social.core.resources import resource


def install_translators(app: QApplication, language: Language) -> list[QTranslator]:
    """Load the app's and Qt's own translations; keep the returned list alive."""
    installed: list[QTranslator] = []
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Spanish if language == "es" else QLocale.Language.English,
            QLocale.Country.Spain if language == "es" else QLocale.Country.UnitedKingdom,
        )
    )
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    if language != "es":
        mine = QTranslator(app)
        if mine.load(str(resource("translations", f"smalltown_social_{language}.qm"))):
            app.installTranslator(mine)
            installed.append(mine)
    return installed
