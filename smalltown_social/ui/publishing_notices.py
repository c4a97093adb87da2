"""Publishing reports as tray notices.

`PublishingBridge` turns the outbox's plain callbacks (called on its worker
threads) into Qt signals delivered on the GUI thread. `TrayNotifier` shows
them as tray notices that open the post when clicked.

Short, and not one per network: a post sent to five accounts goes out as five
reports within seconds, which would be five notices with the same text queued on
Windows' screen. With `group_ms`, what went out within that time is one notice
("Publicada en 5 cuentas"); a failure is told alone at once (it asks for action).
Every notice fits what Windows shows (tray.fit_notice: 63 characters of title,
255 of text).

Signals: PublishingBridge.published(int target_id), .failed(int target_id,
str reason), .unconfirmed(int target_id); TrayNotifier.open_post_requested(int
post_id), .changed().
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from smalltown_social.core.accounts import NETWORK_NAMES
from smalltown_social.core.oneline import shorten
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.ui.tray import Tray, fit_notice

log = logging.getLogger(__name__)

GROUP_MS = 3_000  # the app's: reports of one sweep arrive within it
SUMMARY_LINES = 3


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
class Where:
    post_id: int
    where: str  # "Account (Network)"
    text: str  # the beginning of the post's text
    network: str


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
        *,
        group_ms: int = 0,
    ) -> None:
        """`group_ms`: how long a publication waits for others to share its notice (0: none)."""
        super().__init__(bridge)
        self.tray = tray
        self.posts = posts
        self.accounts = accounts
        self.last: Notice | None = None
        self.waiting: list[int] = []  # published target ids not told yet
        self.group = QTimer(self)
        self.group.setSingleShot(True)
        self.group.setInterval(group_ms)
        self.group.timeout.connect(self._tell_waiting)
        bridge.published.connect(self.tell_published)
        bridge.failed.connect(self._failed)
        bridge.unconfirmed.connect(self._unconfirmed)
        if tray is not None:
            tray.icon.messageClicked.connect(self._clicked)

    def _where(self, target_id: int) -> Where | None:
        """Where a target went and the beginning of its text."""
        target = self.posts.target(target_id)
        if target is None:
            return None
        post = self.posts.get(target.post_id)
        account = self.accounts.get(target.account_id)
        network = NETWORK_NAMES[account.network] if account is not None else "?"
        where = f"{account.name} ({network})" if account is not None else "?"
        text = shorten(post.text if post is not None else "", 80)
        return Where(target.post_id, where, text, network)

    def tell_published(self, target_id: int) -> None:
        if target_id not in self.waiting:  # one report twice is one publication
            self.waiting.append(target_id)
        if self.group.interval() <= 0:
            self._tell_waiting()
        elif not self.group.isActive():  # at most group_ms after the first
            self.group.start()

    def _tell_waiting(self) -> None:
        ids, self.waiting = self.waiting, []
        found = [where for where in map(self._where, ids) if where is not None]
        if len(found) == 1:
            one = found[0]
            title = self.tr("Publicada en {where}").format(where=one.where)
            self.show(Notice(title, one.text, one.post_id, warning=False))
        elif found and len({one.post_id for one in found}) == 1:
            self.show(
                Notice(
                    self.tr("Publicada en {n} cuentas").format(n=len(found)),
                    f"«{found[0].text}»\n" + ", ".join(one.network for one in found),
                    found[0].post_id,
                    warning=False,
                )
            )
        elif found:
            self.show(
                Notice(
                    self.tr("Se publicaron {n}").format(n=len(found)),
                    self._summary(found),
                    found[-1].post_id,
                    warning=False,
                )
            )
        self.changed.emit()

    def _summary(self, found: list[Where]) -> str:
        """A line per publication (the first few), then how many more."""
        lines = [f"{one.network}: «{shorten(one.text, 40)}»" for one in found[:SUMMARY_LINES]]
        if len(found) > SUMMARY_LINES:
            lines.append(self.tr("y {n} más").format(n=len(found) - SUMMARY_LINES))
        return "\n".join(lines)

    def _failed(self, target_id: int, reason: str) -> None:
        found = self._where(target_id)
        if found is not None:
            post_id, where, text = found.post_id, found.where, found.text
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
            post_id, where, text = found.post_id, found.where, found.text
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
        self.show(
            Notice(
                self.tr("Con el programa cerrado se publicaron {n}").format(n=len(found))
                if len(found) > 1
                else self.tr("Con el programa cerrado se publicó 1"),
                self._summary(found),
                found[-1].post_id,
                warning=False,
            )
        )
        self.changed.emit()

    def show(self, notice: Notice) -> None:
        title, message = fit_notice(notice.title, notice.message)
        notice = Notice(title, message, notice.post_id, notice.warning)
        self.last = notice
        log.info("tray notice for post %s: %s", notice.post_id, notice.title)
        if self.tray is not None:
            self.tray.notify(notice.title, notice.message, warning=notice.warning)

    def _clicked(self) -> None:
        if self.last is not None:
            self.open_post_requested.emit(self.last.post_id)
