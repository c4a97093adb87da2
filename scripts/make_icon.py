"""Make resources/icons/app.ico from resources/icons/app.svg (the window's and tray's icon).

One source for every icon: Qt renders the SVG at each size Windows asks for
(16-256 pixels: title bar, taskbar, Start menu, Explorer's large views, the
installer) and Pillow writes them into one .ico. Run it after changing app.svg,
and commit both:

    QT_QPA_PLATFORM=offscreen python scripts/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "app.svg"
TARGET = ROOT / "resources" / "icons" / "app.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    from io import BytesIO  # noqa: PLC0415

    return Image.open(BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"not a usable SVG: {SOURCE}", file=sys.stderr)
        return 1
    images = [render(renderer, size) for size in sorted(SIZES, reverse=True)]
    images[0].save(TARGET, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[1:])
    print(f"{TARGET.relative_to(ROOT)}: {', '.join(str(s) for s in SIZES)} px")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
