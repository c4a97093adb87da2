"""What the bundle leaves out of what PyInstaller collects (build.spec calls `trim`).

PyInstaller's Qt hooks collect every plugin of the Qt modules in use and every
translation of Qt; the app needs few of them. Pure functions over PyInstaller's
(dest, source, typecode) entries, so tests check the choices without a build.

Left out, and why it is safe:
- Qt translations other than Spanish and English: the app offers only those two.
- Qt plugins for platforms a desktop clerk never has (embedded EGL/KMS, VNC,
  framebuffer, Vulkan display), TLS back-ends (the app speaks HTTPS through
  Python's requests, never Qt's network stack), evdev/tuio input, desktop-theme
  plugins (GTK 3, the Flatpak portal: the app draws its own look), image formats
  nobody posts (TIFF, TGA, WBMP, ICNS, PDF). Kept: input contexts (dead keys
  for accents on Linux) and the GL integrations.
- Libraries that only those plugins needed (GTK 3 and its companions on Linux):
  found through each binary's imports, so nothing another part uses goes.
Pillow's AVIF codec is excluded as a module in build.spec (its 5 MB library
follows); TIFF and JPEG 2000 are linked into Pillow's core and stay.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (dest name, source path, typecode)

QT_LANGUAGES = frozenset({"es", "en"})
DROPPED_PLUGIN_FOLDERS = frozenset(
    {
        "tls",
        "egldeviceintegrations",
        "generic",
        "platformthemes",
    }
)
DROPPED_PLATFORMS = ("eglfs", "linuxfb", "vnc", "vkkhrdisplay", "minimalegl", "direct2d")
DROPPED_IMAGE_FORMATS = ("tiff", "tga", "wbmp", "icns", "pdf")
_TRANSLATION = re.compile(r"(?:^|/)Qt/translations/[a-z_]+?_([a-z]{2})(?:_[A-Za-z]+)?\.qm$")


def _slash(name: str) -> str:
    return name.replace("\\", "/")


def keep_datum(dest: str) -> bool:
    """False for a Qt translation of a language the app does not offer."""
    found = _TRANSLATION.search(_slash(dest))
    return found is None or found.group(1) in QT_LANGUAGES


def plugin_dropped(dest: str) -> bool:
    """True for a Qt plugin the app never loads."""
    parts = _slash(dest).split("/")
    if "plugins" not in parts or parts.index("plugins") + 2 != len(parts) - 1:
        return False
    folder, file = parts[-2], parts[-1].lower()
    stem = file.removeprefix("lib").split(".")[0]
    if folder in DROPPED_PLUGIN_FOLDERS:
        return True
    if folder == "platforms":
        return stem.removeprefix("q") in DROPPED_PLATFORMS
    if folder == "imageformats":
        return stem.removeprefix("q") in DROPPED_IMAGE_FORMATS
    return False


def _key(name: str) -> str:
    return _slash(name).rsplit("/", 1)[-1].lower()


def orphans(
    kept: Iterable[Entry], dropped: Iterable[Entry], imports_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """Dest names of libraries only the dropped binaries needed.

    `imports_of(source)` gives the file names a binary links against. A library
    reached from a dropped plugin is left out unless a kept binary reaches it.
    """
    kept = list(kept)
    by_name: dict[str, list[str]] = {}
    for dest, _, _ in kept:
        by_name.setdefault(_key(dest), []).append(dest)
    source_of = {dest: source for dest, source, _ in kept}

    def named(names: Iterable[str]) -> list[str]:
        return [dest for name in map(_key, names) for dest in by_name.get(name, [])]

    def closure(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            dest = todo.pop()
            if dest in seen:
                continue
            seen.add(dest)
            source = source_of.get(dest)
            if source is None:
                continue
            todo.extend(named(imports_of(source)))
        return seen

    candidates = closure(dest for _, source, _ in dropped for dest in named(imports_of(source)))
    needed = closure(dest for dest, _, _ in kept if dest not in candidates)
    return candidates - needed


def trim(
    binaries: list[Entry], datas: list[Entry], imports_of: Callable[[str], Iterable[str]]
) -> tuple[list[Entry], list[Entry], list[str]]:
    """(binaries, datas) without what the app does not use, and the dest names left out."""
    dropped = [entry for entry in binaries if plugin_dropped(entry[0])]
    kept = [entry for entry in binaries if not plugin_dropped(entry[0])]
    lonely = orphans(kept, dropped, imports_of)
    kept = [entry for entry in kept if entry[0] not in lonely]
    removed = {_slash(dest) for dest, _, _ in dropped} | {_slash(dest) for dest in lonely}

    def keep(entry: Entry) -> bool:
        dest, source, typecode = entry
        if typecode == "SYMLINK":  # source: the link's target, relative to the link
            return (
                posixpath.normpath(posixpath.join(posixpath.dirname(_slash(dest)), _slash(source)))
                not in removed
            )
        return keep_datum(dest)

    kept_datas = [entry for entry in datas if keep(entry)]
    gone = sorted(removed | {_slash(entry[0]) for entry in datas if not keep(entry)})
    return kept, kept_datas, gone
