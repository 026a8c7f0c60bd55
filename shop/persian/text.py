"""The one Persian normaliser, shared by search backends and anything that compares text.

Buyers type Arabic letters (ي ك) from Arabic keyboards, mixed digits, and words with or
without the zero-width non-joiner (ZWNJ). Normalised text uses Persian letters, Latin
digits, a plain space where a ZWNJ stood, no diacritics or tatweel, and folded case.
"""

import re

from .digits import to_latin_digits

ZWNJ = "\u200c"

_LETTERS = str.maketrans(
    {
        "\u064a": "ی",  # ARABIC LETTER YEH
        "\u0649": "ی",  # ARABIC LETTER ALEF MAKSURA
        "\u0643": "ک",  # ARABIC LETTER KAF
        "\u0629": "ه",  # TEH MARBUTA
        "\u06c0": "ه",  # HEH WITH YEH ABOVE (ۀ)
        "\u0623": "ا",  # ALEF WITH HAMZA ABOVE
        "\u0625": "ا",  # ALEF WITH HAMZA BELOW
        "\u0671": "ا",  # ALEF WASLA
        "\u0624": "و",  # WAW WITH HAMZA ABOVE
        ZWNJ: " ",
        "\u00a0": " ",  # NO-BREAK SPACE
    }
)
# Harakat, tanwin, shadda, sukun, superscript alef, tatweel, and invisible marks
# (ZWJ, LRM, RLM, BOM) that only change how a word looks.
_DROPPED = re.compile("[\u064b-\u065f\u0670\u0640\u200d\u200e\u200f\ufeff]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    if not text:
        return ""
    text = _DROPPED.sub("", str(text).translate(_LETTERS))
    text = to_latin_digits(text)
    return _SPACES.sub(" ", text).strip().casefold()


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Normalised words: letters and digits, punctuation dropped."""
    return _WORD.findall(normalise(text))


def index_terms(text: str) -> list[str]:
    """Words to index, plus each pair of neighbours written together.

    Persian writes compounds three ways: "دست‌بافت" (ZWNJ), "دست بافت" and "دستبافت".
    Indexing "دست", "بافت" and "دستبافت" for any of them lets every spelling find every
    other: a joined query matches the joined pair, a split query matches both words.
    """
    found = words(text)
    return found + [a + b for a, b in zip(found, found[1:], strict=False)]


MAX_QUERY_WORDS = 8


def query_alternatives(text: str) -> list[list[str]]:
    """The query's words, and the same with each pair of neighbours joined.

    The counterpart of `index_terms` for text indexed as one word: "دست بافت" must also
    find "دستبافت". A document matches when it matches any alternative.
    """
    found = words(text)[:MAX_QUERY_WORDS]
    alternatives = [found] if found else []
    for i in range(len(found) - 1):
        alternatives.append(found[:i] + [found[i] + found[i + 1]] + found[i + 2 :])
    return alternatives
