from decimal import Decimal

from django.utils.translation import gettext
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


class CollectAtExhibition(Base):
    """Click-and-collect: the buyer pays online and collects at the producers' booths of a
    running exhibition (exhibitions/channels/pickup.py). No charge."""

    is_pickup = True

    def __init__(self, exhibition, booths):
        from exhibitions.channels.pickup import PICKUP_PREFIX
        from shop.persian.dates import format_jalali_date
        from shop.persian.numbers import ui_language

        self.exhibition = exhibition
        self.booths = sorted({booth.code for booth in booths.values()})
        self.code = f"{PICKUP_PREFIX}{exhibition.pk}"
        venue = exhibition.venue
        self.city = str(venue.city or venue.province)
        self.name = gettext("Collect at %(exhibition)s, %(city)s — booths %(booths)s") % {
            "exhibition": exhibition.title,
            "city": self.city,
            "booths": gettext(", ").join(self.booths),
        }
        place = {"venue": venue.name, "address": venue.address, "city": self.city}
        where = gettext("%(venue)s, %(address)s, %(city)s.") % place
        if exhibition.ends_on:
            day = format_jalali_date(exhibition.ends_on, ui_language())
            when = gettext("Collect it by %(last_day)s, the exhibition's last day.") % {
                "last_day": day
            }
        else:
            when = gettext("Collect it while the exhibition is open.")
        self.description = f"{where} {when}"

    def calculate(self, basket):
        zero = Decimal(0)
        return prices.Price(currency=basket.currency, excl_tax=zero, incl_tax=zero)
