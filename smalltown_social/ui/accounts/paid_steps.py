"""The wizard's steps for X: what it costs, where the four keys are, and the four fields.

X charges for every post (more for one with a link) and for reading mentions
and metrics, from a balance paid in advance in its developer console. The
clerk reads that first, in plain words, with the prices of the rules table
(core/networks.py), before any step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from smalltown_social.core.costs import usd
from smalltown_social.core.networks import Network, rules_for
from smalltown_social.ui.system_words import password_store


class XSteps(QObject):
    """Instructions for X, in the clerk's language (Qt's tr)."""

    def instructions(self) -> tuple[list[str], str]:
        cost = rules_for(Network.X).cost
        assert cost is not None
        return [
            self.tr(
                "<b>X cobra por usar su API.</b> Cada publicación cuesta %1 y una con "
                "enlace %2, descontados de un saldo que se paga por adelantado en la consola "
                "de desarrollador de X. Leer menciones y métricas también se cobra (%3 por "
                "mención leída): por eso la bandeja de entrada y los resultados de X están "
                "apagados hasta que los active en Ajustes. La aplicación enseña el precio "
                "antes de publicar y no pasa del límite mensual que ponga en Ajustes."
            )
            .replace("%1", usd(cost.per_post))
            .replace("%2", usd(cost.per_post_with_link))
            .replace("%3", usd(cost.per_item_read)),
            self.tr(
                "Entre en <b>console.x.com</b> con la cuenta del ayuntamiento, acepte las "
                "condiciones de desarrollador y cree una aplicación (<b>Apps</b> → "
                "<b>Create App</b>). Ponga saldo en <b>Billing</b> → <b>Credits</b>."
            ),
            self.tr(
                "En la aplicación, <b>User authentication settings</b> → <b>Set up</b>: "
                "permisos <b>Read and write</b>; tipo <b>Web App, Automated App or Bot</b>; "
                "en <b>Callback URI</b> y <b>Website URL</b> escriba la web del ayuntamiento. "
                "Guarde."
            ),
            self.tr(
                "En <b>Keys and tokens</b> → <b>Consumer Keys</b>, copie la <b>API Key</b> y la "
                "<b>API Key Secret</b> en los dos primeros campos de abajo."
            ),
            self.tr(
                "En <b>Access Token and Secret</b> pulse <b>Generate</b> y compruebe que dice "
                "«Read and Write» (si lo generó antes de cambiar los permisos, pulse "
                "<b>Regenerate</b>: el antiguo sigue siendo de solo lectura). Copie el "
                "<b>Access Token</b> y el <b>Access Token Secret</b> en los otros dos campos."
            ),
            self.tr(
                "Pulse <b>Comprobar y guardar</b>: la aplicación pregunta a X quién es la "
                "cuenta (no publica nada). Las cuatro claves se guardan solo en {store}."
            ).format(store=password_store()),
        ], ""


class XKeys(QWidget):
    """The four values of the X developer console, each in its own hidden field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.edits: list[QLineEdit] = []
        for name in ("API Key:", "API Key Secret:", "Access Token:", "Access Token Secret:"):
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name.rstrip(":"))
            label = QLabel(name)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits.append(edit)

    def secret(self) -> str:
        """The keyring form: the four values separated by spaces."""
        return " ".join(edit.text().strip() for edit in self.edits)

    def missing(self) -> str:
        for edit in self.edits:
            if not edit.text().strip():
                return self.tr("Pegue las cuatro claves de X (falta %1).").replace(
                    "%1", edit.accessibleName()
                )
        return ""

    def clear(self) -> None:
        for edit in self.edits:
            edit.clear()

    def set_busy(self, busy: bool) -> None:
        for edit in self.edits:
            edit.setEnabled(not busy)
