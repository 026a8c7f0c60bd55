"""Commission: which rate applies to a line, and what a fulfilment owes Dastsaz.

The rate in force on the day the order was paid applies. A fulfilment is created in the same
transaction that marks its order paid (shop/checkout/services.py `_mark_paid`), so its
`created_at` is the moment of payment. Among the rates in effect that day, the most specific
wins: producer and product type, then producer, then product type, then the default; among
equally specific rates the latest `effective_from` wins. Without any rate row the setting
SELLER_DEFAULT_COMMISSION_BP applies. Commission is charged on goods, not on the producer's
shipping charge (the producer pays the carrier), rounded half up to a whole Rial per line.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shop.persian.money import to_rials

from ..models import CommissionRate


def _specificity(rate):
    return (rate.producer_id is not None, rate.product_class_id is not None)


def rate_bp_for(producer, product_class, on, rates=None):
    """The rate (hundredths of a percent) for a producer's product of a class on a day."""
    if rates is None:
        rates = rates_in_force(producer, on)
    candidates = [
        rate
        for rate in rates
        if rate.effective_from <= on
        and rate.producer_id in (None, producer.pk)
        and rate.product_class_id in (None, getattr(product_class, "pk", None))
    ]
    if not candidates:
        return settings.SELLER_DEFAULT_COMMISSION_BP
    best = max(candidates, key=lambda r: (_specificity(r), r.effective_from, r.pk))
    return best.rate_bp


def rates_in_force(producer, on):
    return list(
        CommissionRate.objects.filter(effective_from__lte=on).filter(
            Q(producer__isnull=True) | Q(producer=producer)
        )
    )


def commission_rials(amount_rials, rate_bp):
    return (amount_rials * rate_bp + 5_000) // 10_000


@dataclass(frozen=True)
class SaleAmounts:
    goods_rials: int
    shipping_rials: int
    commission_rials: int

    @property
    def sale_rials(self):
        return self.goods_rials + self.shipping_rials

    @property
    def payable_rials(self):
        return self.sale_rials - self.commission_rials


def amounts_for(fulfilment):
    """What a fulfilment's sale was, and Dastsaz's commission on it."""
    paid_on = timezone.localdate(fulfilment.created_at)
    rates = rates_in_force(fulfilment.producer, paid_on)
    goods = commission = 0
    for line in fulfilment.lines.select_related("product__product_class", "product__parent"):
        price = to_rials(line.line_price_incl_tax)
        product = line.product
        product_class = product.get_product_class() if product else None
        goods += price
        commission += commission_rials(
            price, rate_bp_for(fulfilment.producer, product_class, paid_on, rates)
        )
    return SaleAmounts(goods, fulfilment.shipping_charge_rials, commission)


def set_rate(percent, effective_from, by, product_class=None, producer=None, note=""):
    """Staff add a rate; earlier rates stay (orders paid before it keep theirs)."""
    return CommissionRate.objects.create(
        rate_bp=int(round(percent * 100)),
        effective_from=effective_from,
        product_class=product_class,
        producer=producer,
        note=note,
        created_by=by,
    )
