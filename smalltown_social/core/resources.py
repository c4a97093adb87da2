"""Where the packaged data files (`resources/`) are.

Three layouts exist: a source checkout or editable install (`resources/` beside
the package), a PyInstaller bundle (`sys._MEIPASS/resources`), and a wheel
install (`<prefix>/share/smalltown_social/resources`). Reading small packaged
data files is the only I/O `core/` does.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "smalltown_social" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "No se encuentra la carpeta de recursos de la aplicación; reinstale el programa. "
        f"(Buscada en: {', '.join(str(c) for c in candidates)})"
    )


def resource(*parts: str) -> Path:
    """Path of one packaged file, e.g. `resource("guidance", "bureaucratic.json")`."""
    return resources_dir().joinpath(*parts)
