"""The order side of paying: stock locked at placement, settled when the payment is.

Order statuses (settings.OSCAR_ORDER_STATUS_PIPELINE): "pending-payment" → "paid" or
"cancelled". Stock is allocated when the order is placed and released on cancellation.
"""

import logging

from django.db import transaction

from sellers.models import StockRecord
from sellers.services import create_fulfilments
from shop.payments.models import PaymentAttempt

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
            create_fulfilments(order)
            logger.info("Order %s paid (ref %s)", order.number, attempt.ref_id)
        elif attempt.status == PaymentAttempt.Status.FAILED and order.status == PENDING:
            if not order.payment_attempts.filter(status=PaymentAttempt.Status.PAID).exists():
                cancel_order(order)
        return order


def cancel_order(order):
    """Cancel an unpaid order and give its stock back."""
    for line in order.lines.select_related("stockrecord"):
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    order.set_status(CANCELLED)
    logger.info("Order %s cancelled, stock released", order.number)
