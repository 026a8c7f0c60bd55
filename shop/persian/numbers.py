from django.utils.translation import get_language

from .digits import to_persian_digits


def ui_language() -> str:
    return "en" if (get_language() or "fa").startswith("en") else "fa"


def localised_number(value) -> str:
    """A number in the active language's digits: Persian digits in the Persian UI."""
    return to_persian_digits(value) if ui_language() == "fa" else str(value)
