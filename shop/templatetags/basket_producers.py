from django import template

from sellers.shipping import producer_groups

register = template.Library()


@register.simple_tag
def basket_by_producer(basket):
    return producer_groups(basket)
