"""Demo money: commission rates, paid orders that producers delivered (some long enough ago to
be paid out), one paid payout batch, open orders to send, and a support company working for
three producers. Idempotent: nothing is added once the demo buyer's orders exist.

Orders go through the real paths: Oscar's OrderCreator allocates stock, the booth adapter
settles the payment (shop.checkout.services), the producer ships and delivers through
sellers.services (which books the ledger), and staff pay a batch through sellers.money.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from oscar.apps.address.models import Country
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import Order, ShippingAddress
from oscar.apps.order.utils import OrderCreator

from catalog.models import ProductClass
from sellers import services as fulfilments
from sellers.exceptions import PayoutError
from sellers.models import CommissionRate, Right, StockRecord, SupportCompany, SupportMember
from sellers.money import commission, payouts
from sellers.strategy import Default
from sellers.support import services as support
from shop.basket.models import Basket
from shop.checkout.services import open_channel, settle_booth_payment
from shop.payments import services as payments
from shop.persian.money import to_rials
from shop.shipping.methods import PostByEachProducer

BUYER_EMAIL = "buyer@demo.dastsaz.ir"
COMPANY_EMAIL = "support@demo.dastsaz.ir"
COMPANY_NAME = "تعاونی صنایع دستی فارس"
# (days ago delivered, or None: still to send) per order, for each of the first producers.
ORDER_PLAN = (20, 12, 3, None)
PRODUCERS_WITH_ORDERS = 6


def demo_sheba(number):
    """A well-formed Sheba (IBAN mod-97) for demo producer `number`; no such account exists."""
    bban = f"0170000000{number:012d}"
    check = 98 - int(bban + "182700") % 97
    return f"IR{check:02d}{bban}"


def ensure_money(producers, password):
    for number, producer in enumerate(producers, start=1):
        if not producer.sheba:
            producer.sheba = demo_sheba(number)
            producer.sheba_holder = " ".join(producer.name.split()[-2:])  # the maker's name
            producer.save(update_fields=["sheba", "sheba_holder"])
    ensure_commission_rates()
    if not Order.objects.filter(guest_email=BUYER_EMAIL).exists():
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        for producer in [p for p in producers if p.is_selling][:PRODUCERS_WITH_ORDERS]:
            for days_ago in ORDER_PLAN:
                order = _paid_order(producer)
                if order is not None and days_ago is not None:
                    _deliver(order.fulfilments.get(), days_ago)
        try:
            batch = payouts.create_batch(admin, threshold_rials=1_000_000)
        except PayoutError:
            batch = None
        if batch is not None:
            payouts.mark_paid(batch, admin)
    ensure_support_company(producers, password)


def ensure_commission_rates():
    if CommissionRate.objects.exists():
        return
    since = timezone.localdate() - datetime.timedelta(days=365)
    commission.set_rate(10, since, None, note="نرخ پایه")
    for slug, percent in (("carpet", 8), ("food", 7)):
        product_class = ProductClass.objects.filter(slug=slug).first()
        if product_class:
            commission.set_rate(percent, since, None, product_class=product_class)


def _address(province=None):
    """Sara in Tehran, or a buyer in `province`'s capital (the market history)."""
    city = province.cities.filter(is_capital=True).first() if province else None
    return ShippingAddress.objects.create(
        first_name="سارا",
        last_name="محمدی",
        line1="خیابان ولیعصر، کوچه ۷، پلاک ۱۲",
        line4=city.name_fa if city else "تهران",
        state=province.name_fa if province else "تهران",
        postcode="1415913311",
        phone_number="+989121234567",
        country=Country.objects.get(iso_3166_1_a2="IR"),
    )


def _paid_order(producer, province=None, pick=0):
    """A paid order of one unit of the producer's `pick`-th stocked product."""
    records = (
        StockRecord.objects.filter(partner=producer, num_in_stock__gte=3)
        .select_related("product")
        .order_by("pk")
    )
    record = next(iter(records[pick : pick + 1]), None) or records.first()
    if record is None:
        return None
    with transaction.atomic():
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(record.product, 1)
        method = PostByEachProducer()
        shipping = method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, shipping)
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=shipping,
            shipping_address=_address(province),
            guest_email=BUYER_EMAIL,
        )
        open_channel(order, method)
        basket.submit()
        attempt = payments.create_attempt(order, "booth", to_rials(order.total_incl_tax))
        payments.start_attempt(attempt, "/seller/")
    settle_booth_payment(attempt.pk, producer.users.order_by("pk").first())
    order.refresh_from_db()
    return order


def _deliver(fulfilment, days_ago):
    delivered_at = timezone.now() - datetime.timedelta(days=days_ago)
    fulfilments.ship_fulfilment(fulfilment, "post", f"1234567890{fulfilment.pk:04d}")
    fulfilments.deliver_fulfilment(fulfilment, at=delivered_at)


def ensure_support_company(producers, password):
    """A cooperative with one member who works for three producers, each granting a
    different set of rights."""
    User = get_user_model()
    company, _ = SupportCompany.objects.get_or_create(
        registration_number="10861234567",
        defaults={"name": COMPANY_NAME, "mobile": "09170000000"},
    )
    user, created = User.objects.get_or_create(
        email=COMPANY_EMAIL,
        defaults={"username": "support-demo", "first_name": "نرگس", "last_name": "فرهادی"},
    )
    if created:
        user.password = make_password(password)
        user.save(update_fields=["password"])
    SupportMember.objects.get_or_create(
        user=user, defaults={"company": company, "is_manager": True}
    )
    if company.grants.exists():
        return company
    plans = (list(Right.values), [Right.LISTINGS, Right.FULFILMENTS], [Right.STATEMENTS])
    for producer, rights in zip(producers[:3], plans, strict=False):
        support.grant(producer, company, rights, producer.users.order_by("pk").first())
    return company
