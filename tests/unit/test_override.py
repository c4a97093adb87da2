from __future__ import annotations

import pytest

from smalltown_social.core.override import reason_problem


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "aaaaaaaaaaaaaaaaaaaa",
        "1234567890 1234567890",
        "asdf asdf asdf asdf",
        "ok ok ok ok ok ok ok",
        "porque sí",
        "......................",
    ],
)
def test_a_reason_that_explains_nothing_is_refused(reason: str) -> None:
    assert reason_problem(reason) is not None


@pytest.mark.parametrize(
    "reason",
    [
        "La vecina pidió que se publique su correo",
        "Lo ordena la Junta Electoral de Zona, escrito del 3 de mayo",
        "El teléfono es la línea oficial del centro de salud",
    ],
)
def test_a_few_real_words_are_a_reason(reason: str) -> None:
    assert reason_problem(reason) is None
