"""The one Persian normaliser, shared by search backends and anything that compares text.

Buyers type Arabic letters (ي ك) from Arabic keyboards, Urdu and Sindhi letters (ڪ ھ ہ ۑ),
presentation forms copied from old PDFs (ﻫ ﺪ), decomposed letters (ا + U+0653 for آ),
mixed digits, and words with or without the zero-width non-joiner (ZWNJ). Normalised text
uses Persian letters, Latin digits, a plain space where a ZWNJ stood, no diacritics,
tatweel, ZWJ or soft hyphen, one spelling of the hamza seat, no ezafe, and folded case.

The hamza seat, one rule for its spelling variants (رئیس/رییس, مسئول/مسؤول/مسول,
مسئله/مسأله/مساله, پائیز/پاییز, سؤال/سوال):
- ئ or ؤ before و is dropped: مسئول, مسؤول → مسول; شئون → شون;
- ئ after ا, or before ی or ا, becomes ی: پائیز → پاییز, مسائل → مسایل, رئیس → رییس;
- ئ before any other letter becomes ا (as أ does): مسئله → مساله, هیئت → هیات;
- any other ؤ becomes و, any other ئ (at a word's end) ی.
The ezafe written after a word ending in ه is dropped: خانهٔ, خانه‌ی and خانه ی → خانه.
آ stays آ (a decomposed ا + U+0653 is composed to it).
"""

import re
import unicodedata

from .digits import to_latin_digits

ZWNJ = "\u200c"

_LETTERS = str.maketrans(
    {
        "\u064a": "ی",  # ARABIC LETTER YEH
        "\u0649": "ی",  # ARABIC LETTER ALEF MAKSURA
        "\u0643": "ک",  # ARABIC LETTER KAF
        "\u06aa": "ک",  # SWASH KAF (ڪ)
        "\u0629": "ه",  # TEH MARBUTA
        "\u06c0": "ه",  # HEH WITH YEH ABOVE (ۀ)
        "\u06be": "ه",  # HEH DOACHASHMEE (ھ)
        "\u06c1": "ه",  # HEH GOAL (ہ)
        "\u06c2": "ه",  # HEH GOAL WITH HAMZA ABOVE (ۂ)
        "\u06d1": "ی",  # YEH WITH THREE DOTS BELOW (ۑ)
        "\u0623": "ا",  # ALEF WITH HAMZA ABOVE
        "\u0625": "ا",  # ALEF WITH HAMZA BELOW
        "\u0671": "ا",  # ALEF WASLA
        ZWNJ: " ",
        "\u00a0": " ",  # NO-BREAK SPACE
    }
)
# Harakat, tanwin, shadda, sukun, superscript alef, tatweel, and invisible marks
# (ZWJ, LRM, RLM, BOM, soft hyphen) that only change how a word looks. Hamza and madda
# marks that compose with their letter are composed before these are dropped.
_DROPPED = re.compile("[\u064b-\u065f\u0670\u0640\u200d\u200e\u200f\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# Arabic presentation forms A and B: compatibility-decomposed (NFKC) to plain letters, and
# nothing else is, so that NFKC's other foldings (ﬁ, ², ½) stay out of Persian text.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
# Yeh with a combining hamza above, which NFC leaves apart for Persian and dotless yeh.
_YEH_HAMZA = re.compile("[\u06cc\u064a\u0649]\u0654")
_HAMZA_SEAT = [
    (re.compile("[ئؤ](?=و)"), ""),
    (re.compile("(?<=ا)ئ|ئ(?=[یا])"), "ی"),
    (re.compile(r"ئ(?=[^\W\d_])"), "ا"),
    (re.compile("ؤ"), "و"),
    (re.compile("ئ"), "ی"),
]
# An ezafe written as its own "ی" after a word ending in ه (خانه‌ی, خانه ی).
_EZAFE = re.compile(r"(?<=ه)(?: ی)+(?![^\W_])")


def _presentation_to_letters(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalise(text: str) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = _PRESENTATION_FORMS.sub(_presentation_to_letters, text)
    text = _YEH_HAMZA.sub("ئ", text)
    text = _DROPPED.sub("", text.translate(_LETTERS))
    for pattern, replacement in _HAMZA_SEAT:
        text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", to_latin_digits(text)).strip()
    return _EZAFE.sub("", text).casefold()


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


# The Persian alphabet in dictionary order, as ICU's "fa" collation sorts it: alef-madda
# first, hamza after alef, and the Arabic forms (ي ك ة ۀ) folded by `normalise` first.
PERSIAN_ALPHABET = "آاءئبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ALPHABET_RANK = {letter: rank for rank, letter in enumerate(PERSIAN_ALPHABET)}
_SPACE, _MARK, _DIGIT, _LETTER, _OTHER = range(5)


def _char_key(char: str) -> tuple[int, int]:
    if char.isspace():
        return (_SPACE, 0)
    if char in _ALPHABET_RANK:
        return (_LETTER, _ALPHABET_RANK[char])
    if char.isdigit():
        return (_DIGIT, int(char))
    if not char.isalnum():
        return (_MARK, ord(char))
    return (_OTHER, ord(char))


def persian_sort_key(text: str) -> tuple:
    """A key that sorts Persian names in alphabetical order, not by code point.

    Code points put پ چ ژ ک گ ی after all the Arabic letters and ه before و; this key
    follows the Persian alphabet (چ after ج, گ after ک, ک before ه), puts a space before any
    letter ("آذربایجان شرقی" before "آذربایجانی"), digits (Persian or Latin) before letters
    and Latin after Persian, like PostgreSQL's ICU "fa" collation. A ZWNJ is ignored as
    ICU ignores it. The text itself breaks ties, so different strings never compare equal.
    """
    text = str(text or "")
    folded = normalise(text.replace(ZWNJ, ""))
    return (tuple(_char_key(char) for char in folded), text)


def persian_sorted(items, key=None):
    """Items sorted in Persian alphabetical order, by `key(item)` or the item's text."""
    text_of = key or str
    return sorted(items, key=lambda item: persian_sort_key(text_of(item)))
