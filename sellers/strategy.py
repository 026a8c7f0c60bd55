"""Oscar's default strategy, except that a producer who may not sell sells nothing.

A producer's products cannot be bought while the producer is not approved or the licence
has expired (`Partner.is_selling`); the pages hide them too (catalog/views.py, search).
"""

from oscar.apps.partner import strategy

from .availability import Unavailable


class Default(strategy.Default):
    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and not stockrecord.partner.is_selling:
            return Unavailable()
        return super().availability_policy(product, stockrecord)


class Selector(strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
