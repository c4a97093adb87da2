"""Loading the packaged guidance data (`resources/guidance/*.json`) once.

The files are small, read-only and the same for the whole run, so each is read
once and cached; callers receive immutable structures.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from smalltown_social.core.resources import resource


@cache
def load_json(name: str) -> Any:
    """Parsed contents of `resources/guidance/<name>`."""
    with resource("guidance", name).open(encoding="utf-8") as handle:
        return json.load(handle)
