"""Booth stock: units a producer moves between their online stock and their booth.

Every change locks the rows it touches, stock record before booth stock and both in id
order, the way checkout does (shop/checkout/services.py: lock_stock_for), so two changes of
one product are served one after the other and neither side ever goes negative. Each change
writes a `StockMove` row for the producer's reconciliation sheet.

Online units are the stock record's `net_stock_level` (num_in_stock − num_allocated: what
the shop offers); booth units are `BoothStock.quantity`, of which `reserved` wait for
click-and-collect buyers.
"""

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from sellers.models import StockRecord

from ..exceptions import NoBooth, NotEnoughAtBooth, NotEnoughOnline, NotYourProduct
from ..models import BoothApplication, BoothShare, BoothStock, Exhibition, StockMove

ExStatus = Exhibition.Status
STOCKING = (ExStatus.ACCEPTING, ExStatus.RUNNING)  # units may go to a booth before it opens


def booth_of(producer, exhibition, day=None):
    """The booth `producer` sells from at `exhibition`: their own confirmed booth, or one they
    share with its holder. None when they have none (now, for a permanent exhibition)."""
    from ..selectors import live_assignments

    paid = BoothApplication.Status.PAID
    holders = BoothShare.objects.filter(
        producer=producer, status=BoothShare.Status.ACCEPTED, application__status=paid
    ).values("application_id")
    assignment = (
        live_assignments(exhibition, day)
        .filter(application__status=paid)
        .filter(Q(application__producer=producer) | Q(application__in=holders))
        .order_by("pk")
        .first()
    )
    return assignment.booth if assignment else None


def require_booth(producer, exhibition):
    booth = booth_of(producer, exhibition)
    if booth is None or exhibition.status not in STOCKING:
        raise NoBooth()
    return booth


def lock_record(producer, stockrecord_id):
    """The producer's stock record, locked; another producer's is refused."""
    record = (
        StockRecord.objects.select_for_update()
        .select_related("product")
        .filter(pk=stockrecord_id)
        .first()
    )
    if record is None or record.partner_id != producer.pk:
        raise NotYourProduct()
    return record


def lock_booth_stock(exhibition, record):
    """The booth stock row of `record` at `exhibition`, created empty if new, locked."""
    stock, _created = BoothStock.objects.get_or_create(
        exhibition=exhibition, stockrecord=record, defaults={"producer_id": record.partner_id}
    )
    return BoothStock.objects.select_for_update().get(pk=stock.pk)


def _save_record(record, change):
    StockRecord.objects.filter(pk=record.pk).update(
        num_in_stock=Coalesce(F("num_in_stock"), 0) + change
    )
    record.num_in_stock = (record.num_in_stock or 0) + change


def _save(stock, kind, quantity, order=None, by=None):
    stock.save(update_fields=["quantity", "reserved", "updated_at"])
    StockMove.objects.create(stock=stock, kind=kind, quantity=quantity, order=order, by=by)


def move_to_booth(producer, exhibition, stockrecord_id, quantity, by=None):
    """Take `quantity` units out of the online stock into the producer's booth stock."""
    with transaction.atomic():
        record = lock_record(producer, stockrecord_id)
        # After the record (the order every stock path keeps): a closing waits for us, and
        # we see one that committed, so no unit lands in a booth already emptied.
        exhibition = Exhibition.objects.select_for_update(no_key=True).get(pk=exhibition.pk)
        require_booth(producer, exhibition)
        if quantity > record.net_stock_level:
            raise NotEnoughOnline(record.product, max(record.net_stock_level, 0))
        stock = lock_booth_stock(exhibition, record)
        _save_record(record, -quantity)
        stock.quantity += quantity
        _save(stock, StockMove.Kind.TO_BOOTH, quantity, by=by)
        return stock


def move_to_online(producer, exhibition, stockrecord_id, quantity, by=None):
    """Bring `quantity` unreserved booth units back to the online stock."""
    with transaction.atomic():
        record = lock_record(producer, stockrecord_id)
        stock = lock_booth_stock(exhibition, record)
        if quantity > stock.available:
            raise NotEnoughAtBooth(record.product, stock.available)
        _save_record(record, quantity)
        stock.quantity -= quantity
        _save(stock, StockMove.Kind.TO_ONLINE, quantity, by=by)
        return stock


# ---- steps other services take, inside their own transaction, rows locked ---------------


def take_sold(stock, record, quantity, order, by=None):
    """Units handed over in a booth sale."""
    if quantity > stock.available:
        raise NotEnoughAtBooth(record.product, stock.available)
    stock.quantity -= quantity
    _save(stock, StockMove.Kind.SOLD, quantity, order, by)


def reserve(stock, record, quantity, order):
    """Units held at the booth for a click-and-collect order."""
    if quantity > stock.available:
        raise NotEnoughAtBooth(record.product, stock.available)
    stock.reserved += quantity
    _save(stock, StockMove.Kind.RESERVED, quantity, order)


def unreserve(stock, quantity, order, by=None):
    """A click-and-collect order that will not be collected: its units are free again."""
    stock.reserved -= quantity
    _save(stock, StockMove.Kind.UNRESERVED, quantity, order, by)


def hand_over(stock, quantity, order, by=None):
    """The buyer collected their reserved units."""
    stock.reserved -= quantity
    stock.quantity -= quantity
    _save(stock, StockMove.Kind.COLLECTED, quantity, order, by)


def give_back(stock, quantity, order, by=None):
    """A booth sale refunded: the units are back at the booth."""
    stock.quantity += quantity
    _save(stock, StockMove.Kind.GIVEN_BACK, quantity, order, by)


# ---- the end of a booth's time -----------------------------------------------------------


def return_to_online(stock, by=None):
    """All unreserved units of one booth stock row back online (locks the row itself)."""
    with transaction.atomic():
        record = StockRecord.objects.select_for_update().get(pk=stock.stockrecord_id)
        stock = BoothStock.objects.select_for_update().get(pk=stock.pk)
        units = stock.available
        if units <= 0:
            return 0
        _save_record(record, units)
        stock.quantity -= units
        _save(stock, StockMove.Kind.RETURNED, units, by=by)
        return units


def return_unsold(exhibition=None):
    """Booth units of closed exhibitions (or of `exhibition`) back online, after releasing the
    pick-ups nobody collected. Returns {producer id: units}."""
    from .pickup import release_uncollected

    stocks = BoothStock.objects.filter(quantity__gt=0)
    if exhibition is not None:
        stocks = stocks.filter(exhibition=exhibition)
    else:
        stocks = stocks.filter(exhibition__status=ExStatus.CLOSED)
    release_uncollected(exhibition=exhibition)
    returned = {}
    for stock in stocks.order_by("pk"):
        units = return_to_online(stock)
        if units:
            returned[stock.producer_id] = returned.get(stock.producer_id, 0) + units
    return returned


def return_ended_terms(day=None):
    """A permanent exhibition's producer whose booth term ended has no booth: their units go
    back online (a seasonal fair's come back when it closes)."""
    day = day or timezone.localdate()
    returned = {}
    from .pickup import release_uncollected

    stocks = BoothStock.objects.filter(
        quantity__gt=0,
        exhibition__kind=Exhibition.Kind.PERMANENT,
        exhibition__status=ExStatus.RUNNING,
    ).select_related("exhibition", "producer")
    for stock in stocks.order_by("pk"):
        if booth_of(stock.producer, stock.exhibition, day) is None:
            if stock.reserved:
                release_uncollected(exhibition=stock.exhibition, producer=stock.producer)
            units = return_to_online(stock)
            if units:
                returned[stock.producer_id] = returned.get(stock.producer_id, 0) + units
    return returned


def restock(order, lines, by=None):
    """Units of `lines` of a cancelled or refunded `order` go back where they came from: an
    online order's to the online stock (its allocation); a pick-up's reservation is freed;
    a booth sale's units (or a collected pick-up's) return to the booth while the
    exhibition runs, else online. Call inside the caller's transaction."""
    channel = getattr(order, "channel", None)
    if channel is None or channel.is_online:
        for line in lines:
            if line.stockrecord_id:
                line.stockrecord.cancel_allocation(line.quantity)
        return
    collected = _collected_lines(order)
    for line in sorted(lines, key=lambda line: line.stockrecord_id or 0):  # lock order
        if not line.stockrecord_id:
            continue
        record = StockRecord.objects.select_for_update().get(pk=line.stockrecord_id)
        stock = lock_booth_stock(channel.exhibition, record)
        handed_over = channel.kind == channel.Kind.BOOTH_SALE or line.pk in collected
        if not handed_over:
            unreserve(stock, min(line.quantity, stock.reserved), order, by)
        elif channel.exhibition.status == ExStatus.RUNNING:
            give_back(stock, line.quantity, order, by)
        else:
            _save_record(record, line.quantity)


def _collected_lines(order):
    from sellers.models import Fulfilment

    delivered = order.fulfilments.filter(status=Fulfilment.Status.DELIVERED)
    return set(delivered.values_list("lines", flat=True))
