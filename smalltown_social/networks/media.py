"""Images made ready for one network: read, checked, shrunk to its limits.

No Qt: the composer and the outbox both call `prepare_image()`. A file that
is not an image, is cut short or is too big to open becomes `ImageError`
with a message the clerk can act on. Photos are turned upright (EXIF
orientation) and their metadata (GPS position, camera serial) is dropped by
the re-encoding. PNG stays PNG while it fits (screenshots, posters with
text) where the network takes PNG; everything else, and any PNG that does
not fit, becomes JPEG. Only the kinds in `core.networks.ATTACHABLE_IMAGES`
(JPEG, PNG, GIF, WebP) are accepted from the clerk.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from smalltown_social.core.i18n import Text
from smalltown_social.core.networks import ATTACHABLE_IMAGES
from smalltown_social.networks.base import Capabilities, Media

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported by the functions that use it (on the first image), not when the
# window starts.

# Refuse to even decode absurd images (decompression bombs).
MAX_SOURCE_PIXELS = 100_000_000
MAX_SOURCE_BYTES = 100 * 1024 * 1024
JPEG_QUALITIES = (88, 80, 72, 64, 55)
_SHRINK_STEP = 0.8

TEXT_MISSING = Text(
    "No se encuentra la imagen «{name}». ¿Se ha movido o borrado?",
    "The image “{name}” cannot be found. Was it moved or deleted?",
)
TEXT_NOT_IMAGE = Text(
    "«{name}» no es una imagen que se pueda usar (o el archivo está dañado). "
    "Use una imagen JPEG, PNG, GIF o WebP.",
    "“{name}” is not an image that can be used (or the file is damaged). "
    "Use a JPEG, PNG, GIF or WebP image.",
)
TEXT_TOO_BIG = Text(
    "La imagen «{name}» es demasiado grande para abrirla. Redúzcala con otro programa.",
    "The image “{name}” is too big to open. Make it smaller with another program.",
)
TEXT_CANNOT_FIT = Text(
    "No se ha podido reducir la imagen «{name}» a menos de {limit} MB.",
    "The image “{name}” could not be reduced below {limit} MB.",
)


class ImageError(ValueError):
    """The image cannot be used; `text` says why, for the clerk."""

    def __init__(self, text: Text, detail: str = "") -> None:
        super().__init__(detail or text.en)
        self.text = text


def prepare_image(path: Path, alt_text: str, capabilities: Capabilities) -> Media:
    """Read `path` and return it as `Media` that fits `capabilities`."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    if size < 0:
        raise ImageError(TEXT_MISSING.format(name=name), "missing")
    if size > MAX_SOURCE_BYTES:
        raise ImageError(TEXT_TOO_BIG.format(name=name), f"{size} bytes")
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is None:
        raise ImageError(TEXT_MISSING.format(name=name), "unreadable")
    return prepare_bytes(data, name, alt_text, capabilities)


def check_image(path: Path) -> None:
    """Raise `ImageError` unless `path` is a JPEG, PNG, GIF or WebP file (reads its header)."""
    name = path.name
    if not path.is_file():
        raise ImageError(TEXT_MISSING.format(name=name), "missing")
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    failure: ImageError | None = None
    try:
        with Image.open(path, formats=list(ATTACHABLE_IMAGES.values())) as opened:
            if opened.width * opened.height <= 0:
                failure = ImageError(TEXT_NOT_IMAGE.format(name=name), "no pixels")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        failure = ImageError(TEXT_NOT_IMAGE.format(name=name), type(error).__name__)
    if failure is not None:
        raise failure


def prepare_bytes(data: bytes, name: str, alt_text: str, capabilities: Capabilities) -> Media:
    from PIL import Image, ImageOps  # noqa: PLC0415

    image = _open(data, name)
    original_format = image.format
    image = ImageOps.exif_transpose(image)
    for private in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment"):
        image.info.pop(private, None)  # GPS position, camera serial, editing history
    image = _fit_dimensions(image, capabilities)
    alt = alt_text.strip()[: capabilities.alt_text_max] if capabilities.alt_text_max else ""
    limit = capabilities.max_image_bytes
    if original_format == "PNG" and "image/png" in capabilities.image_types:
        encoded = _encode(image, "PNG", 0)
        if len(encoded) <= limit:
            return Media(encoded, "image/png", alt, image.width, image.height)
    image = _flatten(image)
    while True:
        for quality in JPEG_QUALITIES:
            encoded = _encode(image, "JPEG", quality)
            if len(encoded) <= limit:
                return Media(encoded, "image/jpeg", alt, image.width, image.height)
        if min(image.size) < 64:
            raise ImageError(
                TEXT_CANNOT_FIT.format(name=name, limit=round(limit / 1_000_000, 1)),
                f"{len(encoded)} bytes at {image.size}",
            )
        width, height = int(image.width * _SHRINK_STEP), int(image.height * _SHRINK_STEP)
        smaller = (max(1, width), max(1, height))
        image = image.resize(smaller, Image.Resampling.LANCZOS)


def _open(data: bytes, name: str) -> Image.Image:
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    failure: ImageError | None = None
    image: Image.Image | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=list(ATTACHABLE_IMAGES.values()))
            if opened.width * opened.height > MAX_SOURCE_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            opened.load()  # a truncated file fails here, not later
            image = opened
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        failure = ImageError(TEXT_TOO_BIG.format(name=name), "too many pixels")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        failure = ImageError(TEXT_NOT_IMAGE.format(name=name), type(error).__name__)
    if failure is not None:
        raise failure
    assert image is not None
    return image


def _fit_dimensions(image: Image.Image, capabilities: Capabilities) -> Image.Image:
    from PIL import Image  # noqa: PLC0415

    width, height = image.size
    scale = 1.0
    if capabilities.max_image_side and max(width, height) > capabilities.max_image_side:
        scale = capabilities.max_image_side / max(width, height)
    pixels = capabilities.max_image_pixels
    if pixels and width * height * scale * scale > pixels:
        scale = min(scale, (pixels / (width * height)) ** 0.5)
    if scale >= 1.0:
        return image
    new_size = (max(1, int(width * scale)), max(1, int(height * scale)))
    return image.resize(new_size, Image.Resampling.LANCZOS)


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent images on white."""
    from PIL import Image  # noqa: PLC0415

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def _encode(image: Image.Image, kind: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if kind == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
