"""Writes: each public listing's last four complete weeks — views → basket → order — and
its price against similar listings: the other public listings of the same craft sold by
the same unit (a carpet by the piece is not compared with one by the square metre), the
listing itself left out.
"""

import bisect
import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from exhibitions.channels.reports import paid_lines
from search.models import ProductDocument
from shop.persian.dates import tehran_days

from .models import ListingInsight, ProductEvent

LISTING_WEEKS = 4
BATCH = 2000


def _median_without(prices, index):
    """The median of sorted `prices` with the element at `index` left out (None if empty)."""
    count = len(prices) - 1
    if count <= 0:
        return None

    def at(k):
        return prices[k] if k < index else prices[k + 1]

    if count % 2:
        return at(count // 2)
    return (at(count // 2 - 1) + at(count // 2)) // 2


def _funnel(start, end):
    """{product id: [views, baskets, orders]} for Tehran days start…end (variants by their
    parent, the listing a buyer sees)."""
    since, until = tehran_days(start, (end - start).days + 1)
    figures = defaultdict(lambda: [0, 0, 0])
    events = (
        ProductEvent.objects.filter(at__gte=since, at__lt=until)
        .values_list("product_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for product_id, kind, n in events.iterator(BATCH):
        figures[product_id][0 if kind == ProductEvent.Kind.VIEW else 1] += n
    orders = (
        paid_lines(start, end)
        .values_list("product__parent_id", "product_id")
        .annotate(n=Count("order", distinct=True))
        .order_by()
    )
    for parent_id, product_id, n in orders.iterator(BATCH):
        figures[parent_id or product_id][2] += n
    return figures


def refresh_listings(last_week, ctx):
    """Rebuild every public listing's row for the LISTING_WEEKS weeks ending with the week
    starting `last_week`. Returns the number of rows."""
    end = last_week + datetime.timedelta(days=6)
    start = end - datetime.timedelta(days=7 * LISTING_WEEKS - 1)
    funnel = _funnel(start, end)
    docs = list(
        ProductDocument.objects.filter(producer__isnull=False)
        .values_list("product_id", "producer_id", "price_rials", "product__unit")
        .iterator(BATCH)
    )
    groups = defaultdict(list)
    for product_id, _producer, price, unit in docs:
        crafts = ctx.crafts_of.get(product_id)
        if price is not None and crafts:
            groups[crafts[0], unit].append(price)
    for prices in groups.values():
        prices.sort()
    now = timezone.now()
    rows = []
    for product_id, producer_id, price, unit in docs:
        views, baskets, orders = funnel.get(product_id, (0, 0, 0))
        row = ListingInsight(
            product_id=product_id,
            producer_id=producer_id,
            views=views,
            baskets=baskets,
            orders=orders,
            price_rials=price,
            computed_at=now,
        )
        crafts = ctx.crafts_of.get(product_id)
        if price is not None and crafts:
            prices = groups[crafts[0], unit]
            index = bisect.bisect_left(prices, price)
            row.peers = len(prices) - 1
            if row.peers:
                row.cheaper_peers = index
                row.peer_low_rials = prices[1] if index == 0 else prices[0]
                row.peer_high_rials = prices[-2] if index == len(prices) - 1 else prices[-1]
                row.peer_median_rials = _median_without(prices, index)
        rows.append(row)
    with transaction.atomic():
        ListingInsight.objects.all().delete()
        ListingInsight.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
