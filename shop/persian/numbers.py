from django.utils.translation import get_language

from .digits import to_persian_digits


def ui_language() -> str:
    return "en" if (get_language() or "fa").startswith("en") else "fa"


def localised_number(value) -> str:
    """A number in the active language's digits: Persian digits in the Persian UI."""
    return to_persian_digits(value) if ui_language() == "fa" else str(value)


def localised_percent_bp(rate_bp) -> str:
    """A rate in hundredths of a percent: 1250 -> '۱۲٫۵٪' (fa) or '12.5%' (en)."""
    whole, hundredths = divmod(int(rate_bp), 100)
    text = str(whole) + (f".{hundredths:02d}".rstrip("0") if hundredths else "")
    if ui_language() == "fa":
        return to_persian_digits(text.replace(".", "٫")) + "٪"
    return text + "%"
