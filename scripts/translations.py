"""Update or check the Qt translations (Spanish source, English `.ts/.qm`).

python scripts/translations.py          # refresh .ts from the code, compile .qm
python scripts/translations.py --check  # fail if a string lacks English or .qm is stale
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "smalltown_social_en.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "smalltown_social" / "ui").rglob("*.py")
    )


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            "pyside6-lupdate",
            *sources(),
            "-source-language",
            "es",
            "-target-language",
            "en",
            "-no-obsolete",
            "-locations",  # no file:line in the .ts, so moving code never makes it stale
            "none",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        lupdate(TS)
        lrelease(TS, QM)
        print(f"updated {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}")
        return 0
    # lupdate writes locations relative to the .ts file, so the copy sits beside it.
    with tempfile.TemporaryDirectory(dir=TS.parent) as tmp:
        ts = Path(tmp).parent / f".check-{Path(tmp).name}.ts"
        shutil.copy(TS, ts)
        try:
            return _check(ts, Path(tmp))
        finally:
            ts.unlink(missing_ok=True)


def _check(ts: Path, tmp: Path) -> int:
    """Compare a freshly updated copy of the .ts (and its .qm) with the committed ones."""
    lupdate(ts)
    text = ts.read_text(encoding="utf-8")
    missing = text.count('type="unfinished"')
    if missing:
        print(
            f"{missing} strings lack an English translation: run scripts/translations.py "
            f"and translate them in {TS.relative_to(ROOT)}"
        )
        return 1
    if ts.read_text(encoding="utf-8") != TS.read_text(encoding="utf-8"):
        print(f"{TS.relative_to(ROOT)} is out of date: run scripts/translations.py")
        return 1
    qm = tmp / QM.name
    lrelease(TS, qm)
    if not QM.exists() or qm.read_bytes() != QM.read_bytes():
        print(f"{QM.relative_to(ROOT)} is stale: run scripts/translations.py")
        return 1
    print("translations complete and compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
