"""Stands in for Oscar's `currency_filters` library (see TEMPLATES in settings)."""

from django import template

from .persian import toman

register = template.Library()


@register.filter(name="currency")
def currency(value, currency_code=None):
    """Oscar calls `{{ price|currency:currency_code }}`; Dastsaz only sells in IRR."""
    return toman(value)
