from django.utils.translation import gettext as _
from oscar.apps.partner import availability

from shop.persian.numbers import localised_number

Unavailable = availability.Unavailable
Available = availability.Available


class StockRequired(availability.StockRequired):
    """Oscar's stock policy with numbers in the reader's digits (Persian in the Persian UI)."""

    def is_purchase_permitted(self, quantity):
        if 0 < self.num_available < quantity:
            return False, _("a maximum of %(max)s can be bought") % {
                "max": localised_number(self.num_available)
            }
        return super().is_purchase_permitted(quantity)

    @property
    def message(self):
        if self.num_available > 0:
            return _("In stock (%s available)") % localised_number(self.num_available)
        return _("Unavailable")


class AtBoothsOnly(StockRequired):
    """Gone from the online stock, but units wait at exhibition booths: it can be bought to
    collect there (checkout then offers only collecting; sellers/strategy.py)."""

    @property
    def message(self):
        return _("Only at an exhibition booth: collect it there (%s available)") % (
            localised_number(self.num_available)
        )
