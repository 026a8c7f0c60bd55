"""Form fields for what Iranians type: Jalali dates, mobile numbers, national ids, Sheba.

Each accepts Persian, Arabic or Latin digits, cleans to the form we store (a Gregorian
`datetime.date`; 09…; ten digits; IR…) and shows a stored value back in Persian digits.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .dates import format_jalali_numeric, parse_jalali_date
from .digits import to_latin_digits, to_persian_digits
from .identity import normalise_mobile, normalise_national_id, normalise_sheba


class JalaliDateInput(forms.TextInput):
    """A text box showing a date as ۱۴۰۵/۰۳/۱۵; what was typed is shown back as typed."""

    def __init__(self, attrs=None):
        defaults = {"dir": "ltr", "autocomplete": "off", "placeholder": "۱۴۰۵/۰۳/۱۵"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_jalali_numeric(value)
        return super().format_value(value)


class JalaliDateField(forms.Field):
    """A date typed in the Jalali calendar; `cleaned_data` holds the Gregorian date."""

    widget = JalaliDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_jalali_date(value)


class _IdentifierField(forms.CharField):
    normalise = None
    default_label = None
    default_max_length = 20  # room for spaces, dashes and +98 as typed
    widget_attrs_default = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", self.default_label)
        kwargs.setdefault("max_length", self.default_max_length)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return "" if value in self.empty_values else type(self).normalise(value)

    def prepare_value(self, value):
        return to_persian_digits(value) if value else value

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), **self.widget_attrs_default}


class MobileField(_IdentifierField):
    """09123456789 as stored; +98…, 0098…, spaces and dashes accepted."""

    normalise = staticmethod(normalise_mobile)
    default_label = _("Mobile number")
    widget_attrs_default = {**_IdentifierField.widget_attrs_default, "inputmode": "tel"}


class NationalIdField(_IdentifierField):
    """Ten digits as stored; eight or nine are padded with zeros in front."""

    normalise = staticmethod(normalise_national_id)
    default_label = _("National id")


class ShebaField(_IdentifierField):
    """IR and 24 digits as stored; spaces and Persian digits accepted."""

    normalise = staticmethod(normalise_sheba)
    default_label = _("Sheba number")
    default_max_length = 40
    widget_attrs_default = {"dir": "ltr", "autocomplete": "off"}  # letters too: IR


def latin_number(text: str) -> str:
    """A number as typed (۱۲٬۵۰۰, 12,500, ۱۲٫۵, −۳) as Python parses it: Latin digits, no
    thousands separators, "." for the Persian decimal mark (٫), "-" for a minus sign (−)."""
    text = to_latin_digits(text).replace("٬", "").replace(",", "")
    return text.replace("٫", ".").replace("\u2212", "-").strip()


class _TypedNumber:
    """What Persian number fields share: any digits typed, a text box (a number box would
    refuse Persian digits), the value shown back in Persian digits."""

    widget = forms.TextInput
    inputmode = "numeric"
    shown_types = (int,)

    def to_python(self, value):
        if isinstance(value, str):
            value = latin_number(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, self.shown_types):
            return to_persian_digits(str(value).replace(".", "٫"))
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("min", None), attrs.pop("max", None), attrs.pop("step", None)
        return {**attrs, "inputmode": self.inputmode, "dir": "ltr", "autocomplete": "off"}


class PersianIntegerField(_TypedNumber, forms.IntegerField):
    """A whole number typed with Persian, Arabic or Latin digits and thousands separators
    (۱۲٬۵۰۰ or 12,500); shown back in Persian digits."""


class PersianDecimalField(_TypedNumber, forms.DecimalField):
    """A decimal typed with Persian, Arabic or Latin digits and the Persian decimal mark
    (۱۲٫۵ or 12.5); shown back in Persian digits with ٫."""

    inputmode = "decimal"
    shown_types = (int, Decimal)
