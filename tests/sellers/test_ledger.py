"""The producer ledger: what delivery, refunds and staff corrections book, on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from catalog.models import ProductClass
from sellers import services
from sellers.exceptions import FulfilmentStateError
from sellers.models import LedgerEntry, LedgerImmutable
from sellers.money import commission, ledger, selectors
from shop.checkout import refunds
from tests.factories import ProducerFactory, UserFactory, make_product

from .conftest import place_paid_order

pytestmark = pytest.mark.django_db
Account, Kind = LedgerEntry.Account, LedgerEntry.Kind


@pytest.fixture
def shop(reference_data):
    producer = ProducerFactory(base_shipping_fee_rials=600_000)
    user = UserFactory()
    producer.users.add(user)
    carpet = make_product(
        class_slug="carpet", category_code="carpet", producer=producer,
        price_rials=40_000_000, stock=10, with_image=False,
    )  # fmt: skip
    bowl = make_product(producer=producer, price_rials=3_333_333, stock=10, with_image=False)
    return producer, user, carpet, bowl


def delivered(fulfilment):
    services.ship_fulfilment(fulfilment, "post", "123")
    return services.deliver_fulfilment(fulfilment)


def producer_lines(producer):
    return {
        e.kind: e.amount_rials
        for e in LedgerEntry.objects.filter(producer=producer, account=Account.PRODUCER)
    }


def test_delivery_books_sale_and_commission_in_balanced_lines_held_for_a_week(shop, settings):
    producer, user, carpet, bowl = shop
    settings.SELLER_DEFAULT_COMMISSION_BP = 1000
    order = place_paid_order([(carpet, 1), (bowl, 2)], user)
    fulfilment = order.fulfilments.get()
    assert LedgerEntry.objects.count() == 0  # paid is not earned: nothing until delivery

    delivered(fulfilment)

    goods = 40_000_000 + 2 * 3_333_333
    lines = producer_lines(producer)
    assert lines == {Kind.SALE: goods + 600_000, Kind.COMMISSION: -(4_000_000 + 666_667)}
    entries = LedgerEntry.objects.all()
    assert sum(e.amount_rials for e in entries) == 0
    assert {e.booking for e in entries} == {entries[0].booking}
    assert {e.available_on for e in entries} == {timezone.localdate() + timedelta(days=7)}
    money = selectors.balances(producer)
    assert money.balance_rials == goods + 600_000 - 4_666_667
    assert (money.available_rials, money.pending_rials) == (0, money.balance_rials)
    later = selectors.balances(producer, on=timezone.localdate() + timedelta(days=7))
    assert later.available_rials == later.balance_rials == later.payable_rials


def test_delivering_twice_books_once(shop):
    producer, user, carpet, _ = shop
    fulfilment = place_paid_order([(carpet, 1)], user).fulfilments.get()
    delivered(fulfilment)
    assert ledger.book_sale(fulfilment) == []
    with pytest.raises(FulfilmentStateError):
        services.deliver_fulfilment(fulfilment)
    assert LedgerEntry.objects.filter(kind=Kind.SALE).count() == 2  # producer + buyers lines


def test_the_most_specific_rate_in_force_on_the_payment_day_applies(shop):
    producer, user, carpet, bowl = shop
    staff = UserFactory(is_staff=True)
    today = timezone.localdate()
    carpets = ProductClass.objects.get(slug="carpet")
    commission.set_rate(8, today - timedelta(days=30), staff)  # default
    commission.set_rate(5, today - timedelta(days=30), staff, product_class=carpets)
    commission.set_rate(12.5, today + timedelta(days=1), staff, product_class=carpets)  # later
    commission.set_rate(
        3, today - timedelta(days=1), staff, producer=producer, product_class=carpets
    )
    commission.set_rate(4, today - timedelta(days=1), staff, producer=ProducerFactory())

    fulfilment = place_paid_order([(carpet, 1), (bowl, 1)], user).fulfilments.get()
    delivered(fulfilment)
    # carpet: this producer's own carpet rate 3%; bowl: the default 8% (the other
    # producer's rate is not theirs; tomorrow's carpet rate is not yet in force).
    assert producer_lines(producer)[Kind.COMMISSION] == -(1_200_000 + 266_667)


def test_a_rate_added_after_payment_does_not_change_the_order(shop):
    producer, user, carpet, _ = shop
    staff = UserFactory(is_staff=True)
    commission.set_rate(10, timezone.localdate() - timedelta(days=5), staff)
    fulfilment = place_paid_order([(carpet, 1)], user).fulfilments.get()
    fulfilment.created_at = timezone.now() - timedelta(days=2)  # paid two days ago
    fulfilment.save()
    commission.set_rate(20, timezone.localdate() - timedelta(days=1), staff)
    delivered(fulfilment)
    assert producer_lines(producer)[Kind.COMMISSION] == -4_000_000


def test_a_refund_after_delivery_reverses_sale_and_commission_once(shop):
    producer, user, carpet, _ = shop
    staff = UserFactory(is_staff=True)
    fulfilment = place_paid_order([(carpet, 1)], user).fulfilments.get()
    delivered(fulfilment)
    refunds.refund_fulfilment(fulfilment, staff, "برگشت خورد")
    assert selectors.balances(producer).balance_rials == 0
    assert sum(LedgerEntry.objects.values_list("amount_rials", flat=True)) == 0
    reversal = LedgerEntry.objects.get(account=Account.PRODUCER, kind=Kind.REFUND)
    assert reversal.created_by == staff and reversal.memo == fulfilment.order.number
    assert ledger.book_refund(fulfilment, staff) == []  # a second refund books nothing
    with pytest.raises(refunds.RefundNotAllowed):
        refunds.refund_fulfilment(fulfilment, staff, "دوباره")


def test_a_whole_order_refund_reverses_each_delivered_part_and_nothing_else(shop):
    producer, user, carpet, _ = shop
    other = ProducerFactory()
    other.users.add(UserFactory())
    shawl = make_product(producer=other, price_rials=2_000_000, stock=3, with_image=False)
    order = place_paid_order([(carpet, 1), (shawl, 1)], user)
    delivered(order.fulfilments.get(producer=producer))
    refunds.refund_order(order, UserFactory(is_staff=True), "خریدار پشیمان شد")
    assert selectors.balances(producer).balance_rials == 0
    assert not LedgerEntry.objects.filter(producer=other).exists()  # never delivered


def test_cancelling_before_delivery_books_nothing(shop):
    producer, user, carpet, _ = shop
    fulfilment = place_paid_order([(carpet, 1)], user).fulfilments.get()
    services.cancel_fulfilment(fulfilment, "تمام شد", user)
    assert not LedgerEntry.objects.exists()


def test_adjustments_and_booth_fees_are_balanced_and_immediately_available(shop):
    producer, *_ = shop
    staff = UserFactory(is_staff=True)
    ledger.book_adjustment(producer, 250_000, "جبران هزینهٔ پست", staff)
    ledger.book_booth_fee(producer, 1_000_000, "غرفهٔ نمایشگاه بهار", staff)
    money = selectors.balances(producer)
    assert money.balance_rials == money.available_rials == -750_000
    assert money.payable_rials == 0
    assert sum(LedgerEntry.objects.values_list("amount_rials", flat=True)) == 0


def test_an_unbalanced_booking_is_refused(shop):
    producer, *_ = shop
    with pytest.raises(ledger.UnbalancedBooking):
        ledger._book(producer, [(Account.PRODUCER, Kind.ADJUSTMENT, 10)], timezone.localdate())
    assert not LedgerEntry.objects.exists()


def test_entries_cannot_be_changed_or_deleted_even_in_sql(shop):
    producer, *_ = shop
    entry = ledger.book_adjustment(producer, 100, "اصلاح", UserFactory(is_staff=True))[0]
    entry = LedgerEntry.objects.get(pk=entry.pk)
    with pytest.raises(LedgerImmutable):
        entry.save()
    with pytest.raises(LedgerImmutable):
        entry.delete()
    for sql in (
        "UPDATE partner_ledgerentry SET amount_rials = 999",
        "DELETE FROM partner_ledgerentry",
    ):
        with pytest.raises(DatabaseError, match="never changed"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            LedgerEntry.objects.filter(pk=entry.pk).update(amount_rials=1)
    assert LedgerEntry.objects.get(pk=entry.pk).amount_rials == 100


def test_statement_running_balance_is_true_for_a_period(shop):
    producer, *_ = shop
    staff = UserFactory(is_staff=True)
    for amount in (1_000, 2_000, -500):
        ledger.book_adjustment(producer, amount, "", staff)
    start = LedgerEntry.objects.filter(account=Account.PRODUCER).order_by("pk")[1].created_at
    opening, lines = selectors.statement(producer, start=start)
    assert opening == 1_000
    assert [(e.amount_rials, e.running_rials) for e in lines] == [(-500, 2_500), (2_000, 3_000)]
    _, everything = selectors.statement(producer)
    assert [e.running_rials for e in everything] == [2_500, 3_000, 1_000]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_whole_order_refund_and_a_part_refund_at_once_refund_the_buyer_once(reference_data):
    import threading

    from django.db import close_old_connections

    from shop.payments.models import Refund

    producer = ProducerFactory()
    user = UserFactory()
    producer.users.add(user)
    bowl = make_product(producer=producer, price_rials=3_000_000, stock=5, with_image=False)
    order = place_paid_order([(bowl, 1)], user)
    fulfilment = order.fulfilments.get()
    services.ship_fulfilment(fulfilment, "post", "1")
    services.deliver_fulfilment(fulfilment)
    staff = UserFactory(is_staff=True)
    start = threading.Barrier(2)
    refused = []

    def run(refund):
        try:
            start.wait()
            refund()
        except refunds.RefundNotAllowed:
            refused.append(refund)
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=run, args=(lambda: refunds.refund_order(order, staff, "کل"),)),
        threading.Thread(
            target=run, args=(lambda: refunds.refund_fulfilment(fulfilment, staff, "بخش"),)
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(refused) == 1 and Refund.objects.count() == 1
    assert selectors.balances(producer).balance_rials == 0
    assert LedgerEntry.objects.filter(kind=Kind.REFUND).count() == 2  # one reversal booking
