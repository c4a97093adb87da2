"""Time `analyze()` on a realistic draft, next to a trivially cheap baseline.

Run: python tests/bench/bench_guidance.py

The composer calls `analyze()` on every keystroke, so a 2,000-character draft
with every network selected should take a few milliseconds. Absolute times
depend on the machine, so the baseline (a split plus one regex pass over the
same text, measured in the same run) gives the figure a scale.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# A plain script: make the source checkout importable without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from smalltown_social.core.guidance import ImageInfo, analyze

NETWORKS = ("bluesky", "mastodon", "x", "telegram", "facebook", "instagram", "linkedin")
PARAGRAPH = (
    "El Ayuntamiento informa que mañana, martes 14 de mayo, cortamos el agua de 9 a 14 h en la "
    "calle Mayor y la plaza de la Iglesia para cambiar una tubería. A fin de evitar problemas, "
    "llene alguna jarra antes. Si tiene dudas, llame al 012 o mire sede.valdelomar.es/avisos. "
    "La piscina municipal abre el sábado a las 11:00 con nuevo horario 🏊. "
    "Las ayudas para libros se pueden pedir hasta el 15 de septiembre. #Valdelomar #Verano\n"
)


def _draft(size: int) -> str:
    text = PARAGRAPH * (size // len(PARAGRAPH) + 1)
    return text[:size]


def _median_ms(function: Callable[[], object], repeat: int) -> float:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    images = [ImageInfo("Cartel del horario de la piscina")]
    word = re.compile(r"\w+")
    draft = _draft(2000)
    analyze(draft, networks=NETWORKS, images=images)  # load data and compile patterns once

    def baseline() -> object:
        return (draft.split(), word.findall(draft))

    base = _median_ms(baseline, 200)
    # A new text each run, as on each keystroke: memoised helpers must not hide the cost.
    texts = iter([f"{draft[:-3]} {n:02d}" for n in range(60)])
    median = _median_ms(lambda: analyze(next(texts), networks=NETWORKS, images=images), 50)
    print(f"2,000 characters, all networks: analyze() median {median:.2f} ms")
    print(f"baseline (split + one regex findall) median {base:.3f} ms; ratio {median / base:.0f}x")

    big = _draft(100_000)
    worst = max(
        _median_ms(lambda: analyze(big, networks=NETWORKS, images=images, content_type="event"), 1)
        for _ in range(3)
    )
    big_base = _median_ms(lambda: (big.split(), word.findall(big)), 5)
    print(f"100,000 characters, all networks: analyze() worst of 3 runs {worst:.0f} ms")
    print(f"baseline on 100,000 characters {big_base:.2f} ms")


if __name__ == "__main__":
    main()
