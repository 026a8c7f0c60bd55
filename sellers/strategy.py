"""Oscar's default strategy, except that a producer who may not sell sells nothing, and a
product gone from the online stock can still be bought to collect at a booth that has it.

A producer's products cannot be bought while the producer is not approved or the licence
has expired (`Partner.is_selling`); the pages hide them too (catalog/views.py, search).
Availability counts online units only (booth units left the online stock), except for a
product with none online: then the units waiting at booths of open exhibitions, which
checkout offers only to collect (shop/shipping/repository.py).
"""

from oscar.apps.partner import strategy

from .availability import AtBoothsOnly, StockRequired, Unavailable


class Default(strategy.Default):
    def fetch_for_line(self, line, stockrecord=None):
        """The line's own stock record (Oscar's Base ignores it and selects the product's
        first record again, one query per line each time)."""
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and not stockrecord.partner.is_selling:
            return Unavailable()
        policy = super().availability_policy(product, stockrecord)
        if isinstance(policy, StockRequired) and policy.num_available <= 0:
            from exhibitions.channels.where import units_at_booths

            at_booths = units_at_booths(stockrecord.pk)
            if at_booths > 0:
                return AtBoothsOnly(at_booths)
        return policy


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
