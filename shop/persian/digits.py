LATIN = "0123456789"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC = "٠١٢٣٤٥٦٧٨٩"

_TO_LATIN = str.maketrans(PERSIAN + ARABIC, LATIN * 2)
_TO_PERSIAN = str.maketrans(LATIN + ARABIC, PERSIAN * 2)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to 0-9, so numeric input parses."""
    return str(text).translate(_TO_LATIN)


def to_persian_digits(text: str) -> str:
    """Latin and Arabic-Indic digits to Persian digits, for display."""
    return str(text).translate(_TO_PERSIAN)
