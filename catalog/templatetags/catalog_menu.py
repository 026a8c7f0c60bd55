"""The header menu's categories (oscar/partials/nav_primary.html)."""

from django import template
from django.utils.translation import get_language

from catalog.selectors import menu_categories as kept_menu_categories

register = template.Library()


@register.simple_tag
def menu_categories():
    """[(name, address)] of the top categories, from the cache."""
    return kept_menu_categories(get_language())
