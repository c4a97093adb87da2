"""Attached images, each with its required alternative text.

Signals: changed() when an image is added or removed or an alt text edited.

An image is checked twice: at once on the GUI thread (QImageReader reads
only the header: is it an image at all?), then fully in the background with
the same `networks/media.prepare_image()` the outbox uses, which decodes it
and shrinks it to the strictest chosen network. A truncated or otherwise
broken file is reported on its row and the post cannot be scheduled with it.
The thumbnail is drawn only after that check passed (so Qt never decodes a
broken file). The clerk is also told which networks will get a smaller copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smalltown_social.core.i18n import Language
from smalltown_social.core.networks import NETWORK_IDS, RULES, NetworkRules, rules_for
from smalltown_social.core.posts import Image
from smalltown_social.networks.base import Capabilities, Media
from smalltown_social.networks.media import ImageError, prepare_image
from smalltown_social.ui.composer.restyle import set_flag
from smalltown_social.ui.tasks import TaskRunner

DEFAULT_MAX_IMAGES = 4
THUMBNAIL = 56
IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.gif"  # core.networks.ATTACHABLE_IMAGES


class ImageRow(QFrame):
    """One attachment: thumbnail, name, alt text field, remove button."""

    def __init__(self, path: str, alt_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("imageRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(QSize(THUMBNAIL, THUMBNAIL))
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.thumbnail)
        column = QVBoxLayout()
        self.name = QLabel(Path(path).name)
        self.name.setObjectName("imageName")
        column.addWidget(self.name)
        self.alt = QLineEdit(alt_text)
        self.alt.setObjectName("altText")
        self.alt.setPlaceholderText(
            self.tr("Texto alternativo (obligatorio): qué se ve y el texto que aparece")
        )
        self.alt.setAccessibleName(
            self.tr("Texto alternativo de {name}").format(name=Path(path).name)
        )
        column.addWidget(self.alt)
        self.note = QLabel()
        self.note.setObjectName("imageNote")
        self.note.setWordWrap(True)
        self.note.hide()
        column.addWidget(self.note)
        layout.addLayout(column, 1)
        self.remove = QPushButton(self.tr("Quitar"))
        self.remove.setAccessibleName(self.tr("Quitar {name}").format(name=Path(path).name))
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        self.alt.textChanged.connect(self._mark)
        self._mark()
        self.broken: str | None = None
        self.checked = False

    def set_broken(self, message: str) -> None:
        self.broken = message
        self.checked = True
        self.note.setText(message)
        set_flag(self.note, "error", True)
        self.note.show()

    def load_thumbnail(self) -> None:
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and size.width() > 0 and size.height() > 0:
            reader.setScaledSize(
                size.scaled(QSize(THUMBNAIL, THUMBNAIL), Qt.AspectRatioMode.KeepAspectRatio)
            )
        image = reader.read()
        if not image.isNull():
            self.thumbnail.setPixmap(QPixmap.fromImage(image))

    def _mark(self) -> None:
        set_flag(self.alt, "missing", not self.alt.text().strip())

    def image(self) -> Image:
        return Image(path=self.path, alt_text=self.alt.text().strip())


class ImagesPanel(QWidget):
    changed = Signal()

    def __init__(
        self, tasks: TaskRunner, language: Language, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.title = QLabel(self.tr("Imágenes"))
        self.title.setObjectName("sectionTitle")
        self.add_button = QPushButton(self.tr("Añadir &imagen…"))
        self.add_button.clicked.connect(self._choose)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.message = QLabel()
        self.message.setObjectName("imageError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.rows: list[ImageRow] = []
        self.networks: list[str] = []

    # --- state -------------------------------------------------------------

    def images(self) -> tuple[Image, ...]:
        return tuple(row.image() for row in self.rows)

    def broken(self) -> list[tuple[int, str]]:
        """(1-based number, message) of the images the full check found unusable."""
        return [(i + 1, row.broken) for i, row in enumerate(self.rows) if row.broken]

    def all_checked(self) -> bool:
        return all(row.checked for row in self.rows)

    def refusal(self) -> str | None:
        """Why the post cannot be scheduled with these images yet (checks under way), or None."""
        broken = self.broken()
        if broken:
            return self.tr("Quite la imagen {n}: {why}").format(n=broken[0][0], why=broken[0][1])
        if not self.all_checked():
            return self.tr("Se están comprobando las imágenes; inténtelo en un momento.")
        return None  # a missing alt text is refused by the use case (publishing/compose.py)

    def rules(self) -> list[NetworkRules]:
        """The rows of the chosen networks (core/networks.py)."""
        return [rules_for(n) for n in self.networks if n in NETWORK_IDS]

    def max_images(self) -> int:
        limits = [rules.max_images for rules in self.rules()]
        return min(limits) if limits else DEFAULT_MAX_IMAGES

    def set_images(self, images: tuple[Image, ...]) -> None:
        for row in list(self.rows):
            self._remove(row, notify=False)
        for image in images:
            self._add_row(image.path, image.alt_text)
        self.message.hide()

    def set_networks(self, networks: list[str]) -> None:
        self.networks = networks
        for row in self.rows:
            self._describe(row)

    # --- adding --------------------------------------------------------------

    def _choose(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Añadir imágenes"), "", self.tr("Imágenes ({f})").format(f=IMAGE_FILTER)
        )
        for path in paths:
            if self.add_image(path) is not None:
                break

    def add_image(self, path: str) -> str | None:
        """Attach `path`; returns the message shown when it cannot be used (else None)."""
        error = self._check(path)
        if error is not None:
            self.message.setText(error)
            self.message.show()
            return error
        self.message.hide()
        self._add_row(path, "")
        self.changed.emit()
        self.rows[-1].alt.setFocus()
        return None

    def _check(self, path: str) -> str | None:
        name = Path(path).name
        file = Path(path)
        if not file.is_file():
            return self.tr("No se encuentra el archivo «{name}». ¿Se ha movido o borrado?").format(
                name=name
            )
        if len(self.rows) >= self.max_images():
            return self.tr("No caben más imágenes: como mucho {n} en las redes elegidas.").format(
                n=self.max_images()
            )
        if any(row.path == path for row in self.rows):
            return self.tr("La imagen «{name}» ya está añadida.").format(name=name)
        reader = QImageReader(path)
        size = reader.size()
        if not reader.canRead() or not size.isValid() or size.isEmpty():
            return self.tr(
                "«{name}» no es una imagen que se pueda usar, o el archivo está dañado. "
                "Use una foto JPEG o PNG."
            ).format(name=name)
        return None

    def _add_row(self, path: str, alt_text: str) -> None:
        row = ImageRow(path, alt_text, self)
        row.remove.clicked.connect(lambda _=False, r=row: self._remove(r))
        row.alt.textChanged.connect(self.changed)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._describe(row)
        self._verify(row)

    def _verify(self, row: ImageRow) -> None:
        """Decode and fit the image off the GUI thread, as the outbox will."""
        strictest = min(
            self.rules() or list(RULES.values()), key=lambda rules: rules.max_image_bytes
        )
        capabilities = Capabilities.of(strictest.network)
        path = Path(row.path)

        def done(_media: Media) -> None:
            if row in self.rows:
                row.checked = True
                row.load_thumbnail()

        def failed(error: Exception) -> None:
            if row not in self.rows:
                return
            if isinstance(error, ImageError):
                row.set_broken(error.text(self.language))
            else:
                row.set_broken(
                    self.tr("No se ha podido leer la imagen «{name}».").format(name=path.name)
                )

        self.tasks.run_in_background(lambda: prepare_image(path, "", capabilities), done, failed)

    def _remove(self, row: ImageRow, *, notify: bool = True) -> None:
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.deleteLater()
        if notify:
            self.changed.emit()
            self.add_button.setFocus()

    def _describe(self, row: ImageRow) -> None:
        """Which networks will get a smaller copy, and any alt text over a network's limit."""
        notes: list[str] = []
        try:
            size = Path(row.path).stat().st_size
        except OSError:
            row.note.setText(
                self.tr("No se encuentra el archivo «{name}». ¿Se ha movido o borrado?").format(
                    name=Path(row.path).name
                )
            )
            row.note.show()
            return
        shrink = [rules.name for rules in self.rules() if size > rules.max_image_bytes]
        if shrink:
            notes.append(
                self.tr("Se enviará una copia más pequeña a {names} ({mb:.1f} MB).").format(
                    names=", ".join(shrink), mb=size / 1_000_000
                )
            )
        limits = [rules.alt_text_max for rules in self.rules() if rules.alt_text_max]
        if limits:
            row.alt.setMaxLength(min(limits))
        if row.broken is None:
            row.note.setText(" ".join(notes))
            row.note.setVisible(bool(notes))
