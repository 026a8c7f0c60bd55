"""A product gone from the online stock whose units wait at a booth can still be bought, to
collect there: the shop says so, and checkout offers only collecting (never the post)."""

import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from exhibitions.channels import stock as booth_stock
from sellers.strategy import Default
from tests.factories import ProducerFactory, confirmed_booth, make_product, running_fair

from .conftest import pay_at_sandbox, walk_to_preview
from .test_click_and_collect import at_booth, offered_methods, online, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_at_the_booth(reference_data):
    """A rug whose 2 units are all at booth C2 of a running fair (none online)."""
    fair = running_fair()
    producer = ProducerFactory()
    confirmed_booth(fair, producer, "C2")
    rug = make_product(producer=producer, stock=2, price_rials=9_000_000, with_image=False)
    record = rug.stockrecords.get()
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    return fair, rug, record


def test_a_product_only_at_a_booth_can_be_bought_to_collect_there(only_at_the_booth):
    fair, rug, record = only_at_the_booth
    info = Default().fetch_for_product(rug)
    assert info.availability.is_available_to_buy
    assert info.availability.num_available == 2
    assert info.availability.is_purchase_permitted(3)[0] is False
    assert online(record) == 0


def test_checkout_offers_only_collecting_for_booth_units_and_the_order_holds_them(
    client, zarinpal, only_at_the_booth, add_to_basket
):
    fair, rug, record = only_at_the_booth
    add_to_basket(rug, 1)
    walk_to_preview(client)
    # One way only (collecting): Oscar chooses it by itself.
    assert offered_methods(client) is None
    response = place(client)
    order = Order.objects.get()
    assert order.shipping_code == f"pickup-{fair.pk}" and order.channel.kind == "pickup"
    assert at_booth(fair, record) == (2, 1) and online(record) == 0
    client.get(pay_at_sandbox(zarinpal, response["Location"]))
    order.refresh_from_db()
    assert order.status == "paid"


def test_a_basket_no_single_way_can_bring_is_sent_back_with_the_reason(
    client, only_at_the_booth, add_to_basket
):
    fair, rug, record = only_at_the_booth
    elsewhere = make_product(stock=3, with_image=False)  # online only, not at any booth
    add_to_basket(rug, 1)
    add_to_basket(elsewhere, 1)
    walk_to_preview(client)
    response = client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 302 and response["Location"] == reverse("basket:summary")
    assert not Order.objects.exists()
