from django import template

from sellers.access import producer_of

register = template.Library()


@register.simple_tag
def acting_producer(user):
    """The producer this account acts for in the seller panel, or None (one query)."""
    return producer_of(user)
