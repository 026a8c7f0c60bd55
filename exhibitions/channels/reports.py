"""Channel reports: sales, orders, units and top products per channel and per day.

A channel is the online shop or one exhibition (a booth sale or a pick-up order belongs to
its exhibition's channel; an order without a channel row is online). Sales are what the
paid order lines cost the buyer (`line_price_incl_tax`, in Rials), without the lines of a
producer's part that was cancelled or refunded; a refunded order is not counted at all.
Days are Tehran days.

- `producer_report(producer, start, end)`: only the producer's own lines; the online channel
  and each exhibition they sold at.
- `organizer_report(organizer, start, end, exhibition=None)`: only the exhibition channels of
  the organizer's own exhibitions (every producer's lines there summed), never anyone's
  online sales. For one exhibition the channel is split into booth sales and pick-ups.

Each report is three queries, aggregated in the database.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, OuterRef, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.models import Line

from sellers.models import Fulfilment
from shop.persian.dates import TEHRAN, tehran_days

from ..models import Exhibition, OrderChannel

PAID = "paid"
DEFAULT_DAYS = 30
MAX_DAYS = 92
TOP_PRODUCTS = 10
ONLINE = "online"


@dataclass
class Figures:
    sales_rials: int = 0
    orders: int = 0
    units: int = 0

    def add(self, other):
        self.sales_rials += other.sales_rials
        self.orders += other.orders
        self.units += other.units

    def __bool__(self):
        return bool(self.sales_rials or self.orders or self.units)


@dataclass
class Channel:
    key: str  # "online", "exhibition-<pk>" or an order channel kind
    label: str
    exhibition: Exhibition | None = None
    colour: str = ""  # the chart's colour for it, set by the page


@dataclass
class Day:
    date: datetime.date
    cells: list  # Figures per channel, in the report's channel order
    total: Figures


@dataclass
class TopProduct:
    product_id: int | None
    title: str
    total: Figures
    cells: list  # Figures per channel


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    channels: list
    days: list  # every day of the range, oldest first
    totals: list  # Figures per channel
    total: Figures
    top: list = field(default_factory=list)

    @property
    def by_channel(self):
        return list(zip(self.channels, self.totals, strict=True))

    @property
    def days_with_sales(self):
        return [day for day in self.days if day.total]

    def rows(self):
        """(day, channel, figures) for every day and channel that sold something."""
        for day in self.days:
            for channel, figures in zip(self.channels, day.cells, strict=True):
                if figures:
                    yield day.date, channel, figures


def default_range(today=None):
    end = today or timezone.localdate()
    return end - datetime.timedelta(days=DEFAULT_DAYS - 1), end


def paid_lines(start, end):
    """The lines of paid orders placed on Tehran days start…end, refunded parts left out."""
    since, until = tehran_days(start, (end - start).days + 1)
    cancelled = Fulfilment.objects.filter(
        order=OuterRef("order"), producer=OuterRef("partner"), status=Fulfilment.Status.CANCELLED
    )
    return Line.objects.filter(
        order__status=PAID, order__date_placed__gte=since, order__date_placed__lt=until
    ).exclude(Exists(cancelled))


def _figures(row):
    return Figures(
        sales_rials=int(row["sales"] or 0), orders=row.get("orders") or 0, units=row["units"] or 0
    )


def _build(lines, start, end, channels, group_by):
    """Aggregate `lines` per (day, channel) and per (product, channel); `group_by` is the
    expression naming a line's channel key."""
    index = {channel.key: i for i, channel in enumerate(channels)}
    lines = lines.annotate(channel_key=group_by)
    per_day = (
        lines.annotate(day=TruncDate("order__date_placed", tzinfo=TEHRAN))
        .values("day", "channel_key")
        .annotate(
            sales=Sum("line_price_incl_tax"),
            orders=Count("order", distinct=True),
            units=Sum("quantity"),
        )
        .order_by()
    )
    count = (end - start).days + 1
    days = [
        Day(start + datetime.timedelta(days=i), [Figures() for _c in channels], Figures())
        for i in range(count)
    ]
    totals = [Figures() for _c in channels]
    total = Figures()
    for row in per_day:
        key = _key(row["channel_key"])
        if key not in index:
            continue
        figures = _figures(row)
        day = days[(row["day"] - start).days]
        day.cells[index[key]].add(figures)
        day.total.add(figures)
        totals[index[key]].add(figures)
        total.add(figures)
    per_product = (
        lines.values("product_id", "channel_key")
        .annotate(title=Max("title"), sales=Sum("line_price_incl_tax"), units=Sum("quantity"))
        .order_by()
    )
    products = {}
    for row in per_product:
        key = _key(row["channel_key"])
        if key not in index:
            continue
        figures = _figures(row)
        product = products.setdefault(
            row["product_id"] or row["title"],
            TopProduct(row["product_id"], row["title"], Figures(), [Figures() for _c in channels]),
        )
        product.total.add(figures)
        product.cells[index[key]].add(figures)
    top = sorted(products.values(), key=lambda p: (-p.total.sales_rials, -p.total.units, p.title))
    return Report(start, end, channels, days, totals, total, top[:TOP_PRODUCTS])


def _key(value):
    if value is None:
        return ONLINE
    if isinstance(value, int):
        return f"exhibition-{value}"
    return value


def producer_report(producer, start, end):
    lines = paid_lines(start, end).filter(partner=producer)
    sold_at = (
        Exhibition.objects.filter(
            pk__in=lines.filter(order__channel__exhibition__isnull=False)
            .values("order__channel__exhibition")
            .order_by()
        )
        .only("pk", "title")
        .order_by("starts_on", "pk")
    )
    channels = [Channel(ONLINE, _("Online shop"))]
    channels += [Channel(f"exhibition-{e.pk}", e.title, e) for e in sold_at]
    return _build(lines, start, end, channels, F("order__channel__exhibition"))


def organizer_report(organizer, start, end, exhibition=None):
    lines = paid_lines(start, end).filter(order__channel__exhibition__organizer=organizer)
    if exhibition is not None:
        lines = lines.filter(order__channel__exhibition=exhibition)
        channels = [
            Channel(OrderChannel.Kind.BOOTH_SALE, _("Sold at the booth"), exhibition),
            Channel(OrderChannel.Kind.PICKUP, _("Collected at the booth"), exhibition),
        ]
        return _build(lines, start, end, channels, F("order__channel__kind"))
    sold_at = (
        Exhibition.objects.filter(organizer=organizer)
        .filter(pk__in=lines.values("order__channel__exhibition").order_by())
        .only("pk", "title")
        .order_by("starts_on", "pk")
    )
    channels = [Channel(f"exhibition-{e.pk}", e.title, e) for e in sold_at]
    return _build(lines, start, end, channels, F("order__channel__exhibition"))
