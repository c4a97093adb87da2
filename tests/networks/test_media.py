"""Images prepared for a network's limits, with real Pillow encoding."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from smalltown_social.core.networks import LengthUnit
from smalltown_social.networks.base import Capabilities
from smalltown_social.networks.media import ImageError, prepare_bytes, prepare_image

CAPS = Capabilities(LengthUnit.CHARACTERS, 500, max_image_bytes=5_000_000, alt_text_max=1500)


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def noisy(width: int, height: int) -> Image.Image:
    """A photo-like image that does not compress away."""
    rng = random.Random(7)
    return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))


def test_small_png_stays_png(tmp_path: Path) -> None:
    path = tmp_path / "cartel.png"
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(path)
    media = prepare_image(path, "  Cartel de la fiesta  ", CAPS)
    assert (media.mime_type, media.width, media.height) == ("image/png", 300, 200)
    assert media.alt_text == "Cartel de la fiesta"
    assert Image.open(io.BytesIO(media.data)).size == (300, 200)


def test_downscaled_to_the_longest_side() -> None:
    caps = Capabilities(LengthUnit.UTF16, 4096, max_image_side=1000, alt_text_max=0)
    media = prepare_bytes(encoded(noisy(3000, 1500), "JPEG"), "foto.jpg", "alt", caps)
    assert (media.width, media.height) == (1000, 500)
    assert media.alt_text == ""  # the network has no alt text
    assert Image.open(io.BytesIO(media.data)).size == (1000, 500)


def test_downscaled_to_the_pixel_limit() -> None:
    caps = Capabilities(LengthUnit.CHARACTERS, 500, max_image_pixels=250_000)
    media = prepare_bytes(encoded(noisy(1000, 1000), "PNG"), "a.png", "", caps)
    assert media.width * media.height <= 250_000 and media.width == 500


def test_recompressed_under_the_byte_limit() -> None:
    caps = Capabilities(LengthUnit.CHARACTERS, 500, max_image_bytes=150_000)
    source = encoded(noisy(800, 800), "PNG")
    assert len(source) > 1_000_000
    media = prepare_bytes(source, "ruido.png", "", caps)
    assert media.mime_type == "image/jpeg" and len(media.data) <= 150_000
    assert Image.open(io.BytesIO(media.data)).format == "JPEG"


def test_transparency_becomes_white_in_jpeg() -> None:
    caps = Capabilities(LengthUnit.CHARACTERS, 500, max_image_bytes=20_000)
    image = noisy(400, 400).convert("RGBA")
    image.putalpha(0)
    media = prepare_bytes(encoded(image, "PNG"), "t.png", "", caps)
    decoded = Image.open(io.BytesIO(media.data)).convert("RGB")
    assert decoded.getpixel((200, 200)) == (255, 255, 255)


def test_exif_orientation_is_applied_and_metadata_dropped() -> None:
    image = Image.new("RGB", (400, 200), (200, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x013B] = "Fotógrafo Secreto"  # Artist
    media = prepare_bytes(encoded(image, "JPEG", exif=exif), "p.jpg", "", CAPS)
    assert (media.width, media.height) == (200, 400)
    assert b"Secreto" not in media.data


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"<html>error</html>"],
)
def test_broken_files_are_a_clear_error(data: bytes) -> None:
    with pytest.raises(ImageError) as caught:
        prepare_bytes(data, "roto.jpg", "", CAPS)
    assert "«roto.jpg» no es una imagen" in caught.value.text.es


def test_truncated_jpeg_is_a_clear_error() -> None:
    data = encoded(noisy(300, 300), "JPEG")
    with pytest.raises(ImageError):
        prepare_bytes(data[: len(data) // 2], "cortada.jpg", "", CAPS)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError) as caught:
        prepare_image(tmp_path / "no.jpg", "", CAPS)
    assert "No se encuentra" in caught.value.text.es


def test_decompression_bomb_is_refused() -> None:
    bomb = encoded(Image.new("1", (12_000, 10_000)), "PNG")
    assert len(bomb) < 1_000_000
    with pytest.raises(ImageError) as caught:
        prepare_bytes(bomb, "bomba.png", "", CAPS)
    assert "demasiado grande" in caught.value.text.es
