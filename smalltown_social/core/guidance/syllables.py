"""Counting Spanish syllables by the RAE's orthographic rules.

Readability scores (Szigriszt-Pazos, Fernández-Huerta) depend on the syllable
count, and hyphenation dictionaries (pyphen, textstat) never split vowels, so
"día", "país" or "ciudadanía" come out one syllable short: enough to move a
text a whole INFLESZ band. Only the number of vowel nuclei matters for a
count, so this module never places syllable boundaries between consonants;
it only decides, inside each run of vowels, where a hiatus splits it.

The rules (Ortografía de la lengua española, 2010, §§ 1.3-1.4):
- strong vowels (a, e, o) next to each other are in hiatus: le-er, a-é-re-o;
- a weak vowel (i, u) next to any vowel forms a diphthong or triphthong
  (ciu-dad, buey, U-ru-guay), unless it carries the written accent: dí-a, re-ú-ne;
- "ui"/"iu" always count as a diphthong (cons-truir, guion is one syllable);
- a silent "h" between vowels does not prevent a diphthong (prohi-bir,
  ahu-mar, de-sahu-cio) but an accent still marks a hiatus (pro-hí-be, bú-ho);
- in "que, qui, gue, gui" the "u" is not pronounced; with "ü" it is (pin-güi-no);
- "y" is a vowel when no vowel follows it (hoy, muy, rey, Uru-guay).
"""

from __future__ import annotations

from functools import lru_cache

_STRONG = frozenset("aeoáéóàèòâêô")
_ACCENTED_WEAK = frozenset("íúìùïî")
_WEAK = frozenset("iuü")
_VOWELS = _STRONG | _ACCENTED_WEAK | _WEAK
_BASE = {"i": "i", "í": "i", "u": "u", "ú": "u", "ü": "u"}


def _nuclei_in_run(run: str) -> int:
    """Syllables in a run of adjacent vowels.

    Every strong vowel and every accented weak vowel is a nucleus of its own;
    unaccented weak vowels glide onto a neighbour (a-hue-car, U-ru-guay). Two
    weak vowels form one syllable (ciu-dad, cons-truir, ca-suís-ti-co) unless
    they are the same letter (chi-i-ta, fri-í-si-mo).
    """
    nuclei = 0
    for index, char in enumerate(run):
        if char in _STRONG or char in _ACCENTED_WEAK:
            nuclei += 1
        elif (index + 1 < len(run) and _BASE.get(run[index + 1]) == char) or (
            index > 0 and _BASE.get(run[index - 1]) == char
        ):
            nuclei += 1  # i-i, i-í, u-u: a doubled vowel is always a hiatus
    return max(nuclei, 1)


def _spoken_vowels(word: str) -> str:
    """The word reduced to its vowels, with every other letter turned into "c".

    Silent letters are dropped so that runs of vowels can be read off directly:
    the "h" (except before a gliding "hu"/"hi" + vowel, which starts a new
    syllable: a-hue-car, vi-hue-la, chi-hua-hua) and the "u" of que/qui/gue/gui.
    """
    letters = word.lower()
    out: list[str] = []
    length = len(letters)
    for index, char in enumerate(letters):
        following = letters[index + 1] if index + 1 < length else ""
        after = letters[index + 2] if index + 2 < length else ""
        if char == "h":
            if out and out[-1] in _VOWELS and following in "iu" and after in _VOWELS:
                out.append("c")
            continue
        if char == "u" and index > 0 and letters[index - 1] in "qg" and following in "eiéíêî":
            continue  # que, qui, gue, gui: the u is silent
        if char == "y":
            # A vowel when no vowel follows (hoy, rey, y); a consonant before one (mayo).
            out.append("c" if following in _VOWELS else "i")
        elif char in _VOWELS:
            out.append(char)
        else:
            out.append("c")
    return "".join(out)


@lru_cache(maxsize=8192)
def count_syllables(word: str) -> int:
    """Number of syllables of one Spanish word (0 when it has no letters).

    A word made only of consonants (an abbreviation such as "Sr" or "pp")
    counts as one syllable, as a reader would still say something.
    """
    if not any(char.isalpha() for char in word):
        return 0
    spoken = _spoken_vowels(word)
    total = 0
    run_start = -1
    for index, char in enumerate(spoken + "c"):
        if char in _VOWELS:
            if run_start < 0:
                run_start = index
        elif run_start >= 0:
            total += _nuclei_in_run(spoken[run_start:index])
            run_start = -1
    return max(total, 1)
