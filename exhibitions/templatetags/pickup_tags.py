from django import template

from exhibitions.channels.pickup_details import pickup_details

register = template.Library()


@register.simple_tag
def pickup_of(order, producer=None):
    """`{% pickup_of order as pickup %}`: where and with which code the order is collected
    (exhibitions/channels/pickup_details.py), or None for an order sent by post."""
    if order is None or not getattr(order, "pk", None):
        return None
    return pickup_details(order, producer)
