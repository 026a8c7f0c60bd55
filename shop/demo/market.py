"""A year of believable market history for the insights pages: buyers' searches, product
views, basket additions and paid orders spread over the provinces, then the weekly figures
built once (insights.market.refresh_market) as the Saturday task would have.

Buyers are where people are (Tehran most, then Razavi Khorasan, Isfahan, Fars…); each
province leans to a few crafts, demand rises before Nowruz and Yalda, and a set of searches
ask for goods no demo producer makes (unmet demand). Searches and views are written in
bulk; orders go through the real paths (Oscar's OrderCreator, the booth payment adapter,
delivery booking the ledger) and are then dated back over the year. Idempotent: nothing is
added once search history exists. Deterministic (one seeded random generator).
"""

import datetime
import random

from django.utils import timezone

from catalog.models import Province
from insights.crafts import CRAFT_DEPTH
from insights.market import refresh_market
from insights.models import ProductEvent, SearchEvent
from search.backends.base import ProductQuery
from search.models import ProductDocument
from search.selectors import get_backend
from sellers.models import Fulfilment
from shop.persian.text import normalise

from .money import _deliver, _paid_order

WEEKS = 52
SEARCHES_PER_WEEK = 320
VIEWS_PER_WEEK = 900
BASKET_SHARE = 0.08
ORDERS = 60
# Rough weights by population; the rest weigh 1.
PROVINCE_WEIGHTS = {
    "تهران": 14,
    "خراسان رضوی": 6,
    "اصفهان": 5,
    "فارس": 5,
    "خوزستان": 4,
    "آذربایجان شرقی": 4,
    "مازندران": 3,
    "البرز": 3,
    "آذربایجان غربی": 3,
    "کرمان": 3,
    "گیلان": 2,
    "سیستان و بلوچستان": 2,
    "کرمانشاه": 2,
    "همدان": 2,
}
# Searches no demo producer answers (by craft code), the unmet demand producers should see.
UNMET = {
    "giveh-knitting": ["گیوه مردانه سایز ۴۴", "گیوه کلاش اورامان"],
    "kilim": ["گلیم سنندج", "گلیم فرش دو رو"],
    "leather": ["کیف چرم شترمرغ", "کمربند چرم دستدوز"],
    "felt": ["نمد مالی کرمانشاه", "کلاه نمدی چوپانی"],
    "jewellery": ["انگشتر فیروزه نیشابور", "گردنبند عقیق یمنی"],
    "mushroom": ["قارچ دکمه‌ای تازه", "قارچ دنبلان"],
    "dried-fruit": ["انجیر خشک استهبان", "توت خشک اعلا"],
    "medicinal-herbs": ["زعفران سرگل قائنات", "عرق بیدمشک"],
    "towel-weaving": ["لنگ گیلانی", "حوله ترکمنی"],
    "pictorial-carpet": ["تابلو فرش ابریشم"],
}
SEASON = {12: 1.8, 1: 1.3, 9: 1.3}  # Esfand (Nowruz), Farvardin, Azar (Yalda), by Jalali month


def _weights(provinces):
    return [PROVINCE_WEIGHTS.get(p.name_fa, 1) for p in provinces]


def _leanings(rng, provinces, crafts):
    """Each province leans to three crafts (twice as many searches and views)."""
    return {p.pk: set(rng.sample([c.pk for c in crafts], 3)) for p in provinces}


def _season(day):
    from shop.persian.dates import to_jalali

    return SEASON.get(to_jalali(day).month, 1.0)


def _moment(rng, week_start):
    day = week_start + datetime.timedelta(days=rng.randrange(7))
    at = datetime.datetime.combine(day, datetime.time(rng.randrange(8, 24), rng.randrange(60)))
    return timezone.make_aware(at)


def _queries(crafts, docs_by_craft):
    """Per craft: [(normalised query, results)] buyers type, found and unmet."""
    backend = get_backend()
    queries = {}
    for craft in crafts:
        texts = [craft.name] + [title.split()[0] for title in docs_by_craft.get(craft.pk, [])[:3]]
        texts += UNMET.get(craft.code, [])
        found = []
        for text in dict.fromkeys(texts):
            hits = backend.search(ProductQuery(text=text, page=1, per_page=1))
            found.append((normalise(text), hits.total))
        queries[craft.pk] = found
    return queries


def market_weeks_for(products: int) -> int:
    """A year of history for the demo's default catalogue and above; two months for a smaller
    one (tests and quick looks: a year of orders is most of load_demo's time)."""
    return WEEKS if products >= 300 else 8


def ensure_market_history(producers, quiet=(), weeks=WEEKS):
    """Create the history once; `quiet` producers (the early-warning demo) get no orders.
    `weeks` of searches and views, and paid orders in proportion (ORDERS a year)."""
    if SearchEvent.objects.exists():
        return
    from catalog.models import Category

    rng = random.Random(1405)
    provinces = list(Province.objects.order_by("pk"))
    weights = _weights(provinces)
    crafts = list(Category.objects.filter(depth=CRAFT_DEPTH).order_by("path"))
    docs = ProductDocument.objects.filter(producer__isnull=False).exclude(producer__in=quiet)
    products_by_craft, titles_by_craft = {}, {}
    craft_ids = {c.pk for c in crafts}
    for product_id, title, craft_id in docs.values_list("product_id", "title", "categories"):
        if craft_id in craft_ids:
            products_by_craft.setdefault(craft_id, []).append(product_id)
            titles_by_craft.setdefault(craft_id, []).append(title)
    crafts = [c for c in crafts if c.pk in products_by_craft or c.code in UNMET]
    queries = _queries(crafts, titles_by_craft)
    leanings = _leanings(rng, provinces, crafts)
    this_week = timezone.localdate() - datetime.timedelta(days=7)
    searches, events = [], []
    for week_number in range(weeks, 0, -1):
        week = this_week - datetime.timedelta(days=7 * week_number)
        season = _season(week)
        for _ in range(int(SEARCHES_PER_WEEK * season)):
            province = rng.choices(provinces, weights)[0]
            craft = _craft_for(rng, crafts, leanings, province)
            query, results = rng.choice(queries[craft.pk])
            known = rng.random() < 0.7
            searches.append(
                SearchEvent(
                    at=_moment(rng, week),
                    query=query,
                    results=results,
                    province=province if known else None,
                    craft=craft if rng.random() < 0.3 and results else None,
                )
            )
        for _ in range(int(VIEWS_PER_WEEK * season)):
            province = rng.choices(provinces, weights)[0]
            craft = _craft_for(rng, crafts, leanings, province)
            if craft.pk not in products_by_craft:
                continue
            product_id = rng.choice(products_by_craft[craft.pk])
            known = province if rng.random() < 0.7 else None
            at = _moment(rng, week)
            events.append(ProductEvent(at=at, kind="view", product_id=product_id, province=known))
            if rng.random() < BASKET_SHARE:
                events.append(
                    ProductEvent(at=at, kind="basket", product_id=product_id, province=known)
                )
    SearchEvent.objects.bulk_create(searches, batch_size=2000)
    ProductEvent.objects.bulk_create(events, batch_size=2000)
    _past_orders(rng, provinces, weights, quiet, weeks)
    refresh_market(weeks=weeks)


def _craft_for(rng, crafts, leanings, province):
    craft = rng.choice(crafts)
    if craft.pk not in leanings[province.pk] and rng.random() < 0.5:
        craft = rng.choice([c for c in crafts if c.pk in leanings[province.pk]] or crafts)
    return craft


def _past_orders(rng, provinces, weights, quiet, weeks):
    """Paid orders over the weeks (ORDERS a year), shipped to weighted provinces and delivered."""
    sellers = _selling(quiet)
    now = timezone.now()
    days = weeks * 7
    for _ in range(max(6, ORDERS * weeks // WEEKS)):
        producer = rng.choice(sellers)
        province = rng.choices(provinces, weights)[0]
        order = _paid_order(producer, province=province, pick=rng.randrange(4))
        if order is None:
            continue
        days_ago = rng.randrange(8, days - 4)
        placed = now - datetime.timedelta(days=days_ago, hours=rng.randrange(24))
        fulfilment = order.fulfilments.get()
        _deliver(fulfilment, max(days_ago - 4, 1))
        type(order).objects.filter(pk=order.pk).update(date_placed=placed)
        Fulfilment.objects.filter(pk=fulfilment.pk).update(created_at=placed)


def _selling(quiet):
    from sellers.models import Partner

    quiet_ids = {p.pk for p in quiet}
    return [p for p in Partner.objects.order_by("pk") if p.is_selling and p.pk not in quiet_ids]
