"""One producer's one stock across channels, as a state machine (hypothesis) on PostgreSQL.

Whatever sequence of restocks, moves to and from booths, online orders, booth sales (retried
with the same key), click-and-collect orders, payments, collections, cancellations, refunds
and closings, after every step, for every product:

    online units + units at booths + units sold = units received

where online units are what the shop offers (num_in_stock − num_allocated), units sold are
the lines of live online orders, of paid booth sales and of collected pick-ups; no side is
ever negative, a booth never holds more for pick-up than it has, and the online allocation
is exactly the live online orders' units.
"""

import datetime
import os
import uuid
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, event, settings
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

from exhibitions.channels import pickup, sales
from exhibitions.channels import stock as booth_stock
from exhibitions.exceptions import ExhibitionsError
from exhibitions.models import BoothStock, OrderChannel
from exhibitions.services import set_exhibition_status
from sellers.models import Fulfilment, StockRecord
from shop.checkout.exceptions import OutOfStock
from shop.checkout.refunds import RefundNotAllowed, refund_order
from shop.checkout.services import PENDING, cancel_order
from tests.exhibitions.channel_helpers import pay, place_order
from tests.factories import (
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db
LIVE_ONLINE = ("pending-payment", "paid")


DONE = Counter()  # steps that went through, over all examples: the machine must reach them
REFUSED = Counter()


def attempt(action, name):
    """Run a step that may be refused; a refusal must leave everything as it was."""
    try:
        with transaction.atomic():
            action()
    except (ExhibitionsError, OutOfStock, RefundNotAllowed) as error:
        event(f"refused: {type(error).__name__}")
        REFUSED[f"{name}: {type(error).__name__}"] += 1
        return False
    DONE[name] += 1
    return True


class Channels(RuleBasedStateMachine):
    orders = Bundle("orders")

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @initialize()
    def two_producers_at_two_fairs(self):
        today = timezone.localdate()
        self.fairs = [running_fair(), running_fair(ends_on=today + datetime.timedelta(days=9))]
        self.producers = []
        self.records = []
        for code in ("B2", "C3"):
            producer = ProducerFactory()
            producer.users.add(UserFactory())
            for fair in self.fairs:
                confirmed_booth(fair, producer, code)
            product = make_product(producer=producer, stock=6, with_image=False)
            self.producers.append(producer)
            self.records.append(product.stockrecords.get())
        self.received = {record.pk: 6 for record in self.records}
        for producer, record in zip(self.producers, self.records, strict=True):
            booth_stock.move_to_booth(producer, self.fairs[0], record.pk, 3)
            booth_stock.move_to_booth(producer, self.fairs[1], record.pk, 1)
        self.keys = [uuid.uuid4() for _ in range(3)]

    # ---- the world acts ----------------------------------------------------------------

    @rule(which=st.integers(0, 1), units=st.integers(1, 4))
    def producer_receives_more(self, which, units):
        record = self.records[which]
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=F("num_in_stock") + units)
        self.received[record.pk] += units

    @rule(which=st.integers(0, 1), fair=st.integers(0, 1), units=st.integers(1, 5))
    def move_to_booth(self, which, fair, units):
        record, producer = self.records[which], self.producers[which]
        attempt(
            lambda: booth_stock.move_to_booth(producer, self.fairs[fair], record.pk, units),
            "to booth",
        )

    @rule(which=st.integers(0, 1), fair=st.integers(0, 1), units=st.integers(1, 5))
    def move_to_online(self, which, fair, units):
        record, producer = self.records[which], self.producers[which]
        attempt(
            lambda: booth_stock.move_to_online(producer, self.fairs[fair], record.pk, units),
            "to online",
        )

    @rule(
        target=orders,
        which=st.integers(0, 1),
        units=st.integers(1, 3),
        fair=st.none() | st.integers(0, 1),
    )
    def buyer_orders_online(self, which, units, fair):
        product = self.records[which].product
        placed = []
        at = None if fair is None else self.fairs[fair]
        attempt(
            lambda: placed.append(place_order([(product, units)], pickup_at=at)),
            "online order" if at is None else "pick-up order",
        )
        return placed[0] if placed else None

    @rule(order=orders)
    def buyer_pays(self, order):
        if order is None:
            return
        order.refresh_from_db()
        if order.status == PENDING:
            producer = order.lines.first().partner
            attempt(lambda: pay(order, producer), "paid")

    @rule(order=consumes(orders))
    def unpaid_order_is_cancelled(self, order):
        def cancel():
            from oscar.apps.order.models import Order

            locked = Order.objects.select_for_update().get(pk=order.pk)
            if locked.status == PENDING:
                cancel_order(locked)

        if order is not None:
            attempt(cancel, "cancelled")

    @rule(target=orders, which=st.integers(0, 1), units=st.integers(1, 2))
    def buyer_orders_pays_and_collects_at_the_first_fair(self, which, units):
        product, producer = self.records[which].product, self.producers[which]
        placed = []

        def order_pay_collect():
            placed.append(place_order([(product, units)], pickup_at=self.fairs[0]))
            pay(placed[0], producer)
            pickup.collect(placed[0].fulfilments.get(), None)

        if attempt(order_pay_collect, "collected"):
            DONE["paid"] += 1
        return placed[0] if placed else None

    @rule(order=orders)
    def buyer_collects(self, order):
        if order is None:
            return
        order.refresh_from_db()
        part = order.fulfilments.first()
        if part is not None and order.channel.kind == OrderChannel.Kind.PICKUP:
            attempt(lambda: pickup.collect(part, None), "collected")

    @rule(order=orders)
    def staff_refund(self, order):
        if order is not None:
            order.refresh_from_db()
            attempt(lambda: refund_order(order, None, "پس‌دادن"), "refunded")

    @rule(
        target=orders,
        which=st.integers(0, 1),
        fair=st.integers(0, 1),
        units=st.integers(1, 3),
        key=st.integers(0, 2),
    )
    def sale_at_the_booth(self, which, fair, units, key):
        producer, record = self.producers[which], self.records[which]
        exhibition = self.fairs[fair]
        stock = BoothStock.objects.filter(exhibition=exhibition, stockrecord=record).first()
        if stock is None:
            return None
        sold = []
        user = producer.users.get()
        items = [(stock.pk, units)]
        sale = lambda: sold.append(  # noqa: E731
            sales.record_booth_sale(producer, exhibition, items, "cash", self.keys[key], user)
        )
        if attempt(sale, "booth sale") and sold[0].channel.exhibition != exhibition:
            event("a reused key returned the earlier sale")
        return sold[0] if sold else None

    @rule(now=st.integers(0, 3))
    def the_second_fair_closes(self, now):
        exhibition = self.fairs[1]  # the first stays open: the machine also goes deep
        if now == 0 and exhibition.status == "running":
            set_exhibition_status(exhibition, "closed")
            exhibition.refresh_from_db()
            returned = booth_stock.return_unsold(exhibition=exhibition)  # the task on commit
            DONE["closed"] += 1
            DONE["returned home"] += bool(returned)
            self.keys = [uuid.uuid4() for _ in range(3)]

    # ---- what must hold ----------------------------------------------------------------

    def sold_units(self, record):
        sold = 0
        for channel in OrderChannel.objects.filter(order__lines__stockrecord=record).distinct():
            order = channel.order
            lines = order.lines.filter(stockrecord=record)
            if channel.kind == OrderChannel.Kind.ONLINE:
                if order.status in LIVE_ONLINE:
                    sold += sum(line.quantity for line in lines)
            elif channel.kind == OrderChannel.Kind.BOOTH_SALE:
                if order.status == "paid":
                    sold += sum(line.quantity for line in lines)
            else:
                collected = order.fulfilments.filter(status=Fulfilment.Status.DELIVERED)
                if order.status == "paid" and collected.exists():
                    sold += sum(line.quantity for line in lines)
        return sold

    @invariant()
    def every_unit_is_online_at_a_booth_or_sold(self):
        for record in self.records:
            record.refresh_from_db()
            online = record.num_in_stock - (record.num_allocated or 0)
            booths = BoothStock.objects.filter(stockrecord=record)
            at_booths = sum(b.quantity for b in booths)
            assert online >= 0
            assert all(0 <= b.reserved <= b.quantity for b in booths)
            assert online + at_booths + self.sold_units(record) == self.received[record.pk]

    @invariant()
    def the_online_allocation_is_the_live_online_orders(self):
        for record in self.records:
            record.refresh_from_db()
            live = OrderChannel.objects.filter(
                kind=OrderChannel.Kind.ONLINE, order__status__in=LIVE_ONLINE
            ).values("order")
            from oscar.apps.order.models import Line

            units = Line.objects.filter(order__in=live, stockrecord=record)
            assert (record.num_allocated or 0) == sum(line.quantity for line in units)

    @invariant()
    def a_closed_exhibition_holds_no_units(self):
        for fair in self.fairs:
            if fair.status == "closed":
                assert not BoothStock.objects.filter(exhibition=fair, quantity__gt=0).exists()


def test_one_stock_across_channels_is_conserved_whatever_happens(reference_data):
    run_state_machine_as_test(
        Channels,
        settings=settings(
            max_examples=int(os.environ.get("CONSERVATION_EXAMPLES", 30)),
            stateful_step_count=35,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
    print("stock conservation: steps done", dict(DONE), "refused", dict(REFUSED))
    reached = {"to booth", "to online", "online order", "pick-up order", "paid", "cancelled",
               "collected", "refunded", "booth sale", "closed", "returned home"}  # fmt: skip
    assert reached <= {name for name, count in DONE.items() if count}
