"""The weekly market figures (insights.market.build_week) for a small case computed by hand:
searches in two provinces and by a buyer whose province is not known, one of them «گیوه
مردانه» finding nothing, product views, a basket addition, a paid order shipped to Fars,
and the listings of a producer in Isfahan. A rebuild writes the same rows."""

import datetime

import pytest
from django.utils import timezone
from oscar.apps.order.models import Order, ShippingAddress

from catalog.models import Category, Province
from insights.market import build_week, last_complete_week
from insights.models import ProductEvent, SearchEvent, UnmetDemand, WeeklyMarket
from shop.persian.dates import TEHRAN
from tests.factories import ProducerFactory, UserFactory, make_product
from tests.sellers.conftest import place_paid_order

pytestmark = pytest.mark.django_db

PRICE_RIALS = 12_500_000
GIVEH_QUERY = "گیوه مردانه"


def moment(week, day=1, hour=12):
    """A Tehran moment `day` days into the week starting Saturday `week`."""
    return datetime.datetime.combine(
        week + datetime.timedelta(days=day), datetime.time(hour), tzinfo=TEHRAN
    )


def searches(week, query, results, province, times, craft=None, day=1):
    for _ in range(times):
        SearchEvent.objects.create(
            at=moment(week, day), query=query, results=results, province=province, craft=craft
        )


def events(week, kind, product, province, times, day=2):
    for _ in range(times):
        ProductEvent.objects.create(
            at=moment(week, day), kind=kind, product=product, province=province
        )


def ship_to(order, province, week, day=3):
    """The order was placed `day` days into the week, shipped to an address in `province`."""
    address = ShippingAddress.objects.create(
        first_name="مریم",
        last_name="احمدی",
        line1="خیابان زند، پلاک ۱۰",
        line4="شیراز",
        state=province.name_fa,
        postcode="7134567890",
        country_id="IR",
    )
    Order.objects.filter(pk=order.pk).update(
        shipping_address=address, date_placed=moment(week, day)
    )


def market_case(week):
    """The known case in the week starting `week`; returns the objects it made.

    Producer P in Isfahan lists two khatam boxes (supply: Isfahan × khatam = 2 listings,
    1 producer). Buyers:
    - Fars: «جعبه خاتم» 3 times (found 2), «گیوه مردانه» 2 times (found nothing),
      2 views and 1 basket addition of box 1, and one paid order of 2 × box 1
      (2 × 12,500,000 = 25,000,000 Rials) shipped to Fars;
    - Tehran: «خاتم» once (found 2), 1 view of box 1, «سلام» once (found nothing, names
      no craft: an unmet search with no craft and no market row);
    - not known: «گیوه مردانه» once (found nothing);
    - a Fars search of «خاتم» the day before the week: not counted.
    """
    isfahan, fars, tehran = (Province.objects.get(code=c) for c in ("ISF", "FRS", "THR"))
    producer = ProducerFactory(province=isfahan)
    producer.users.add(UserFactory())
    producer.crafts.add(Category.objects.get(code="khatam"))
    box1 = make_product(producer=producer, title="جعبه خاتم یک", with_image=False)
    box2 = make_product(producer=producer, title="جعبه خاتم دو", with_image=False)
    searches(week, "جعبه خاتم", 2, fars, 3)
    searches(week, GIVEH_QUERY, 0, fars, 2)
    searches(week, "خاتم", 2, tehran, 1)
    searches(week, "سلام", 0, tehran, 1)
    searches(week, GIVEH_QUERY, 0, None, 1)
    searches(week, "خاتم", 2, fars, 1, day=-1)
    events(week, ProductEvent.Kind.VIEW, box1, fars, 2)
    events(week, ProductEvent.Kind.VIEW, box1, tehran, 1)
    events(week, ProductEvent.Kind.BASKET, box1, fars, 1)
    order = place_paid_order([(box1, 2)], producer.users.get())
    ship_to(order, fars, week)
    return {
        "producer": producer,
        "products": (box1, box2),
        "isfahan": isfahan,
        "fars": fars,
        "tehran": tehran,
        "khatam": Category.objects.get(code="khatam"),
        "giveh": Category.objects.get(code="giveh-knitting"),
        "order": order,
    }


FIELDS = (
    "province_id", "craft_id", "searches", "unmet_searches", "views", "baskets", "orders",
    "units", "sales_rials", "listings", "producers",
)  # fmt: skip


def market_rows(week):
    rows = WeeklyMarket.objects.filter(week=week).values_list(*FIELDS)
    return sorted(rows, key=lambda r: (r[0] or 0, r[1]))


def unmet_rows(week):
    rows = UnmetDemand.objects.filter(week=week).values_list(
        "query", "province_id", "craft_id", "searches"
    )
    return sorted(rows, key=lambda r: (r[0], r[1] or 0))


def test_a_week_of_searches_views_and_an_order_is_summed_by_province_and_craft(reference_data):
    week = last_complete_week(timezone.localdate())
    case = market_case(week)
    isf, fars, thr = (case[k].pk for k in ("isfahan", "fars", "tehran"))
    khatam, giveh = case["khatam"].pk, case["giveh"].pk

    assert build_week(week) == 5
    expected = [
        # in FIELDS order: province, craft, searches, unmet, views, baskets, orders, units,
        # sales, listings, producers
        (None, giveh, 1, 1, 0, 0, 0, 0, 0, 0, 0),
        (isf, khatam, 0, 0, 0, 0, 0, 0, 0, 2, 1),
        (fars, khatam, 3, 0, 2, 1, 1, 2, 2 * PRICE_RIALS, 0, 0),
        (fars, giveh, 2, 2, 0, 0, 0, 0, 0, 0, 0),
        (thr, khatam, 1, 0, 1, 0, 0, 0, 0, 0, 0),
    ]
    assert market_rows(week) == sorted(expected, key=lambda r: (r[0] or 0, r[1]))
    assert unmet_rows(week) == [
        ("سلام", thr, None, 1),
        (GIVEH_QUERY, None, giveh, 1),
        (GIVEH_QUERY, fars, giveh, 2),
    ]
    # The week before has only the early search, which found something.
    assert market_rows(week - datetime.timedelta(days=7)) == []

    # A rebuild from scratch writes the same rows.
    before = (market_rows(week), unmet_rows(week))
    assert build_week(week) == 5
    assert (market_rows(week), unmet_rows(week)) == before
