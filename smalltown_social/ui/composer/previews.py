"""One preview per network with a live length counter, counted as its server counts.

Signals: none. The counters use the guidance engine's `measure()` (the same
numbers the length rule blocks on), so "312 / 300" here is exactly what the
server would refuse. A counter past its limit turns red.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from smalltown_social.core.costs import has_link, post_price, usd
from smalltown_social.core.guidance import NetworkLimit, count_utf8_bytes
from smalltown_social.core.guidance.lengths import measure
from smalltown_social.core.i18n import Language
from smalltown_social.core.networks import rules_for
from smalltown_social.ui.composer.restyle import set_flag

Measured = tuple[int, int]  # (length in the network's unit, UTF-8 bytes)
PREVIEW_CHARS = 600  # the preview shows the start; the counter counts everything
BODY_DELAY_MS = 300


class NetworkPreview(QFrame):
    """One network's card: name, counter, the text as it would start."""

    def __init__(
        self, network: str, parent: QWidget | None = None, language: Language = "es"
    ) -> None:
        super().__init__(parent)
        self.network = network
        self.language: Language = language
        self.setObjectName("networkPreview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(f"<b>{rules_for(network).name}</b>")
        self.counter = QLabel()
        self.counter.setObjectName("lengthCounter")
        self.counter.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.counter)
        # A paid network (X): what publishing this text costs, before it is spent.
        self.price: QLabel | None = None
        if rules_for(network).cost is not None:
            self.price = QLabel()
            self.price.setObjectName("priceLabel")
            self.price.setWordWrap(True)
            layout.addWidget(self.price)
        self.body = QLabel()
        self.body.setObjectName("previewText")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.body)
        self.note = QLabel()
        self.note.setObjectName("networkNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        layout.addWidget(self.note)
        self._over = False

    def is_over(self) -> bool:
        """Whether the text is past this network's limit (the counter is red)."""
        return self._over

    def update_text(self, text: str, limit: NetworkLimit, measured: Measured) -> None:
        """Show `text` with its length `measured` by `measure_all` (maybe off the GUI thread)."""
        count, size = measured
        over = count > limit.max_length
        counter = f"{count:,} / {limit.max_length:,}".replace(",", ".")
        if limit.max_bytes is not None and size > limit.max_bytes and count <= limit.max_length:
            # A second, hidden limit (Bluesky's bytes): said in the clerk's words, only when hit.
            over = True
            counter += self.tr(" · demasiados emojis o símbolos: cuentan más que una letra")
        elif over:
            counter += self.tr(" · demasiado largo")
        self.counter.setText(counter)
        self.counter.setAccessibleName(
            self.tr("Longitud en {n}: {c}").format(n=rules_for(self.network).name, c=counter)
        )
        self._over = over
        set_flag(self.counter, "over", over)
        if self.price is not None:
            self.show_price(text)

    def show_price(self, text: str) -> None:
        """The price of this text on this paid network, per account it goes to."""
        assert self.price is not None
        price = post_price(self.network, text)
        shown = usd(price or Decimal(0), self.language)
        if has_link(text):
            label = self.tr("Coste: %1 por cuenta (publicación con enlace)")
        else:
            label = self.tr("Coste: %1 por cuenta (sin enlace; con un enlace costaría más)")
        self.price.setText(label.replace("%1", shown))

    def show_body(self, text: str) -> None:
        shown = text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else "")
        self.body.setText(shown if shown.strip() else self.tr("(sin texto)"))


class PreviewsPanel(QWidget):
    """The cards of the networks the post goes to."""

    def __init__(self, parent: QWidget | None = None, language: Language = "es") -> None:
        super().__init__(parent)
        self.language: Language = language
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("Elija cuentas para ver cómo queda en cada red."))
        self.hint.setWordWrap(True)
        self._layout.addWidget(self.hint)
        self._layout.addStretch(1)
        self.cards: dict[str, NetworkPreview] = {}
        self._limits: list[NetworkLimit] = []
        self._text = ""
        # Re-wrapping the preview texts is the most expensive paint of a keystroke;
        # the counters update at once, the texts once typing pauses.
        self.body_timer = QTimer(self)
        self.body_timer.setSingleShot(True)
        self.body_timer.setInterval(BODY_DELAY_MS)
        self.body_timer.timeout.connect(self.show_bodies)

    def set_limits(self, limits: list[NetworkLimit]) -> None:
        wanted = [limit.network for limit in limits]
        if wanted != list(self.cards):
            for card in self.cards.values():
                card.deleteLater()
            self.cards = {}
            for index, network in enumerate(wanted):
                card = NetworkPreview(network, self, self.language)
                card.show_body(self._text)
                self.cards[network] = card
                self._layout.insertWidget(1 + index, card)
        self._limits = limits
        self.hint.setVisible(not limits)

    def update_text(self, text: str, measured: dict[str, Measured] | None = None) -> None:
        """Refresh every card; `measured` from `measure_all` for these limits, else counted now."""
        if measured is None or any(limit.network not in measured for limit in self._limits):
            measured = measure_all(text, self._limits)
        for limit in self._limits:
            self.cards[limit.network].update_text(text, limit, measured[limit.network])
        if text != self._text:
            self._text = text
            self.body_timer.start()

    def show_bodies(self) -> None:
        for card in self.cards.values():
            card.show_body(self._text)

    def set_notes(self, notes: dict[str, str]) -> None:
        """A line under a network's card (Instagram's 24-hour allowance near its end)."""
        for network, card in self.cards.items():
            text = notes.get(network, "")
            card.note.setText(text)
            card.note.setVisible(bool(text))


def measure_all(text: str, limits: list[NetworkLimit]) -> dict[str, Measured]:
    """(length, UTF-8 bytes) per network, counted as each server counts. Pure: any thread."""
    size = count_utf8_bytes(text)
    return {limit.network: (measure(text, limit)[0], size) for limit in limits}
