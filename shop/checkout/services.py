"""The order side of paying: stock locked at placement, settled when the payment is.

Order statuses (settings.OSCAR_ORDER_STATUS_PIPELINE): "pending-payment" → "paid" or
"cancelled". Stock is allocated when the order is placed and released on cancellation.
"""

import logging

from django.db import transaction

from sellers.models import StockRecord
from sellers.services import create_fulfilments
from shop.payments.models import PaymentAttempt

from .emails import send_order_paid_emails
from .exceptions import OutOfStock

logger = logging.getLogger(__name__)
PENDING, PAID, CANCELLED = "pending-payment", "paid", "cancelled"


def lock_stock_for(basket):
    """Lock the basket's stock records (in id order: no deadlocks) and check every line
    still fits. Call inside a transaction, before the order allocates."""
    lines = [line for line in basket.all_lines() if line.stockrecord_id]
    ids = sorted({line.stockrecord_id for line in lines})
    records = {r.id: r for r in StockRecord.objects.select_for_update().filter(id__in=ids)}
    wanted = {}
    for line in lines:
        wanted[line.stockrecord_id] = wanted.get(line.stockrecord_id, 0) + line.quantity
    for line in lines:
        record = records[line.stockrecord_id]
        if not record.can_track_allocations:
            continue
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if wanted[record.id] > available:
            raise OutOfStock(line.product, max(available, 0))


def settle_order(attempt: PaymentAttempt):
    """Bring the order in line with its settled attempt. Idempotent."""
    with transaction.atomic():
        order = type(attempt.order).objects.select_for_update().get(pk=attempt.order_id)
        if attempt.status == PaymentAttempt.Status.PAID and order.status == PENDING:
            order.set_status(PAID)
            record_payment_source(order, attempt)
            create_fulfilments(order)
            transaction.on_commit(lambda: send_order_paid_emails(order))
            logger.info("Order %s paid (ref %s)", order.number, attempt.ref_id)
        elif attempt.status == PaymentAttempt.Status.FAILED and order.status == PENDING:
            if not order.payment_attempts.filter(status=PaymentAttempt.Status.PAID).exists():
                cancel_order(order)
        return order


def record_payment_source(order, attempt):
    """Oscar's record of how the order was paid (shown on the confirmation page)."""
    from oscar.apps.payment.models import Source, SourceType

    source_type, _ = SourceType.objects.get_or_create(
        code=attempt.adapter,
        defaults={"name": "زرین‌پال" if attempt.adapter == "zarinpal" else attempt.adapter},
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        amount_allocated=attempt.amount_rials,
        amount_debited=attempt.amount_rials,
        reference=attempt.ref_id,
        label=attempt.card_pan,
    )


def cancel_order(order):
    """Cancel an unpaid order and give its stock back."""
    for line in order.lines.select_related("stockrecord"):
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    order.set_status(CANCELLED)
    logger.info("Order %s cancelled, stock released", order.number)


def pay_or_abandon(attempt, params):
    """Confirm a callback unless its order was cancelled meanwhile (expired): then the
    payment is not verified, so the bank gives the buyer's money back."""
    from shop.payments import services as payments

    if attempt.order.status == CANCELLED:
        return payments.abandon(attempt.pk, "the order was cancelled before payment")
    return payments.confirm_callback(attempt.authority, params, order=attempt.order)


def reconcile_payments():
    """Settle every attempt whose outcome is unknown, and its order. Returns the attempts."""
    from shop.payments import services as payments

    settled = []
    for attempt in payments.attempts_to_reconcile():
        if attempt.order.status == CANCELLED:
            attempt = payments.abandon(attempt.pk, "the order was cancelled before payment")
        else:
            attempt = payments.reconcile(attempt.pk)
        settle_order(attempt)
        settled.append(attempt)
    return settled


def expire_pending_orders(older_than):
    """Cancel orders unpaid since before `older_than`, after asking the gateway about their
    attempts (a buyer may have paid without coming back). Returns the cancelled orders."""
    from oscar.apps.order.models import Order

    from shop.payments import services as payments

    cancelled = []
    stale = Order.objects.filter(status=PENDING, date_placed__lt=older_than).order_by("id")
    for order in stale:
        for attempt in order.payment_attempts.exclude(status__in=PaymentAttempt.FINAL):
            settle_order(payments.reconcile(attempt.pk))
        with transaction.atomic():
            order = type(order).objects.select_for_update().get(pk=order.pk)
            if order.status == PENDING:
                cancel_order(order)
                cancelled.append(order)
    return cancelled
