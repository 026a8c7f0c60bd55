"""Dates are stored in UTC and shown in the Jalali calendar, Tehran time."""

import datetime
import re
from zoneinfo import ZoneInfo

import jdatetime
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .digits import to_latin_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip


def to_jalali(value) -> jdatetime.date | jdatetime.datetime:
    """A date stays a date; an aware datetime is moved to Tehran time first."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(TEHRAN)
        return jdatetime.datetime.fromgregorian(datetime=value.replace(tzinfo=None))
    return jdatetime.date.fromgregorian(date=value)


def format_jalali_date(value, language: str = "fa") -> str:
    """date(2025, 3, 20) -> '۳۰ اسفند ۱۴۰۳' (fa) or '30 Esfand 1403' (en)."""
    if value in (None, ""):
        return ""
    j = to_jalali(value)
    if language == "fa":
        return to_persian_digits(f"{j.day} {MONTHS_FA[j.month - 1]} {j.year}")
    return f"{j.day} {MONTHS_EN[j.month - 1]} {j.year}"


def format_jalali_datetime(value, language: str = "fa") -> str:
    if value in (None, ""):
        return ""
    j = to_jalali(value)
    day = format_jalali_date(value, language)
    if language == "fa":
        return f"{day}، ساعت {to_persian_digits(f'{j.hour:02d}:{j.minute:02d}')}"
    return f"{day}, {j.hour:02d}:{j.minute:02d}"


INVALID_JALALI_DATE = _("Enter the date like ۱۴۰۵/۰۳/۱۵ (year/month/day).")
NOT_JALALI_YEAR = _("Enter the date in the solar (Jalali) calendar, like ۱۴۰۵/۰۳/۱۵.")
NO_SUCH_DAY = _("%(month)s %(year)s has no day %(day)s.")

# Dates as people type them in forms: ۱۴۰۵/۰۳/۱۵, 1405-3-15, ۱۴۰۵.۳.۱۵ (Jalali, any digits).
_TYPED_DATE = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
# Jalali years a person alive today types; a Gregorian date (2026-06-05) falls outside.
JALALI_YEARS = range(1300, 1500)


def format_jalali_numeric(value) -> str:
    """date(2026, 6, 5) -> '۱۴۰۵/۰۳/۱۵': how a date field shows its value."""
    if value in (None, ""):
        return ""
    j = to_jalali(value)
    return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def parse_jalali_date(text) -> datetime.date:
    """'۱۴۰۵/۰۳/۱۵' or '1405-3-15' -> date(2026, 6, 5); ValidationError in Persian otherwise."""
    match = _TYPED_DATE.fullmatch(to_latin_digits(str(text or "")).strip())
    if not match:
        raise ValidationError(INVALID_JALALI_DATE, code="invalid_date")
    year, month, day = (int(part) for part in match.groups())
    if year not in JALALI_YEARS:
        raise ValidationError(NOT_JALALI_YEAR, code="not_jalali")
    if not 1 <= month <= 12:
        raise ValidationError(INVALID_JALALI_DATE, code="invalid_date")
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise ValidationError(
            NO_SUCH_DAY,
            code="no_such_day",
            params={
                "month": MONTHS_FA[month - 1],
                "year": to_persian_digits(year),
                "day": to_persian_digits(day),
            },
        ) from None


def format_jalali_month(value, language: str = "fa") -> str:
    """A Jalali (or Gregorian) date's month: 'آذر ۱۴۰۵' (fa) or 'Azar 1405' (en)."""
    if value in (None, ""):
        return ""
    j = value if isinstance(value, jdatetime.date) else to_jalali(value)
    if language == "fa":
        return to_persian_digits(f"{MONTHS_FA[j.month - 1]} {j.year}")
    return f"{MONTHS_EN[j.month - 1]} {j.year}"


def tehran_days(first_day: datetime.date, days: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[since, until): midnight starting `first_day` to midnight after `days` Tehran days."""
    since = datetime.datetime.combine(first_day, datetime.time(), tzinfo=TEHRAN)
    return since, since + datetime.timedelta(days=days)
