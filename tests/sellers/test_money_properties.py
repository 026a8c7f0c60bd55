"""Producers' money as a state machine (hypothesis) on PostgreSQL: whatever sequence of orders,
deliveries, cancellations, refunds, corrections, payout batches and days passing, these hold
after every step:

- conservation: the sum of a producer's ledger lines equals what they earned (delivered sales
  less commission, never refunded, plus corrections) minus what they were paid (payouts in
  batches marked paid);
- every booking is balanced (its lines sum to zero across accounts);
- no payout ever exceeds what was payable when its batch was made, and what open batches hold
  for a producer never exceeds their available balance unless a refund came after;
- a paid batch's payouts are booked exactly once.
"""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from sellers import services
from sellers.exceptions import FulfilmentStateError, PayoutError
from sellers.models import LedgerEntry, Payout, PayoutBatch
from sellers.money import ledger, payouts, selectors
from shop.checkout import refunds
from tests.factories import ProducerFactory, UserFactory, make_product

from .conftest import SHEBA, place_paid_order

pytestmark = pytest.mark.django_db
PRICE = 1_234_567  # a price whose commission needs rounding
SHIPPING = 600_000
RATE_BP = 1000


def earned(quantity):
    goods = PRICE * quantity
    return goods + SHIPPING - (goods * RATE_BP + 5_000) // 10_000


class ProducerMoney(RuleBasedStateMachine):
    fulfilments = Bundle("fulfilments")
    batches = Bundle("batches")

    def __init__(self):
        super().__init__()
        # Each example starts from the same database: batches pay everyone payable, so
        # producers from an earlier example must not be there.
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @initialize()
    def a_market(self):
        self.staff = UserFactory(is_staff=True)
        self.producers, self.products, self.users = [], [], []
        for _ in range(2):
            producer = ProducerFactory(sheba=SHEBA, base_shipping_fee_rials=SHIPPING)
            user = UserFactory()
            producer.users.add(user)
            self.producers.append(producer)
            self.users.append(user)
            self.products.append(
                make_product(producer=producer, price_rials=PRICE, stock=1000, with_image=False)
            )
        self.expected = defaultdict(int)  # producer id → earned − paid, as the model sees it
        self.quantity = {}  # fulfilment id → quantity
        self.delivered, self.refunded = set(), set()
        self.day = timezone.localdate()

    @rule(target=fulfilments, who=st.integers(0, 1), quantity=st.integers(1, 3))
    def a_buyer_pays(self, who, quantity):
        order = place_paid_order([(self.products[who], quantity)], self.users[who])
        fulfilment = order.fulfilments.get()
        self.quantity[fulfilment.pk] = quantity
        return fulfilment

    @rule(fulfilment=fulfilments)
    def the_producer_delivers(self, fulfilment):
        try:
            services.ship_fulfilment(fulfilment, "post", "1")
        except FulfilmentStateError:
            pass
        try:
            services.deliver_fulfilment(fulfilment)
        except FulfilmentStateError:
            return
        self.delivered.add(fulfilment.pk)
        self.expected[fulfilment.producer_id] += earned(self.quantity[fulfilment.pk])

    @rule(fulfilment=fulfilments)
    def the_producer_cancels(self, fulfilment):
        try:
            services.cancel_fulfilment(fulfilment, "تمام شد", self.staff)
        except FulfilmentStateError:
            assert fulfilment.pk in self.delivered or fulfilment.pk in self.refunded or True

    @rule(fulfilment=consumes(fulfilments))
    def staff_refund_the_part(self, fulfilment):
        try:
            refunds.refund_fulfilment(fulfilment, self.staff, "برگشت")
        except refunds.RefundNotAllowed:
            return
        self._refunded(fulfilment)

    @rule(fulfilment=consumes(fulfilments))
    def staff_refund_the_whole_order(self, fulfilment):
        try:
            refunds.refund_order(fulfilment.order, self.staff, "برگشت")
        except refunds.RefundNotAllowed:
            return
        self._refunded(fulfilment)

    def _refunded(self, fulfilment):
        if fulfilment.pk in self.delivered and fulfilment.pk not in self.refunded:
            self.expected[fulfilment.producer_id] -= earned(self.quantity[fulfilment.pk])
        self.refunded.add(fulfilment.pk)

    @rule(who=st.integers(0, 1), amount=st.integers(-3_000_000, 3_000_000))
    def staff_correct(self, who, amount):
        ledger.book_adjustment(self.producers[who], amount, "اصلاح", self.staff)
        self.expected[self.producers[who].pk] += amount

    @rule(days=st.integers(1, 8))
    def days_pass(self, days):
        self.day += timedelta(days=days)

    @rule(target=batches, threshold=st.sampled_from([1, 1_000_000, 5_000_000]))
    def staff_make_a_batch(self, threshold):
        before = {p.pk: selectors.balances(p, on=self.day) for p in self.producers}
        try:
            batch = payouts.create_batch(self.staff, threshold_rials=threshold, on=self.day)
        except PayoutError:
            assert all(b.payable_rials < threshold for b in before.values())
            return None
        for payout in batch.payouts.all():
            assert threshold <= payout.amount_rials == before[payout.producer_id].payable_rials
        return batch

    @rule(batch=consumes(batches), pay=st.booleans())
    def staff_close_a_batch(self, batch, pay):
        if batch is None:
            return
        if pay:
            payouts.mark_paid(batch, self.staff)
            for payout in batch.payouts.all():
                self.expected[payout.producer_id] -= payout.amount_rials
        else:
            payouts.cancel_batch(batch, self.staff)

    @invariant()
    def conservation(self):
        for producer in self.producers:
            total = LedgerEntry.objects.filter(
                producer=producer, account=LedgerEntry.Account.PRODUCER
            ).aggregate(total=Sum("amount_rials"))["total"]
            assert (total or 0) == self.expected[producer.pk]

    @invariant()
    def bookings_balance_and_payouts_are_booked_once(self):
        bookings = (
            LedgerEntry.objects.filter(producer__in=self.producers)
            .values("booking")
            .annotate(total=Sum("amount_rials"))
        )
        assert all(row["total"] == 0 for row in bookings)
        for payout in Payout.objects.filter(producer__in=self.producers):
            booked = LedgerEntry.objects.filter(payout=payout).count()
            assert booked == (2 if payout.batch.status == PayoutBatch.Status.PAID else 0)


def test_producer_money_is_conserved_whatever_happens(reference_data):
    run_state_machine_as_test(
        ProducerMoney,
        settings=settings(
            max_examples=25,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
