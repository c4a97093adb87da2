"""Languages the clerk can read, for text produced outside Qt.

The UI translates its own strings with Qt (`self.tr()` and `.ts/.qm`). Code
below the UI (guidance findings, network errors, storage errors) cannot use
Qt, so it carries both languages and picks one with `pick()`. Spanish is the
first language: it is the default everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["es", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "es"


def parse_language(value: str | None) -> Language:
    """Return a supported language for `value` ("es", "en", "es_ES"...), else Spanish."""
    if value:
        short = value.strip().lower()[:2]
        for language in LANGUAGES:
            if short == language:
                return language
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Text:
    """A sentence for the clerk in both languages."""

    es: str
    en: str

    def __call__(self, language: Language = DEFAULT_LANGUAGE) -> str:
        return self.en if language == "en" else self.es

    def format(self, **values: object) -> Text:
        return Text(self.es.format(**values), self.en.format(**values))

    def __add__(self, more: Text) -> Text:
        """This text followed by `more`, in each language."""
        return Text(self.es + more.es, self.en + more.en)


def both(*texts: Text) -> str:
    """A stored note: Spanish, then English, so any reader of the database understands."""
    es = " ".join(t.es for t in texts)
    en = " ".join(t.en for t in texts)
    return f"{es}{BOTH_SEPARATOR}{en}"


BOTH_SEPARATOR = " / "


def one_language(note: str, language: Language) -> str:
    """The part of a note stored by `both()` in `language`; any other note as it is.

    A note holds one " / " between its Spanish and its English; when a text
    itself holds one too, the separator is the one nearest the middle (the two
    halves say the same thing, so they are about as long).
    """
    starts = [i for i in range(len(note)) if note.startswith(BOTH_SEPARATOR, i)]
    if not starts:
        return note
    middle = len(note) / 2
    cut = min(starts, key=lambda i: abs(i + len(BOTH_SEPARATOR) / 2 - middle))
    es, en = note[:cut], note[cut + len(BOTH_SEPARATOR) :]
    return en if language == "en" else es


def counted(n: int, one: Text, many: Text) -> Text:
    """`one` for exactly 1, else `many`, with {n} filled: "1 respuesta", "3 respuestas"."""
    return (one if n == 1 else many).format(n=n)
