from collections import defaultdict
from functools import partial

from django.db import transaction
from django.utils import timezone
from oscar.apps.order.models import Order

from .exceptions import FulfilmentStateError, PickupNotShipped
from .models import Fulfilment
from .money import ledger
from .shipping import charges_for_order


def create_fulfilments(order, lines=None):
    """One fulfilment per producer of a paid order, holding that producer's lines.

    Idempotent: a producer that already has its fulfilment is left alone. Each carries the
    producer's shipping charge (sellers/shipping.py). `lines`: the order's lines, read with
    their producers and product classes.
    """
    if lines is None:
        lines = list(order.lines.select_related("partner", "product__product_class"))
    charges = charges_for_order(order, lines)
    lines_by_producer = defaultdict(list)
    for line in lines:
        if line.partner_id:
            lines_by_producer[line.partner_id].append(line)
    existing = set(order.fulfilments.values_list("producer_id", flat=True))
    created, held = [], []
    Held = Fulfilment.lines.through
    for producer_id, own in lines_by_producer.items():
        if producer_id in existing:
            continue
        fulfilment = Fulfilment.objects.create(
            order=order, producer_id=producer_id, shipping_charge_rials=charges.get(producer_id, 0)
        )
        held += [Held(fulfilment_id=fulfilment.pk, line_id=line.pk) for line in own]
        created.append(fulfilment)
    # New fulfilments hold no lines yet: one insert for all (`lines.set` read them first).
    Held.objects.bulk_create(held)
    return created


# A producer's steps on a fulfilment: from which states each may be taken.
STEPS = {
    "accept": {Fulfilment.Status.NEW},
    "ship": {Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED},
    "deliver": {Fulfilment.Status.SHIPPED},
    "cancel": {Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED},
}


def _step(fulfilment, action, before=None, after=None, **changes):
    """Lock, check the state allows `action`, run `before` (under the lock), apply the
    changes, run `after` (still under the lock), and queue the buyer's SMS and email for
    when it commits."""
    from .tasks import notify_buyer_of_fulfilment

    with transaction.atomic():
        # The order first, as every money path does (payment, refunds): never a deadlock.
        Order.objects.select_for_update().filter(pk=fulfilment.order_id).first()
        locked = Fulfilment.objects.select_for_update().get(pk=fulfilment.pk)
        if locked.status not in STEPS[action]:
            raise FulfilmentStateError(locked.status, action)
        if before is not None:
            before(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        if after is not None:
            after(locked)
        transaction.on_commit(partial(notify_buyer_of_fulfilment.delay, locked.pk))
    return locked


def accept_fulfilment(fulfilment):
    return _step(
        fulfilment, "accept", status=Fulfilment.Status.ACCEPTED, accepted_at=timezone.now()
    )


def _not_a_pickup(fulfilment):
    from exhibitions.models import OrderChannel

    if OrderChannel.objects.filter(
        order_id=fulfilment.order_id, kind=OrderChannel.Kind.PICKUP
    ).exists():
        raise PickupNotShipped()


def ship_fulfilment(fulfilment, carrier, tracking_code):
    """Posted: a click-and-collect part is refused (it is handed over at the booth)."""
    now = timezone.now()
    return _step(
        fulfilment,
        "ship",
        before=_not_a_pickup,
        status=Fulfilment.Status.SHIPPED,
        carrier=carrier,
        tracking_code=tracking_code,
        accepted_at=fulfilment.accepted_at or now,
        shipped_at=now,
    )


def deliver_fulfilment(fulfilment, at=None):
    """Delivered (now, or `at` when a carrier reports it later): the sale and its commission
    are booked to the producer's ledger in the same transaction (sellers/money/ledger.py);
    the hold before payout counts from the delivery day."""
    return _step(
        fulfilment,
        "deliver",
        after=ledger.book_sale,
        status=Fulfilment.Status.DELIVERED,
        delivered_at=at or timezone.now(),
    )


def cancel_fulfilment(fulfilment, reason, by):
    """The producer cannot send it: the staff part-refund path puts the stock back and
    records the buyer's part (goods and this producer's shipping) for staff to transfer."""
    from shop.checkout.refunds import refund_fulfilment

    return _step(
        fulfilment,
        "cancel",
        before=lambda locked: refund_fulfilment(locked, by, reason),
        status=Fulfilment.Status.CANCELLED,
        cancel_reason=reason,
        cancelled_at=timezone.now(),
    )
