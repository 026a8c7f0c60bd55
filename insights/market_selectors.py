"""Reads: demand against supply by province and craft, and the searches that found nothing,
over the last few complete weeks, summed from the weekly summary tables that
insights.market.build_week writes (a page makes a couple of grouped queries, never one over
the raw events).

Demand is where buyers are (searches, views, baskets, orders shipped there); supply is where
producers are (public listings and producers of the craft in the province), taken from the
latest week of the period rather than summed. Buyers whose province is not known have
demand and no supply: they are one total line, not a row in the rankings. Only aggregates:
no producer is named.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Q, Sum

from catalog.models import Category, Province
from shop.persian.collation import persian_order
from shop.persian.text import persian_sort_key

from .crafts import CRAFT_DEPTH
from .market import last_complete_week
from .models import UnmetDemand, WeeklyMarket

PERIOD_WEEKS = (4, 13, 52)
DEFAULT_WEEKS = 4
RANKED = 20  # rows in each ranking on a page (the CSV has them all)
TOP_QUERIES = 50
# "Made, not wanted": fewer searches and orders in the period than listings.
LITTLE_DEMAND_PER_LISTING = 1

DEMAND = ("searches", "unmet_searches", "views", "baskets", "orders", "units", "sales_rials")
SUPPLY = ("listings", "producers")


@dataclass(frozen=True)
class Period:
    """The `weeks` complete weeks ending with the one starting Saturday `last`."""

    weeks: int
    first: datetime.date  # the Saturday starting the first week
    last: datetime.date  # the Saturday starting the last week

    @property
    def start(self):
        return self.first

    @property
    def end(self):
        """The Friday ending the period."""
        return self.last + datetime.timedelta(days=6)


def period(weeks=DEFAULT_WEEKS, today=None):
    weeks = weeks if weeks in PERIOD_WEEKS else DEFAULT_WEEKS
    last = last_complete_week(today)
    return Period(weeks, last - datetime.timedelta(days=7 * (weeks - 1)), last)


@dataclass
class MarketRow:
    """One province (None: buyers whose province is not known) and craft (None: every
    craft of the selection, in totals) over a period."""

    province: Province | None
    craft: Category | None
    searches: int = 0
    unmet_searches: int = 0
    views: int = 0
    baskets: int = 0
    orders: int = 0
    units: int = 0
    sales_rials: int = 0
    listings: int = 0
    producers: int = 0

    @property
    def demand(self):
        """What the pages rank by, as WeeklyMarket.demand: searches plus orders."""
        return self.searches + self.orders

    @property
    def demand_per_listing(self):
        return self.demand / max(self.listings, 1)

    @property
    def listings_per_demand(self):
        return self.listings / max(self.demand, 1)

    def add(self, other):
        for name in DEMAND + SUPPLY:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Market:
    period: Period
    rows: list  # every (province, craft) with demand or supply, known provinces only
    unknown: MarketRow  # buyers whose province is not known, every craft of the selection
    supply_week: datetime.date | None  # the week supply was counted in (None: no figures)
    wanted: list = field(default_factory=list)  # wanted, not made
    unwanted: list = field(default_factory=list)  # made, not wanted
    provinces: list = field(default_factory=list)  # per-province totals, most demand first


def _scope(queryset, provinces, crafts, province_field="province", craft_field="craft"):
    if provinces is not None:
        queryset = queryset.filter(**{f"{province_field}__in": list(provinces)})
    if crafts is not None:
        queryset = queryset.filter(**{f"{craft_field}__in": list(crafts)})
    return queryset


def wanted_not_made(rows):
    """Rows with demand, the most demand per listing first; those with no listing first."""
    wanted = [row for row in rows if row.demand > 0]
    return sorted(
        wanted,
        key=lambda r: (r.listings > 0, -r.demand_per_listing, -r.demand, _names(r)),
    )


def made_not_wanted(rows):
    """Rows with listings and little demand, the most listings per demand first."""
    unwanted = [
        row
        for row in rows
        if row.listings > 0 and row.demand < row.listings * LITTLE_DEMAND_PER_LISTING
    ]
    return sorted(
        unwanted,
        key=lambda r: (-r.listings_per_demand, -r.listings, _names(r)),
    )


def _names(row):
    return (
        persian_sort_key(row.province.name_fa if row.province else ""),
        persian_sort_key(row.craft.name if row.craft else ""),
    )


def by_province(rows):
    """Per-province totals of the rows, the most demand first (then most listings)."""
    totals = {}
    for row in rows:
        total = totals.setdefault(row.province.pk, MarketRow(row.province, None))
        total.add(row)
    return sorted(
        totals.values(),
        key=lambda r: (-r.demand, -r.listings, persian_sort_key(r.province.name_fa)),
    )


def market(period, provinces=None, crafts=None, *, province_of=None, craft_of=None):
    """Demand against supply over `period`, narrowed to `provinces` and `crafts` (ids; None:
    all). Two queries (the latest week with figures, and the grouped sums), and two more
    for the provinces' and crafts' names unless the caller has them by id already
    (`province_of`, `craft_of`: a page's lists to choose from)."""
    weekly = WeeklyMarket.objects.filter(week__range=(period.first, period.last))
    supply_week = weekly.aggregate(latest=Max("week"))["latest"]
    rows, unknown = [], MarketRow(None, None)
    if supply_week is None:
        return Market(period, rows, unknown, None)
    if provinces is not None:
        # Buyers whose province is not known stay as their own line on a narrowed page.
        weekly = weekly.filter(Q(province__in=list(provinces)) | Q(province__isnull=True))
    weekly = _scope(weekly, None, crafts)
    latest = Q(week=supply_week)
    grouped = (
        weekly.values("province", "craft")
        .annotate(
            **{name: Sum(name) for name in DEMAND},
            **{name: Sum(name, filter=latest) for name in SUPPLY},
        )
        .order_by()
    )
    figures = list(grouped)
    if province_of is None:
        province_of = Province.objects.in_bulk({f["province"] for f in figures} - {None})
    if craft_of is None:
        craft_of = Category.objects.in_bulk({f["craft"] for f in figures})
    for figure in figures:
        row = MarketRow(
            province_of.get(figure["province"]),
            craft_of.get(figure["craft"]),
            **{name: figure[name] or 0 for name in DEMAND + SUPPLY},
        )
        if row.province is None:
            unknown.add(row)
        else:
            rows.append(row)
    rows.sort(key=_names)
    result = Market(period, rows, unknown, supply_week)
    result.wanted = wanted_not_made(rows)
    result.unwanted = made_not_wanted(rows)
    result.provinces = by_province(rows)
    return result


def crafts():
    """The crafts to choose from (catalogue categories of depth CRAFT_DEPTH)."""
    return Category.objects.filter(depth=CRAFT_DEPTH).order_by(persian_order("name"))


def provinces_of_organizer(organizer):
    """The provinces of the organizer's venues (where they plan exhibitions)."""
    return set(organizer.venues.values_list("province_id", flat=True))


def crafts_of_company(company):
    """The crafts of the producers who gave `company` any live right."""
    return set(
        Category.objects.filter(
            depth=CRAFT_DEPTH,
            producers__support_grants__company=company,
            producers__support_grants__revoked_at__isnull=True,
        ).values_list("pk", flat=True)
    )


# ---- searches that found nothing -----------------------------------------------------


@dataclass
class Unmet:
    period: Period
    queries: list  # [{"query", "craft", "searches"}], most searched first
    provinces: list  # [{"province", "searches"}] (None: not known), most first
    total: int


def unmet_rows(period, provinces=None, crafts=None):
    """Every (query, province, craft) with its searches over the period, most first (the
    CSV's rows)."""
    unmet = _scope(
        UnmetDemand.objects.filter(week__range=(period.first, period.last)), provinces, crafts
    )
    return (
        unmet.values(
            "query",
            "province__name_fa",
            "province__name_en",
            "craft__code",
            "craft__name",
        )
        .annotate(searches=Sum("searches"))
        .order_by("-searches", "query", "province__name_fa", "craft__name")
    )


def unmet(period, provinces=None, crafts=None, top=TOP_QUERIES):
    """The searches that found nothing over `period`: the top queries (with the craft they
    name) and the count per buyer's province. Two grouped queries."""
    qs = _scope(
        UnmetDemand.objects.filter(week__range=(period.first, period.last)), provinces, crafts
    )
    queries = list(
        qs.values("query", "craft__name")
        .annotate(searches=Sum("searches"))
        .order_by("-searches", "query")[:top]
    )
    per_province = list(
        qs.values("province", "province__name_fa", "province__name_en")
        .annotate(searches=Sum("searches"))
        .order_by("-searches", "province__name_fa")
    )
    return Unmet(period, queries, per_province, sum(r["searches"] for r in per_province))
