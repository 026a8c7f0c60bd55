"""Money is verified for an order at most once, paid orders are never cancelled, and a
callback settles only its own attempt, of its own adapter, for its own buyer (issue 7)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.order.models import Order
from oscar.apps.payment.models import Source

from sellers.models import Fulfilment, StockRecord
from shop.checkout import services
from shop.checkout.exceptions import PaymentNotAllowed
from shop.payments import services as payments
from shop.payments.models import PaymentAttempt, Refund
from shop.payments.zarinpal import sandbox as zarinpal_sandbox
from tests.factories import UserFactory, make_product

from .conftest import pay_at_sandbox, place_order_as_guest

pytestmark = pytest.mark.django_db
Status = PaymentAttempt.Status


@pytest.fixture
def product(reference_data):
    return make_product(title="گیوه کرمانشاهی", stock=3, price_rials=8_000_000, with_image=False)


@pytest.fixture
def first_tab(client, zarinpal, product, add_to_basket):
    """An order placed and sent to the gateway (attempt A1); returns its StartPay URL."""
    add_to_basket(product, 2)
    return place_order_as_guest(client)["Location"]


def second_tab(client):
    """The same buyer opens the pay page again (attempt A2); returns its StartPay URL."""
    order = Order.objects.get()
    response = client.post(reverse("checkout:pay-order", args=[order.number]))
    assert response.status_code == 302
    return response["Location"]


def authority_of(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


# 1. Double charge ------------------------------------------------------------------------


def test_an_order_paid_in_two_tabs_is_verified_once_and_the_second_payment_is_not_taken(
    client, zarinpal, product, first_tab
):
    a2 = second_tab(client)
    first_callback = pay_at_sandbox(zarinpal, first_tab)
    second_callback = pay_at_sandbox(zarinpal, a2)

    client.get(first_callback)
    response = client.get(second_callback)

    order = Order.objects.get()
    assert order.status == "paid"
    assert response["Location"] == reverse("checkout:thank-you")
    assert PaymentAttempt.objects.filter(status=Status.PAID).count() == 1
    assert PaymentAttempt.objects.get(authority=authority_of(a2)).status == Status.FAILED
    gateway = zarinpal.sandbox.payments
    assert gateway[authority_of(first_tab)].status == "VERIFIED"
    assert gateway[authority_of(a2)].status == "PAID"  # never verified: the bank returns it
    assert Source.objects.filter(order=order).count() == 1
    assert Fulfilment.objects.filter(order=order).count() == 1
    assert allocated(product) == 2


def verified_but_reply_lost(zarinpal, url):
    """A verify that went through at the gateway whose reply never reached us."""
    authority = authority_of(url)
    code, _data = zarinpal.sandbox.verify({
        "merchant_id": zarinpal_sandbox.SANDBOX_MERCHANT_ID,
        "authority": authority,
        "amount": PaymentAttempt.objects.get(authority=authority).amount_rials,
    })  # fmt: skip
    assert code == 100
    PaymentAttempt.objects.filter(authority=authority).update(status=Status.UNKNOWN)


def test_money_verified_by_a_race_on_a_paid_order_is_reversed_at_once(client, zarinpal, first_tab):
    a2 = second_tab(client)
    pay_at_sandbox(zarinpal, a2)
    verified_but_reply_lost(zarinpal, a2)
    client.get(pay_at_sandbox(zarinpal, first_tab))  # A1 pays the order

    call_command("reconcile_payments")

    late = PaymentAttempt.objects.get(authority=authority_of(a2))
    assert late.status == Status.REFUNDED
    assert zarinpal.sandbox.payments[late.authority].status == "REVERSED"
    refund = Refund.objects.get(attempt=late)
    assert (refund.method, refund.amount_rials) == (Refund.Method.GATEWAY, late.amount_rials)
    assert Order.objects.get().status == "paid"
    assert PaymentAttempt.objects.filter(status=Status.PAID).count() == 1


def test_money_the_gateway_cannot_reverse_is_queued_for_a_manual_refund_staff_see(
    client, zarinpal, first_tab, admin_client
):
    a2 = second_tab(client)
    pay_at_sandbox(zarinpal, a2)
    verified_but_reply_lost(zarinpal, a2)
    client.get(pay_at_sandbox(zarinpal, first_tab))
    zarinpal.sandbox.misbehave("reverse", "5xx", times=3)

    call_command("reconcile_payments")

    refund = Refund.objects.get()
    assert refund.method == Refund.Method.MANUAL and refund.attempt.status == Status.REFUNDED
    page = admin_client.get(reverse("manual-refunds"))
    assert page.status_code == 200
    assert Order.objects.get().number in page.content.decode()


def test_a_payment_for_a_cancelled_order_is_never_verified(client, zarinpal, first_tab):
    a2 = second_tab(client)
    Order.objects.update(date_placed=timezone.now() - timedelta(hours=1))
    call_command("expire_pending_orders")
    assert Order.objects.get().status == "cancelled"

    client.get(pay_at_sandbox(zarinpal, a2))

    assert zarinpal.sandbox.payments[authority_of(a2)].status == "PAID"  # not verified
    assert not PaymentAttempt.objects.filter(status=Status.PAID).exists()


# 2. Expiry during a gateway outage -------------------------------------------------------


@pytest.fixture
def paid_but_unconfirmed(client, zarinpal, product, first_tab):
    """The buyer paid; verify and every later inquiry fail: we do not know the outcome."""
    callback = pay_at_sandbox(zarinpal, first_tab)
    zarinpal.sandbox.misbehave("verify", "drop")
    assert client.get(callback).status_code == 202
    for endpoint in ("inquiry", "verify", "unVerified"):
        zarinpal.sandbox.misbehave(endpoint, "5xx", times=100)
    Order.objects.update(date_placed=timezone.now() - timedelta(hours=1))
    return PaymentAttempt.objects.get()


def test_expiry_never_cancels_an_order_whose_payment_the_gateway_cannot_confirm(
    zarinpal, product, paid_but_unconfirmed
):
    call_command("expire_pending_orders")

    assert Order.objects.get().status == "pending-payment"
    assert allocated(product) == 2
    assert PaymentAttempt.objects.get().status == Status.UNKNOWN

    zarinpal.sandbox.faults.clear()
    call_command("reconcile_payments")  # the gateway is back: the payment is settled
    assert Order.objects.get().status == "paid"


def test_after_the_hard_limit_the_payment_is_abandoned_and_the_buyer_is_told(
    zarinpal, product, paid_but_unconfirmed, mailoutbox, django_capture_on_commit_callbacks
):
    PaymentAttempt.objects.update(created_at=timezone.now() - timedelta(hours=7))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_pending_orders")

    assert Order.objects.get().status == "cancelled" and allocated(product) == 0
    (mail,) = mailoutbox
    assert mail.to == ["buyer@example.ir"] and "لغو شد" in mail.subject
    assert "برمی‌گرداند" in mail.body

    zarinpal.sandbox.faults.clear()  # the gateway answers again
    call_command("reconcile_payments")
    attempt = PaymentAttempt.objects.get()
    assert attempt.status == Status.FAILED and attempt.replies[-1]["step"] == "abandoned"
    assert zarinpal.sandbox.payments[attempt.authority].status == "PAID"  # never verified


def test_money_verified_before_the_outage_of_a_given_up_order_is_given_back(
    client, zarinpal, product, first_tab
):
    pay_at_sandbox(zarinpal, first_tab)
    zarinpal.sandbox.misbehave("verify", "lose")  # verified at the gateway, reply lost
    client.get(pay_at_sandbox(zarinpal, first_tab))
    assert PaymentAttempt.objects.get().status == Status.UNKNOWN
    zarinpal.sandbox.misbehave("inquiry", "5xx", times=5)
    Order.objects.update(date_placed=timezone.now() - timedelta(hours=8))
    PaymentAttempt.objects.update(created_at=timezone.now() - timedelta(hours=7))
    call_command("expire_pending_orders")
    assert Order.objects.get().status == "cancelled"

    zarinpal.sandbox.faults.clear()
    call_command("reconcile_payments")

    attempt = PaymentAttempt.objects.get()
    assert attempt.status == Status.REFUNDED
    assert zarinpal.sandbox.payments[attempt.authority].status == "REVERSED"
    assert Refund.objects.get(attempt=attempt).method == Refund.Method.GATEWAY


# 3. A failed callback fails its attempt only --------------------------------------------


def test_cancelling_in_one_tab_leaves_the_other_tabs_payment_open(
    client, zarinpal, product, first_tab
):
    a2 = second_tab(client)
    response = client.get(pay_at_sandbox(zarinpal, a2, "cancel"))

    order = Order.objects.get()
    assert order.status == "pending-payment" and allocated(product) == 2
    assert response["Location"] == reverse("checkout:pay-order", args=[order.number])
    assert PaymentAttempt.objects.get(authority=authority_of(a2)).status == Status.FAILED

    client.get(pay_at_sandbox(zarinpal, first_tab))
    assert Order.objects.get().status == "paid"


@pytest.mark.parametrize("status", ["OK", "NOK"])
def test_a_forged_callback_before_paying_does_not_cancel_the_order(
    client, zarinpal, product, first_tab, status
):
    authority = authority_of(first_tab)
    forged = f"{reverse('checkout:zarinpal-callback')}?Authority={authority}&Status={status}"
    Client().get(forged)

    assert Order.objects.get().status == "pending-payment" and allocated(product) == 2
    assert PaymentAttempt.objects.get().status == Status.REDIRECTED

    client.get(pay_at_sandbox(zarinpal, first_tab))  # the real payment still settles
    assert Order.objects.get().status == "paid"


def test_the_order_is_cancelled_when_its_last_open_attempt_fails(
    client, zarinpal, product, first_tab
):
    a2 = second_tab(client)
    client.get(pay_at_sandbox(zarinpal, a2, "cancel"))
    response = client.get(pay_at_sandbox(zarinpal, first_tab, "cancel"))

    assert Order.objects.get().status == "cancelled" and allocated(product) == 0
    assert response["Location"] == reverse("basket:summary")


# 4. An order's pages belong to its buyer -------------------------------------------------


def test_the_thank_you_page_never_shows_another_buyers_order(client, zarinpal, first_tab):
    callback = pay_at_sandbox(zarinpal, first_tab)
    stranger = Client()

    response = stranger.get(callback)
    assert response.status_code == 302 and response["Location"] == "/"
    thanks = stranger.get(reverse("checkout:thank-you"))
    page = thanks.content.decode()
    assert "مریم" not in page and "buyer@example.ir" not in page and "09121234567" not in page
    assert Order.objects.get().status == "paid"  # the payment itself is settled

    mine = client.get(callback)  # the buyer comes back with the same callback
    assert mine["Location"] == reverse("checkout:thank-you")
    assert "مریم" in client.get(reverse("checkout:thank-you")).content.decode()


def test_a_logged_in_stranger_cannot_pay_or_see_a_buyers_order(zarinpal, product):
    buyer, stranger = Client(), Client()
    buyer.force_login(UserFactory(email="buyer@example.ir"))
    stranger.force_login(UserFactory(email="other@example.ir"))
    buyer.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    buyer.post(reverse("checkout:shipping-address"), {
        "first_name": "مریم", "last_name": "احمدی", "line1": "خیابان چهارباغ",
        "line4": "اصفهان", "state": "اصفهان", "postcode": "8134612345",
        "phone_number": "09121234567",
    })  # fmt: skip
    buyer.get(reverse("checkout:shipping-method"))
    buyer.get(reverse("checkout:payment-method"))
    assert buyer.post(reverse("checkout:preview"), {"action": "place_order"}).status_code == 302
    order = Order.objects.get()
    assert order.user is not None

    url = reverse("checkout:pay-order", args=[order.number])
    assert stranger.get(url).status_code == 404
    assert stranger.post(url).status_code == 404
    assert buyer.get(url).status_code == 200


# 5. Each adapter settles only through its own path ---------------------------------------


@pytest.fixture
def booth_order(reference_data):
    from oscar.apps.partner.strategy import Selector
    from oscar.test.factories import create_basket, create_order

    producer_product = make_product(title="نمد", stock=2, with_image=False)
    basket = create_basket(empty=True)
    basket.strategy = Selector().strategy()
    basket.add_product(producer_product)
    order = create_order(basket=basket)
    order.set_status("pending-payment")
    attempt = payments.create_attempt(order, "booth", 3_000_000)
    payments.start_attempt(attempt, "/seller/booth-sales/")
    attempt.refresh_from_db()
    return order, attempt, producer_product.stockrecords.get().partner


def test_the_public_zarinpal_callback_refuses_a_booth_payment(client, zarinpal, booth_order):
    order, attempt, _producer = booth_order
    url = reverse("checkout:zarinpal-callback")

    response = client.get(url, {"Authority": attempt.authority, "Status": "OK"})

    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == Status.REDIRECTED and attempt.replies == []
    assert Order.objects.get(pk=order.pk).status == "pending-payment"


def test_a_booth_payment_is_confirmed_only_by_the_producer_who_took_the_money(booth_order):
    order, attempt, producer = booth_order
    with pytest.raises(PaymentNotAllowed):
        services.settle_booth_payment(attempt.pk, UserFactory())
    assert Order.objects.get(pk=order.pk).status == "pending-payment"

    seller = UserFactory()
    producer.users.add(seller)
    attempt, order = services.settle_booth_payment(attempt.pk, seller)
    assert attempt.status == Status.PAID and order.status == "paid"


# The gateway refuses to verify (a code other than paid / not paid) ------------------------


def test_a_gateway_refusal_on_verify_leaves_the_payment_to_reconcile(
    client, zarinpal, settings, first_tab
):
    callback = pay_at_sandbox(zarinpal, first_tab)
    settings.ZARINPAL_MERCHANT_ID = zarinpal_sandbox.INACTIVE_MERCHANT_ID  # -11 on verify

    response = client.get(callback)

    assert response.status_code == 202
    assert PaymentAttempt.objects.get().status == Status.UNKNOWN
    assert Order.objects.get().status == "pending-payment"
    settings.ZARINPAL_MERCHANT_ID = zarinpal_sandbox.SANDBOX_MERCHANT_ID
    call_command("reconcile_payments")
    assert Order.objects.get().status == "paid"
