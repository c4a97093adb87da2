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
    qt_own = QtOwnTranslator(app)
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


class QtOwnTranslator(QTranslator):
    """Qt's own catalogue, also for texts Qt has since given a keyboard shortcut.

    Qt 6.11 asks for "&Look in:" and "Files of &type:" in its file dialog while
    its Spanish catalogue still has "Look in:" and "Files of type:", so those
    labels stayed in English: such a text is looked up again without the "&".
    """

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # Qt takes any string, "" too, as the translation; only None (a null QString)
        # lets it ask the next translator or keep the source text.
        found = super().translate(context, source_text, disambiguation, n)
        if found or "&" not in source_text:
            return found or None
        plain = super().translate(context, source_text.replace("&", ""), disambiguation, n)
        return with_shortcut(plain, source_text) if plain else None


def with_shortcut(translated: str, source_text: str) -> str:
    """Give `translated` a "&" shortcut, on the source's letter where it has one."""
    at = source_text.find("&")
    letter = source_text[at + 1 : at + 2].lower()
    lowered = translated.lower()
    word_starts = [
        i for i, c in enumerate(lowered) if c == letter and (i == 0 or not lowered[i - 1].isalpha())
    ]
    anywhere = lowered.find(letter) if letter else -1
    place = word_starts[0] if word_starts else max(anywhere, 0)
    return f"{translated[:place]}&{translated[place:]}"
