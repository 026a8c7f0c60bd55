"""What buyers do is recorded for the market figures: once per visitor and thing a day, with
the buyer's province when known (address book, or the cookie a guest's checkout leaves),
and the craft of the words they searched."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.address.models import UserAddress

from catalog.models import Category, Province
from insights import crafts
from insights.models import ProductEvent, SearchEvent
from insights.recording import PROVINCE_COOKIE
from tests.checkout.conftest import place_order_as_guest
from tests.factories import UserFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(reference_data):
    return make_product(title="جعبه خاتم", stock=3, price_rials=8_000_000, with_image=False)


def test_a_product_page_is_counted_once_per_visitor_a_day(client, product):
    for _ in range(3):
        assert client.get(product.get_absolute_url()).status_code == 200
    Client().get(product.get_absolute_url(), REMOTE_ADDR="10.0.0.9")  # another visitor

    views = ProductEvent.objects.filter(product=product, kind=ProductEvent.Kind.VIEW)
    assert views.count() == 2
    assert set(views.values_list("province", flat=True)) == {None}


def test_a_signed_in_buyers_views_and_basket_count_where_their_address_is(client, product):
    buyer = UserFactory()
    UserAddress.objects.create(
        user=buyer,
        first_name="مریم",
        last_name="احمدی",
        line1="خیابان زند",
        line4="شیراز",
        state="فارس",
        postcode="71346-12345",
        country_id="IR",
        is_default_for_shipping=True,
    )
    client.force_login(buyer)
    client.get(product.get_absolute_url())
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})

    fars = Province.objects.get(name_fa="فارس")
    kinds = list(ProductEvent.objects.values_list("kind", "province").order_by("kind"))
    assert kinds == [(ProductEvent.Kind.BASKET, fars.pk), (ProductEvent.Kind.VIEW, fars.pk)]


def test_staff_looking_at_products_is_not_demand(client, product):
    client.force_login(UserFactory(is_staff=True))
    client.get(product.get_absolute_url())
    assert not ProductEvent.objects.exists()


def test_searches_are_counted_once_a_day_with_results_and_the_craft_page(client, product):
    client.get(reverse("search:search"), {"q": "خاتم"})
    client.get(reverse("search:search"), {"q": "خاتم"})  # a reload
    client.get(reverse("search:search"), {"q": "گیوه مردانه"})
    client.get(reverse("search:search"), {"q": "خاتم", "page": 2})  # paging is not a search
    khatam = Category.objects.get(code="khatam")
    client.get(khatam.get_absolute_url(), {"q": "جعبه"})
    client.get(reverse("catalogue:index"), {"q": "جعبه", "category": 999999})  # no such craft

    rows = sorted(SearchEvent.objects.values_list("query", "results", "craft"))
    assert rows == [
        ("جعبه", 0, None),  # nothing in a category that does not exist
        ("جعبه", 1, khatam.pk),
        ("خاتم", 1, None),
        ("گیوه مردانه", 0, None),
    ]


def test_a_guests_checkout_leaves_their_province_for_later_searches(client, product, zarinpal):
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    response = place_order_as_guest(client)  # ships to Isfahan
    assert response.status_code == 302
    assert PROVINCE_COOKIE in response.cookies
    assert response.cookies[PROVINCE_COOKIE]["httponly"]

    client.get(reverse("search:search"), {"q": "گلیم قشقایی"})
    event = SearchEvent.objects.get()
    assert event.province == Province.objects.get(name_fa="اصفهان")


def test_a_forged_province_cookie_is_ignored(client, product):
    client.cookies[PROVINCE_COOKIE] = "07"
    client.get(reverse("search:search"), {"q": "گلیم"})
    assert SearchEvent.objects.get().province is None


@pytest.mark.parametrize(
    "query, craft_code",
    [
        ("گیوه مردانه", "giveh-knitting"),
        ("انجیر خشک استهبان", "dried-fruit"),
        ("جعبه خاتم", "khatam"),
        ("قالیچه ابریشم", "carpet-weaving"),
        ("فرشینه", "rug-weaving"),
        ("گبه‌های قشقایی", "gabbeh"),
        ("كيف چرمي", "leather"),  # Arabic yeh and kaf
        ("هدیه تولد", None),
    ],
)
def test_the_words_of_a_search_name_its_craft(reference_data, query, craft_code):
    vocab = crafts.vocabulary()
    expected = Category.objects.get(code=craft_code).pk if craft_code else None
    assert crafts.craft_for(query, vocab) == expected
