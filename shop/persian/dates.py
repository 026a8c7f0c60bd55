"""Dates are stored in UTC and shown in the Jalali calendar, Tehran time."""

import datetime
from zoneinfo import ZoneInfo

import jdatetime

from .digits import to_persian_digits

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
