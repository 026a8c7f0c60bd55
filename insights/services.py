"""Writes: the daily producer activity figures and the friendly nudge to producers who stop.

`refresh_activity` recomputes every approved producer's row with one grouped query per
figure (never a loop of queries per producer), so it is idempotent and takes the same few
queries for 40 or 40,000 producers. Producers newly flagged inactive (30 / 60 days) get an
SMS and an email naming what sells in their craft, at most once in NUDGE_EVERY_DAYS.
"""

import datetime
from collections import defaultdict
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Avg, Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import Product
from sellers.models import Fulfilment, Partner, StockRecord
from shop.persian.money import to_rials

from .models import ProducerActivity

WINDOW_DAYS = 90
FLAG_DAYS = ((60, ProducerActivity.Flag.INACTIVE_60), (30, ProducerActivity.Flag.INACTIVE_30))
NUDGE_EVERY_DAYS = 30
TOP_SELLERS = 3
Status = Fulfilment.Status


def _moment(today):
    """Now, or midday of `today` when the caller names the day (tests, catching up)."""
    if today is None:
        return timezone.localdate(), timezone.now()
    return today, timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def counted_fulfilments(since):
    """Fulfilments that count as sales: delivered, or of a paid order, and not cancelled."""
    return (
        Fulfilment.objects.filter(created_at__gte=since)
        .exclude(status=Status.CANCELLED)
        .filter(Q(status=Status.DELIVERED) | Q(order__status="paid"))
    )


def _by_producer(queryset, key, **aggregate):
    """{producer_id: value} from one grouped query."""
    (name,) = aggregate
    return dict(queryset.order_by().values(key).annotate(**aggregate).values_list(key, name))


def _figures(producer_ids, since):
    """One grouped query per figure for all the producers."""
    User = get_user_model()
    users = User.objects.filter(partners__in=producer_ids)
    records = StockRecord.objects.filter(partner_id__in=producer_ids)
    fulfilments = Fulfilment.objects.filter(producer_id__in=producer_ids)
    counted = counted_fulfilments(since).filter(producer_id__in=producer_ids)
    return {
        "last_login": _by_producer(users, "partners", value=Max("last_login")),
        "product_change": _by_producer(
            Product.objects.filter(stockrecords__partner_id__in=producer_ids),
            "stockrecords__partner_id",
            value=Max("date_updated"),
        ),
        "stock_change": _by_producer(records, "partner_id", value=Max("date_updated")),
        "last_order": _by_producer(
            fulfilments.exclude(status=Status.CANCELLED), "producer_id", value=Max("created_at")
        ),
        "orders": _by_producer(counted, "producer_id", value=Count("pk")),
        "sales": _by_producer(counted, "producer_id", value=Sum("lines__line_price_incl_tax")),
        "dispatch": _by_producer(
            fulfilments.filter(shipped_at__gte=since, shipped_at__isnull=False),
            "producer_id",
            value=Avg(F("shipped_at") - F("created_at")),
        ),
        "stock_outs": _by_producer(
            records.filter(
                product__is_public=True,
                num_in_stock__isnull=False,
                num_in_stock__lte=Coalesce(F("num_allocated"), 0),
            ),
            "partner_id",
            value=Count("product", distinct=True),
        ),
    }


def _latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def _hours(duration):
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


def flag_for(inactive_days):
    for days, flag in FLAG_DAYS:
        if inactive_days is not None and inactive_days >= days:
            return flag
    return ProducerActivity.Flag.NONE


def refresh_activity(today=None, nudge=True):
    """Recompute every approved producer's activity row; nudge the newly flagged. Returns
    {"producers": n, "flagged": n, "nudged": n}."""
    today, now = _moment(today)
    since = _start_of(today - datetime.timedelta(days=WINDOW_DAYS))
    producers = list(
        Partner.objects.filter(status__in=Partner.APPROVED).values_list("pk", "created_at")
    )
    ids = [pk for pk, _created in producers]
    figures = _figures(ids, since)
    with transaction.atomic():
        ProducerActivity.objects.exclude(producer_id__in=ids).delete()
        existing = {row.producer_id: row for row in ProducerActivity.objects.select_for_update()}
        new, changed, to_nudge = [], [], []
        for pk, created_at in producers:
            row = existing.get(pk) or ProducerActivity(producer_id=pk)
            row.last_login = figures["last_login"].get(pk)
            row.last_listing_change = _latest(
                figures["product_change"].get(pk), figures["stock_change"].get(pk)
            )
            row.last_order = figures["last_order"].get(pk)
            row.orders_90d = figures["orders"].get(pk, 0)
            row.sales_90d_rials = to_rials(figures["sales"].get(pk) or 0)
            row.avg_dispatch_hours = _hours(figures["dispatch"].get(pk))
            row.stock_outs = figures["stock_outs"].get(pk, 0)
            seen = _latest(row.last_login, row.last_listing_change, row.last_order) or created_at
            row.inactive_days = (
                None if seen is None else max(0, (today - timezone.localdate(seen)).days)
            )
            row.flag = flag_for(row.inactive_days)
            row.computed_at = now
            if nudge and row.flag and _may_nudge(row, today):
                row.nudged_at = now
                to_nudge.append(pk)
            (changed if row.pk else new).append(row)
        ProducerActivity.objects.bulk_create(new)
        ProducerActivity.objects.bulk_update(
            changed,
            ["last_login", "last_listing_change", "last_order", "orders_90d", "sales_90d_rials",
             "avg_dispatch_hours", "stock_outs", "inactive_days", "flag", "nudged_at",
             "computed_at"],
        )  # fmt: skip
        _queue_nudges(to_nudge, since)
    flagged = sum(1 for row in new + changed if row.flag)
    return {"producers": len(ids), "flagged": flagged, "nudged": len(to_nudge)}


def _may_nudge(row, today):
    if row.nudged_at is None:
        return True
    return (today - timezone.localdate(row.nudged_at)).days >= NUDGE_EVERY_DAYS


def crafts_of(producer_ids):
    """{producer_id: {category ids}}: the crafts the producer named, or else the categories
    of their own listings."""
    crafts = defaultdict(set)
    for producer_id, category_id in Partner.crafts.through.objects.filter(
        partner_id__in=producer_ids
    ).values_list("partner_id", "category_id"):
        crafts[producer_id].add(category_id)
    missing = [pk for pk in producer_ids if pk not in crafts]
    if missing:
        for producer_id, category_id in (
            StockRecord.objects.filter(partner_id__in=missing, product__categories__isnull=False)
            .values_list("partner_id", "product__categories")
            .distinct()
        ):
            crafts[producer_id].add(category_id)
    return crafts


def top_sellers(producer_ids, since, limit=TOP_SELLERS):
    """{producer_id: [titles]}: the products sold most (units, every producer's) since
    `since` in each producer's crafts; one grouped query for all of them."""
    crafts = crafts_of(producer_ids)
    categories = set().union(*crafts.values()) if crafts else set()
    units = defaultdict(dict)  # category -> {product_id: (units, title)}
    rows = (
        counted_fulfilments(since)
        .filter(lines__product__categories__in=categories)
        .order_by()
        .values("lines__product__categories", "lines__product_id")
        .annotate(units=Sum("lines__quantity"), title=Max("lines__title"))
    )
    for row in rows:
        units[row["lines__product__categories"]][row["lines__product_id"]] = (
            row["units"],
            row["title"],
        )
    result = {}
    for producer_id in producer_ids:
        products = {}
        for category in crafts.get(producer_id, ()):
            products.update(units.get(category, {}))
        ranked = sorted(products.items(), key=lambda item: (-item[1][0], item[0]))
        result[producer_id] = [title for _pk, (_units, title) in ranked[:limit]]
    return result


def _queue_nudges(producer_ids, since):
    if not producer_ids:
        return
    from .tasks import nudge_inactive_producer

    sellers = top_sellers(producer_ids, since)
    for pk in producer_ids:
        transaction.on_commit(partial(nudge_inactive_producer.delay, pk, sellers[pk]))
