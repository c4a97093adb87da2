"""Issue #15: inbox labels on real citizen replies (rhetorical questions, insults
without swear words, proposals, and an explicit "unsure")."""

from __future__ import annotations

import pytest

from smalltown_social.core.labels import NEEDS_ANSWER, Label, classify, suggest_label


@pytest.mark.parametrize(
    "text",
    [
        "¿Hay algo más bonito que nuestro pueblo en otoño? 😍",
        "¿Quién no ha bailado alguna vez en esa plaza? ¡Qué recuerdos!",
        "¿A que es precioso el atardecer desde el mirador?",
        "¿Alguien más echa de menos las verbenas de antes?",
    ],
)
def test_a_rhetorical_question_is_not_a_consulta(text: str) -> None:
    assert suggest_label(text) != Label.QUESTION
    assert classify(text).needs_answer is False


@pytest.mark.parametrize(
    "text",
    [
        "Vaya gentuza nos gobierna.",
        "Menudo sinvergüenza el alcalde, solo sabe hacerse fotos.",
        "Sois unos ineptos y unos caraduras.",
        "Dimite ya, parásito.",
        "A este alcalde habría que echarlo a patadas.",
        "Payasos.",
        "Ladrones!!",
        "Corruptos",
        "Mafiosos 🤡",
    ],
)
def test_hostility_without_swear_words_and_a_single_insult_are_offensive(text: str) -> None:
    found = classify(text)
    assert found.label is Label.OFFENSIVE
    assert found.needs_answer is False


@pytest.mark.parametrize(
    "text",
    [
        "Anoche entraron ladrones en el almacén de la cooperativa.",
        "He visto ratas junto al contenedor de la plaza.",
        "Yo solo voy si hay bocadillos de chorizo 😂",
        "Qué risa el payaso de la cabalgata",
    ],
)
def test_the_same_words_not_aimed_at_anyone_are_not_offensive(text: str) -> None:
    assert suggest_label(text) is not Label.OFFENSIVE


@pytest.mark.parametrize(
    "text",
    [
        "¿Y si hacéis el cine de verano también en las pedanías?",
        "Podríais abrir la biblioteca algún sábado por la mañana.",
        "¿Por qué no grabáis los plenos y los colgáis en internet?",
        "Estaría genial un punto de recarga para coches eléctricos en la plaza.",
    ],
)
def test_proposals_are_singled_out_and_need_an_answer(text: str) -> None:
    found = classify(text)
    assert found.label is Label.SUGGESTION
    assert found.needs_answer is True
    assert Label.SUGGESTION in NEEDS_ANSWER


def test_close_signals_give_an_explicit_unsure_not_a_guess() -> None:
    found = classify("¿Cuándo van a arreglar el bache? Es una vergüenza.")
    assert found.label is None and found.unsure
    assert found.needs_answer is True  # a question or a complaint: either way, answer it


def test_nothing_to_file_is_not_unsure() -> None:
    found = classify("Buenos días")
    assert found.label is None and not found.unsure and found.needs_answer is False
