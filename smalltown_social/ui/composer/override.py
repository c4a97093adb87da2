"""The explicit override for a post with a finding that blocks it.

A `block` finding means the post breaks a rule that protects people or the
law (personal data, electoral period, a server that would refuse it). The
clerk may still go ahead, but only by writing why in a few real words
(`core.override`, the same rule as `post --override-block`); the reason is
stored on the post and written to the event log with who and when.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.guidance import Finding
from smalltown_social.core.i18n import Language
from smalltown_social.core.override import reason_problem


class OverrideDialog(QDialog):
    def __init__(
        self,
        blocks: list[Finding],
        language: Language,
        *,
        now: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("overrideDialog")
        self.setWindowTitle(self.tr("Esta publicación tiene un problema grave"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Lo normal es corregir el texto antes de publicarlo. Si aun así debe salir, "
                "escriba el motivo: quedará guardado en el registro de la publicación."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        problems = QListWidget()
        problems.setWordWrap(True)
        problems.setAccessibleName(self.tr("Problemas que impiden publicar"))
        for found in blocks:
            problems.addItem(found.message)
        problems.setMaximumHeight(problems.fontMetrics().height() * 7)
        layout.addWidget(problems)
        label = QLabel(self.tr("&Motivo por el que debe salir así:"))
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.hint = QLabel()
        self.hint.setObjectName("overrideHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = self.buttons.addButton(
            self.tr("Publicar ahora de todos modos")
            if now
            else self.tr("Programar de todos modos"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.go.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Volver a corregir"))
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._check)
        self._check()
        self.reason.setFocus()
        self.resize(560, self.sizeHint().height())

    def _check(self) -> None:
        problem = reason_problem(self.reason.text())
        self.go.setEnabled(problem is None)
        self.hint.setText(problem(self.language) if problem is not None else "")

    def accept(self) -> None:
        if reason_problem(self.reason.text()) is not None:
            return
        super().accept()

    def reason_text(self) -> str:
        return self.reason.text().strip()
