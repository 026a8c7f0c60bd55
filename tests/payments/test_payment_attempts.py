"""Payment attempts through the Zarinpal adapter and our sandbox, on the real database."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.db import connection, connections
from oscar.test.factories import create_order

from shop.payments import services
from shop.payments.exceptions import CallbackMismatch, GatewayUnavailable
from shop.payments.models import PaymentAttempt

Status = PaymentAttempt.Status
CALLBACK = "http://127.0.0.1:8000/checkout/zarinpal/callback/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(zarinpal):
    return services.create_attempt(create_order(), "zarinpal", 1_250_000)


def pay(server, url, button="pay"):
    authority = url.rstrip("/").rsplit("/", 1)[1]
    reply = requests.post(f"{server.url}pg/StartPay/{authority}/{button}", allow_redirects=False)
    return {k: v[0] for k, v in parse_qs(urlsplit(reply.headers["Location"]).query).items()}


def test_paid_attempt_keeps_reference_card_and_raw_replies(zarinpal, attempt):
    url = services.start_attempt(attempt, CALLBACK)
    attempt.refresh_from_db()
    assert attempt.status == Status.REDIRECTED and url.endswith(attempt.authority)
    params = pay(zarinpal, url)
    settled = services.confirm_callback(params["Authority"], params)
    assert settled.status == Status.PAID and settled.ref_id and settled.card_pan
    assert [r["step"] for r in settled.replies] == ["request", "verify"]


def test_the_same_callback_twice_settles_once(zarinpal, attempt):
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK))
    first = services.confirm_callback(params["Authority"], params)
    second = services.confirm_callback(params["Authority"], params)
    assert second.status == first.status == Status.PAID
    assert second.ref_id == first.ref_id
    assert len(PaymentAttempt.objects.get(pk=attempt.pk).replies) == 2  # verified once


# Threads need committed rows; serialized_rollback restores what migrations created.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_duplicate_callbacks_verify_once(zarinpal):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL); SQLite locks the whole table")
    attempt = services.create_attempt(create_order(), "zarinpal", 1_250_000)
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK))

    def confirm(_):
        try:
            return services.confirm_callback(params["Authority"], params).ref_id
        finally:
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(confirm, range(4)))
    assert len(set(results)) == 1
    verifies = [
        r for r in PaymentAttempt.objects.get(pk=attempt.pk).replies if r["step"] == "verify"
    ]
    assert len(verifies) == 1


def test_cancelled_payment_fails_the_attempt(zarinpal, attempt):
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK), "cancel")
    assert services.confirm_callback(params["Authority"], params).status == Status.FAILED


def test_unknown_authority_is_rejected(zarinpal, attempt):
    services.start_attempt(attempt, CALLBACK)
    with pytest.raises(CallbackMismatch):
        services.confirm_callback("A" + "9" * 35, {"Status": "OK"})


def test_a_zarinpal_attempt_is_not_settled_through_another_adapters_path(zarinpal, attempt):
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK))
    with pytest.raises(CallbackMismatch):
        services.confirm_callback(params["Authority"], params, adapter_name="booth")
    assert PaymentAttempt.objects.get(pk=attempt.pk).status == Status.REDIRECTED


def test_tampered_amount_never_pays(zarinpal, attempt):
    """The gateway holds 1,250,000 Rials; someone changed our stored amount afterwards."""
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK))
    PaymentAttempt.objects.filter(pk=attempt.pk).update(amount_rials=10_000)
    settled = services.confirm_callback(params["Authority"], params)
    assert settled.status == Status.FAILED
    assert zarinpal.sandbox.payments[params["Authority"]].status == "PAID"  # not verified


def test_gateway_timeout_on_request_leaves_the_attempt_retryable(zarinpal, attempt):
    zarinpal.sandbox.misbehave("request", "delay", seconds=3)
    with pytest.raises(GatewayUnavailable):
        services.start_attempt(attempt, CALLBACK)
    attempt.refresh_from_db()
    assert attempt.status == Status.CREATED and attempt.authority is None
    assert zarinpal.sandbox.payments == {} or all(
        p.status == "PENDING" for p in zarinpal.sandbox.payments.values()
    )  # nothing charged


@pytest.mark.parametrize("mode", ["delay", "5xx", "drop"])
def test_what_the_gateway_said_when_opening_failed_is_kept(zarinpal, attempt, mode):
    """The attempt is saved with the gateway's error, not only left as it was."""
    zarinpal.sandbox.misbehave("request", mode, seconds=3)
    with pytest.raises(GatewayUnavailable):
        services.start_attempt(attempt, CALLBACK)
    kept = PaymentAttempt.objects.get(pk=attempt.pk)
    assert kept.status == Status.CREATED and kept.authority is None
    assert kept.replies[-1]["step"] == "request" and kept.replies[-1]["reply"]["error"]


@pytest.mark.parametrize("mode", ["5xx", "drop"])
def test_gateway_failure_during_verify_makes_the_outcome_unknown_then_reconciles_paid(
    zarinpal, attempt, mode
):
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK))
    zarinpal.sandbox.misbehave("verify", mode)
    assert services.confirm_callback(params["Authority"], params).status == Status.UNKNOWN
    assert services.reconcile(PaymentAttempt.objects.get(pk=attempt.pk)).status == Status.PAID


def test_reconcile_fails_an_attempt_the_buyer_never_paid(zarinpal, attempt):
    params = pay(zarinpal, services.start_attempt(attempt, CALLBACK), "cancel")
    zarinpal.sandbox.misbehave("verify", "5xx")
    PaymentAttempt.objects.filter(pk=attempt.pk).update(status=Status.UNKNOWN)
    del params
    assert services.reconcile(PaymentAttempt.objects.get(pk=attempt.pk)).status == Status.FAILED
