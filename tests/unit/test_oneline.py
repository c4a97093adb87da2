"""core.oneline.shorten: the one way a post is cut to fit a list, a notice or a report."""

from __future__ import annotations

from smalltown_social.core.oneline import shorten


def test_a_short_text_is_only_flattened() -> None:
    assert shorten("Corte de agua\n  mañana", 60) == "Corte de agua mañana"


def test_a_long_text_is_cut_at_a_word_within_the_limit() -> None:
    text = "Aviso amarillo por viento en todo el municipio hoy, sábado 7 de noviembre"
    cut = shorten(text, 40)
    assert len(cut) <= 40 and cut.endswith("…")
    assert cut == "Aviso amarillo por viento en todo el…"  # whole words, no comma before "…"
    assert text.startswith(cut[:-1])


def test_one_long_word_is_cut_inside_it_rather_than_left_empty() -> None:
    address = "https://www.facebook.com/104829375610284_6925543281608382"
    cut = shorten(f"Vea {address}", 30)
    assert len(cut) == 30 and cut.startswith("Vea https://www.facebook") and cut.endswith("…")
