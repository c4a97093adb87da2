"""Run the app where the disk really refuses: a read-only folder, a full disk.

Tests run as root, where `chmod` stops nothing, so the child process gets its
own mount namespace (`unshare -m`, gone when it exits) in which a folder is
bind-mounted read-only, or replaced by a tiny tmpfs holding a copy of its
files and filled up. The kernel then answers EROFS or ENOSPC, as a real
read-only share or full disk would. Where mount namespaces are not allowed
(an ordinary user), the tests using this are skipped.
"""

from __future__ import annotations

import functools
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import app_command, app_env


@functools.cache
def can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            'd=$(mktemp -d); mount -t tmpfs -o size=4k tmpfs "$d"; code=$?; '
            'umount "$d" 2>/dev/null; rmdir "$d"; exit $code',
        ],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def needs_mount() -> None:
    if not can_mount():
        pytest.skip("needs a private mount namespace (unshare -m as root)")


def read_only(folder: Path) -> str:
    """Shell lines making `folder` read-only inside the namespace."""
    q = shlex.quote(str(folder))
    return f"mount --bind {q} {q} && mount -o remount,bind,ro {q}"


def full_disk(folder: Path, free_kb: int) -> str:
    """Shell lines replacing `folder` by a small tmpfs with its files and `free_kb` left."""
    q = shlex.quote(str(folder))
    return (
        f"stage=$(mktemp -d) && cp -a {q}/. $stage/ && "
        f"mount -t tmpfs -o size=4m tmpfs {q} && cp -a $stage/. {q}/ && rm -rf $stage && "
        f"{{ dd if=/dev/zero of={q}/.filler bs=4k 2>/dev/null; true; }} && "
        f"truncate -s -{free_kb}K {q}/.filler"
    )


def run_app_confined(
    setup: str, *args: str, after: str = "true"
) -> subprocess.CompletedProcess[str]:
    """The app with `args`, in a mount namespace prepared by the shell lines `setup`.

    `after` runs in the same namespace once the app has exited (to look inside
    a tmpfs that vanishes with it); the app's exit code is returned.
    """
    script = f'{setup} || exit 99; "$@"; code=$?; {after}; exit $code'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *app_command(*args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(),
        check=False,
    )
