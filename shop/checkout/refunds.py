"""Refunds by staff: a whole paid order, or one producer's part of it.

A whole order is reversed at Zarinpal while the gateway still allows it (30 minutes after
verification); later, and for one producer's part (Zarinpal cannot reverse part of a
payment), the refund is recorded for a manual transfer. Either way the stock comes back and
a delivered part's sale and commission are reversed on the producer's ledger.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from exhibitions.channels.stock import restock
from sellers.models import Fulfilment
from sellers.money import ledger
from shop.payments.exceptions import GatewayUnavailable
from shop.payments.models import PaymentAttempt, Refund
from shop.payments.registry import adapter_for
from shop.persian.money import to_rials

from .services import PAID
from .status import set_status

REFUNDED = "refunded"


class RefundNotAllowed(Exception):
    pass


def _paid_attempt(order):
    attempt = order.payment_attempts.filter(status=PaymentAttempt.Status.PAID).first()
    if attempt is None:
        raise RefundNotAllowed(_("This order has no payment to refund."))
    return attempt


def refund_order(order, by, reason):
    with transaction.atomic():
        order = type(order).objects.select_for_update().get(pk=order.pk)
        if order.status != PAID:
            raise RefundNotAllowed(_("Only a paid order can be refunded."))
        if Refund.objects.filter(attempt__order=order).exists():
            raise RefundNotAllowed(_("Part of this order was refunded; refund the other parts."))
        attempt = _paid_attempt(order)
        try:
            reversed_at_gateway = adapter_for(attempt).refund(attempt)
        except GatewayUnavailable:
            reversed_at_gateway = False  # recorded for a manual transfer instead
        attempt.status = PaymentAttempt.Status.REFUNDED
        attempt.save()
        refund = Refund.objects.create(
            attempt=attempt,
            amount_rials=attempt.amount_rials,
            method=Refund.Method.GATEWAY if reversed_at_gateway else Refund.Method.MANUAL,
            reason=reason,
            created_by=by,
        )
        restock(order, list(order.lines.select_related("stockrecord")), by)
        for fulfilment in order.fulfilments.select_for_update().order_by("pk"):
            ledger.book_refund(fulfilment, by)
        order.fulfilments.update(status=Fulfilment.Status.CANCELLED)
        set_status(order, REFUNDED)
        return refund


def refund_fulfilment(fulfilment, by, reason):
    with transaction.atomic():
        # The order's row first (as refund_order and payments take it): a whole-order refund
        # and a part refund at once are served one after the other, never both.
        type(fulfilment.order).objects.select_for_update().get(pk=fulfilment.order_id)
        fulfilment = Fulfilment.objects.select_for_update().get(pk=fulfilment.pk)
        if fulfilment.status == Fulfilment.Status.CANCELLED:
            raise RefundNotAllowed(_("This part was already refunded or cancelled."))
        attempt = _paid_attempt(fulfilment.order)
        lines = list(fulfilment.lines.select_related("stockrecord"))
        amount = sum(to_rials(line.line_price_incl_tax) for line in lines)
        amount += fulfilment.shipping_charge_rials
        refund = Refund.objects.create(
            attempt=attempt,
            fulfilment=fulfilment,
            amount_rials=amount,
            method=Refund.Method.MANUAL,
            reason=reason,
            created_by=by,
        )
        restock(fulfilment.order, lines, by)
        ledger.book_refund(fulfilment, by)
        fulfilment.status = Fulfilment.Status.CANCELLED
        fulfilment.save(update_fields=["status", "updated_at"])
        return refund
