"""Booth fees paid online from the seller panel, over real HTTP to the Zarinpal sandbox: a
replayed callback, a tampered amount, a gateway timeout, a payment for an application no
longer waiting for it, and reconciliation of an unknown outcome."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exhibitions import services
from exhibitions.models import BoothApplication, BoothAssignment
from shop.payments.models import PaymentAttempt, Refund
from tests.checkout.conftest import pay_at_sandbox

pytestmark = pytest.mark.django_db
Status = PaymentAttempt.Status


@pytest.fixture
def accepted(fair, producer_client, organizer_client):
    """The producer's application, accepted with booth B2 and its 20,000,000 Rials fee."""
    _client, producer = producer_client
    application = services.apply(fair, producer, preferred_kind="standard")
    return services.accept(application, fair.booths.get(code="B2"), organizer_client[0].user)


def start_paying(client, application):
    response = client.post(reverse("seller:application-pay", args=[application.pk]))
    assert response.status_code == 302
    return response["Location"]


def test_the_producer_pays_the_fee_at_zarinpal_and_the_booth_is_confirmed(
    zarinpal, producer_client, accepted, sms_outbox, django_capture_on_commit_callbacks
):
    client, _producer = producer_client
    startpay = start_paying(client, accepted)
    assert startpay.startswith(zarinpal.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(pay_at_sandbox(zarinpal, startpay))

    assert response.status_code == 302
    assert response["Location"] == reverse("seller:application", args=[accepted.pk])
    accepted.refresh_from_db()
    assert accepted.status == "paid" and accepted.paid_at is not None
    attempt = accepted.payment_attempts.get()
    assert (attempt.status, attempt.amount_rials) == (Status.PAID, 20_000_000)
    assert zarinpal.sandbox.payments[attempt.authority].status == "VERIFIED"
    assert "B2" in sms_outbox[-1].text
    page = client.get(reverse("seller:application", args=[accepted.pk]))
    assert 'data-booth="B2" data-state="yours"' in page.content.decode()


def test_a_replayed_callback_changes_nothing(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(client, accepted))
    client.get(callback)
    paid_at = BoothApplication.objects.get(pk=accepted.pk).paid_at
    client.get(callback)
    client.get(callback)

    accepted.refresh_from_db()
    assert accepted.status == "paid" and accepted.paid_at == paid_at
    assert accepted.payment_attempts.get().status == Status.PAID
    assert not Refund.objects.exists()


def test_a_tampered_amount_never_confirms_the_booth(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(client, accepted))
    PaymentAttempt.objects.update(amount_rials=10_000)  # our record changed after paying
    client.get(callback)

    accepted.refresh_from_db()
    attempt = accepted.payment_attempts.get()
    assert accepted.status == "accepted" and attempt.status == Status.FAILED
    assert zarinpal.sandbox.payments[attempt.authority].status == "PAID"  # never verified


def test_a_gateway_timeout_charges_nothing_and_the_producer_can_try_again(
    zarinpal, producer_client, accepted
):
    client, _producer = producer_client
    zarinpal.sandbox.misbehave("request", "delay", seconds=3)
    response = client.post(reverse("seller:application-pay", args=[accepted.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("seller:application", args=[accepted.pk])
    assert accepted.payment_attempts.get().status == Status.FAILED
    startpay = start_paying(client, accepted)  # the gateway is back
    client.get(pay_at_sandbox(zarinpal, startpay))
    accepted.refresh_from_db()
    assert accepted.status == "paid"


def test_cancelling_at_the_gateway_leaves_the_fee_to_pay(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    client.get(pay_at_sandbox(zarinpal, start_paying(client, accepted), button="cancel"))
    accepted.refresh_from_db()
    assert accepted.status == "accepted"
    assert accepted.payment_attempts.get().status == Status.FAILED


def test_expiry_asks_the_gateway_first_and_confirms_a_fee_paid_without_coming_back(
    zarinpal, producer_client, accepted
):
    client, _producer = producer_client
    pay_at_sandbox(zarinpal, start_paying(client, accepted))  # paid; the browser never returns

    assert services.expire_unpaid(now=accepted.pay_by + datetime.timedelta(hours=1)) == []

    accepted.refresh_from_db()
    assert accepted.status == "paid"
    assert BoothAssignment.objects.filter(application=accepted, released_at=None).exists()


def test_expiry_waits_while_the_gateway_cannot_answer(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    pay_at_sandbox(zarinpal, start_paying(client, accepted))
    zarinpal.sandbox.misbehave("inquiry", "5xx", times=10)
    later = accepted.pay_by + datetime.timedelta(hours=1)

    assert services.expire_unpaid(now=later) == []
    accepted.refresh_from_db()
    assert accepted.status == "accepted"  # an unknown payment keeps the hold

    zarinpal.sandbox.faults.clear()
    services.expire_unpaid(now=later)
    accepted.refresh_from_db()
    assert accepted.status == "paid"


def test_money_for_a_rejected_application_is_never_taken(
    zarinpal, producer_client, accepted, organizer_client
):
    client, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(client, accepted))
    services.reject(accepted, "پرداخت دیر شد", organizer_client[0].user)
    client.get(callback)  # the producer's browser comes back afterwards

    attempt = accepted.payment_attempts.get()
    assert attempt.status == Status.FAILED
    assert zarinpal.sandbox.payments[attempt.authority].status == "PAID"  # never verified:
    # Zarinpal returns unverified money to the payer by itself.
    accepted.refresh_from_db()
    assert accepted.status == "rejected"


def test_an_unknown_outcome_is_settled_by_reconciliation(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(client, accepted))
    zarinpal.sandbox.misbehave("verify", "lose")  # verified at the gateway, reply lost
    client.get(callback)
    assert accepted.payment_attempts.get().status == Status.UNKNOWN

    call_command("reconcile_payments")

    accepted.refresh_from_db()
    assert accepted.status == "paid"
    assert accepted.payment_attempts.get().status == Status.PAID


def test_a_second_payment_of_a_paid_fee_is_never_taken(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    first = start_paying(client, accepted)
    second = start_paying(client, accepted)  # another tab
    client.get(pay_at_sandbox(zarinpal, first))
    client.get(pay_at_sandbox(zarinpal, second))

    attempts = {a.authority: a.status for a in accepted.payment_attempts.all()}
    assert sorted(attempts.values()) == [Status.FAILED, Status.PAID]
    (unverified,) = [a for a, status in attempts.items() if status == Status.FAILED]
    # Never verified: Zarinpal returns it to the payer by itself; nothing to refund by hand.
    assert zarinpal.sandbox.payments[unverified].status == "PAID"
    assert not Refund.objects.exists()


def test_a_rejected_application_cannot_be_paid_online(zarinpal, producer_client, accepted,
                                                      organizer_client):  # fmt: skip
    client, _producer = producer_client
    services.reject(accepted, "جا نداریم", organizer_client[0].user)
    response = client.post(reverse("seller:application-pay", args=[accepted.pk]))
    assert response["Location"] == reverse("seller:application", args=[accepted.pk])
    assert not accepted.payment_attempts.exists() and zarinpal.sandbox.payments == {}


def test_the_fee_cannot_be_paid_after_its_deadline(zarinpal, producer_client, accepted):
    client, _producer = producer_client
    BoothApplication.objects.filter(pk=accepted.pk).update(
        pay_by=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.post(reverse("seller:application-pay", args=[accepted.pk]))
    assert not accepted.payment_attempts.exists()


def test_the_order_callback_refuses_a_booth_fee_and_the_fee_callback_an_order(
    zarinpal, producer_client, accepted, client
):
    producer_client_, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(producer_client_, accepted))
    query = callback.split("?", 1)[1]
    assert client.get(reverse("checkout:zarinpal-callback") + "?" + query).status_code == 400
    assert client.get(reverse("seller:fee-callback") + "?Authority=A0&Status=OK").status_code == 400
    accepted.refresh_from_db()
    assert accepted.status == "accepted"


def test_someone_else_returning_with_the_authority_learns_nothing(
    zarinpal, producer_client, accepted, client
):
    """The attempt is settled (it is checked with the gateway), but a stranger is sent home."""
    producer_client_, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(producer_client_, accepted))
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/"
    accepted.refresh_from_db()
    assert accepted.status == "paid"


def test_money_verified_for_an_application_rejected_meanwhile_is_given_back(
    zarinpal, producer_client, accepted, organizer_client
):
    client, _producer = producer_client
    callback = pay_at_sandbox(zarinpal, start_paying(client, accepted))
    zarinpal.sandbox.misbehave("verify", "lose")  # verified at the gateway, reply lost
    client.get(callback)
    services.reject(accepted, "غرفه به دیگری رسید", organizer_client[0].user)

    call_command("reconcile_payments")

    attempt = accepted.payment_attempts.get()
    assert attempt.status == Status.REFUNDED
    assert zarinpal.sandbox.payments[attempt.authority].status == "REVERSED"
    assert Refund.objects.get(attempt=attempt).amount_rials == 20_000_000
    accepted.refresh_from_db()
    assert accepted.status == "rejected"
