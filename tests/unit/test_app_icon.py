"""One icon for everything: app.svg (window, tray) and the app.ico made from it.

The .ico goes into both programs (build.spec) and the installer (NSIS); on
Linux PyInstaller does not embed icons, so the bundle's programs cannot be
checked here: the spec's argument, the .ico's sizes and the installer are.
"""

from __future__ import annotations

import importlib.util
import re
import struct
from io import BytesIO
from pathlib import Path
from types import ModuleType

from PIL import Image, ImageChops, ImageStat
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
ICO = ROOT / "resources" / "icons" / "app.ico"
WINDOWS_SIZES = {16, 20, 24, 32, 40, 48, 64, 96, 128, 256}


def ico_frames(data: bytes) -> dict[int, bytes]:
    """Each size's image data, read from the .ico's own directory."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    frames = {}
    for index in range(count):
        width, height, _c, _r, _p, _b, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert width == height
        frames[width or 256] = data[offset : offset + size]
    return frames


def make_icon() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "scripts" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    frames = ico_frames(ICO.read_bytes())
    assert set(frames) == WINDOWS_SIZES
    for size, frame in frames.items():
        image = Image.open(BytesIO(frame))
        assert image.size == (size, size)
        assert image.mode == "RGBA"  # transparent corners


def test_the_ico_is_the_svg_the_window_and_tray_show(qtbot: QtBot) -> None:
    # A stale .ico (app.svg changed, make_icon.py not run) fails here.
    from PySide6.QtSvg import QSvgRenderer

    module = make_icon()
    renderer = QSvgRenderer(str(module.SOURCE))
    for size in (16, 48, 256):
        fresh = module.render(renderer, size)
        kept = Image.open(BytesIO(ico_frames(ICO.read_bytes())[size])).convert("RGBA")
        difference = ImageStat.Stat(ImageChops.difference(fresh, kept)).mean
        assert max(difference) < 2, (size, difference)


def test_both_programs_of_the_bundle_get_the_icon() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    found = re.search(r"^ICON = os\.path\.join\(SPECPATH, (.+)\)$", spec, re.MULTILINE)
    assert found
    parts = [part.strip().strip('"') for part in found.group(1).split(",")]
    assert ROOT.joinpath(*parts) == ICO
    program = spec.split("def program(", 1)[1].split("\n\n", 1)[0]
    assert "icon=ICON," in program
    assert spec.count('program("smalltown_social') == 2
