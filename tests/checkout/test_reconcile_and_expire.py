"""Payments whose outcome is unknown, and orders nobody paid for."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from oscar.apps.order.models import Order

from sellers.models import Fulfilment, StockRecord
from shop.payments.models import PaymentAttempt
from tests.factories import make_product

from .conftest import pay_at_sandbox, place_order_as_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(client, zarinpal, reference_data, add_to_basket):
    """An order placed and sent to the gateway; returns (StartPay URL, product)."""
    product = make_product(title="شال ترمه", stock=4, price_rials=2_500_000, with_image=False)
    add_to_basket(product, 2)
    return place_order_as_guest(client)["Location"], product


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated


def test_reconcile_settles_an_unknown_payment_as_paid(client, zarinpal, placed):
    url, product = placed
    callback = pay_at_sandbox(zarinpal, url)
    zarinpal.sandbox.misbehave("verify", "5xx")
    client.get(callback)
    assert PaymentAttempt.objects.get().status == "unknown"

    call_command("reconcile_payments")
    assert PaymentAttempt.objects.get().status == "paid"
    assert Order.objects.get().status == "paid"
    assert Fulfilment.objects.count() == 1 and allocated(product) == 2


def test_reconcile_settles_an_unknown_payment_as_failed_and_releases_stock(zarinpal, placed):
    url, product = placed
    pay_at_sandbox(zarinpal, url, "cancel")  # the callback never reached us
    PaymentAttempt.objects.update(status="unknown")

    call_command("reconcile_payments")
    assert PaymentAttempt.objects.get().status == "failed"
    assert Order.objects.get().status == "cancelled" and allocated(product) == 0


def test_reconcile_finds_buyers_who_paid_but_never_came_back(zarinpal, placed):
    url, _product = placed
    pay_at_sandbox(zarinpal, url)  # paid at the bank; the browser closed before the callback
    assert PaymentAttempt.objects.get().status == "redirected"

    call_command("reconcile_payments")
    assert Order.objects.get().status == "paid"


def test_reconcile_is_harmless_when_the_gateway_is_down(zarinpal, placed):
    from django.core.management import CommandError

    zarinpal.sandbox.misbehave("unVerified", "5xx")
    with pytest.raises(CommandError, match="did not answer"):
        call_command("reconcile_payments")
    assert Order.objects.get().status == "pending-payment"


def test_unpaid_orders_expire_and_a_late_payment_is_not_taken(client, zarinpal, placed):
    url, product = placed
    Order.objects.update(date_placed=timezone.now() - timedelta(minutes=31))

    call_command("expire_pending_orders")
    assert Order.objects.get().status == "cancelled" and allocated(product) == 0

    late = client.get(pay_at_sandbox(zarinpal, url))  # the buyer pays on the still-open page
    assert late.status_code == 302
    attempt = PaymentAttempt.objects.get()
    assert attempt.status == "failed"
    assert zarinpal.sandbox.payments[attempt.authority].status == "PAID"  # never verified


def test_recent_unpaid_orders_are_left_alone(zarinpal, placed):
    call_command("expire_pending_orders")
    assert Order.objects.get().status == "pending-payment"


def test_expiry_asks_the_gateway_first(zarinpal, placed):
    url, _product = placed
    pay_at_sandbox(zarinpal, url)
    Order.objects.update(date_placed=timezone.now() - timedelta(minutes=45))
    call_command("expire_pending_orders")
    assert Order.objects.get().status == "paid"
