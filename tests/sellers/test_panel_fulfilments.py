"""Fulfilments from the seller panel: accept, ship with a tracking code, deliver, cancel
with the stock back and a refund for staff; the buyer sees each step and is told of it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sellers.models import Fulfilment, StockRecord
from shop.payments.models import Refund
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(producer_client, other_producer, buy):
    """A paid order with one carpet from our producer and a bag from another."""
    client, producer = producer_client
    carpet = make_product(title="گلیم قشقایی", producer=producer, stock=3, with_image=False)
    bag = make_product(title="کیف چرم", producer=other_producer, stock=3, with_image=False)
    order = buy(carpet, bag)
    mine = order.fulfilments.get(producer=producer)
    return client, producer, order, mine, carpet


def test_the_producer_accepts_ships_and_delivers_and_the_buyer_is_told_each_time(
    sold, sms_outbox, django_capture_on_commit_callbacks
):
    client, producer, order, fulfilment, _ = sold
    mail.outbox.clear()
    sms_outbox.clear()
    page = client.get(reverse("seller:fulfilments")).content.decode()
    assert "گلیم قشقایی" in page and "کیف چرم" not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("seller:accept", args=[fulfilment.pk]))
    fulfilment.refresh_from_db()
    assert fulfilment.status == "accepted" and fulfilment.accepted_at

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("seller:ship", args=[fulfilment.pk]),
            {"carrier": "post", "tracking_code": "۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴"},
        )
    assert response.status_code == 302
    fulfilment.refresh_from_db()
    assert fulfilment.status == "shipped"
    assert fulfilment.tracking_code == "123456789012345678901234"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("seller:deliver", args=[fulfilment.pk]))
    fulfilment.refresh_from_db()
    assert fulfilment.status == "delivered" and fulfilment.delivered_at

    assert len(sms_outbox) == 3
    assert "123456789012345678901234" in sms_outbox[1].text
    assert sms_outbox[1].mobile == "09121234567"
    assert [m.to for m in mail.outbox] == [["buyer@example.ir"]] * 3
    assert "پست ایران" in mail.outbox[1].body
    assert f"/order-status/{order.number}/" in mail.outbox[1].body

    # The guest's status page (from the email's link) asks for the order's email first.
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    status_page = (
        Client()
        .post(
            reverse("customer:anon-order-form", kwargs=kwargs),
            {"email": "buyer@example.ir"},
            follow=True,
        )  # fmt: skip
        .content.decode()
    )
    assert "123456789012345678901234" in status_page and producer.name in status_page


def test_shipping_needs_a_tracking_code_except_by_courier(sold):
    client, _, _, fulfilment, _ = sold
    response = client.post(reverse("seller:ship", args=[fulfilment.pk]), {"carrier": "tipax"})
    assert response.status_code == 400
    fulfilment.refresh_from_db()
    assert fulfilment.status == "new"
    client.post(reverse("seller:ship", args=[fulfilment.pk]), {"carrier": "courier"})
    fulfilment.refresh_from_db()
    assert fulfilment.status == "shipped" and fulfilment.carrier == "courier"


def test_cancelling_puts_the_stock_back_and_asks_staff_to_refund_the_buyer(
    sold, sms_outbox, django_capture_on_commit_callbacks
):
    client, producer, order, fulfilment, carpet = sold
    record = StockRecord.objects.get(product=carpet)
    assert record.num_allocated == 1

    response = client.post(reverse("seller:cancel", args=[fulfilment.pk]), {"reason": ""})
    assert response.status_code == 400  # a reason is required

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("seller:cancel", args=[fulfilment.pk]), {"reason": "نخ تمام شد"})
    fulfilment.refresh_from_db()
    record.refresh_from_db()
    assert fulfilment.status == "cancelled" and fulfilment.cancel_reason == "نخ تمام شد"
    assert record.num_allocated == 0
    refund = Refund.objects.get(fulfilment=fulfilment)
    assert refund.method == "manual" and refund.transferred_at is None
    assert refund.amount_rials == 12_500_000 + fulfilment.shipping_charge_rials
    assert "نخ تمام شد" in sms_outbox[-1].text

    # Nothing can follow a cancellation, and a second cancel changes nothing.
    client.post(reverse("seller:ship", args=[fulfilment.pk]), {"carrier": "courier"})
    client.post(reverse("seller:cancel", args=[fulfilment.pk]), {"reason": "دوباره"})
    fulfilment.refresh_from_db()
    assert fulfilment.status == "cancelled"
    assert Refund.objects.filter(fulfilment=fulfilment).count() == 1
    assert StockRecord.objects.get(product=carpet).num_allocated == 0


def test_steps_out_of_order_are_refused_with_a_persian_message(sold):
    client, _, _, fulfilment, _ = sold
    response = client.post(reverse("seller:deliver", args=[fulfilment.pk]), follow=True)
    assert "این سفارش دیگر در مرحله‌ای نیست" in response.content.decode()
    fulfilment.refresh_from_db()
    assert fulfilment.status == Fulfilment.Status.NEW


CEILING = 12


def test_the_fulfilment_list_keeps_a_constant_query_count(
    producer_client, buy, django_assert_max_num_queries
):
    client, producer = producer_client
    products = [make_product(producer=producer, with_image=False) for _ in range(2)]
    buy(products[0])
    with django_assert_max_num_queries(CEILING) as one:
        client.get(reverse("seller:fulfilments"))
    ceiling = len(one.captured_queries)  # now: each request empties Django's query log
    buy(products[1])
    buy(*products)
    with django_assert_max_num_queries(ceiling):
        client.get(reverse("seller:fulfilments"))
