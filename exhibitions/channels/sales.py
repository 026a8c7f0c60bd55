"""Selling at the booth: an Oscar order in the exhibition's channel, paid in person.

A sale is recorded through the booth payment adapter (shop/payments/booth.py) the way the
demo and the checkout settle in-person payments, its units are taken from booth stock (never
from the online stock), and each producer's part is handed over at once: its fulfilment is
delivered and Dastsaz's commission booked (the producer holds the money). At a shared booth
one person at the till sells everyone's products; each line's producer is credited.

The sale screen sends an idempotency key with every sale: a retried submission (a flaky
connection, a double tap) finds the sale recorded under that key and returns it.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.utils import OrderCreator
from oscar.apps.shipping.methods import NoShippingRequired
from oscar.core import prices

from sellers.models import Fulfilment, StockRecord
from sellers.money import ledger
from sellers.strategy import Default
from shop.basket.models import Basket
from shop.payments import services as payments
from shop.persian.money import to_rials

from ..exceptions import EmptySale, NotSellingNow, NotYourProduct
from ..models import BoothStock, Exhibition, OrderChannel
from . import stock as booth_stock


def booth_mates(producer, exhibition):
    """The producers selling from `producer`'s booth at `exhibition` (themselves included):
    the holder and everyone sharing it."""
    from ..models import BoothShare

    booth = booth_stock.booth_of(producer, exhibition)
    if booth is None:
        return booth, []
    holds = booth.assignments.filter(released_at__isnull=True, application__status="paid")
    mates = set()
    for assignment in holds.select_related("application"):
        application = assignment.application
        if booth_stock.booth_of(application.producer, exhibition) != booth:
            continue
        mates.add(application.producer_id)
        mates.update(
            BoothShare.objects.filter(
                application=application, status=BoothShare.Status.ACCEPTED
            ).values_list("producer_id", flat=True)
        )
    return booth, sorted(mates)


def sale_for_key(key):
    channel = OrderChannel.objects.select_related("order").filter(idempotency_key=key).first()
    return channel.order if channel else None


def record_booth_sale(producer, exhibition, items, paid_by, key, by):
    """Sell `items` ([(booth stock id, quantity), …]) at `producer`'s booth, paid `paid_by`
    (cash or card). Returns the order; the same `key` again returns the same order."""
    done = sale_for_key(key)
    if done is not None:
        return _same_sale(done, exhibition, producer)
    wanted = {}
    for stock_id, quantity in items:
        if quantity > 0:
            wanted[int(stock_id)] = wanted.get(int(stock_id), 0) + int(quantity)
    if not wanted:
        raise EmptySale()
    try:
        with transaction.atomic():
            return _sell(producer, exhibition, wanted, paid_by, key, by)
    except IntegrityError:
        done = sale_for_key(key)  # the same sale, recorded by a retry a moment earlier
        if done is None:
            raise
        return _same_sale(done, exhibition, producer)


def _same_sale(order, exhibition, producer):
    """A key names one sale at one booth: a key seen at another exhibition or another booth
    is refused, never answered with someone else's sale."""
    if order.channel.exhibition_id != exhibition.pk:
        raise NotYourProduct()
    _booth, mates = booth_mates(producer, exhibition)
    if not set(order.lines.values_list("partner_id", flat=True)) & set(mates):
        raise NotYourProduct()
    return order


def _sell(producer, exhibition, wanted, paid_by, key, by):
    # Locks as every stock path takes them: stock records (id order), then the exhibition
    # (shared with other sales and pick-ups, exclusive with closing), then booth stock rows.
    stocks = {s.pk: s for s in BoothStock.objects.filter(pk__in=wanted, exhibition=exhibition)}
    if set(stocks) != set(wanted):
        raise NotYourProduct()
    records = {
        r.pk: r
        for r in StockRecord.objects.select_for_update()
        .select_related("product", "partner")
        .filter(pk__in=sorted({s.stockrecord_id for s in stocks.values()}))
        .order_by("pk")
    }
    exhibition = Exhibition.objects.select_for_update(no_key=True).get(pk=exhibition.pk)
    if exhibition.status != Exhibition.Status.RUNNING:
        raise NotSellingNow()
    _booth, mates = booth_mates(producer, exhibition)
    if not mates:
        raise NotSellingNow()
    if any(s.producer_id not in mates for s in stocks.values()):
        raise NotYourProduct()
    locked = {
        s.pk: s
        for s in BoothStock.objects.select_for_update().filter(pk__in=sorted(stocks)).order_by("pk")
    }
    done = sale_for_key(key)  # a retry that waited for our locks finds the first sale here
    if done is not None:
        return _same_sale(done, exhibition, producer)
    for stock_id, quantity in wanted.items():
        stock = locked[stock_id]
        if quantity > stock.available:
            from ..exceptions import NotEnoughAtBooth

            raise NotEnoughAtBooth(records[stock.stockrecord_id].product, stock.available)
    order = _place_order(locked, records, wanted)
    OrderChannel.objects.create(
        order=order,
        kind=OrderChannel.Kind.BOOTH_SALE,
        exhibition=exhibition,
        paid_by=paid_by,
        idempotency_key=key,
        recorded_by=by,
    )
    for stock_id, quantity in wanted.items():
        stock = locked[stock_id]
        booth_stock.take_sold(stock, records[stock.stockrecord_id], quantity, order, by)
    _take_payment(order, by)
    _hand_over(order, producer)
    order.refresh_from_db()
    return order


def _place_order(stocks, records, wanted):
    """An Oscar order for the sold lines; Oscar allocates online stock as it places an
    order, which a booth sale gives straight back (its units come from the booth)."""
    basket = Basket.objects.create()
    basket.strategy = Default()
    for stock_id, quantity in wanted.items():
        record = records[stocks[stock_id].stockrecord_id]
        basket.add_product(record.product, quantity)
    method = NoShippingRequired()
    shipping = prices.Price(currency=basket.currency, excl_tax=Decimal(0), incl_tax=Decimal(0))
    total = OrderTotalCalculator().calculate(basket, shipping)
    order = OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=shipping
    )
    basket.submit()
    for line in order.lines.select_related("stockrecord"):
        if line.stockrecord_id:
            line.stockrecord.cancel_allocation(line.quantity)
    return order


def _take_payment(order, by):
    """Settled in the name of a producer on the order: at a shared booth the person at the
    till may sell only a booth mate's products (who recorded it stays on the channel)."""

    from shop.checkout.services import settle_booth_payment

    attempt = payments.create_attempt(order, "booth", to_rials(order.total_incl_tax))
    payments.start_attempt(attempt, "")
    settle_booth_payment(attempt.pk, _receiver(order, by))


def _receiver(order, by):
    """Who confirms the money in person: the seller when their products are on the sale; else
    (a support company's member, or a booth mate selling only a partner's products, both
    already admitted by `booth_mates`) an account of a producer on the sale."""
    from django.contrib.auth import get_user_model

    on_sale = order.lines.values("partner_id")
    users = get_user_model().objects.filter(partners__in=on_sale)
    if by is not None and users.filter(pk=by.pk).exists():
        return by
    return users.order_by("pk").first() or by


def _hand_over(order, till):
    """Each producer's part delivered, Dastsaz's commission booked; at a shared booth the
    money of a booth mate's part is in the till of `till` (the producer selling), who then owes
    it to that mate: a transfer between their accounts."""
    now = timezone.now()
    for fulfilment in order.fulfilments.select_for_update().order_by("pk"):
        fulfilment.status = Fulfilment.Status.DELIVERED
        fulfilment.accepted_at = fulfilment.shipped_at = fulfilment.delivered_at = now
        fulfilment.save()
        ledger.book_booth_sale(fulfilment)
        if fulfilment.producer_id != till.pk:
            ledger.book_till_transfer(fulfilment, till)
