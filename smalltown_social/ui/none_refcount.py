"""Keep `None` alive under PySide6 6.12 on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method
that returns `void` (QPainter.setPen, QWidget.update, QLabel.setText...) takes
one reference from `None` that it never gave. A month view repaint costs
about 1,400 of them; `None` starts with about 20,000, so after a few dozen
repaints CPython aborts with "Fatal Python error: none_dealloc".

Python 3.12 made `None` immortal (PEP 683: a huge reference count nothing can
exhaust). `make_none_immortal()` does the same on older versions by raising
None's reference count by 2**40, which no run can spend. It is a no-op on
3.12 and later. Remove this module once the app requires Python >= 3.12 or a
PySide6 release without the leak.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def make_none_immortal() -> bool:
    """Give None a reference count no leak can exhaust; True if it was changed now."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if sys.getrefcount(None) > RESERVE // 2:
        return False  # done already
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t at id()).
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += RESERVE
    return True
