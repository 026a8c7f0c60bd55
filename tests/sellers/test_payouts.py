"""Payout batches: who is paid, the bank list, marking paid, and two staff members at once."""

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections
from django.utils import timezone

from sellers.exceptions import PayoutError
from sellers.models import LedgerEntry, Partner, Payout, PayoutBatch
from sellers.money import ledger, payouts, selectors
from tests.factories import ProducerFactory, UserFactory

from .conftest import SHEBA

pytestmark = pytest.mark.django_db
WEEK_LATER = timezone.localdate() + timedelta(days=7)


@pytest.fixture
def staff(reference_data):
    return UserFactory(is_staff=True)


def producer_owed(amount_rials, staff, **fields):
    producer = ProducerFactory(sheba=SHEBA, **fields)
    ledger.book_adjustment(producer, amount_rials, "فروش پیشین", staff)
    return producer


def test_a_batch_pays_everyone_above_the_threshold_with_a_sheba(staff):
    rich = producer_owed(5_000_000, staff, name="کارگاه الف", sheba_holder="=مریم احمدی")
    poor = producer_owed(500_000, staff)
    no_sheba = producer_owed(9_000_000, staff)
    Partner.objects.filter(pk=no_sheba.pk).update(sheba="")
    suspended = producer_owed(9_000_000, staff, status=Partner.Status.SUSPENDED)

    batch = payouts.create_batch(staff, threshold_rials=1_000_000)

    assert [(p.producer, p.amount_rials, p.sheba) for p in batch.payouts.all()] == [
        (rich, 5_000_000, SHEBA)
    ]
    assert selectors.balances(rich).payable_rials == 0  # held by the open batch
    assert selectors.balances(rich).balance_rials == 5_000_000  # not paid yet
    assert {poor, no_sheba, suspended}.isdisjoint(p.producer for p in batch.payouts.all())
    rows = list(csv.reader(io.StringIO(payouts.transfer_list_csv(batch).lstrip("\ufeff"))))
    assert rows[0] == payouts.TRANSFER_COLUMNS
    reference = f"{batch.reference}-{batch.payouts.get().pk}"
    # The account holder's name, as the bank checks it; a formula-looking name is quoted.
    assert rows[1][:4] == [SHEBA, "'=مریم احمدی", "5000000", reference]


def test_marking_paid_books_the_payouts_once_and_cancelling_releases_them(staff):
    producer = producer_owed(5_000_000, staff)
    batch = payouts.create_batch(staff, threshold_rials=1_000_000)
    with pytest.raises(PayoutError):
        payouts.create_batch(staff, threshold_rials=1_000_000)  # nothing more to pay

    payouts.mark_paid(batch, staff)
    with pytest.raises(PayoutError):
        payouts.mark_paid(batch, staff)
    with pytest.raises(PayoutError):
        payouts.cancel_batch(batch, staff)
    money = selectors.balances(producer)
    assert money.balance_rials == 0 and money.reserved_rials == 0
    entry = LedgerEntry.objects.get(producer=producer, kind="payout", account="producer")
    assert entry.amount_rials == -5_000_000 and entry.created_by == staff
    assert list(selectors.payouts_received(producer)) == list(batch.payouts.all())

    ledger.book_adjustment(producer, 2_000_000, "فروش تازه", staff)
    second = payouts.create_batch(staff, threshold_rials=1_000_000)
    payouts.cancel_batch(second, staff)
    assert selectors.balances(producer).payable_rials == 2_000_000


def test_sales_in_their_hold_are_not_paid_out(staff, reference_data):
    producer = ProducerFactory(sheba=SHEBA)
    ledger._book(
        producer,
        [("producer", "sale", 3_000_000), ("buyers", "sale", -3_000_000)],
        WEEK_LATER,
    )
    with pytest.raises(PayoutError):
        payouts.create_batch(staff, threshold_rials=1_000_000)
    batch = payouts.create_batch(staff, threshold_rials=1_000_000, on=WEEK_LATER)
    assert batch.payouts.get().amount_rials == 3_000_000


def test_a_producer_who_owes_after_a_refund_is_not_paid(staff):
    producer = producer_owed(-2_000_000, staff)
    ledger.book_adjustment(producer, 1_500_000, "", staff)
    with pytest.raises(PayoutError):
        payouts.create_batch(staff, threshold_rials=1)
    assert selectors.balances(producer).payable_rials == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_members_making_batches_at_once_never_pay_more_than_available(
    reference_data,
):
    staff = [UserFactory(is_staff=True), UserFactory(is_staff=True)]
    owed = [producer_owed(3_000_000 + i, staff[0]) for i in range(5)]
    start = threading.Barrier(2)
    made, refused = [], []

    def make(user):
        try:
            start.wait()
            made.append(payouts.create_batch(user, threshold_rials=1_000_000))
        except PayoutError:
            refused.append(user)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=make, args=(user,)) for user in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(made) == 1 and len(refused) == 1
    for producer in owed:
        paid = sum(Payout.objects.filter(producer=producer).values_list("amount_rials", flat=True))
        assert paid == selectors.balances(producer).available_rials
    assert PayoutBatch.objects.count() == 1
