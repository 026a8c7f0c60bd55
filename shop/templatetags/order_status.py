from django import template

from shop.checkout.status import status_name

register = template.Library()


@register.filter
def order_status(status):
    """`{{ order.status|order_status }}`: the status's Persian name (shop.checkout.status)."""
    return status_name(status)
