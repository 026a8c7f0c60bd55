"""Reads of the booth channels for the seller panel's booth screens, each scoped to the acting
producer: an exhibition where they have no booth, another producer's stock or sale is not
found (the view answers 404)."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, Sum
from oscar.apps.order.models import Line, Order

from sellers.models import StockRecord

from ..models import BoothApplication, BoothShare, BoothStock, Exhibition, OrderChannel, StockMove
from . import stock as booth_stock
from .sales import booth_mates

Status = Exhibition.Status
PAID = BoothApplication.Status.PAID


def _with_booth(producer):
    """Exhibitions where `producer` holds a confirmed booth or shares one (any state)."""
    shared = BoothShare.objects.filter(
        producer=producer, status=BoothShare.Status.ACCEPTED, application__status=PAID
    ).values("application__exhibition_id")
    return Exhibition.objects.filter(
        Q(applications__producer=producer, applications__status=PAID) | Q(pk__in=shared)
    ).distinct()


def booths_of_producer(producer):
    """The exhibitions (accepting or running) where `producer` sells from a booth now:
    [(exhibition, booth)], soonest first."""
    exhibitions = (
        _with_booth(producer)
        .filter(status__in=booth_stock.STOCKING)
        .select_related("venue__province", "venue__city")
        .order_by("starts_on", "pk")
    )
    found = []
    for exhibition in exhibitions:
        booth = booth_stock.booth_of(producer, exhibition)
        if booth is not None:
            found.append((exhibition, booth))
    return found


def booth_exhibition(producer, pk):
    """(exhibition, booth) for the booth screens, or (None, None) when `producer` has no booth
    there now."""
    exhibition = (
        _with_booth(producer).select_related("venue__province", "venue__city").filter(pk=pk).first()
    )
    if exhibition is None:
        return None, None
    booth = booth_stock.booth_of(producer, exhibition)
    return (exhibition, booth) if booth is not None else (None, None)


def sheet_exhibition(producer, pk):
    """The exhibition of a reconciliation sheet: one where `producer` had a booth or booth
    stock, also after it closed; None otherwise."""
    stocked = BoothStock.objects.filter(producer=producer).values("exhibition_id")
    return (
        Exhibition.objects.filter(Q(pk__in=_with_booth(producer).values("pk")) | Q(pk__in=stocked))
        .select_related("venue__province", "venue__city")
        .filter(pk=pk)
        .first()
    )


@dataclass
class StockRow:
    record: StockRecord
    stock: BoothStock | None

    @property
    def title(self):
        return self.record.product.get_title()

    @property
    def online(self):
        return max(self.record.net_stock_level, 0)

    @property
    def at_booth(self):
        return self.stock.quantity if self.stock else 0

    @property
    def reserved(self):
        return self.stock.reserved if self.stock else 0

    @property
    def available(self):
        return self.stock.available if self.stock else 0


def booth_stock_for(producer, exhibition):
    """Every stock record of `producer`, with its online units and its units at `exhibition`'s
    booth (and how many of those wait for pick-up): [StockRow], by product title."""
    records = StockRecord.objects.filter(partner=producer).select_related("product__parent")
    stocks = {
        s.stockrecord_id: s
        for s in BoothStock.objects.filter(exhibition=exhibition, producer=producer)
    }
    rows = [StockRow(record, stocks.get(record.pk)) for record in records.order_by("pk")]
    return sorted(rows, key=lambda row: (row.at_booth == 0, row.title))


def movable_records(producer):
    return StockRecord.objects.filter(partner=producer).select_related("product__parent")


def sellable_stock(producer, exhibition):
    """The booth stock sold at `producer`'s booth (everyone's who shares it) with units to
    sell: (booth, [BoothStock with .stockrecord.product and .producer])."""
    booth, mates = booth_mates(producer, exhibition)
    stocks = (
        BoothStock.objects.filter(exhibition=exhibition, producer_id__in=mates, quantity__gt=0)
        .select_related("stockrecord__product__parent", "producer")
        .order_by("producer_id", "pk")
    )
    return booth, [s for s in stocks if s.available > 0]


def booth_sale_for(producer, pk):
    """A booth sale `producer` may see the receipt of: one with their products, or one made
    at the booth they share with its sellers. None otherwise."""
    lines = Line.objects.select_related("product").order_by("pk")
    order = (
        Order.objects.filter(pk=pk, channel__kind=OrderChannel.Kind.BOOTH_SALE)
        .select_related("channel__exhibition", "channel__recorded_by")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .first()
    )
    if order is None:
        return None
    sellers = set(order.fulfilments.values_list("producer_id", flat=True))
    if producer.pk in sellers:
        return order
    _booth, mates = booth_mates(producer, order.channel.exhibition)
    return order if sellers & set(mates) else None


def booth_code_of(producer, exhibition):
    booth = booth_stock.booth_of(producer, exhibition)
    return booth.code if booth else ""


def waiting_pickups(producer, exhibition):
    """The producer's parts of pick-up orders at `exhibition` still to be collected, with their
    lines and the buyer's name."""
    from .pickup import waiting_pickups as waiting

    lines = Line.objects.order_by("pk")
    return (
        waiting(producer, exhibition)
        .select_related("order__user", "order__shipping_address")
        .prefetch_related(Prefetch("lines", queryset=lines))
    )


def buyer_name(order):
    address = order.shipping_address
    if address is not None and address.name.strip():
        return address.name
    if order.user_id:
        return order.user.get_full_name() or order.user.email
    return order.guest_email


# ---- reconciliation --------------------------------------------------------------------

SHEET = {
    "moved_in": [StockMove.Kind.TO_BOOTH],
    "moved_back": [StockMove.Kind.TO_ONLINE],
    "sold": [StockMove.Kind.SOLD],
    "given_back": [StockMove.Kind.GIVEN_BACK],
    "collected": [StockMove.Kind.COLLECTED],
    "returned": [StockMove.Kind.RETURNED],
}


@dataclass
class SheetRow:
    title: str
    moved_in: int = 0
    moved_back: int = 0
    sold: int = 0
    given_back: int = 0
    collected: int = 0
    returned: int = 0
    at_booth: int = 0
    reserved: int = 0

    @property
    def sold_at_booth(self):
        """Sold in person, less the sales refunded at the booth."""
        return self.sold - self.given_back


def reconciliation(producer, exhibition):
    """Per product of `producer` at `exhibition`, from the stock moves: units moved in, moved
    back, sold at the booth (net of refunds), collected by pick-up buyers, returned online
    when it closed, and still at the booth. ([SheetRow], totals SheetRow)."""
    stocks = (
        BoothStock.objects.filter(exhibition=exhibition, producer=producer)
        .select_related("stockrecord__product__parent")
        .order_by("pk")
    )
    sums = {}
    moves = StockMove.objects.filter(stock__in=stocks).values("stock_id", "kind")
    for row in moves.annotate(units=Sum("quantity")):
        sums[(row["stock_id"], row["kind"])] = row["units"]
    rows = []
    for stock in stocks:
        row = SheetRow(
            title=stock.stockrecord.product.get_title(),
            at_booth=stock.quantity,
            reserved=stock.reserved,
        )
        for name, kinds in SHEET.items():
            setattr(row, name, sum(sums.get((stock.pk, kind), 0) for kind in kinds))
        rows.append(row)
    total = SheetRow(title="")
    for name in [*SHEET, "at_booth", "reserved"]:
        setattr(total, name, sum(getattr(row, name) for row in rows))
    return rows, total
