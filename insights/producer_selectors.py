"""Reads: one producer's insights for the seller panel, from the summary tables the weekly
task writes (insights.market, insights.listings) and never from raw events or orders:

- what buyers of the producer's crafts searched for and did not find (UnmetDemand, the last
  UNMET_WEEKS complete weeks), each query with the province that searched it most;
- the producer's own sales by channel, week by week, and by the buyer's province for online
  sales (ProducerSales, the last SALES_WEEKS complete weeks);
- each listing's views → basket → order and its price against similar listings
  (ListingInsight);
- the demand for their crafts in their own province and elsewhere (WeeklyMarket).

Each read is one query; a page of all four is a handful whatever the producer's size.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from catalog.models import Category
from exhibitions.channels.charts import colour
from exhibitions.models import OrderChannel
from shop.persian.text import persian_sort_key

from .crafts import CRAFT_DEPTH
from .market import last_complete_week
from .models import ListingInsight, ProducerSales, UnmetDemand, WeeklyMarket

UNMET_WEEKS = 4
SALES_WEEKS = 12
DEMAND_WEEKS = 4
TOP_QUERIES = 10
LISTINGS_SHOWN = 20
CHANNELS = (OrderChannel.Kind.ONLINE, OrderChannel.Kind.PICKUP, OrderChannel.Kind.BOOTH_SALE)

# Price position against the median of similar listings (price / median).
FAR_ABOVE = 1.5
ABOVE = 1.1
AROUND = 0.9


@dataclass(frozen=True)
class Period:
    """The complete weeks start…end (Saturdays) a section covers; `last` ends on a Friday."""

    first: datetime.date
    weeks: int

    @property
    def last(self):
        return self.first + datetime.timedelta(days=7 * self.weeks - 1)

    @property
    def starts(self):
        return [self.first + datetime.timedelta(days=7 * i) for i in range(self.weeks)]


def period(weeks, today=None):
    """The last `weeks` complete weeks before `today`."""
    return Period(last_complete_week(today) - datetime.timedelta(days=7 * (weeks - 1)), weeks)


def crafts_of(producer):
    """The producer's crafts as a queryset of Categories: the crafts they named, and the
    crafts of their own listings (variants by their parent)."""
    return Category.objects.filter(depth=CRAFT_DEPTH).filter(
        Q(producers=producer)
        | Q(product__stockrecords__partner=producer)
        | Q(product__children__stockrecords__partner=producer)
    )


# Unmet demand -----------------------------------------------------------------------------


@dataclass
class UnmetQuery:
    query: str
    searches: int = 0
    # The province that searched it most (None: not known), and how often it did.
    province: str | None = None
    province_searches: int = 0
    by_province: dict = field(default_factory=dict)

    @property
    def all_from_province(self):
        return self.province is not None and self.province_searches == self.searches


def unmet_demand(producer, today=None, limit=TOP_QUERIES):
    """The queries in the producer's crafts that found nothing in the last UNMET_WEEKS
    weeks, the most searched first: [UnmetQuery]. A query's province is the one where
    buyers searched it most, known provinces winning a tie with unknown ones."""
    weeks = period(UNMET_WEEKS, today)
    rows = (
        UnmetDemand.objects.filter(
            week__gte=weeks.first,
            week__lte=weeks.last,
            craft__in=crafts_of(producer).values("pk"),
        )
        .values_list("query", "province__name_fa")
        .annotate(n=Sum("searches"))
        .order_by()
    )
    queries = {}
    for query, province, n in rows:
        found = queries.setdefault(query, UnmetQuery(query))
        found.searches += n
        found.by_province[province] = found.by_province.get(province, 0) + n
    for found in queries.values():
        known = {name: n for name, n in found.by_province.items() if name is not None}
        if known:
            name = min(known, key=lambda name: (-known[name], name))
            found.province, found.province_searches = name, known[name]
    ranked = sorted(queries.values(), key=lambda q: (-q.searches, q.query))
    return ranked[:limit]


def top_unmet_query(producer, today=None):
    """The one query buyers of the producer's crafts searched most and did not find."""
    found = unmet_demand(producer, today, limit=1)
    return found[0] if found else None


# Sales by channel and province ------------------------------------------------------------


@dataclass
class Figures:
    orders: int = 0
    units: int = 0
    sales_rials: int = 0

    def add(self, orders, units, sales_rials):
        self.orders += orders
        self.units += units
        self.sales_rials += sales_rials


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    colour: str  # the chart's colour for it


@dataclass
class Week:
    start: datetime.date
    cells: list  # [Figures] in the order of channels
    total: Figures

    @property
    def end(self):
        return self.start + datetime.timedelta(days=6)


@dataclass
class ProvinceSales:
    name: str | None  # None: the address named no province we know
    figures: Figures


@dataclass
class Sales:
    period: Period
    channels: list  # [Channel]
    weeks: list  # [Week], the oldest first
    by_channel: list  # [(Channel, Figures)]
    provinces: list  # [ProvinceSales], online sales only, the largest first
    total: Figures

    @property
    def online(self):
        return self.by_channel[0][1]


def sales(producer, today=None):
    """The producer's paid sales in the last SALES_WEEKS weeks by week and channel, and
    online sales by the buyer's province (refunds left out by the weekly task)."""
    weeks = period(SALES_WEEKS, today)
    channels = [Channel(kind.value, kind.label, colour(i)) for i, kind in enumerate(CHANNELS)]
    index = {channel.key: i for i, channel in enumerate(channels)}
    per_week = {
        start: Week(start, [Figures() for _c in channels], Figures()) for start in weeks.starts
    }
    totals = [Figures() for _c in channels]
    provinces = defaultdict(Figures)
    total = Figures()
    rows = (
        ProducerSales.objects.filter(producer=producer, week__gte=weeks.first, week__lte=weeks.last)
        .values_list("week", "channel", "province__name_fa", "orders", "units", "sales_rials")
        .order_by()
    )
    for week, channel, province, orders, units, sales_rials in rows:
        i = index.get(channel, 0)
        figures = (orders, units, sales_rials)
        if week in per_week:
            per_week[week].cells[i].add(*figures)
            per_week[week].total.add(*figures)
        totals[i].add(*figures)
        total.add(*figures)
        if channel == OrderChannel.Kind.ONLINE:
            provinces[province].add(*figures)
    ranked = sorted(
        (ProvinceSales(name, figures) for name, figures in provinces.items()),
        key=lambda p: (
            p.name is None,
            -p.figures.sales_rials,
            -p.figures.orders,
            persian_sort_key(p.name or ""),
        ),
    )
    return Sales(
        period=weeks,
        channels=channels,
        weeks=[per_week[start] for start in weeks.starts],
        by_channel=list(zip(channels, totals, strict=True)),
        provinces=ranked,
        total=total,
    )


# Listings: funnel and price position ------------------------------------------------------


class Verdict:
    NONE = "none"  # no similar listing, or no price
    FAR_ABOVE = "far_above"
    ABOVE = "above"
    AROUND = "around"
    BELOW = "below"


def percent(part, whole):
    """Whole percent of `part` in `whole`, or None when `whole` is nothing."""
    return round(100 * part / whole) if whole else None


def verdict(price_rials, median_rials):
    if not price_rials or not median_rials:
        return Verdict.NONE
    ratio = price_rials / median_rials
    if ratio >= FAR_ABOVE:
        return Verdict.FAR_ABOVE
    if ratio > ABOVE:
        return Verdict.ABOVE
    if ratio >= AROUND:
        return Verdict.AROUND
    return Verdict.BELOW


@dataclass
class Listing:
    insight: ListingInsight
    title: str
    basket_percent: int | None  # baskets of views
    order_percent: int | None  # orders of baskets
    view_order_percent: int | None  # orders of views
    verdict: str


def listings(producer, limit=LISTINGS_SHOWN):
    """The producer's listings over the last four complete weeks (as the weekly task last
    computed them), the most viewed first: [Listing]."""
    rows = (
        ListingInsight.objects.filter(producer=producer)
        .select_related("product")
        .only(
            "product__title",
            "views",
            "baskets",
            "orders",
            "price_rials",
            "peers",
            "peer_low_rials",
            "peer_median_rials",
            "peer_high_rials",
            "cheaper_peers",
            "computed_at",
            "producer_id",
        )  # fmt: skip
        .order_by("-views", "-orders", "product__title", "pk")[:limit]
    )
    return [
        Listing(
            insight=row,
            title=row.product.title,
            basket_percent=percent(row.baskets, row.views),
            order_percent=percent(row.orders, row.baskets),
            view_order_percent=percent(row.orders, row.views),
            verdict=verdict(row.price_rials, row.peer_median_rials if row.peers else None),
        )
        for row in rows
    ]


# Demand for the producer's crafts here and elsewhere --------------------------------------


@dataclass
class Demand:
    period: Period
    here: dict  # {"searches", "orders", "demand", "listings"}
    elsewhere: dict
    unknown: dict  # buyers whose province is not known (no listings there)

    @property
    def rows(self):
        return [("here", self.here), ("elsewhere", self.elsewhere), ("unknown", self.unknown)]


def demand_here_and_elsewhere(producer, today=None):
    """Buyers' demand (searches and orders) for the producer's crafts in the last
    DEMAND_WEEKS weeks in the producer's province, in other provinces and where unknown;
    listings are the latest week's (supply is counted when a week is built)."""
    weeks = period(DEMAND_WEEKS, today)
    here = Q(province=producer.province_id) if producer.province_id else Q(pk__in=[])
    unknown = Q(province__isnull=True)
    latest = Q(week=weeks.starts[-1])
    elsewhere = ~here & ~unknown

    def sums(where):
        return {
            f"{name}_{column}": Sum(column, filter=where, default=0)
            for name, column in (("searches", "searches"), ("orders", "orders"))
        } | {"listings_latest": Sum("listings", filter=where & latest, default=0)}

    rows = WeeklyMarket.objects.filter(
        week__gte=weeks.first, week__lte=weeks.last, craft__in=crafts_of(producer).values("pk")
    )
    found = rows.aggregate(
        **{f"here_{k}": v for k, v in sums(here).items()},
        **{f"elsewhere_{k}": v for k, v in sums(elsewhere).items()},
        **{f"unknown_{k}": v for k, v in sums(unknown).items()},
    )

    def part(prefix):
        figures = {
            "searches": found[f"{prefix}_searches_searches"],
            "orders": found[f"{prefix}_orders_orders"],
            "listings": found[f"{prefix}_listings_latest"],
        }
        figures["demand"] = figures["searches"] + figures["orders"]
        return figures

    return Demand(weeks, part("here"), part("elsewhere"), part("unknown"))
