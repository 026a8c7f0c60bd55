"""Oscar's basket models, with fewer queries on every request that reads a basket:

- a line's product class (shipping required?), stock record and its producer (price, may
  the producer sell? from which city?) come in the lines' query instead of one query each;
- the lines' options (attributes) are looked up only when the catalogue has any option at
  all (a line has options only if its product has);
- the request's basket holds no voucher while the shop has none at all
  (`shop_has_vouchers`, checked by shop/basket/middleware.py): `basket.vouchers.all()` is
  then empty without a query (for the offer applicator on every request, and twice more
  when the order is placed). Adding a voucher through `basket.vouchers` forgets that, as
  Django does for any prefetched relation;
- a basket just saved for the first time has no lines to look up;
- the lines' product images are read only by a page that shows a line's thumbnail (the
  basket, its mini-basket, the preview), all lines' at once and remembered until the
  catalogue changes (catalog.models.Product.get_all_images, catalog.selectors.set_images);
  the other checkout steps read none."""

from django.db.models import prefetch_related_objects
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_model

from catalog.selectors import catalogue_has_options
from shop.pagecache.store import remembered

from .lines import lines_of


def _known_empty(instance, relation, model):
    """`instance.<relation>.all()` is empty without a query: a prefetched empty result,
    which Django drops itself when the relation is written through."""
    prefetched = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    prefetched[relation] = model.objects.none()


def shop_has_vouchers():
    """Whether any voucher exists (kept per page-cache generation: creating or deleting a
    voucher starts a new one, shop/pagecache/signals.py). Staff create them in the
    dashboard; most of the time there is none."""
    return remembered(
        "vouchers:any", lambda: get_model("voucher", "Voucher")._default_manager.exists()
    )


class Basket(AbstractBasket):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.pk is None:  # a new basket holds no voucher
            self.has_vouchers = False

    def save(self, *args, **kwargs):
        created = self._state.adding
        super().save(*args, **kwargs)
        if created and self._lines is None:  # a basket just created holds no line
            self._lines = self.lines.none()  # (the first add asks for its currency)

    @property
    def has_vouchers(self):
        """Whether the basket may hold vouchers (unknown: True)."""
        known = self.__dict__.get("_prefetched_objects_cache", {}).get("vouchers")
        return known is None or bool(known)

    @has_vouchers.setter
    def has_vouchers(self, value):
        """False: the basket holds none (a new basket, or the shop has none)."""
        if not value:
            _known_empty(self, "vouchers", self._meta.get_field("vouchers").related_model)

    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            with_options = catalogue_has_options()
            # With their products and classes, stock records, producers and cities: not the
            # parent product (variants), as joining a second product row costs more on every
            # basket than the two queries a variant's class takes.
            loaded = lines_of(self)
            if with_options:
                prefetch_related_objects(loaded, "attributes")
            self._lines = self.lines.order_by(self._meta.pk.name)
            self._lines._result_cache = loaded  # evaluated, as Oscar's queryset would be
            self._lines._prefetch_done = True
            attribute = self.lines.model.attributes.rel.related_model
            products = [line.product for line in loaded if line.product_id]
            for product in products:  # their images come together, if a page shows one
                product.images_together_with = products
            for line in loaded:
                # The stock record's product is the line's (Oscar reads record.product).
                if line.stockrecord is not None and line.stockrecord.product_id == line.product_id:
                    line.stockrecord.product = line.product
                if not with_options:
                    _known_empty(line, "attributes", attribute)
        return self._lines

    @property
    def num_lines(self):
        """From the lines already loaded (Oscar counts them in one more query)."""
        return len(self.all_lines())


from oscar.apps.basket.models import *  # noqa: E402, F403
