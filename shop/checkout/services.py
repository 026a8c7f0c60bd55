"""The order side of paying: stock locked at placement, settled when the payment is.

Order statuses (settings.ORDER_STATUS_FLOW, shop/checkout/status.py): "pending-payment" →
"paid" or "cancelled". Stock is allocated when the order is placed and released on
cancellation.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Line

from sellers.models import StockRecord
from sellers.services import create_fulfilments
from shop.payments import services as payments
from shop.payments.exceptions import CallbackMismatch
from shop.payments.models import PaymentAttempt

from .emails import send_order_paid_emails, send_payment_given_up_email
from .exceptions import OutOfStock, PaymentNotAllowed
from .status import set_status

logger = logging.getLogger(__name__)
PENDING, PAID, CANCELLED = "pending-payment", "paid", "cancelled"
Status = PaymentAttempt.Status
OPEN = (Status.CREATED, Status.REDIRECTED, Status.UNKNOWN)  # may still be paid


def lock_stock_for(basket, online=True):
    """Lock the basket's stock records (in id order: no deadlocks) and check every line
    still fits the online stock. Call inside a transaction, before the order allocates.
    For a pick-up order (`online=False`) the records are only locked: the units come from
    the booth, which `open_channel` checks."""
    lines = [line for line in basket.all_lines() if line.stockrecord_id]
    ids = sorted({line.stockrecord_id for line in lines})
    records = {r.id: r for r in StockRecord.objects.select_for_update().filter(id__in=ids)}
    wanted = {}
    for line in lines:
        wanted[line.stockrecord_id] = wanted.get(line.stockrecord_id, 0) + line.quantity
    for line in lines:
        record = records[line.stockrecord_id]
        record.product = line.product  # loaded with the line, with its class
        if not online or not record.can_track_allocations:
            continue
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if wanted[record.id] > available:
            raise OutOfStock(line.product, max(available, 0))


def is_pickup(shipping_method):
    from exhibitions.channels.pickup import PICKUP_PREFIX

    return (getattr(shipping_method, "code", "") or "").startswith(PICKUP_PREFIX)


def open_channel(order, shipping_method):
    """Give a just placed order its channel (same transaction): collecting at an exhibition
    holds its units at the booths (raises NotEnoughAtBooth / NotSellingNow, which undo the
    order with the transaction); anything else is an online order."""
    from exhibitions.channels import pickup
    from exhibitions.exceptions import NotSellingNow
    from exhibitions.models import OrderChannel

    if not is_pickup(shipping_method):
        return OrderChannel.objects.create(order=order, kind=OrderChannel.Kind.ONLINE)
    exhibition = pickup.exhibition_of_method(shipping_method.code)
    if exhibition is None:
        raise NotSellingNow()
    return pickup.reserve_for_order(order, exhibition)


def _lock(attempt_id, order_id=None):
    """The attempt's order (with its channel), then the attempt, row-locked: every path that
    settles a payment takes them in this order, so two of them never settle one order at
    once. `order_id`: the attempt's order, when the caller has read the attempt (an attempt
    never moves to another order)."""
    from oscar.apps.order.models import Order

    if order_id is None:
        order_id = PaymentAttempt.objects.values_list("order_id", flat=True).get(pk=attempt_id)
    orders = Order.objects.select_for_update(of=("self",)).select_related("channel")
    order, attempt = orders.get(pk=order_id), payments.lock_attempt(attempt_id)
    if attempt.order_id != order.pk:
        raise CallbackMismatch(f"attempt {attempt_id} is not of order {order_id}")
    return order, attempt


def _settle_locked(attempt_id, act, adapter_name=None, order_id=None):
    """Run `act(attempt)` (which asks the gateway) on a locked, still-open attempt whose
    order waits for payment, then bring the order in line. For an order that no longer waits
    (paid by another attempt, cancelled, expired) the money is never verified: the attempt is
    abandoned, and money verified anyway (a lost verify reply) is given back."""
    with transaction.atomic():
        order, attempt = _lock(attempt_id, order_id)
        if adapter_name and attempt.adapter != adapter_name:
            raise CallbackMismatch(f"a {attempt.adapter} payment is not settled here")
        before = attempt.status
        if not attempt.is_final:
            if order.status == PENDING:
                act(attempt)
            else:
                payments.reconcile(attempt, verify=False)
                if attempt.status in (Status.CREATED, Status.REDIRECTED):
                    payments.abandon(attempt, f"the order is {order.status}")
        if attempt.status != before:
            _bring_order_in_line(order, attempt)
        return attempt, order


def _bring_order_in_line(order, attempt):
    if attempt.status == Status.PAID:
        paid_before = order.payment_attempts.filter(status=Status.PAID).exclude(pk=attempt.pk)
        if order.status == PENDING and not paid_before.exists():
            _mark_paid(order, attempt)
        else:
            payments.give_back(attempt, f"order {order.number} was {order.status} already")
    elif order.status == PENDING and not order.payment_attempts.filter(status__in=OPEN).exists():
        cancel_order(order)  # no attempt of it can still succeed


def _mark_paid(order, attempt):
    # The lines are read once, with what the producers' fulfilments need of them.
    lines = Line.objects.select_related("partner", "product__product_class")
    prefetch_related_objects([order], Prefetch("lines", queryset=lines))
    try:
        set_status(order, PAID)
        record_payment_source(order, attempt)
        create_fulfilments(order, list(order.lines.all()))
    finally:
        order._prefetched_objects_cache.pop("lines", None)  # later readers read them anew
    transaction.on_commit(lambda: send_order_paid_emails(order))
    logger.info("Order %s paid (ref %s)", order.number, attempt.ref_id)


def settle_callback(attempt_id, params, adapter_name, order_id=None):
    """A gateway's callback for one attempt: verified at most once per order; a failure
    fails that attempt only. Returns (attempt, order). `order_id`: the attempt's order, when
    the caller has read the attempt."""

    def confirm(attempt):
        payments.confirm(attempt, params, adapter_name)

    return _settle_locked(attempt_id, confirm, adapter_name, order_id)


def settle_booth_payment(attempt_id, received_by):
    """A producer says they took the money for a booth order in person. Only a user of a
    producer whose products are on the order may; never a public URL."""
    attempt = PaymentAttempt.objects.select_related("order").get(pk=attempt_id)
    if not attempt.order.lines.filter(partner__users=received_by).exists():
        raise PaymentNotAllowed(_("Only the producer who took the money can confirm it."))
    return settle_callback(attempt_id, {"received_by": received_by.pk}, "booth")


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
    """Cancel an unpaid order and give its stock back (online, or to the booth it was held
    at for pick-up)."""
    from exhibitions.channels.stock import restock

    restock(order, list(order.lines.select_related("stockrecord")))
    set_status(order, CANCELLED)
    logger.info("Order %s cancelled, stock released", order.number)


def reconcile_attempt(attempt_id):
    """Ask the gateway about one attempt and settle it and its order. Returns the attempt."""
    attempt, _order = _settle_locked(attempt_id, payments.reconcile)
    return attempt


def reconcile_payments():
    """Settle every order's attempt whose outcome is unknown, and its order (booth fees are
    the exhibitions app's). Returns the attempts."""
    return [reconcile_attempt(a.pk) for a in payments.attempts_to_reconcile() if a.order_id]


def expire_pending_orders(older_than, give_up_before=None):
    """Cancel orders unpaid since before `older_than`, after asking the gateway about their
    attempts (a buyer may have paid without coming back). An order is never cancelled while
    the gateway cannot say whether one of its attempts was paid, until that attempt is older
    than `give_up_before` (default: settings.PAYMENT_GIVE_UP_AFTER ago): then the order is
    cancelled and the buyer told by email. The attempt stays for reconcile_payments, which
    abandons it unverified once the gateway answers (the bank returns the money), or gives
    the money back if a verify had gone through after all. Returns the cancelled orders."""
    from oscar.apps.order.models import Order

    if give_up_before is None:
        give_up_before = timezone.now() - settings.PAYMENT_GIVE_UP_AFTER
    cancelled = []
    stale = Order.objects.filter(status=PENDING, date_placed__lt=older_than).order_by("id")
    for order in stale:
        for attempt in order.payment_attempts.filter(status__in=OPEN):
            reconcile_attempt(attempt.pk)
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.status != PENDING:
                continue
            open_ = list(order.payment_attempts.select_for_update().filter(status__in=OPEN))
            unknown = [a for a in open_ if a.status == Status.UNKNOWN]
            if any(a.created_at >= give_up_before for a in unknown):
                logger.warning("Order %s waits for the gateway to answer", order.number)
                continue
            for attempt in open_:
                if attempt.status != Status.UNKNOWN:
                    payments.abandon(attempt, "the order expired unpaid")
            cancel_order(order)
            if unknown:
                transaction.on_commit(lambda order=order: send_payment_given_up_email(order))
            cancelled.append(order)
    return cancelled
