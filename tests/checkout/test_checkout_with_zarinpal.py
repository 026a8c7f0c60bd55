"""Checkout across producers, paid through our Zarinpal sandbox over real HTTP."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from sellers.models import Fulfilment, StockRecord
from shop.payments.models import PaymentAttempt
from tests.factories import ProducerFactory, make_product

from .conftest import ADDRESS, pay_at_sandbox, place_order_as_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_producers_basket(reference_data, add_to_basket):
    kilim = make_product(
        title="گلیم قشقایی", class_slug="carpet", category_code="kilim",
        producer=ProducerFactory(), price_rials=45_000_000, stock=3, with_image=False,
        attributes={"width_cm": 100, "length_cm": 150},
    )  # fmt: skip
    figs = make_product(
        title="انجیر خشک", class_slug="food", category_code="dried-fruit",
        producer=ProducerFactory(), price_rials=1_200_000, stock=10, with_image=False,
        attributes={"net_weight_g": 500},
    )  # fmt: skip
    add_to_basket(kilim)
    add_to_basket(figs, 2)
    return kilim, figs


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


def test_order_is_placed_pending_with_stock_allocated_before_the_redirect(
    client, zarinpal, two_producers_basket
):
    kilim, figs = two_producers_basket
    response = place_order_as_guest(client)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{zarinpal.url}pg/StartPay/")
    order = Order.objects.get()
    assert order.status == "pending-payment"
    assert (allocated(kilim), allocated(figs)) == (1, 2)
    attempt = PaymentAttempt.objects.get()
    shipping = 2 * 600_000  # each producer's default fee
    assert attempt.amount_rials == 45_000_000 + 2 * 1_200_000 + shipping
    assert attempt.amount_rials == int(order.total_incl_tax)
    assert zarinpal.sandbox.payments[attempt.authority].amount_rials == attempt.amount_rials


def test_paid_order_gets_one_fulfilment_per_producer(client, zarinpal, two_producers_basket):
    kilim, figs = two_producers_basket
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"])
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "paid"
    fulfilments = Fulfilment.objects.filter(order=order)
    assert {f.producer_id for f in fulfilments} == {
        kilim.stockrecords.get().partner_id,
        figs.stockrecords.get().partner_id,
    }
    assert all(f.status == "new" and f.lines.count() == 1 for f in fulfilments)
    assert [f.shipping_charge_rials for f in fulfilments] == [600_000, 600_000]
    thanks = client.get(response["Location"]).content.decode()  # the confirmation page
    assert "زرین‌پال" in thanks
    source = order.sources.get()
    assert source.amount_debited == order.total_incl_tax and source.reference


def test_the_same_callback_twice_completes_the_order_once(client, zarinpal, two_producers_basket):
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"])
    client.get(callback)
    again = client.get(callback)
    assert again.status_code == 302 and again["Location"] == reverse("checkout:thank-you")
    assert Fulfilment.objects.count() == 2
    verifies = [r for r in PaymentAttempt.objects.get().replies if r["step"] == "verify"]
    assert len(verifies) == 1


def test_cancel_releases_stock_and_gives_the_basket_back(client, zarinpal, two_producers_basket):
    kilim, figs = two_producers_basket
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"], "cancel")
    response = client.get(callback)
    assert response["Location"] == reverse("basket:summary")
    assert Order.objects.get().status == "cancelled"
    assert (allocated(kilim), allocated(figs)) == (0, 0)
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert {(line.product_id, line.quantity) for line in basket.all_lines()} == {
        (kilim.pk, 1),
        (figs.pk, 2),
    }


def test_after_a_cancelled_payment_the_email_and_address_are_filled_in_again(
    client, zarinpal, two_producers_basket
):
    placed = place_order_as_guest(client)
    Order.objects.get().shipping_address.__class__.objects.update(notes="زنگ دوم")
    client.get(pay_at_sandbox(zarinpal, placed["Location"], "cancel"))
    form = client.get(reverse("checkout:shipping-address")).context["form"]
    assert form["notes"].value() == "زنگ دوم"  # what was typed, the delivery notes too
    assert form["email"].value() == "buyer@example.ir"
    assert form["line1"].value() == ADDRESS["line1"] and form["state"].value() == "اصفهان"
    assert form["postcode"].value() == "81346-12345"
    again = {name: form[name].value() or "" for name in form.fields}
    response = client.post(reverse("checkout:shipping-address"), again)  # as the page sends it
    assert response.status_code == 302, response.context and response.context["form"].errors
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed["Location"].startswith(f"{zarinpal.url}pg/StartPay/")
    second = Order.objects.exclude(status="cancelled").get()
    assert second.guest_email == "buyer@example.ir"
    assert (
        second.shipping_address.phone_number == Order.objects.first().shipping_address.phone_number
    )


def test_unknown_authority_is_rejected_and_changes_nothing(client, zarinpal, two_producers_basket):
    place_order_as_guest(client)
    response = client.get(
        reverse("checkout:zarinpal-callback"), {"Authority": "A" + "7" * 35, "Status": "OK"}
    )
    assert response.status_code == 400
    assert Order.objects.get().status == "pending-payment"


def test_gateway_failure_on_request_keeps_the_order_payable_and_charges_once(
    client, zarinpal, two_producers_basket
):
    zarinpal.sandbox.misbehave("request", "5xx")
    response = place_order_as_guest(client)
    order = Order.objects.get()
    assert response["Location"] == reverse("checkout:pay-order", args=[order.number])
    page = client.get(response["Location"])
    assert "زرین‌پال" in page.content.decode() or page.status_code == 200
    assert order.status == "pending-payment"

    retry = client.post(reverse("checkout:pay-order", args=[order.number]))
    assert retry["Location"].startswith(f"{zarinpal.url}pg/StartPay/")
    client.get(pay_at_sandbox(zarinpal, retry["Location"]))
    order.refresh_from_db()
    assert order.status == "paid"
    assert PaymentAttempt.objects.filter(status="paid").count() == 1
    verified = [p for p in zarinpal.sandbox.payments.values() if p.status == "VERIFIED"]
    assert len(verified) == 1


def test_another_buyer_cannot_pay_or_see_the_order(client, zarinpal, two_producers_basket):
    from django.test import Client

    place_order_as_guest(client)
    order = Order.objects.get()
    stranger = Client()
    assert stranger.get(reverse("checkout:pay-order", args=[order.number])).status_code == 404
    assert stranger.post(reverse("checkout:pay-order", args=[order.number])).status_code == 404


def test_verify_failure_leaves_the_order_pending_until_reconciled(
    client, zarinpal, two_producers_basket
):
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"])
    zarinpal.sandbox.misbehave("verify", "drop")
    response = client.get(callback)
    assert response.status_code == 202
    assert Order.objects.get().status == "pending-payment"
    assert PaymentAttempt.objects.get().status == "unknown"


def test_buyer_and_each_producer_are_emailed_once_paid(
    client, zarinpal, two_producers_basket, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    kilim, figs = two_producers_basket
    for product, email in ((kilim, "kilim@example.ir"), (figs, "figs@example.ir")):
        product.stockrecords.get().partner.users.add(UserFactory(email=email))
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(callback)
    recipients = sorted(r for message in mailoutbox for r in message.to)
    assert recipients == ["buyer@example.ir", "figs@example.ir", "kilim@example.ir"]
    buyer = next(m for m in mailoutbox if m.to == ["buyer@example.ir"])
    assert "پرداخت شد" in buyer.subject and "۴٬۸۶۰٬۰۰۰ تومان" in buyer.body
    kilim_mail = next(m for m in mailoutbox if m.to == ["kilim@example.ir"])
    assert "گلیم قشقایی" in kilim_mail.body and "انجیر" not in kilim_mail.body


def test_order_paid_emails_are_sent_once_when_the_task_runs_twice(
    client, zarinpal, two_producers_basket, mailoutbox, django_capture_on_commit_callbacks
):
    from shop.checkout.tasks import EMAILS_SENT_NOTE, send_order_paid_emails

    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(callback)
    order = Order.objects.get()
    sent = len(mailoutbox)
    assert sent >= 1

    send_order_paid_emails.delay(order.pk)
    assert len(mailoutbox) == sent
    assert order.notes.filter(note_type=EMAILS_SENT_NOTE).count() == 1


def test_a_stranger_with_a_cancelled_orders_callback_gets_none_of_its_email_or_address(
    client, zarinpal, two_producers_basket
):
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(client)["Location"], "cancel")
    stranger = Client()
    response = stranger.get(callback)
    assert response.status_code == 302 and response["Location"] == "/"
    assert Order.objects.get().status == "cancelled"
    session = stranger.session.get("checkout_data", {})
    assert not session.get("guest") and not session.get("shipping")
    kilim, _figs = two_producers_basket
    stranger.post(reverse("basket:add", args=[kilim.pk]), {"quantity": 1})
    form = stranger.get(reverse("checkout:shipping-address")).context["form"]
    assert not form["email"].value() and not form["line1"].value()
