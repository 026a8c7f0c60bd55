"""Click-and-collect: a buyer pays online and collects at the producers' booths.

At checkout a buyer may choose a running exhibition where every producer of the basket has
the basket's units in booth stock (`pickup_options`). The order is placed as any order, then
`reserve_for_order` turns Oscar's online allocation into a hold on those booth units and gives
the order a short pick-up code. Each producer marks their part collected (`collect`): their
units leave the booth and the sale is booked as a delivered online sale. Orders not collected
when the exhibition closes are released (`release_uncollected`): the buyer's money for the
uncollected parts is refunded and the units are free again (then back online with the rest).
"""

import secrets

from django.db import transaction
from django.utils import timezone

from sellers.models import Fulfilment, StockRecord
from shop.pagecache.store import remembered
from shop.persian.digits import to_latin_digits

from ..exceptions import AlreadyCollected, NotEnoughAtBooth, NotSellingNow, WrongPickupCode
from ..models import BoothStock, Exhibition, OrderChannel
from . import stock as booth_stock

PICKUP_PREFIX = "pickup-"  # the shipping method code of collecting at an exhibition


def pickup_options(basket, day=None):
    """The running exhibitions where the whole basket can be collected: [(exhibition,
    {producer id: booth}), …]. Only units at the booth count (not reserved ones)."""
    lines = [line for line in basket.all_lines() if line.stockrecord_id]
    if not lines:
        return []
    wanted = {}
    for line in lines:
        wanted[line.stockrecord_id] = wanted.get(line.stockrecord_id, 0) + line.quantity
    if not _stocked_at_a_running_fair(wanted):
        return []
    producers = {line.stockrecord.partner_id: line.stockrecord.partner for line in lines}
    options = []
    running = Exhibition.objects.filter(status=Exhibition.Status.RUNNING).order_by("pk")
    for exhibition in running.filter(booth_stock__stockrecord_id__in=wanted).distinct():
        stocks = BoothStock.objects.filter(exhibition=exhibition, stockrecord_id__in=wanted)
        have = {s.stockrecord_id: s.available for s in stocks}
        if any(have.get(record, 0) < count for record, count in wanted.items()):
            continue
        booths = {pk: booth_stock.booth_of(p, exhibition, day) for pk, p in producers.items()}
        if all(booths.values()):
            options.append((exhibition, booths))
    return options


def _stocked_at_a_running_fair(record_ids):
    """Whether a running exhibition has booth stock of any of these stock records at all.
    Most baskets' have none: that answer is kept until the page-cache generation changes
    (a booth stock row created or deleted, an exhibition opening or closing), so checkout's
    steps ask no booth query for them. How many units a booth holds is always read fresh."""
    ids = sorted(record_ids)
    return remembered(
        f"exhibitions:booth-stocked:{','.join(map(str, ids))}",
        lambda: Exhibition.objects.filter(
            status=Exhibition.Status.RUNNING, booth_stock__stockrecord_id__in=ids
        ).exists(),
    )


def exhibition_of_method(code):
    """The exhibition a pick-up shipping method code names, or None."""
    if not code or not code.startswith(PICKUP_PREFIX):
        return None
    pk = code[len(PICKUP_PREFIX) :]
    return Exhibition.objects.filter(pk=pk).first() if pk.isdigit() else None


def new_pickup_code(exhibition):
    while True:
        code = f"{secrets.randbelow(900_000) + 100_000}"
        if not OrderChannel.objects.filter(exhibition=exhibition, pickup_code=code).exists():
            return code


def reserve_for_order(order, exhibition):
    """Just after checkout placed `order` for pick-up at `exhibition` (same transaction):
    hold its units at the booths instead of the online stock. Raises NotEnoughAtBooth /
    NotSellingNow, which undo the order with the transaction. The basket's stock records are
    locked already (checkout's lock_stock_for); the exhibition comes after them, as in every
    stock path, shared with sales and pick-ups, exclusive with closing."""
    exhibition = Exhibition.objects.select_for_update(no_key=True).get(pk=exhibition.pk)
    if exhibition.status != Exhibition.Status.RUNNING:
        raise NotSellingNow()
    lines = [line for line in order.lines.order_by("stockrecord_id") if line.stockrecord_id]
    channel = OrderChannel.objects.create(
        order=order,
        kind=OrderChannel.Kind.PICKUP,
        exhibition=exhibition,
        pickup_code=new_pickup_code(exhibition),
    )
    for line in lines:
        record = StockRecord.objects.select_for_update().select_related("product")
        record = record.get(pk=line.stockrecord_id)
        stock = (
            BoothStock.objects.select_for_update()
            .filter(exhibition=exhibition, stockrecord=record)
            .first()
        )
        if stock is None or booth_stock.booth_of(record.partner, exhibition) is None:
            raise NotEnoughAtBooth(record.product, 0)
        record.cancel_allocation(line.quantity)  # Oscar allocated online units; give them back
        booth_stock.reserve(stock, record, line.quantity, order)
    return channel


def waiting_pickups(producer, exhibition=None):
    """The producer's parts of paid pick-up orders not yet collected or cancelled."""
    parts = Fulfilment.objects.filter(
        producer=producer,
        order__channel__kind=OrderChannel.Kind.PICKUP,
        status__in=[Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED],
    ).select_related("order__channel__exhibition")
    if exhibition is not None:
        parts = parts.filter(order__channel__exhibition=exhibition)
    return parts.order_by("created_at", "pk")


def find_pickup(producer, exhibition, code):
    """The producer's waiting part of the order with this pick-up code at `exhibition`."""
    code = to_latin_digits(code or "").strip()
    part = Fulfilment.objects.filter(
        producer=producer,
        order__channel__exhibition=exhibition,
        order__channel__kind=OrderChannel.Kind.PICKUP,
        order__channel__pickup_code=code,
    ).first()
    if part is None or not code:
        raise WrongPickupCode()
    return part


def collect(fulfilment, by=None):
    """The buyer collected this producer's part: units leave the booth, the sale is booked
    (as any delivered online sale)."""
    from oscar.apps.order.models import Order

    from sellers.money import ledger

    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=fulfilment.order_id)
        part = Fulfilment.objects.select_for_update().get(pk=fulfilment.pk)
        if part.status == Fulfilment.Status.DELIVERED:
            raise AlreadyCollected()
        if part.status == Fulfilment.Status.CANCELLED:
            raise WrongPickupCode()
        channel = order.channel
        lines = list(part.lines.order_by("stockrecord_id"))
        records = {
            r.pk: r
            for r in StockRecord.objects.select_for_update()
            .filter(pk__in=[line.stockrecord_id for line in lines])
            .order_by("pk")
        }
        exhibition = Exhibition.objects.select_for_update(no_key=True).get(pk=channel.exhibition_id)
        if exhibition.status != Exhibition.Status.RUNNING:
            raise NotSellingNow()
        for line in lines:
            stock = booth_stock.lock_booth_stock(exhibition, records[line.stockrecord_id])
            booth_stock.hand_over(stock, line.quantity, order, by)
        now = timezone.now()
        part.status = Fulfilment.Status.DELIVERED
        part.accepted_at = part.accepted_at or now
        part.shipped_at = part.shipped_at or now
        part.delivered_at = now
        part.save()
        ledger.book_sale(part)
        return part


def release_uncollected(exhibition=None, producer=None, by=None):
    """Pick-ups that can no longer be collected — at a closed exhibition, or (`producer`
    given) that producer's, who no longer has a booth there: unpaid orders are cancelled
    (except while the gateway has not said whether one was paid: expire_pending_orders
    settles those and a later run releases them), and paid parts not collected are refunded
    (their units are free again). Returns the parts refunded."""
    from oscar.apps.order.models import Order

    from shop.checkout.refunds import RefundNotAllowed, refund_fulfilment
    from shop.checkout.services import PENDING, cancel_order
    from shop.payments import services as payments
    from shop.payments.models import PaymentAttempt

    channels = OrderChannel.objects.filter(kind=OrderChannel.Kind.PICKUP)
    if exhibition is not None:
        channels = channels.filter(exhibition=exhibition)
    if producer is None:
        channels = channels.filter(exhibition__status=Exhibition.Status.CLOSED)
    else:
        channels = channels.filter(order__lines__partner=producer).distinct()
    Paid = PaymentAttempt.Status
    for order_id in channels.filter(order__status=PENDING).values_list("order_id", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            attempts = order.payment_attempts.select_for_update()
            if order.status != PENDING or attempts.filter(status=Paid.UNKNOWN).exists():
                continue
            for attempt in attempts.filter(status__in=[Paid.CREATED, Paid.REDIRECTED]):
                payments.abandon(attempt, "the pick-up can no longer be collected")
            cancel_order(order)
    refunded = []
    waiting = [Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED]
    parts = Fulfilment.objects.filter(order__channel__in=channels, status__in=waiting)
    if producer is not None:
        parts = parts.filter(producer=producer)
    reason = "سفارش تا پایان حضور غرفه در نمایشگاه تحویل گرفته نشد."
    for part in parts.order_by("pk"):
        with transaction.atomic():
            Order.objects.select_for_update().get(pk=part.order_id)
            part = Fulfilment.objects.select_for_update().get(pk=part.pk)
            if part.status not in waiting:
                continue  # collected (or cancelled) since we looked
            try:
                refund_fulfilment(part, by, reason)
            except RefundNotAllowed:
                continue
            Fulfilment.objects.filter(pk=part.pk).update(
                status=Fulfilment.Status.CANCELLED,
                cancel_reason=reason,
                cancelled_at=timezone.now(),
            )
            refunded.append(part)
    return refunded
