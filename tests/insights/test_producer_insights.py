"""A producer's insights in the seller panel (insights.producer_selectors, /seller/insights/):
a small market computed by hand — searches that found nothing, sales by channel and buyer's
province, each listing's views → basket → order and its price against similar listings —
built by the weekly task, then read by the selectors and the page; and who may read it."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from oscar.apps.address.models import Country
from oscar.apps.order.models import Order, ShippingAddress

from catalog.models import Category, Province
from exhibitions.models import OrderChannel
from insights import producer_selectors as selectors
from insights.market import last_complete_week, refresh_market
from insights.models import ProductEvent, SearchEvent
from insights.notifications import nudge_inactive_producer
from sellers.models import Right, SupportCompany, SupportMember
from sellers.support import services as support
from shop.persian.dates import TEHRAN
from tests.factories import (
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    make_product,
    running_fair,
)
from tests.sellers.conftest import place_paid_order

pytestmark = pytest.mark.django_db

GIVEH_RIALS = 2_500_000  # Maryam's giveh: 250,000 Toman
KHATAM_RIALS = 4_000_000  # Maryam's khatam box
PEER_RIALS = (1_000_000, 2_000_000, 3_000_000)  # the other producer's three giveh


def at(week, day=1, hour=12):
    """A moment `day` days into the week starting Saturday `week`, Tehran time."""
    moment = datetime.datetime.combine(week, datetime.time(hour), tzinfo=TEHRAN)
    return moment + datetime.timedelta(days=day)


def province(name_fa):
    return Province.objects.get(name_fa=name_fa)


def paid(items, producer, week, state=None, booth_at=None):
    """A paid order of [(product, quantity)] placed inside `week`: posted to province
    `state` (online), or sold at the booth of exhibition `booth_at`."""
    order = place_paid_order(items, producer.users.first())
    if state:
        address = ShippingAddress.objects.create(
            first_name="خریدار",
            last_name="آزمون",
            line1="خیابان یک",
            line4="شهر",
            state=state,
            postcode="1234567890",
            country=Country.objects.get(iso_3166_1_a2="IR"),
        )
        Order.objects.filter(pk=order.pk).update(shipping_address=address)
    if booth_at is not None:
        OrderChannel.objects.update_or_create(
            order=order,
            defaults={"kind": OrderChannel.Kind.BOOTH_SALE, "exhibition": booth_at},
        )
    Order.objects.filter(pk=order.pk).update(date_placed=at(week, 2))
    return order


def search(week, query, times, where=None, craft=None, results=0, day=1):
    for _i in range(times):
        SearchEvent.objects.create(
            at=at(week, day), query=query, results=results, province=where, craft=craft
        )


@pytest.fixture
def market(reference_data):
    """Maryam (Isfahan) makes giveh and khatam; Reza (Fars) sells three giveh at 100,000,
    200,000 and 300,000 Toman. W is the last complete week, W1 the one before, W4 four
    before (outside the four weeks).

    Searches that found nothing, in giveh (made on the giveh page):
      W  «گیوه مردانه»: Fars 3, Isfahan 1, unknown 1 → 5, most in Fars (3)
      W  «گیوه بچگانه»: Fars 2 → 2, all in Fars
      W1 «گیوه سفید»: unknown 1 → 1, province unknown
      W4 «گیوه قدیمی»: Fars 9 → outside the four weeks
      W  «گیوه»: Isfahan 2, found something → not unmet
      W  «قالیچه کرمان» in rug weaving (not Maryam's craft): Tehran 4 → never on her page
    Maryam's sales:
      W  online, giveh ×3 to Tehran: 7,500,000;  giveh ×1 to Fars: 2,500,000
      W  at a booth in Isfahan, khatam ×1: 4,000,000
      W1 online, giveh ×1 to Fars: 2,500,000
      → online 3 orders, 5 units, 12,500,000 (Tehran 1/3/7,500,000 first, Fars 2/2/5,000,000)
        booth 1 order, 1 unit, 4,000,000; pick-up nothing; total 4 orders, 6 units, 16,500,000
    Reza sells one of his giveh online to Fars in W (never on Maryam's page).
    Giveh funnel (four weeks): 10 views, 4 baskets in W; 3 orders → 40% of views put it in
    a basket, 75% of baskets ordered. Price 2,500,000 against 1,000,000 / 2,000,000 /
    3,000,000: 2 of 3 cost less, median 2,000,000, ratio 1.25 → above the usual price.
    Khatam: no similar listing; 1 order (the booth sale), no views.
    """
    giveh = Category.objects.get(code="giveh-knitting")
    rug = Category.objects.get(code="rug-weaving")
    isfahan, fars, tehran = province("اصفهان"), province("فارس"), province("تهران")
    maryam = ProducerFactory(name="گیوه‌بافی مریم", province=isfahan, mobile="09120000021")
    maryam.users.add(UserFactory())
    maryam.crafts.add(giveh)
    reza = ProducerFactory(name="کارگاه رضا", province=fars, city=fars.cities.get(is_capital=True))
    reza.users.add(UserFactory())
    shoe = make_product(
        producer=maryam, title="گیوه ملکی مریم", category_code="giveh-knitting",
        price_rials=GIVEH_RIALS, stock=20, with_image=False,
    )  # fmt: skip
    box = make_product(
        producer=maryam, title="جعبه خاتم مریم", category_code="khatam",
        price_rials=KHATAM_RIALS, stock=5, with_image=False,
    )  # fmt: skip
    peers = [
        make_product(
            producer=reza,
            title=f"گیوه رضا {i}",
            category_code="giveh-knitting",
            price_rials=price,
            stock=5,
            with_image=False,
        )  # fmt: skip
        for i, price in enumerate(PEER_RIALS)
    ]
    w = last_complete_week()
    w1, w4 = w - datetime.timedelta(days=7), w - datetime.timedelta(days=28)

    search(w, "گیوه مردانه", 3, fars, giveh)
    search(w, "گیوه مردانه", 1, isfahan, giveh)
    search(w, "گیوه مردانه", 1, None, giveh)
    search(w, "گیوه بچگانه", 2, fars, giveh)
    search(w1, "گیوه سفید", 1, None, giveh)
    search(w4, "گیوه قدیمی", 9, fars, giveh)
    search(w, "گیوه", 2, isfahan, giveh, results=4)
    search(w, "قالیچه کرمان", 4, tehran, rug)
    for kind, times in ((ProductEvent.Kind.VIEW, 10), (ProductEvent.Kind.BASKET, 4)):
        for _i in range(times):
            ProductEvent.objects.create(at=at(w, 3), kind=kind, product=shoe)

    fair = running_fair(organizer=OrganizerFactory(province=isfahan))
    paid([(shoe, 3)], maryam, w, state="تهران")
    paid([(shoe, 1)], maryam, w, state="فارس")
    paid([(box, 1)], maryam, w, booth_at=fair)
    paid([(shoe, 1)], maryam, w1, state="فارس")
    paid([(peers[0], 1)], reza, w, state="فارس")

    refresh_market(weeks=5)
    client = Client()
    client.force_login(maryam.users.get())
    return SimpleNamespace(
        maryam=maryam, reza=reza, shoe=shoe, box=box, peers=peers, client=client,
        w=w, w1=w1, giveh=giveh, isfahan=isfahan, fars=fars, tehran=tehran,
    )  # fmt: skip


def test_unmet_demand_is_the_producers_crafts_over_four_weeks_with_the_top_province(market):
    found = selectors.unmet_demand(market.maryam)
    assert [(q.query, q.searches, q.province, q.province_searches) for q in found] == [
        ("گیوه مردانه", 5, "فارس", 3),
        ("گیوه بچگانه", 2, "فارس", 2),
        ("گیوه سفید", 1, None, 0),
    ]
    assert [q.all_from_province for q in found] == [False, True, False]
    assert selectors.top_unmet_query(market.maryam).query == "گیوه مردانه"
    # Reza's crafts are his listings' (giveh): the same queries; never the rug search.
    assert "قالیچه کرمان" not in [q.query for q in selectors.unmet_demand(market.reza)]


def test_sales_by_channel_week_and_buyers_province_match_the_hand_computed_case(market):
    sales = selectors.sales(market.maryam)
    by_channel = {c.key: (f.orders, f.units, f.sales_rials) for c, f in sales.by_channel}
    assert by_channel == {
        "online": (3, 5, 12_500_000),
        "pickup": (0, 0, 0),
        "booth_sale": (1, 1, 4_000_000),
    }
    assert (sales.total.orders, sales.total.units, sales.total.sales_rials) == (4, 6, 16_500_000)
    assert len(sales.weeks) == selectors.SALES_WEEKS
    assert sales.weeks[-1].start == market.w and sales.weeks[-2].start == market.w1
    assert [c.sales_rials for c in sales.weeks[-1].cells] == [10_000_000, 0, 4_000_000]
    assert [c.sales_rials for c in sales.weeks[-2].cells] == [2_500_000, 0, 0]
    assert sum(week.total.sales_rials for week in sales.weeks[:-2]) == 0
    assert [(p.name, p.figures.orders, p.figures.units, p.figures.sales_rials) for p in
            sales.provinces] == [("تهران", 1, 3, 7_500_000), ("فارس", 2, 2, 5_000_000)]  # fmt: skip


def test_listing_funnel_and_price_position_against_similar_listings(market):
    rows = {listing.insight.product_id: listing for listing in selectors.listings(market.maryam)}
    assert set(rows) == {market.shoe.pk, market.box.pk}
    shoe = rows[market.shoe.pk]
    assert (shoe.insight.views, shoe.insight.baskets, shoe.insight.orders) == (10, 4, 3)
    assert (shoe.basket_percent, shoe.order_percent) == (40, 75)
    assert (shoe.insight.peers, shoe.insight.cheaper_peers) == (3, 2)
    assert (
        shoe.insight.peer_low_rials,
        shoe.insight.peer_median_rials,
        shoe.insight.peer_high_rials,
    ) == PEER_RIALS
    assert shoe.verdict == selectors.Verdict.ABOVE
    box = rows[market.box.pk]
    assert (box.insight.views, box.insight.orders, box.basket_percent) == (0, 1, None)
    assert (box.insight.peers, box.verdict) == (0, selectors.Verdict.NONE)


@pytest.mark.parametrize(
    ("price", "median", "expected"),
    [
        (3_000_000, 2_000_000, "far_above"),  # 1.5 × the median
        (2_500_000, 2_000_000, "above"),  # 1.25
        (2_200_000, 2_000_000, "around"),  # 1.1
        (1_800_000, 2_000_000, "around"),  # 0.9
        (1_700_000, 2_000_000, "below"),  # 0.85
        (1_700_000, None, "none"),
        (None, 2_000_000, "none"),
    ],
)
def test_price_verdict_in_plain_words(price, median, expected):
    assert selectors.verdict(price, median) == expected


def test_demand_for_the_producers_crafts_here_and_elsewhere(market):
    """Giveh and khatam, four weeks. Searches: Isfahan 1 + 2 (found), Fars 3 + 2, unknown
    1 + 1. Orders: the booth sale in Isfahan; elsewhere Tehran 1, Fars 2 of Maryam's and 1
    of Reza's (giveh too). Listings in the last week: Maryam's two in Isfahan, Reza's three
    in Fars."""
    demand = selectors.demand_here_and_elsewhere(market.maryam)
    assert demand.here == {"searches": 3, "orders": 1, "listings": 2, "demand": 4}
    assert demand.elsewhere == {"searches": 5, "orders": 4, "listings": 3, "demand": 9}
    assert demand.unknown == {"searches": 2, "orders": 0, "listings": 0, "demand": 2}


def page_of(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):
        response = client.get(reverse("seller:insights"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_producers_own_figures_within_the_query_ceiling(
    market, django_assert_max_num_queries
):
    page = page_of(market.client, django_assert_max_num_queries)
    assert page.count('data-testid="unmet-query"') == 3
    assert "«گیوه مردانه»" in page and "«گیوه بچگانه»" in page and "«گیوه سفید»" in page
    assert "گیوه قدیمی" not in page and "قالیچه کرمان" not in page
    with translation.override("fa"):
        fars_line = ngettext(
            "Buyers in %(province)s searched «%(query)s» once in the last four weeks "
            "and found nothing.",
            "Buyers in %(province)s searched «%(query)s» %(n)s times in the last four weeks "
            "and found nothing.",
            2,
        ) % {"province": "فارس", "query": "گیوه بچگانه", "n": "۲"}
    assert fars_line in page
    assert 'data-testid="total-sales" data-rials="16500000"' in page
    assert (
        'data-testid="channel-online" data-rials="12500000" data-orders="3" data-units="5"' in page
    )
    assert 'data-testid="channel-booth_sale" data-rials="4000000" data-orders="1"' in page
    assert f'<tr data-week="{market.w:%Y-%m-%d}">' in page
    rows = re.findall(r'data-testid="province-row" data-rials="(\d+)" data-orders="(\d+)"', page)
    assert rows == [("7500000", "1"), ("5000000", "2")]
    assert page.index("تهران</th>") < page.index("فارس</th>")
    shoe = re.search(rf'data-testid="listing-{market.shoe.pk}"[^>]*>', page).group(0)
    for attribute in ('data-views="10"', 'data-baskets="4"', 'data-orders="3"',
                      'data-verdict="above"', 'data-cheaper="2"', 'data-peers="3"'):  # fmt: skip
        assert attribute in shoe
    assert "۲۰۰٬۰۰۰" in page  # the median, 200,000 Toman
    assert "۱٬۶۵۰٬۰۰۰" in page  # the total, 1,650,000 Toman
    assert 'data-testid="demand-here" data-searches="3" data-orders="1" data-listings="2"' in page
    # Charts: accessible SVG, Persian digits, stacked by channel.
    for chart in ("weekly-sales-chart", "province-chart"):
        assert 'role="img" aria-label=' in page and f'data-testid="{chart}"' in page
    assert 'data-channel="booth_sale"' in page
    # Never Reza's: his listings, his sale to Fars.
    for peer in market.peers:
        assert peer.title not in page


def test_another_producer_sees_only_their_own_figures(market, django_assert_max_num_queries):
    client = Client()
    client.force_login(market.reza.users.get())
    page = page_of(client, django_assert_max_num_queries)
    assert market.shoe.title not in page and market.box.title not in page
    assert 'data-testid="total-sales" data-rials="1000000"' in page
    assert f'data-testid="listing-{market.shoe.pk}"' not in page


def test_the_panel_home_and_reports_link_to_the_insights(market):
    home = market.client.get(reverse("seller:home")).content.decode()
    assert 'data-testid="home-insights"' in home
    reports = market.client.get(reverse("seller:reports")).content.decode()
    assert 'data-testid="reports-insights"' in reports


def test_a_new_producer_sees_empty_sections_not_errors(
    reference_data, django_assert_max_num_queries
):
    producer = ProducerFactory()
    producer.users.add(UserFactory())
    client = Client()
    client.force_login(producer.users.get())
    page = page_of(client, django_assert_max_num_queries)
    assert 'data-testid="no-unmet"' in page and 'data-testid="no-listings"' in page
    assert 'data-testid="total-sales" data-rials="0"' in page


def test_anonymous_visitors_log_in_and_non_producers_are_refused(market):
    response = Client().get(reverse("seller:insights"))
    assert response.status_code == 302 and "login" in response["Location"]
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(reverse("seller:insights")).status_code == 403


@pytest.fixture
def member(market):
    company = SupportCompany.objects.create(name="تعاونی گیوه", registration_number="10100000011")
    user = UserFactory()
    SupportMember.objects.create(company=company, user=user)
    client = Client()
    client.force_login(user)
    return company, client


def test_a_support_company_needs_the_statements_right(
    market, member, django_assert_max_num_queries
):
    company, client = member
    support.grant(market.maryam, company, [Right.LISTINGS], market.maryam.users.get())
    assert client.post(reverse("seller:company-act", args=[market.maryam.pk])).status_code == 302
    assert client.get(reverse("seller:insights")).status_code == 403
    home = client.get(reverse("seller:home")).content.decode()
    assert 'data-testid="home-insights"' not in home

    support.grant(market.maryam, company, [Right.STATEMENTS], market.maryam.users.get())
    page = page_of(client, django_assert_max_num_queries)
    assert 'data-testid="total-sales" data-rials="16500000"' in page


def test_a_member_of_another_company_cannot_read_the_producers_insights(market, member):
    company, client = member
    other = SupportCompany.objects.create(name="دیگری", registration_number="10100000012")
    support.grant(market.maryam, other, [Right.STATEMENTS], market.maryam.users.get())
    response = client.post(reverse("seller:company-act", args=[market.maryam.pk]))
    assert response.status_code in (302, 403, 404)
    response = client.get(reverse("seller:insights"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("seller:company")


def test_the_nudge_names_the_top_search_that_found_nothing_in_the_craft(market, sms_outbox):
    nudge_inactive_producer(market.maryam.pk, [])
    (sms,) = sms_outbox
    assert "«گیوه مردانه»" in sms.text
