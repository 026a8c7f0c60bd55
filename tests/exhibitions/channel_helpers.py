"""Placing orders the way checkout does, for the channel tests (no browser, no gateway)."""

from decimal import Decimal

from django.db import transaction
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.utils import OrderCreator
from oscar.core import prices

from exhibitions.channels.pickup import reserve_for_order
from exhibitions.models import OrderChannel
from sellers.strategy import Default
from shop.basket.models import Basket
from shop.checkout.services import lock_stock_for, settle_booth_payment
from shop.payments import services as payments
from shop.persian.money import to_rials
from shop.shipping.methods import PostByEachProducer


def place_order(items, pickup_at=None):
    """An unpaid order of [(product, quantity)], posted or (pickup_at) for pick-up. Raises
    what checkout raises when the stock is not there (the order is then not placed)."""
    with transaction.atomic():
        basket = Basket.objects.create()
        basket.strategy = Default()
        for product, quantity in items:
            basket.add_product(product, quantity)
        if pickup_at is None:
            lock_stock_for(basket)
            method = PostByEachProducer()
            shipping = method.calculate(basket)
        else:
            from oscar.apps.shipping.methods import Free

            method = Free()
            method.code = f"pickup-{pickup_at.pk}"
            shipping = prices.Price(currency="IRR", excl_tax=Decimal(0), incl_tax=Decimal(0))
        total = OrderTotalCalculator().calculate(basket, shipping)
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=shipping,
            guest_email="buyer@example.ir",
        )
        if pickup_at is None:
            OrderChannel.objects.create(order=order, kind=OrderChannel.Kind.ONLINE)
        else:
            reserve_for_order(order, pickup_at)
        basket.submit()
    return order


def pay(order, producer):
    """Paid in person (the booth adapter), as the demo does: the order becomes paid and its
    fulfilments are created."""
    attempt = payments.create_attempt(order, "booth", to_rials(order.total_incl_tax))
    payments.start_attempt(attempt, "")
    settle_booth_payment(attempt.pk, producer.users.order_by("pk").first())
    order.refresh_from_db()
    return order
