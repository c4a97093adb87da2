"""Publishing reports as tray notices.

`PublishingBridge` turns the outbox's plain callbacks (called on its worker
threads) into Qt signals delivered on the GUI thread. `TrayNotifier` shows
them as tray notices that open the post when clicked.

Signals: PublishingBridge.published(int target_id), .failed(int target_id,
str reason), .unconfirmed(int target_id); TrayNotifier.open_post_requested(int
post_id), .changed().
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.ui.formatting import shorten
from smalltown_social.ui.tray import Tray

log = logging.getLogger(__name__)

NOTICE_MS = 10_000


class PublishingBridge(QObject):
    """The callbacks to hand to the outbox; safe to call from any thread."""

    published = Signal(int)
    failed = Signal(int, str)
    unconfirmed = Signal(int)

    def on_published(self, target_id: int) -> None:
        self.published.emit(target_id)

    def on_failed(self, target_id: int, reason: str) -> None:
        self.failed.emit(target_id, reason)

    def on_unconfirmed(self, target_id: int) -> None:
        self.unconfirmed.emit(target_id)


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    post_id: int
    warning: bool


class TrayNotifier(QObject):
    open_post_requested = Signal(int)
    changed = Signal()

    def __init__(
        self,
        bridge: PublishingBridge,
        tray: Tray | None,
        posts: PostsRepository,
        accounts: AccountsRepository,
    ) -> None:
        super().__init__(bridge)
        self.tray = tray
        self.posts = posts
        self.accounts = accounts
        self.last: Notice | None = None
        bridge.published.connect(self.tell_published)
        bridge.failed.connect(self._failed)
        bridge.unconfirmed.connect(self._unconfirmed)
        if tray is not None:
            tray.icon.messageClicked.connect(self._clicked)

    def _where(self, target_id: int) -> tuple[int, str, str] | None:
        """(post id, "Account (Network)", beginning of the text) of a target."""
        target = self.posts.target(target_id)
        if target is None:
            return None
        post = self.posts.get(target.post_id)
        account = self.accounts.get(target.account_id)
        where = f"{account.name} ({NETWORK_NAMES[account.network]})" if account is not None else "?"
        return target.post_id, where, shorten(post.text if post is not None else "", 80)

    def tell_published(self, target_id: int) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("Publicada en {where}").format(where=where),
                    text,
                    post_id,
                    warning=False,
                )
            )
        self.changed.emit()

    def _failed(self, target_id: int, reason: str) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("No se pudo publicar en {where}").format(where=where),
                    f"{reason}\n«{text}»\n" + self.tr("Pulse aquí para abrirla."),
                    post_id,
                    warning=True,
                )
            )
        self.changed.emit()

    def _unconfirmed(self, target_id: int) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found
            self.show(
                Notice(
                    self.tr("Sin confirmar en {where}").format(where=where),
                    self.tr("No se sabe si salió. Compruébelo en la red antes de repetirla.")
                    + f"\n«{text}»",
                    post_id,
                    warning=True,
                )
            )
        self.changed.emit()

    def published_while_closed(self, target_ids: list[int]) -> None:
        """One notice for what the scheduled task published while the program was closed."""
        found = [where for where in map(self._where, target_ids) if where is not None]
        if not found:
            return
        lines = [f"{where}: «{text}»" for _, where, text in found[:3]]
        if len(found) > 3:
            lines.append(self.tr("y {n} más").format(n=len(found) - 3))
        self.show(
            Notice(
                self.tr("Con el programa cerrado se publicaron {n}").format(n=len(found))
                if len(found) > 1
                else self.tr("Con el programa cerrado se publicó 1"),
                "\n".join(lines),
                found[-1][0],
                warning=False,
            )
        )
        self.changed.emit()

    def show(self, notice: Notice) -> None:
        self.last = notice
        log.info("tray notice for post %s: %s", notice.post_id, notice.title)
        if self.tray is None or not self.tray.available:
            return
        icon = (
            QSystemTrayIcon.MessageIcon.Warning
            if notice.warning
            else QSystemTrayIcon.MessageIcon.Information
        )
        self.tray.icon.showMessage(notice.title, notice.message, icon, NOTICE_MS)

    def _clicked(self) -> None:
        if self.last is not None:
            self.open_post_requested.emit(self.last.post_id)
