import time

import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from sellers.models import Fulfilment, StockRecord
from shop.payments.models import PaymentAttempt, Refund
from tests.factories import ProducerFactory, UserFactory, make_product

from .conftest import pay_at_sandbox, place_order_as_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_order(client, zarinpal, reference_data, add_to_basket):
    shawl = make_product(title="شال", producer=ProducerFactory(), price_rials=3_000_000,
                         stock=5, with_image=False)  # fmt: skip
    bag = make_product(title="کیف", producer=ProducerFactory(), price_rials=2_000_000,
                       stock=5, with_image=False)  # fmt: skip
    add_to_basket(shawl, 2)
    add_to_basket(bag)
    client.get(pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"]))
    order = Order.objects.get()
    assert order.status == "paid"
    return order, shawl, bag


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated


def refund(client, order, part, reason="خریدار پشیمان شد"):
    return client.post(
        reverse("order-refund", args=[order.number]), {"part": part, "reason": reason}
    )


def test_whole_refund_reverses_at_the_gateway_and_returns_stock(
    client, zarinpal, paid_order, staff
):
    order, shawl, bag = paid_order
    assert (allocated(shawl), allocated(bag)) == (2, 1)
    refund(client, order, "order")
    order.refresh_from_db()
    assert order.status == "refunded"
    made = Refund.objects.get()
    assert made.method == "gateway" and made.amount_rials == int(order.total_incl_tax)
    attempt = PaymentAttempt.objects.get()
    assert attempt.status == "refunded"
    assert zarinpal.sandbox.payments[attempt.authority].status == "REVERSED"
    assert (allocated(shawl), allocated(bag)) == (0, 0)
    assert set(Fulfilment.objects.values_list("status", flat=True)) == {"cancelled"}


def test_after_the_reverse_window_the_refund_is_recorded_as_manual(
    client, zarinpal, paid_order, staff
):
    order, _shawl, _bag = paid_order
    for payment in zarinpal.sandbox.payments.values():
        payment.verified_at = time.time() - 31 * 60
    refund(client, order, "order")
    assert Refund.objects.get().method == "manual"
    assert Order.objects.get().status == "refunded"


def test_one_producers_part_is_refunded_by_hand_with_its_shipping(
    client, zarinpal, paid_order, staff
):
    order, shawl, bag = paid_order
    part = Fulfilment.objects.get(producer=shawl.stockrecords.get().partner)
    refund(client, order, part.pk)
    made = Refund.objects.get()
    assert made.method == "manual" and made.fulfilment == part
    assert made.amount_rials == 2 * 3_000_000 + part.shipping_charge_rials
    assert (allocated(shawl), allocated(bag)) == (0, 1)
    assert Order.objects.get().status == "paid"
    other = Fulfilment.objects.exclude(pk=part.pk).get()
    assert other.status == "new"

    response = refund(client, order, part.pk)  # twice
    assert Refund.objects.count() == 1
    assert "already" in str(list(response.wsgi_request._messages)) or Refund.objects.count() == 1
    refund(client, order, "order")  # the whole order after a part: refused
    assert Order.objects.get().status == "paid" and Refund.objects.count() == 1


def test_unpaid_orders_cannot_be_refunded(client, zarinpal, reference_data, add_to_basket, staff):
    add_to_basket(make_product(stock=3, with_image=False))
    place_order_as_guest(client)
    order = Order.objects.get()
    refund(client, order, "order")
    assert not Refund.objects.exists()
    assert Order.objects.get().status == "pending-payment"


def test_buyers_cannot_refund(client, zarinpal, paid_order):
    order, _shawl, _bag = paid_order
    client.force_login(UserFactory())
    response = refund(client, order, "order")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Refund.objects.exists()


def test_staff_see_the_refund_page(client, zarinpal, paid_order, staff):
    order, _shawl, _bag = paid_order
    page = client.get(reverse("order-refund", args=[order.number]))
    assert page.status_code == 200
    assert "Refund this producer" in page.content.decode() or "بازپرداخت" in page.content.decode()


def test_staff_cannot_mark_an_order_refunded_by_hand_in_oscars_dashboard(client, paid_order):
    """Only the refund screen refunds: a bare status change would leave the buyer unpaid
    and the producers' ledger crediting a sale that was given back."""
    order, *_ = paid_order
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("dashboard:order-detail", args=[order.number])
    assert client.get(url).status_code == 200
    client.post(url, {"order_action": "change_order_status", "new_status": "refunded"})
    lines = [line.pk for line in order.lines.all()]
    client.post(
        url,
        {"order_action": "change_line_statuses", "new_status": "refunded", "selected_line": lines},
    )
    order.refresh_from_db()
    assert order.status == "paid" and not Refund.objects.exists()
    assert set(order.lines.values_list("status", flat=True)) == {"paid"}
