"""The payment lifecycle as a state machine (hypothesis), against the Zarinpal sandbox over
real HTTP: whatever buyers, strangers, the gateway and the scheduled jobs do, money, stock
and orders stay consistent.

Invariants after every step, for the orders of the run:
- an order is paid iff exactly one of its attempts is paid (verified and kept);
- money the gateway holds as verified belongs to that paid attempt (or to an attempt whose
  verify reply was lost, until reconcile_payments learns of it); reversed money is a
  refunded attempt with its Refund;
- stock allocated equals the quantity on pending and paid orders;
- a paid order has one payment source and one fulfilment (one producer); others have none.
"""

from collections import Counter
from datetime import timedelta
from itertools import count

import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from oscar.apps.order.models import Order
from oscar.apps.payment.models import Source

from sellers.models import Fulfilment, StockRecord
from shop.checkout import services
from shop.payments.exceptions import GatewayUnavailable
from shop.payments.models import PaymentAttempt, Refund
from tests.factories import make_product

from .conftest import pay_at_sandbox, place_order_as_guest

pytestmark = pytest.mark.django_db
Status = PaymentAttempt.Status
STEPS = count()
SEEN = Counter()  # rules run, and order and attempt statuses at each teardown
FAULTY_ENDPOINTS = ("request", "verify", "inquiry", "unVerified", "reverse")


def authority_of(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def make_machine(gateway):
    class PaymentLifecycle(RuleBasedStateMachine):
        attempts = Bundle("attempts")  # (buyer's client, StartPay URL)
        callbacks = Bundle("callbacks")  # (buyer's client, callback path)

        def __init__(self):
            super().__init__()
            gateway.sandbox.faults.clear()
            self.product = make_product(title="گلیم", stock=4, with_image=False)
            self.record = StockRecord.objects.get(product=self.product)
            self.orders = {}  # order id → buyer's client

        @initialize(target=attempts, quantity=st.integers(1, 2))
        def a_first_buyer(self, quantity):
            return self.place_order(quantity)

        @initialize(target=attempts, quantity=st.integers(1, 2))
        def a_second_buyer(self, quantity):
            return self.place_order(quantity)

        def step(self):
            import inspect

            SEEN["rule " + inspect.stack()[1].function] += 1
            next(STEPS)

        @rule(target=attempts, quantity=st.integers(1, 2))
        def place_order(self, quantity):
            self.step()
            buyer = Client()
            buyer.post(reverse("basket:add", args=[self.product.pk]), {"quantity": quantity})
            try:
                response = place_order_as_guest(buyer)
            except AssertionError:
                return multiple()  # out of stock: the checkout sends the buyer back
            order = Order.objects.filter(lines__stockrecord=self.record).latest("id")
            self.orders.setdefault(order.pk, buyer)
            if response.status_code == 302 and response["Location"].startswith(gateway.url):
                return (buyer, response["Location"])
            return multiple()  # the gateway did not answer; the order waits for payment

        @rule(target=attempts, data=st.data())
        def open_another_attempt(self, data):
            self.step()
            pending = sorted(
                pk for pk, _ in self.orders.items()
                if Order.objects.get(pk=pk).status == services.PENDING
            )  # fmt: skip
            if not pending:
                return multiple()
            pk = data.draw(st.sampled_from(pending))
            buyer = self.orders[pk]
            number = Order.objects.get(pk=pk).number
            response = buyer.post(reverse("checkout:pay-order", args=[number]))
            if response["Location"].startswith(gateway.url):
                return (buyer, response["Location"])
            return multiple()

        @rule(
            target=callbacks,
            attempt=attempts,
            button=st.sampled_from(["pay", "pay", "cancel"]),
            comes_back_now=st.booleans(),
        )
        def act_at_the_gateway(self, attempt, button, comes_back_now):
            """The buyer pays or cancels; their browser brings the callback now, or later
            (or never: the callback waits in the bundle)."""
            self.step()
            buyer, url = attempt
            try:
                callback = pay_at_sandbox(gateway, url, button)
            except (KeyError, requests.RequestException):
                return multiple()
            if comes_back_now:
                buyer.get(callback)
            return (buyer, callback)

        @rule(callback=callbacks, replay=st.booleans())
        def come_back(self, callback, replay):
            self.step()
            buyer, path = callback
            buyer.get(path)
            if replay:
                buyer.get(path)

        @rule(callback=consumes(callbacks))
        def a_stranger_comes_back_with_it(self, callback):
            self.step()
            Client().get(callback[1])

        @rule(attempt=attempts, status=st.sampled_from(["OK", "NOK"]))
        def forged_callback(self, attempt, status):
            self.step()
            authority = authority_of(attempt[1])
            Client().get(
                reverse("checkout:zarinpal-callback"), {"Authority": authority, "Status": status}
            )

        @rule(
            endpoint=st.sampled_from(FAULTY_ENDPOINTS),
            mode=st.sampled_from(["5xx", "drop", "lose", "back"]),
            times=st.integers(1, 3),
        )
        def gateway_misbehaves_or_is_back(self, endpoint, mode, times):
            self.step()
            if mode == "back":
                gateway.sandbox.faults.clear()
            else:
                gateway.sandbox.misbehave(endpoint, mode, times=times)

        @rule(
            job=st.sampled_from(["reconcile_payments", "expire_pending_orders"]),
            everything_is_stale=st.booleans(),
            give_up=st.booleans(),
        )
        def a_scheduled_job_runs(self, job, everything_is_stale, give_up):
            """reconcile_payments; or expire_pending_orders as if its 30 minutes had passed
            for every order (or not), and the hard limit for unanswered payments (or not)."""
            self.step()
            if job == "reconcile_payments":
                try:
                    services.reconcile_payments()
                except GatewayUnavailable:
                    pass  # the command says so and runs again in five minutes
                return
            now = timezone.now()
            services.expire_pending_orders(
                older_than=now + timedelta(seconds=1)
                if everything_is_stale
                else now - (timedelta(minutes=30)),
                give_up_before=now + timedelta(seconds=1) if give_up else now - timedelta(1),
            )

        def teardown(self):
            orders = Order.objects.filter(pk__in=self.orders)
            SEEN.update(f"order {o.status}" for o in orders)
            SEEN.update(
                f"attempt {a.status}" for a in PaymentAttempt.objects.filter(order__in=orders)
            )

        # -- invariants ---------------------------------------------------------------
        @invariant()
        def paid_iff_exactly_one_attempt_is_paid(self):
            for order in Order.objects.filter(pk__in=self.orders):
                paid = order.payment_attempts.filter(status=Status.PAID).count()
                assert (order.status == services.PAID) == (paid == 1), (order.status, paid)
                assert paid <= 1

        @invariant()
        def verified_money_stays_only_on_a_paid_order(self):
            attempts = PaymentAttempt.objects.filter(order__in=self.orders).select_related("order")
            for attempt in attempts:
                at_gateway = gateway.sandbox.payments.get(attempt.authority)
                held = at_gateway.status if at_gateway else None
                if held == "VERIFIED":  # ours and kept, or not known yet (a lost reply)
                    assert attempt.status == Status.UNKNOWN or (
                        (attempt.status, attempt.order.status) == (Status.PAID, services.PAID)
                    ), (attempt.status, attempt.order.status)
                if attempt.status == Status.PAID:
                    assert held == "VERIFIED"
                if held == "REVERSED" or attempt.status == Status.REFUNDED:
                    assert attempt.status == Status.REFUNDED
                    assert Refund.objects.filter(attempt=attempt).count() == 1

        @invariant()
        def stock_allocated_is_what_pending_and_paid_orders_hold(self):
            self.record.refresh_from_db()
            held = sum(
                line.quantity
                for order in Order.objects.filter(
                    pk__in=self.orders, status__in=[services.PENDING, services.PAID]
                )
                for line in order.lines.all()
            )
            assert (self.record.num_allocated or 0) == held

        @invariant()
        def one_payment_source_and_fulfilment_per_paid_order(self):
            for order in Order.objects.filter(pk__in=self.orders):
                expected = 1 if order.status == services.PAID else 0
                assert Source.objects.filter(order=order).count() == expected
                assert Fulfilment.objects.filter(order=order).count() == expected

    return PaymentLifecycle


def test_payment_lifecycle_keeps_money_stock_and_orders_consistent(
    zarinpal, reference_data, capsys
):
    machine = make_machine(zarinpal)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            database=None,  # no example database in the repository
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    with capsys.disabled():
        reached = ", ".join(f"{name}: {n}" for name, n in sorted(SEEN.items()))
        print(f"\npayment lifecycle: {next(STEPS)} steps explored; reached {reached}")
