"""Qt's own dialogs speak the clerk's language, even texts Qt gave a shortcut later."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from smalltown_social.ui.translations import install_translators, with_shortcut


def test_the_file_dialog_is_spanish_with_its_shortcuts(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "es")
    try:
        dialog = QFileDialog(None, "Guardar")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own widgets
        qtbot.addWidget(dialog)
        texts = {label.text() for label in dialog.findChildren(QLabel)}
        assert "&Ver en:" in texts  # Qt 6.11 asks for "&Look in:"
        assert "Ficheros de &tipo:" in texts  # ... and "Files of &type:"
        assert not any("Look" in t or "type" in t for t in texts)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_texts_qt_does_not_know_keep_the_apps_own_words(qtbot: QtBot) -> None:
    """Regression: the Qt catalogue's translator answered "" for texts it lacks, and Qt
    took "" as the translation, so every self.tr() of the app showed nothing."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "es")
    try:
        assert QCoreApplication.translate("TrayNotifier", "Publicada en {where}") == (
            "Publicada en {where}"
        )
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Ver en:"
        label = QLabel()
        qtbot.addWidget(label)
        assert label.tr("Bandeja de entrada") == "Bandeja de entrada"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_shortcut_goes_on_the_sources_letter_where_it_can() -> None:
    assert with_shortcut("Ficheros de tipo:", "Files of &type:") == "Ficheros de &tipo:"
    assert with_shortcut("Ver en:", "&Look in:") == "&Ver en:"  # no "l" starts a word
    assert with_shortcut("Abrir", "&Open") == "&Abrir"
