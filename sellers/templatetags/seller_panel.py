from django import template

from sellers.access import membership_of, producer_of

register = template.Library()


@register.simple_tag
def acting_producer(user):
    """The producer this account acts for in the seller panel, or None (one query)."""
    return producer_of(user)


@register.simple_tag
def support_company_of(user):
    """The support company this account works for, or None (asked only of non-producers)."""
    member = membership_of(user)
    return member.company if member else None
