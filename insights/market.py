"""Writes: the weekly market figures (demand against supply by province and craft, the
searches that found nothing, each producer's sales by channel and province) and each
listing's last four weeks (views → basket → order, price against similar listings).

Weeks run Saturday to Friday, Tehran time. `refresh_market` (scheduled every Saturday)
builds the week that just ended and the listing figures, and forgets raw events older than
RAW_EVENTS_DAYS; `build_week` rebuilds one week from scratch, so a rerun changes nothing.
Each week is a handful of grouped queries whatever the number of events; the grouping by
craft and province is done in Python on the grouped rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from catalog.models import Product, Province
from exhibitions.channels.reports import paid_lines
from search.models import ProductDocument
from shop.persian.dates import tehran_days

from . import crafts as craft_words
from .models import (
    ProducerSales,
    ProductEvent,
    SearchEvent,
    UnmetDemand,
    WeeklyMarket,
)

SATURDAY = 5
RAW_EVENTS_DAYS = 400
BATCH = 2000


def week_start(day):
    """The Saturday starting the week of `day`."""
    return day - datetime.timedelta(days=(day.weekday() - SATURDAY) % 7)


def last_complete_week(today=None):
    return week_start(today or timezone.localdate()) - datetime.timedelta(days=7)


@dataclass
class Context:
    """What every week of one run shares: crafts' words, products' crafts, supply."""

    vocab: list
    crafts_of: dict  # product id (variants by their parent) → [craft id]
    provinces: dict  # Persian name → province id
    supply: dict  # (province id, craft id) → (listings, producers)
    query_crafts: dict = field(default_factory=dict)
    craft_ids: frozenset = field(init=False)

    def __post_init__(self):
        self.craft_ids = frozenset(craft_id for craft_id, _terms in self.vocab)

    def craft_of_query(self, query, craft_id):
        """A craft page's search is that craft's; other words are read once per run."""
        if craft_id in self.craft_ids:
            return craft_id
        if query not in self.query_crafts:
            self.query_crafts[query] = craft_words.craft_for(query, self.vocab)
        return self.query_crafts[query]


def _crafts_of_products():
    crafts_of = defaultdict(list)
    links = Product.categories.through.objects.filter(
        category__depth=craft_words.CRAFT_DEPTH
    ).order_by("category_id")
    for product_id, craft_id in links.values_list("product_id", "category_id").iterator(BATCH):
        crafts_of[product_id].append(craft_id)
    variants = Product.objects.filter(parent__isnull=False).values_list("pk", "parent_id")
    for product_id, parent_id in variants.iterator(BATCH):
        crafts_of[product_id] = crafts_of.get(parent_id, [])
    return dict(crafts_of)


def _supply(crafts_of):
    """(province, craft) → (public listings, producers) from the search documents."""
    listings = defaultdict(int)
    producers = defaultdict(set)
    rows = ProductDocument.objects.filter(province__isnull=False).values_list(
        "product_id", "province_id", "producer_id"
    )
    for product_id, province_id, producer_id in rows.iterator(BATCH):
        for craft_id in crafts_of.get(product_id, ()):
            listings[province_id, craft_id] += 1
            producers[province_id, craft_id].add(producer_id)
    return {key: (count, len(producers[key])) for key, count in listings.items()}


def context():
    vocab = craft_words.vocabulary()
    crafts_of = _crafts_of_products()
    return Context(
        vocab=vocab,
        crafts_of=crafts_of,
        provinces=dict(Province.objects.values_list("name_fa", "pk")),
        supply=_supply(crafts_of),
    )


def _sold_lines(week):
    """Paid order lines of the week with the buyer's province: the shipping address's for
    online orders, the exhibition's venue for sales at a booth and collections."""
    return paid_lines(week, week + datetime.timedelta(days=6)).values_list(
        "order_id",
        "product_id",
        "partner_id",
        "quantity",
        "line_price_incl_tax",
        "order__channel__kind",
        "order__shipping_address__state",
        "order__channel__exhibition__venue__province_id",
    )


def _empty():
    return {
        "searches": 0,
        "unmet": 0,
        "views": 0,
        "baskets": 0,
        "orders": set(),
        "units": 0,
        "sales": 0,
    }


def build_week(week, ctx=None):
    """Rebuild the figures of the week starting Saturday `week`. Returns the rows written."""
    ctx = ctx or context()
    since, until = tehran_days(week, 7)
    demand = defaultdict(_empty)
    unmet = defaultdict(int)
    searches = (
        SearchEvent.objects.filter(at__gte=since, at__lt=until)
        .values_list("query", "province_id", "craft_id")
        .annotate(n=Count("pk"), unmet=Count("pk", filter=Q(results=0)))
        .order_by()
    )
    for query, province_id, craft_id, n, n_unmet in searches.iterator(BATCH):
        craft_id = ctx.craft_of_query(query, craft_id)
        if n_unmet:
            unmet[query, province_id, craft_id] += n_unmet
        if craft_id is not None:
            cell = demand[province_id, craft_id]
            cell["searches"] += n
            cell["unmet"] += n_unmet
    events = (
        ProductEvent.objects.filter(at__gte=since, at__lt=until)
        .values_list("product_id", "province_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for product_id, province_id, kind, n in events.iterator(BATCH):
        column = "views" if kind == ProductEvent.Kind.VIEW else "baskets"
        for craft_id in ctx.crafts_of.get(product_id, ()):
            demand[province_id, craft_id][column] += n
    sales = defaultdict(lambda: {"orders": set(), "units": 0, "sales": 0})
    for (
        order_id,
        product_id,
        partner_id,
        quantity,
        price,
        kind,
        state,
        venue_province,
    ) in _sold_lines(week).iterator(BATCH):
        online = kind in (None, "online")
        province_id = ctx.provinces.get(state) if online else venue_province
        amount = int(price or 0)
        for craft_id in ctx.crafts_of.get(product_id, ()):
            cell = demand[province_id, craft_id]
            cell["orders"].add(order_id)
            cell["units"] += quantity
            cell["sales"] += amount
        if partner_id is not None:
            cell = sales[partner_id, kind or "online", province_id if online else None]
            cell["orders"].add(order_id)
            cell["units"] += quantity
            cell["sales"] += amount
    market = []
    for key in set(demand) | set(ctx.supply):
        province_id, craft_id = key
        cell = demand.get(key) or _empty()
        listings, producers = ctx.supply.get(key, (0, 0))
        market.append(
            WeeklyMarket(
                week=week,
                province_id=province_id,
                craft_id=craft_id,
                searches=cell["searches"],
                unmet_searches=cell["unmet"],
                views=cell["views"],
                baskets=cell["baskets"],
                orders=len(cell["orders"]),
                units=cell["units"],
                sales_rials=cell["sales"],
                listings=listings,
                producers=producers,
            )
        )
    with transaction.atomic():
        WeeklyMarket.objects.filter(week=week).delete()
        UnmetDemand.objects.filter(week=week).delete()
        ProducerSales.objects.filter(week=week).delete()
        WeeklyMarket.objects.bulk_create(market, batch_size=BATCH)
        UnmetDemand.objects.bulk_create(
            (
                UnmetDemand(week=week, query=q, province_id=p, craft_id=c, searches=n)
                for (q, p, c), n in unmet.items()
            ),
            batch_size=BATCH,
        )
        ProducerSales.objects.bulk_create(
            (
                ProducerSales(
                    week=week,
                    producer_id=producer_id,
                    channel=channel,
                    province_id=province_id,
                    orders=len(cell["orders"]),
                    units=cell["units"],
                    sales_rials=cell["sales"],
                )
                for (producer_id, channel, province_id), cell in sales.items()
            ),
            batch_size=BATCH,
        )
    return len(market)


def refresh_market(today=None, weeks=1):
    """The scheduled run: rebuild the last `weeks` complete weeks and the listing figures,
    and forget raw events older than RAW_EVENTS_DAYS. Returns the weeks built."""
    from .listings import refresh_listings

    ctx = context()
    last = last_complete_week(today)
    built = [last - datetime.timedelta(days=7 * i) for i in range(weeks)]
    for week in sorted(built):
        build_week(week, ctx)
    refresh_listings(last, ctx)
    cutoff = timezone.now() - datetime.timedelta(days=RAW_EVENTS_DAYS)
    SearchEvent.objects.filter(at__lt=cutoff).delete()
    ProductEvent.objects.filter(at__lt=cutoff).delete()
    return sorted(built)
