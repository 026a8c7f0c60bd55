"""Prices are integer Rials in the database and Toman (Rials / 10) on screen."""

from decimal import ROUND_HALF_UP, Decimal

from .digits import to_persian_digits

RIALS_PER_TOMAN = 10


def to_rials(amount) -> int:
    """Any amount Oscar hands us (Decimal, int, str) as whole Rials."""
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_toman(amount_rials) -> int:
    """Whole Toman of a Rial amount, as a form shows a price back to the person who typed it."""
    return to_rials(amount_rials) // RIALS_PER_TOMAN


def format_toman(amount_rials, language: str = "fa") -> str:
    """1250000 Rials -> '۱۲۵٬۰۰۰ تومان' (fa) or '125,000 Toman' (en).

    A Rial amount that is not a whole number of Toman keeps its tenth, so what is shown
    is exactly what is charged.
    """
    rials = to_rials(amount_rials)
    sign = "-" if rials < 0 else ""
    whole, tenth = divmod(abs(rials), RIALS_PER_TOMAN)
    number = f"{whole:,}" + (f".{tenth}" if tenth else "")
    if language == "fa":
        number = to_persian_digits(number.replace(",", "٬").replace(".", "٫"))
        return f"{sign}{number} تومان"
    return f"{sign}{number} Toman"


def toman_plain(amount_rials) -> str:
    """Toman for a spreadsheet: Latin digits, no separators, the tenth kept (1234.5)."""
    rials = to_rials(amount_rials)
    whole, tenth = divmod(abs(rials), RIALS_PER_TOMAN)
    sign = "-" if rials < 0 else ""
    return f"{sign}{whole}.{tenth}" if tenth else f"{sign}{whole}"
