from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from sellers.shipping import charges_for_basket


class PostByEachProducer(Base):
    """Every producer posts their own parcel: the charge is the sum of their fees."""

    code = "producer-post"
    name = _("Post, sent by each producer")
    description = _("Each producer sends their own parcel from their city.")

    def calculate(self, basket):
        total_rials = sum(charges_for_basket(basket).values())
        amount = Decimal(total_rials)
        return prices.Price(currency=basket.currency, excl_tax=amount, incl_tax=amount)
