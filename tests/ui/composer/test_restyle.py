"""set_flag: a flag set while a widget is being built shows when it is first painted;
one set afterwards re-polishes it (issue #13: no style() call before the first paint)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from smalltown_social.ui.composer.restyle import set_flag

RED = QColor("#d1242f")


def text_colour(label: QLabel) -> QColor:
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_a_flag_set_before_the_first_show_is_styled_and_later_changes_restyle(
    qtbot: QtBot,
) -> None:
    label = QLabel("Aviso")
    qtbot.addWidget(label)
    label.setStyleSheet('QLabel[warn="true"] { color: #d1242f; }')
    set_flag(label, "warn", True)  # not polished yet: only the property is set
    label.show()
    qtbot.waitExposed(label)
    assert text_colour(label) == RED
    set_flag(label, "warn", False)  # polished: re-polished at once
    assert text_colour(label) != RED
    set_flag(label, "warn", True)
    assert text_colour(label) == RED
