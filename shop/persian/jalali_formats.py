"""Every date Django formats for people in the Jalali calendar.

Oscar's and Wagtail's templates print dates as `{{ order.date_placed }}` or with `|date`, and
Django formats both with `django.utils.formats.date_format` (`localize` calls it for dates in
templates). `install()` wraps that one function (at start-up, shop/apps.py) so each such date
reads «۲ آذر ۱۴۰۵، ساعت ۱۴:۳۰». Formats made for machines stay Gregorian: ISO ("c",
"Y-m-d…"), RFC 5322 ("r"), Unix time ("U") and formats without a date part (times only).
"""

import datetime

from django.utils import formats

from .dates import (
    MONTHS_EN,
    MONTHS_FA,
    format_jalali_date,
    format_jalali_datetime,
    format_jalali_month,
    format_jalali_numeric,
    to_jalali,
)
from .digits import to_persian_digits
from .numbers import ui_language

_DATE_CHARS = frozenset("dDjlNSwzWFMmnbEyYLto")
_TIME_CHARS = frozenset("aAfgGhHisuP")
_MONTH_NAMES = frozenset("FMNbE")
_MACHINE = frozenset("crUOeTZ")


def _unescaped(format_string: str) -> str:
    """The format characters of a Django format, without backslash-escaped letters."""
    chars, escaped = [], False
    for char in format_string:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            chars.append(char)
    return "".join(chars)


def _month_day(value, language) -> str:
    j = to_jalali(value)
    if language == "fa":
        return to_persian_digits(f"{j.day} {MONTHS_FA[j.month - 1]}")
    return f"{j.day} {MONTHS_EN[j.month - 1]}"


def _time(value, language) -> str:
    if not isinstance(value, datetime.datetime):
        return ""
    j = to_jalali(value)
    text = f"{j.hour:02d}:{j.minute:02d}"
    return to_persian_digits(text) if language == "fa" else text


def jalali(value, format_name):
    """`value` in the Jalali calendar for a Django format (a name or a format string), or None
    when that format is not for people (then Django formats it as it would)."""
    if not isinstance(value, datetime.date):
        return None
    language = ui_language()
    name = format_name or "DATE_FORMAT"
    if name == "DATE_FORMAT":
        return format_jalali_date(value, language)
    if name == "DATETIME_FORMAT":
        if isinstance(value, datetime.datetime):
            return format_jalali_datetime(value, language)
        return format_jalali_date(value, language)
    if name == "SHORT_DATE_FORMAT":
        return format_jalali_numeric(value) if language == "fa" else None
    if name == "SHORT_DATETIME_FORMAT":
        if language != "fa":
            return None
        return " ".join(filter(None, (format_jalali_numeric(value), _time(value, language))))
    if name == "YEAR_MONTH_FORMAT":
        return format_jalali_month(value, language)
    if name == "MONTH_DAY_FORMAT":
        return _month_day(value, language)
    if name.endswith("_FORMAT") and name.isupper():
        return None  # TIME_FORMAT and the like
    chars = set(_unescaped(name))
    if chars & _MACHINE or not chars & _DATE_CHARS:
        return None
    if chars & _MONTH_NAMES:
        if chars & _TIME_CHARS and isinstance(value, datetime.datetime):
            return format_jalali_datetime(value, language)
        return format_jalali_date(value, language)
    if "-" in name:
        return None  # Y-m-d: ISO, for inputs and machines
    if language != "fa":
        return None
    return " ".join(
        filter(None, (format_jalali_numeric(value), chars & _TIME_CHARS and _time(value, language)))
    )


_django_date_format = formats.date_format


def date_format(value, format=None, use_l10n=None):
    shown = jalali(value, format)
    return _django_date_format(value, format, use_l10n) if shown is None else shown


def install():
    formats.date_format = date_format
