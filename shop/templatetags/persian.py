from django import template

from shop.persian.dates import format_jalali_date, format_jalali_datetime, format_jalali_month
from shop.persian.money import format_toman
from shop.persian.numbers import localised_number, localised_percent_bp, ui_language

register = template.Library()


@register.filter
def fa_digits(value):
    """Persian digits in the Persian UI; unchanged in English."""
    return "" if value is None else localised_number(value)


@register.filter
def percent_bp(rate_bp):
    """A rate in hundredths of a percent (1250) as ۱۲٫۵٪."""
    return "" if rate_bp in (None, "") else localised_percent_bp(rate_bp)


@register.filter
def toman(amount_rials):
    if amount_rials in (None, ""):
        return ""
    return format_toman(amount_rials, ui_language())


@register.filter
def jalali_date(value):
    return format_jalali_date(value, ui_language())


@register.filter
def jalali_datetime(value):
    return format_jalali_datetime(value, ui_language())


@register.filter
def jalali_month(value):
    return format_jalali_month(value, ui_language())
