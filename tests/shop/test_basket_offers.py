"""Offers on a basket (shop/basket/offers.py, models.py): site offers read from the cache on
each basket request, applied the moment staff open one, gone the moment they close it or it
ends; vouchers and line options asked for only when there can be any."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.apps.catalogue.models import Option, ProductImage
from oscar.apps.offer.models import ConditionalOffer
from oscar.apps.partner.strategy import Selector
from oscar.test.factories import create_offer, create_voucher

from catalog.models import Product
from shop.basket import offers
from shop.basket.models import Basket, shop_has_vouchers
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(reference_data):
    """A guest with one product of 1,250,000 Toman in their basket."""
    client = Client()
    product = make_product(price_rials=12_500_000)
    added = client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    assert added.status_code == 302
    return client


def basket_of(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response.context["basket"]


def test_an_offer_opened_applies_on_the_next_request_and_closed_stops(buyer):
    assert basket_of(buyer).total_discount == 0
    offer = create_offer(name="جشنواره یلدا")  # 20 % off every product
    basket = basket_of(buyer)
    assert basket.total_discount == 2_500_000
    assert [o.name for o in basket.applied_offers().values()] == ["جشنواره یلدا"]
    offer.status = ConditionalOffer.SUSPENDED
    offer.save()
    assert basket_of(buyer).total_discount == 0


def test_an_offer_applies_only_between_its_start_and_end(buyer, monkeypatch):
    moment = timezone.now()
    create_offer(
        name="نوروز",
        start=moment + datetime.timedelta(days=1),
        end=moment + datetime.timedelta(days=2),
    )
    assert basket_of(buyer).total_discount == 0  # not started: kept in the cache all the same
    monkeypatch.setattr(offers, "now", lambda: moment + datetime.timedelta(days=1, hours=1))
    assert basket_of(buyer).total_discount == 2_500_000
    monkeypatch.setattr(offers, "now", lambda: moment + datetime.timedelta(days=3))
    assert basket_of(buyer).total_discount == 0  # ended, with no write to tell the cache


def test_a_basket_request_does_not_ask_the_database_for_site_offers(buyer):
    create_offer(name="جشنواره یلدا")
    basket_of(buyer)
    with CaptureQueriesContext(connection) as queries:
        assert basket_of(buyer).total_discount == 2_500_000
    assert not [q for q in queries.captured_queries if "offer_conditionaloffer" in q["sql"]]


def test_a_voucher_gives_its_discount_from_the_request_that_adds_it(buyer):
    """The basket was loaded knowing it had no voucher; adding one makes it ask again (else
    Oscar would find no discount and take the voucher back off)."""
    voucher = create_voucher(code="YALDA")  # 20 % off every product
    added = buyer.post(reverse("basket:vouchers-add"), {"code": "YALDA"})
    assert added.status_code == 302
    assert basket_of(buyer).total_discount == 2_500_000
    buyer.post(reverse("basket:vouchers-remove", args=[voucher.pk]))
    assert basket_of(buyer).total_discount == 0


def test_a_basket_without_vouchers_or_options_does_not_ask_for_them(buyer):
    basket_of(buyer)
    with CaptureQueriesContext(connection) as queries:
        basket_of(buyer)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "voucher_voucher" not in tables and "basket_lineattribute" not in tables
    assert "basket_basket_vouchers" not in tables  # the shop has none: the basket not asked


def test_once_the_shop_has_a_voucher_a_basket_says_whether_it_holds_one(buyer):
    """The first voucher created starts a new generation: from the next request each basket
    load asks whether the basket holds one, and a voucher deleted stops it again."""
    voucher = create_voucher(code="YALDA")
    with CaptureQueriesContext(connection) as queries:
        basket = basket_of(buyer)
    assert "basket_basket_vouchers" in " ".join(q["sql"] for q in queries.captured_queries)
    assert list(basket.vouchers.all()) == []
    voucher.num_orders += 1
    voucher.save()  # as an order that uses it: no new generation
    assert shop_has_vouchers()
    voucher.delete()
    with CaptureQueriesContext(connection) as queries:
        basket_of(buyer)
    assert "basket_basket_vouchers" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_a_lines_options_are_read_once_the_catalogue_has_options(reference_data):
    product = make_product()
    option = Option.objects.create(name="رنگ", code="colour")
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1, options=[{"option": option, "value": "فیروزه‌ای"}])
    line = Basket.objects.get(pk=basket.pk).all_lines()[0]
    assert [(a.option.code, a.value) for a in line.attributes.all()] == [("colour", "فیروزه‌ای")]


def test_the_lines_images_are_read_together_once_and_only_by_pages_that_show_them(buyer):
    """Three lines' thumbnails: one image query, by the add (its mini-basket), for all three;
    the basket page then shows each line's own image without asking again (remembered until
    the catalogue changes); the address step, which shows none, reads no image."""
    buyer.post(reverse("basket:add", args=[make_product(title="گبه").pk]), {"quantity": 1})
    third = make_product(title="گلیم")
    with CaptureQueriesContext(connection) as queries:
        buyer.post(reverse("basket:add", args=[third.pk]), {"quantity": 1})
    images = [q for q in queries.captured_queries if "catalogue_productimage" in q["sql"]]
    assert len(images) == 1
    with CaptureQueriesContext(connection) as queries:
        page = buyer.get(reverse("basket:summary"))
    assert not [q for q in queries.captured_queries if "catalogue_productimage" in q["sql"]]
    shown = {
        line.product_id: [image.pk for image in line.product.get_all_images()]
        for line in page.context["basket"].all_lines()
    }
    assert len(shown) == 3
    assert shown == {pk: [Product.objects.get(pk=pk).images.get().pk] for pk in shown}
    assert "image_not_found" not in page.content.decode()
    with CaptureQueriesContext(connection) as queries:
        buyer.get(reverse("checkout:shipping-address"))
    assert not [q for q in queries.captured_queries if "catalogue_productimage" in q["sql"]]


def test_an_image_added_to_a_basket_product_shows_on_the_next_basket_page(buyer):
    """The remembered images are the catalogue's: a producer's new photo (or a removed one)
    is on the buyer's next page."""
    buyer.get(reverse("basket:summary"))
    product = Basket.objects.get().all_lines()[0].product
    first = product.images.get()
    second = ProductImage.objects.create(
        product=product, original=first.original.name, display_order=1, caption="دوم"
    )
    page = buyer.get(reverse("basket:summary"))
    shown = page.context["basket"].all_lines()[0].product.get_all_images()
    assert [image.pk for image in shown] == [first.pk, second.pk]  # the new one, too
    first.delete()
    page = buyer.get(reverse("basket:summary"))
    shown = page.context["basket"].all_lines()[0].product.get_all_images()  # as the page had it
    assert [(image.pk, image.caption) for image in shown] == [(second.pk, "دوم")]
    assert "image_not_found" not in page.content.decode()
    second.delete()
    page = buyer.get(reverse("basket:summary"))
    assert not page.context["basket"].all_lines()[0].product.get_all_images()


def test_a_new_basket_does_not_look_for_lines_it_cannot_have(reference_data):
    """The first add saves the basket, then asks for the line to add to (Oscar's
    get_or_create) and reads the lines back: two line queries, not three."""
    product = make_product()
    with CaptureQueriesContext(connection) as queries:
        Client().post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    line_reads = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "basket_line"' in q["sql"]
    ]
    assert len(line_reads) == 2


def test_a_voucher_made_without_a_signal_is_known_once_a_basket_holds_it(reference_data):
    """Vouchers made in bulk (no save signal) are found the moment one is added to a
    basket: the shop no longer counts as having none, so the basket keeps its voucher."""
    from oscar.apps.voucher.models import Voucher

    template = create_voucher(code="TEMPLATE")
    template.delete()
    assert not shop_has_vouchers()
    template.pk, template.code = None, "BULK-1"
    (voucher,) = Voucher.objects.bulk_create([template])
    assert not shop_has_vouchers()  # no signal told the cache
    basket = Basket.objects.create()
    basket.vouchers.add(voucher)
    assert shop_has_vouchers()
