"""«Añadir cuenta»: choose the network, follow the steps, paste the key, check, save.

Two steps in one dialog. The second shows numbered instructions for the
chosen network (where to click, which permissions to tick), the few fields
that network needs, and «Comprobar y guardar», which asks the network in the
background (TaskRunner) and saves only if it accepts the key. Nothing is
written before the network has said yes.

Signals: account_added(object Account); unreachable(str network) when the network
could not be reached at all (nothing was sent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.accounts import NETWORK_NAMES, Network
from smalltown_social.networks.base import Offline
from smalltown_social.networks.connect import Connected, Draft
from smalltown_social.networks.registry import AVAILABLE
from smalltown_social.ui.accounts.linkedin_steps import LinkedInSteps
from smalltown_social.ui.accounts.meta_steps import MetaSteps
from smalltown_social.ui.accounts.paid_steps import XKeys, XSteps
from smalltown_social.ui.clerk_reason import clerk_reason
from smalltown_social.ui.colors import colors_for
from smalltown_social.ui.network_icons import network_icon
from smalltown_social.ui.system_words import password_store
from smalltown_social.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from smalltown_social.app import AccountServices

ORDER = (
    Network.MASTODON,
    Network.BLUESKY,
    Network.TELEGRAM,
    Network.FACEBOOK,
    Network.INSTAGRAM,
    Network.X,
    Network.LINKEDIN,
)
META = frozenset({Network.FACEBOOK, Network.INSTAGRAM})
# The channel field holds a Page, Instagram or LinkedIn organisation id.
WITH_CHANNEL = META | {Network.TELEGRAM, Network.LINKEDIN}


class AddAccountDialog(QDialog):
    account_added = Signal(object)
    unreachable = Signal(str)

    def __init__(
        self, services: AccountServices, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.network: Network | None = None
        self._filled_for: Network | None = None  # the network the detail fields were typed for
        self.busy = False
        self.saved_with_note = False  # saved; a note on missing insights is on screen
        self.meta_steps = MetaSteps(self)
        self.x_steps = XSteps(self)
        self.linkedin_steps = LinkedInSteps(self)
        self.setWindowTitle(self.tr("Añadir cuenta"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.stack.addWidget(self._choice_page())
        self.stack.addWidget(self._details_page())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("accountMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< Atrás"))
        self.back_button.clicked.connect(self._back)
        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.cancel_button.clicked.connect(self.reject)
        self.next_button = QPushButton(self.tr("Siguiente >"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self._show_step(0)

    # --- step 1: which network ---------------------------------------------

    def _choice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("¿Qué red quiere conectar?"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.networks = QListWidget()
        self.networks.setAccessibleName(self.tr("Redes sociales"))
        self.networks.setStyleSheet("QListWidget::item { padding: 8px; }")
        for network in ORDER:
            label = NETWORK_NAMES[network]
            item = QListWidgetItem(network_icon(network), label)
            item.setData(Qt.ItemDataRole.UserRole, network.value)
            if network not in AVAILABLE:
                item.setText(self.tr("%1 (todavía no disponible)").replace("%1", label))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif network == Network.X:
                item.setText(self.tr("%1 (de pago: cada publicación cuesta)").replace("%1", label))
            elif network == Network.LINKEDIN:
                item.setText(
                    self.tr("%1 (hace falta una aplicación aprobada por LinkedIn)").replace(
                        "%1", label
                    )
                )
            self.networks.addItem(item)
        self.networks.setCurrentRow(0)
        self.networks.itemDoubleClicked.connect(lambda _item: self._next())
        layout.addWidget(self.networks, 1)
        hint = QLabel(
            self.tr(
                "Necesitará unos minutos y poder entrar en la red con el usuario del "
                "ayuntamiento, en el navegador o en el móvil. La clave que consiga se guarda "
                "solo en {store}, nunca en un archivo."
            ).format(store=password_store())
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    # --- step 2: instructions and fields -------------------------------------

    def _details_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.details_title = QLabel()
        self.details_title.setObjectName("pageTitle")
        layout.addWidget(self.details_title)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps.setContentsMargins(4, 4, 4, 4)
        self.steps.setOpenExternalLinks(True)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.steps)
        layout.addWidget(scroll, 1)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.server_edit = QLineEdit()
        self.handle_edit = QLineEdit()
        self.channel_edit = QLineEdit()
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName(self.tr("Clave de acceso"))
        self.server_label = QLabel(self.tr("Servidor:"))
        self.handle_label = QLabel(self.tr("Usuario:"))
        self.channel_label = QLabel(self.tr("Canal:"))
        self.secret_label = QLabel(self.tr("Clave de acceso:"))
        name_label = QLabel(self.tr("Nombre en la aplicación:"))
        for label, edit in (
            (name_label, self.name_edit),
            (self.server_label, self.server_edit),
            (self.handle_label, self.handle_edit),
            (self.channel_label, self.channel_edit),
            (self.secret_label, self.secret_edit),
        ):
            label.setBuddy(edit)
            form.addRow(label, edit)
        layout.addLayout(form)
        self.x_keys = XKeys()  # X's four values, in place of the one key
        layout.addWidget(self.x_keys)
        return page

    def _fill_details(self, network: Network) -> None:
        if network != self._filled_for:
            # Another network after "Atrás": nothing typed for the last one carries over
            # (a name saying "Mastodon" on a Telegram account, a token where it does not belong).
            for edit in (
                self.name_edit,
                self.secret_edit,
                self.server_edit,
                self.handle_edit,
                self.channel_edit,
            ):
                edit.clear()
            self.x_keys.clear()
            self._filled_for = network
        name = NETWORK_NAMES[network]
        self.details_title.setText(self.tr("Conectar %1").replace("%1", name))
        steps, secret_label = self._instructions(network)
        items = "".join(f'<li style="margin-bottom: 8px">{step}</li>' for step in steps)
        self.steps.setText(f"<ol>{items}</ol>")
        self.secret_label.setText(secret_label)
        self.name_edit.setPlaceholderText(self.tr("p. ej. Ayuntamiento en %1").replace("%1", name))
        if not self.name_edit.text():
            self.name_edit.setText(self.tr("Ayuntamiento en %1").replace("%1", name))
        self.server_edit.setPlaceholderText("https://mastodon.social")
        self.handle_edit.setPlaceholderText("ayuntamiento.bsky.social")
        self.channel_edit.setPlaceholderText("@ayuntamiento_de_mi_pueblo")
        shown = {
            Network.MASTODON: (True, False, False),
            Network.BLUESKY: (False, True, False),
            Network.TELEGRAM: (False, False, True),
            Network.FACEBOOK: (False, False, True),
            Network.INSTAGRAM: (False, False, True),
            Network.LINKEDIN: (False, False, True),
        }.get(network, (False, False, False))
        if network in META:
            self.channel_label.setText(self.meta_steps.id_label(network))
            self.channel_edit.setPlaceholderText("104593022431585")
        elif network == Network.LINKEDIN:
            self.channel_label.setText(self.linkedin_steps.id_label())
            self.channel_edit.setPlaceholderText("2414183")
        else:
            self.channel_label.setText(self.tr("Canal:"))
        rows = (
            (self.server_label, self.server_edit),
            (self.handle_label, self.handle_edit),
            (self.channel_label, self.channel_edit),
        )
        for visible, (label, edit) in zip(shown, rows, strict=True):
            label.setVisible(visible)
            edit.setVisible(visible)
        four_keys = network == Network.X
        self.x_keys.setVisible(four_keys)
        self.secret_label.setVisible(not four_keys)
        self.secret_edit.setVisible(not four_keys)

    def _instructions(self, network: Network) -> tuple[list[str], str]:  # noqa: PLR0911
        if network in META:
            return self.meta_steps.instructions(network)
        if network == Network.LINKEDIN:
            return self.linkedin_steps.instructions()
        if network == Network.X:
            return self.x_steps.instructions()
        if network == Network.MASTODON:
            return [
                self.tr(
                    "Abra el navegador y entre en su servidor de Mastodon (por ejemplo "
                    "<b>mastodon.social</b>) con el usuario del ayuntamiento."
                ),
                self.tr(
                    "Pulse <b>Preferencias</b> (el engranaje) y, en el menú de la izquierda, "
                    "<b>Desarrollo</b>. Pulse <b>Nueva aplicación</b>."
                ),
                self.tr("En <b>Nombre de la aplicación</b> escriba: smalltown_social."),
                self.tr(
                    "En <b>Ámbitos</b> (lo que la aplicación podrá hacer con la cuenta), quite "
                    "las marcas de «read», «write» y «follow» y marque solo estas: "
                    "<b>read:accounts</b>, <b>read:statuses</b>, "
                    "<b>read:notifications</b>, <b>read:conversations</b>, "
                    "<b>write:statuses</b> y <b>write:media</b>."
                ),
                self.tr(
                    "Baje hasta el final y pulse <b>Enviar</b>. Pulse el nombre de la aplicación "
                    "recién creada y copie el texto de <b>Su token de acceso</b>."
                ),
                self.tr(
                    "Escriba abajo la dirección de su servidor y pegue esa clave (Ctrl+V). "
                    "Pulse <b>Comprobar y guardar</b>."
                ),
            ], self.tr("Clave de acceso (token):")
        if network == Network.BLUESKY:
            return [
                self.tr(
                    "Entre en <b>bsky.app</b> (o en la aplicación del móvil) con la cuenta del "
                    "ayuntamiento."
                ),
                self.tr(
                    "Pulse <b>Ajustes</b> → <b>Privacidad y seguridad</b> → "
                    "<b>Contraseñas de aplicación</b> → <b>Añadir contraseña de aplicación</b>."
                ),
                self.tr(
                    "Como nombre escriba smalltown_social. Marque «Permitir el acceso a los "
                    "mensajes directos» solo si quiere leerlos desde aquí."
                ),
                self.tr(
                    "Pulse <b>Siguiente</b> y copie la contraseña (tiene la forma "
                    "xxxx-xxxx-xxxx-xxxx). Solo se enseña una vez."
                ),
                self.tr(
                    "Escriba abajo el usuario de la cuenta (por ejemplo "
                    "ayuntamiento.bsky.social) y pegue la contraseña. No use la contraseña "
                    "normal de la cuenta."
                ),
            ], self.tr("Contraseña de aplicación:")
        if network == Network.TELEGRAM:
            return [
                self.tr(
                    "En Telegram, busque <b>@BotFather</b> (con la marca azul de verificado), "
                    "ábralo y pulse <b>Iniciar</b>."
                ),
                self.tr(
                    "Escriba <b>/newbot</b>. Cuando lo pida, ponga un nombre (por ejemplo "
                    "«Ayuntamiento de Valdelomar») y un usuario que termine en «bot»."
                ),
                self.tr(
                    "BotFather contesta con un token parecido a 123456789:AAH…. Cópielo entero."
                ),
                self.tr(
                    "Abra su canal → pulse el nombre del canal → <b>Administradores</b> → "
                    "<b>Añadir administrador</b>, busque su bot y deje marcados "
                    "<b>Publicar mensajes</b> y <b>Eliminar mensajes</b>."
                ),
                self.tr(
                    "Para leer los comentarios: añada también el bot como administrador del "
                    "<b>grupo de debate</b> vinculado al canal."
                ),
                self.tr(
                    "Escriba abajo el canal (por ejemplo @ayuntamiento_de_mi_pueblo) y pegue esa "
                    "clave."
                ),
            ], self.tr("Clave del bot (token):")
        return [self.tr("Esta red todavía no se puede conectar en esta versión.")], ""

    # --- navigation and the check ------------------------------------------------

    def _show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0 and not self.busy)
        self.next_button.setText(
            self.tr("Comprobar y guardar") if index else self.tr("Siguiente >")
        )
        self.message.clear()
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the button's new text gets its width now

    def _back(self) -> None:
        self._show_step(0)

    def _next(self) -> None:
        if self.busy:
            return
        if self.saved_with_note:
            self.accept()
            return
        if self.stack.currentIndex() == 0:
            item = self.networks.currentItem()
            if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
                return
            self.network = Network(item.data(Qt.ItemDataRole.UserRole))
            self._fill_details(self.network)
            self._show_step(1)
            self.name_edit.setFocus()
            return
        self.check_and_save()

    def draft(self) -> Draft:
        assert self.network is not None
        return Draft(
            self.network,
            self.name_edit.text(),
            server_url=self.server_edit.text() if self.network == Network.MASTODON else None,
            handle=self.handle_edit.text().strip() or None,
            channel=self.channel_edit.text() if self.network in WITH_CHANNEL else None,
        )

    def check_and_save(self) -> None:
        missing = self._missing()
        if missing:
            self._say(missing, error=True)
            return
        draft = self.draft()
        secret = self._secret()
        services = self.services

        def work() -> Connected:
            return services.connect(draft, secret)

        self._set_busy(True)
        self._say(self.tr("Comprobando con %1…").replace("%1", NETWORK_NAMES[draft.network]))
        self.tasks.run_in_background(work, self._saved, self._failed)

    def _missing(self) -> str:  # noqa: PLR0911 - one message per missing field
        if not self.name_edit.text().strip():
            return self.tr("Escriba un nombre para la cuenta.")
        if self.network == Network.MASTODON and not self.server_edit.text().strip():
            return self.tr("Escriba la dirección del servidor de Mastodon.")
        if self.network == Network.BLUESKY and not self.handle_edit.text().strip():
            return self.tr("Escriba el usuario de Bluesky.")
        if self.network == Network.TELEGRAM and not self.channel_edit.text().strip():
            return self.tr("Escriba el canal de Telegram.")
        if self.network in META and not self.channel_edit.text().strip():
            return self.meta_steps.missing_id(self.network)
        if self.network == Network.LINKEDIN and not self.channel_edit.text().strip():
            return self.linkedin_steps.missing_id()
        if not self._secret().strip():
            return self.tr("Pegue la clave de acceso.")
        return self.x_keys.missing() if self.network == Network.X else ""

    def _secret(self) -> str:
        return self.x_keys.secret() if self.network == Network.X else self.secret_edit.text()

    def _saved(self, connected: Connected) -> None:
        self._set_busy(False)
        self.secret_edit.clear()
        self.x_keys.clear()
        self.account_added.emit(connected.account)
        if connected.note is None:
            self.accept()
            return
        # Saved and working, but a permission only the counts need is missing: say which
        # before closing, with the steps still on screen to make a better key later.
        self.saved_with_note = True
        self._say(connected.note(self.services.language), warning=True)
        for edit in (self.name_edit, self.server_edit, self.handle_edit, self.channel_edit):
            edit.setEnabled(False)
        self.secret_edit.setEnabled(False)
        self.back_button.setEnabled(False)
        self.cancel_button.hide()
        self.next_button.setText(self.tr("Cerrar"))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, Offline) and self.network is not None:
            self.unreachable.emit(NETWORK_NAMES[self.network])
        self._say(clerk_reason(error, self.services.language), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy and self.stack.currentIndex() > 0)
        for edit in (self.name_edit, self.server_edit, self.handle_edit, self.channel_edit):
            edit.setEnabled(not busy)
        self.secret_edit.setEnabled(not busy)
        self.x_keys.set_busy(busy)

    def _say(self, text: str, *, error: bool = False, warning: bool = False) -> None:
        self.message.setProperty("error", error)
        colors = colors_for(self.palette())
        colour = (
            f"color: {colors['error']};"
            if error
            else f"color: {colors['warn']};"
            if warning
            else ""
        )
        self.message.setStyleSheet(colour)
        self.message.setText(text)
