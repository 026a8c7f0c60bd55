"""Twenty buyers race for the last five units: exactly five orders, stock never negative."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from catalog.services import seed_reference_data
from sellers.models import StockRecord
from tests.factories import make_product

from .conftest import pay_at_sandbox, place_order_as_guest

BUYERS, UNITS = 20, 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_buyers_for_five_units(zarinpal):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent row locks need PostgreSQL (set DATABASE_URL)")
    seed_reference_data()
    giveh = make_product(title="گیوه ملکی", stock=UNITS, price_rials=3_000_000, with_image=False)

    def buy(index):
        try:
            client = Client()
            client.post(reverse("basket:add", args=[giveh.pk]), {"quantity": 1})
            response = place_order_as_guest(client, email=f"buyer{index}@example.ir")
            return response.status_code == 302 and "StartPay" in response["Location"], response
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(buy, range(BUYERS)))

    winners = [response for placed, response in results if placed]
    assert len(winners) == UNITS
    assert Order.objects.filter(status="pending-payment").count() == UNITS
    losers = [response for placed, response in results if not placed]
    # Each loser is told: on the preview page, or sent back to the basket by Oscar's
    # availability check once the winners' allocations left nothing to sell.
    for response in losers:
        told_on_preview = response.status_code == 200 and "گیوه ملکی" in response.content.decode()
        sent_to_basket = response.status_code == 302 and response["Location"] == "/basket/"
        assert told_on_preview or sent_to_basket, (response.status_code, response.get("Location"))

    record = StockRecord.objects.get(product=giveh)
    assert record.num_allocated == UNITS <= record.num_in_stock

    for response in winners:
        Client().get(pay_at_sandbox(zarinpal, response["Location"]))
    assert Order.objects.filter(status="paid").count() == UNITS
