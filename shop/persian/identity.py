"""Iranian identifiers as people type them: mobile numbers, national ids (کد ملی), Sheba.

Each `normalise_*` accepts Persian or Arabic digits, spaces and dashes, returns the canonical
form we store, and raises ValidationError with a Persian message otherwise. `validate_*` are
validators for model fields: they accept the stored form only.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .digits import to_latin_digits

_SEPARATORS = re.compile(r"[\s\-‐-―_.()]")

INVALID_MOBILE = _("Enter the mobile number like ۰۹۱۲۳۴۵۶۷۸۹.")
INVALID_NATIONAL_ID = _("This national id is not valid.")
INVALID_SHEBA = _("Enter the Sheba number: IR followed by 24 digits, as the bank gives it.")


def _digits_only(text):
    return _SEPARATORS.sub("", to_latin_digits(str(text or "")))


def normalise_mobile(text: str) -> str:
    """09xxxxxxxxx from 09…, 9…, +989…, 00989… or 989…."""
    number = _digits_only(text)
    for prefix in ("+98", "0098", "98"):
        if number.startswith(prefix) and len(number) == len(prefix) + 10:
            number = "0" + number[len(prefix) :]
            break
    if len(number) == 10 and number.startswith("9"):
        number = "0" + number
    if not re.fullmatch(r"09\d{9}", number):
        raise ValidationError(INVALID_MOBILE, code="invalid_mobile")
    return number


def national_id_check_digit(first_nine: str) -> int:
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(first_nine)) % 11
    return remainder if remainder < 2 else 11 - remainder


def normalise_national_id(text: str) -> str:
    """Ten digits whose last is the check digit; 8 or 9 digits are padded with zeros in front,
    as older cards print them."""
    code = _digits_only(text)
    if code.isdigit() and 8 <= len(code) <= 9:
        code = code.zfill(10)
    if (
        not re.fullmatch(r"\d{10}", code)
        or len(set(code)) == 1
        or national_id_check_digit(code[:9]) != int(code[9])
    ):
        raise ValidationError(INVALID_NATIONAL_ID, code="invalid_national_id")
    return code


def sheba_check_digits(bban: str) -> str:
    """The two check digits of IR + `bban` (24 digits), by ISO 13616 mod-97."""
    rearranged = int(bban + "1827" + "00")  # I=18, R=27
    return f"{98 - rearranged % 97:02d}"


def normalise_sheba(text: str) -> str:
    """IR followed by 24 digits, the first two of which check the rest (mod 97)."""
    sheba = _digits_only(text).upper()
    if sheba.startswith("IR"):
        sheba = sheba[2:]
    if not re.fullmatch(r"\d{24}", sheba) or sheba_check_digits(sheba[2:]) != sheba[:2]:
        raise ValidationError(INVALID_SHEBA, code="invalid_sheba")
    return "IR" + sheba


# Validators for model fields (`validators=[validate_mobile]`). They accept only the stored,
# canonical form, so nothing typed another way reaches the database through the admin, a shell
# or an import; forms normalise what people type first (shop/persian/forms.py: MobileField…).


def validate_mobile(value):
    """09 and nine digits, as normalise_mobile stores it."""
    if normalise_mobile(value) != value:
        raise ValidationError(INVALID_MOBILE, code="invalid_mobile")


def validate_national_id(value):
    """Ten Latin digits with a correct check digit, as normalise_national_id stores it."""
    if normalise_national_id(value) != value:
        raise ValidationError(INVALID_NATIONAL_ID, code="invalid_national_id")


def validate_sheba(value):
    """IR and 24 digits with correct check digits, as normalise_sheba stores it."""
    if normalise_sheba(value) != value:
        raise ValidationError(INVALID_SHEBA, code="invalid_sheba")
