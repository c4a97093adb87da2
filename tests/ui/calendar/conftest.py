"""Calendar tests paint a lot: keep None alive under PySide6 6.12 on Python 3.11."""

from __future__ import annotations

import pytest

from smalltown_social.ui.none_refcount import make_none_immortal


@pytest.fixture(autouse=True)
def _none_stays_alive() -> None:
    make_none_immortal()
