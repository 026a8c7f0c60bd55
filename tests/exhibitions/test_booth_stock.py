import uuid

import pytest

from exhibitions.channels import pickup, sales
from exhibitions.channels import stock as booth_stock
from exhibitions.exceptions import (
    NoBooth,
    NotEnoughAtBooth,
    NotEnoughOnline,
    NotSellingNow,
    NotYourProduct,
    WrongPickupCode,
)
from exhibitions.models import BoothStock, OrderChannel, StockMove
from exhibitions.services import set_exhibition_status
from sellers.models import Fulfilment, LedgerEntry
from tests.exhibitions.channel_helpers import pay, place_order
from tests.factories import (
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stall(reference_data):
    """A producer with booth B7 at a running fair and a product with 10 units online."""
    fair = running_fair()
    producer = ProducerFactory()
    producer.users.add(UserFactory())
    confirmed_booth(fair, producer, "B2")
    product = make_product(producer=producer, stock=10, with_image=False)
    record = product.stockrecords.get()
    return fair, producer, product, record


def online(record):
    record.refresh_from_db()
    return record.num_in_stock - (record.num_allocated or 0)


def at_booth(fair, record):
    stock = BoothStock.objects.filter(exhibition=fair, stockrecord=record).first()
    return (stock.quantity, stock.reserved) if stock else (0, 0)


def test_moving_units_to_the_booth_takes_them_from_the_online_stock(stall):
    fair, producer, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    assert online(record) == 7
    assert at_booth(fair, record) == (3, 0)
    booth_stock.move_to_online(producer, fair, record.pk, 1)
    assert online(record) == 8
    assert at_booth(fair, record) == (2, 0)
    kinds = list(StockMove.objects.values_list("kind", "quantity"))
    assert kinds == [("to_booth", 3), ("to_online", 1)]


def test_a_move_never_makes_either_side_negative(stall):
    fair, producer, product, record = stall
    with pytest.raises(NotEnoughOnline):
        booth_stock.move_to_booth(producer, fair, record.pk, 11)
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    with pytest.raises(NotEnoughAtBooth):
        booth_stock.move_to_online(producer, fair, record.pk, 3)
    assert online(record) == 8
    assert at_booth(fair, record) == (2, 0)


def test_another_producers_product_or_a_fair_without_a_booth_is_refused(stall):
    fair, producer, product, record = stall
    stranger = ProducerFactory()
    with pytest.raises(NotYourProduct):
        confirmed_booth(fair, stranger, "C1")
        booth_stock.move_to_booth(stranger, fair, record.pk, 1)
    with pytest.raises(NoBooth):
        booth_stock.move_to_booth(producer, running_fair(), record.pk, 1)
    assert online(record) == 10


def test_a_booth_sale_takes_booth_units_and_a_retry_is_recorded_once(stall):
    fair, producer, product, record = stall
    stock = booth_stock.move_to_booth(producer, fair, record.pk, 3)
    user = producer.users.get()
    key = uuid.uuid4()
    order = sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", key, user)
    again = sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", key, user)
    assert again.pk == order.pk
    assert order.status == "paid"
    assert order.channel.kind == OrderChannel.Kind.BOOTH_SALE
    assert order.channel.exhibition == fair
    assert at_booth(fair, record) == (2, 0)
    assert online(record) == 7
    part = order.fulfilments.get()
    assert part.status == Fulfilment.Status.DELIVERED and part.shipping_charge_rials == 0
    kinds = set(LedgerEntry.objects.filter(fulfilment=part).values_list("account", "kind"))
    assert kinds == {("producer", "commission"), ("commission", "commission")}
    linked = LedgerEntry.objects.filter(fulfilment=part).values_list("exhibition", flat=True)
    assert set(linked) == {fair.pk}


def test_a_booth_sale_of_more_than_the_booth_has_is_refused_and_changes_nothing(stall):
    fair, producer, product, record = stall
    stock = booth_stock.move_to_booth(producer, fair, record.pk, 1)
    with pytest.raises(NotEnoughAtBooth):
        sales.record_booth_sale(
            producer, fair, [(stock.pk, 2)], "card", uuid.uuid4(), producer.users.get()
        )
    assert at_booth(fair, record) == (1, 0)
    assert not OrderChannel.objects.filter(kind="booth_sale").exists()


def test_nothing_is_sold_at_a_fair_that_is_not_running(stall):
    fair, producer, product, record = stall
    stock = booth_stock.move_to_booth(producer, fair, record.pk, 1)
    set_exhibition_status(fair, "closed")
    with pytest.raises((NotSellingNow, NotYourProduct)):
        sales.record_booth_sale(
            producer, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), producer.users.get()
        )


def test_click_and_collect_holds_booth_units_and_collecting_books_the_sale(stall):
    fair, producer, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    order = place_order([(product, 1)], pickup_at=fair)
    assert order.channel.kind == "pickup" and len(order.channel.pickup_code) == 6
    assert at_booth(fair, record) == (3, 1)
    assert online(record) == 7  # the online stock was not touched
    pay(order, producer)
    part = order.fulfilments.get()
    assert part.shipping_charge_rials == 0
    with pytest.raises(WrongPickupCode):
        pickup.find_pickup(producer, fair, "000000")
    found = pickup.find_pickup(producer, fair, order.channel.pickup_code)
    pickup.collect(found, producer.users.get())
    assert at_booth(fair, record) == (2, 0)
    part.refresh_from_db()
    assert part.status == Fulfilment.Status.DELIVERED
    sale = LedgerEntry.objects.get(fulfilment=part, account="producer", kind="sale")
    assert sale.exhibition == fair


def test_pickup_is_refused_for_more_than_the_booth_has(stall):
    fair, producer, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 1)
    with pytest.raises(NotEnoughAtBooth):
        place_order([(product, 2)], pickup_at=fair)
    assert at_booth(fair, record) == (1, 0)
    assert online(record) == 9


def test_closing_releases_uncollected_pickups_and_returns_unsold_units_online(stall):
    fair, producer, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    paid = pay(place_order([(product, 1)], pickup_at=fair), producer)
    unpaid = place_order([(product, 1)], pickup_at=fair)
    set_exhibition_status(fair, "closed")
    returned = booth_stock.return_unsold(exhibition=fair)
    assert returned == {producer.pk: 3}
    assert at_booth(fair, record) == (0, 0)
    assert online(record) == 10
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert unpaid.status == "cancelled"
    assert paid.fulfilments.get().status == Fulfilment.Status.CANCELLED
    assert paid.payment_attempts.get().refunds.exists()
    assert StockMove.objects.filter(kind="returned", quantity=3).exists()


def test_a_refunded_booth_sale_puts_the_units_back_at_the_booth(stall):
    from shop.checkout.refunds import refund_order

    fair, producer, product, record = stall
    stock = booth_stock.move_to_booth(producer, fair, record.pk, 2)
    user = producer.users.get()
    order = sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), user)
    refund_order(order, user, "برگشت کالا")
    assert at_booth(fair, record) == (2, 0)
    part = order.fulfilments.get()
    entries = LedgerEntry.objects.filter(fulfilment=part, account="producer")
    assert sum(entries.values_list("amount_rials", flat=True)) == 0


def test_a_key_from_a_sale_at_another_exhibition_is_refused_not_reused(stall):
    fair, producer, product, record = stall
    other = running_fair()
    confirmed_booth(other, producer, "C1")
    stock = booth_stock.move_to_booth(producer, fair, record.pk, 2)
    there = booth_stock.move_to_booth(producer, other, record.pk, 2)
    user, key = producer.users.get(), uuid.uuid4()
    sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", key, user)
    with pytest.raises(NotYourProduct):
        sales.record_booth_sale(producer, other, [(there.pk, 1)], "cash", key, user)
    assert at_booth(other, record) == (2, 0)


def test_the_holder_selling_a_sharers_product_owes_the_sharer_the_sale(stall):
    from exhibitions.channels import sharing
    from sellers.money.commission import amounts_for

    fair, holder, _product, _record = stall
    application = fair.applications.get(producer=holder)
    sharer = ProducerFactory()
    sharer.users.add(UserFactory())
    share = sharing.invite(application, sharer, 3_000, holder.users.get())
    sharing.accept(share, sharer.users.get())
    bowl = make_product(producer=sharer, stock=4, with_image=False, price_rials=8_000_000)
    stock = booth_stock.move_to_booth(sharer, fair, bowl.stockrecords.get().pk, 2)
    order = sales.record_booth_sale(
        holder, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), holder.users.get()
    )
    part = order.fulfilments.get()
    assert part.producer == sharer
    amounts = amounts_for(part)

    def balance(producer, **more):
        entries = LedgerEntry.objects.filter(producer=producer, account="producer", **more)
        return sum(entries.values_list("amount_rials", flat=True))

    share.refresh_from_db()
    assert balance(sharer, exhibition=fair) == (
        amounts.sale_rials - amounts.commission_rials - share.fee_rials
    )
    assert balance(holder, fulfilment=part) == -amounts.sale_rials  # the cash in their till


def test_refunding_a_sharers_sale_from_the_holders_till_reverses_what_the_holder_owed(stall):
    from exhibitions.channels import sharing
    from shop.checkout.refunds import refund_order

    fair, holder, _product, _record = stall
    sharer = ProducerFactory()
    sharer.users.add(UserFactory())
    application = fair.applications.get(producer=holder)
    share = sharing.invite(application, sharer, 3_000, holder.users.get())
    sharing.accept(share, sharer.users.get())
    bowl = make_product(producer=sharer, stock=4, with_image=False, price_rials=8_000_000)
    stock = booth_stock.move_to_booth(sharer, fair, bowl.stockrecords.get().pk, 2)
    user = holder.users.get()
    order = sales.record_booth_sale(holder, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), user)
    part = order.fulfilments.get()

    refund_order(order, user, "برگشت کالا")

    def owed(producer):
        entries = LedgerEntry.objects.filter(producer=producer, fulfilment=part, account="producer")
        return sum(entries.values_list("amount_rials", flat=True))

    assert owed(holder) == 0 and owed(sharer) == 0
    bookings = LedgerEntry.objects.filter(fulfilment=part).values_list("booking", flat=True)
    for booking in set(bookings):
        lines = LedgerEntry.objects.filter(booking=booking)
        assert sum(lines.values_list("amount_rials", flat=True)) == 0
    assert at_booth(fair, bowl.stockrecords.get()) == (2, 0)


def test_a_share_with_pickups_waiting_cannot_end(stall):
    from exhibitions.channels import sharing
    from exhibitions.exceptions import PickupsWaiting

    fair, holder, _product, _record = stall
    sharer = ProducerFactory()
    sharer.users.add(UserFactory())
    share = sharing.invite(
        fair.applications.get(producer=holder), sharer, 2_500, holder.users.get()
    )
    sharing.accept(share, sharer.users.get())
    bowl = make_product(producer=sharer, stock=4, with_image=False)
    booth_stock.move_to_booth(sharer, fair, bowl.stockrecords.get().pk, 2)
    place_order([(bowl, 1)], pickup_at=fair)
    with pytest.raises(PickupsWaiting):
        sharing.end(share, holder.users.get())


def test_when_a_permanent_booth_term_ends_its_pickups_are_released_and_units_go_home(
    reference_data,
):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    park = running_fair(kind="permanent", ends_on=None, term_days=10)
    producer = ProducerFactory()
    producer.users.add(UserFactory())
    application, _booth = confirmed_booth(park, producer, "A1")
    product = make_product(producer=producer, stock=5, with_image=False)
    record = product.stockrecords.get()
    booth_stock.move_to_booth(producer, park, record.pk, 3)
    paid = pay(place_order([(product, 1)], pickup_at=park), producer)
    returned = booth_stock.return_ended_terms(day=today + datetime.timedelta(days=30))
    assert returned == {producer.pk: 3}
    assert at_booth(park, record) == (0, 0) and online(record) == 5
    assert paid.fulfilments.get().status == Fulfilment.Status.CANCELLED


def test_a_neighbours_sale_key_or_booth_stock_is_refused_at_another_booth(stall):
    fair, producer, product, record = stall
    neighbour = ProducerFactory()
    neighbour.users.add(UserFactory())
    confirmed_booth(fair, neighbour, "C1")
    theirs = make_product(producer=neighbour, stock=3, with_image=False)
    their_stock = booth_stock.move_to_booth(neighbour, fair, theirs.stockrecords.get().pk, 2)
    mine = booth_stock.move_to_booth(producer, fair, record.pk, 2)
    key = uuid.uuid4()
    sales.record_booth_sale(neighbour, fair, [(their_stock.pk, 1)], "cash", key, None)
    user = producer.users.get()
    with pytest.raises(NotYourProduct):  # the neighbour's key, replayed at my booth
        sales.record_booth_sale(producer, fair, [(mine.pk, 1)], "cash", key, user)
    with pytest.raises(NotYourProduct):  # the neighbour's booth stock, sold from my booth
        sales.record_booth_sale(producer, fair, [(their_stock.pk, 1)], "cash", uuid.uuid4(), user)
    assert at_booth(fair, record) == (2, 0)
    assert at_booth(fair, theirs.stockrecords.get()) == (1, 0)
