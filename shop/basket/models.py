"""Oscar's basket models. Only the query of a basket's lines changes: every checkout step
reads each line's product class (shipping required?), stock record and its producer (price,
may the producer sell? from which city?), so they come in the same query instead of one
query each."""

from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            self._lines = (
                # Not the parent product (variants): joining a second product row costs
                # more on every basket than the two queries a variant's class takes.
                self.lines.select_related("product__product_class", "stockrecord__partner__city")
                .prefetch_related("attributes", "product__images")
                .order_by(self._meta.pk.name)
            )
            for line in self._lines:
                # The stock record's product is the line's (Oscar reads record.product).
                if line.stockrecord is not None and line.stockrecord.product_id == line.product_id:
                    line.stockrecord.product = line.product
        return self._lines

    @property
    def num_lines(self):
        """From the lines already loaded (Oscar counts them in one more query)."""
        return len(self.all_lines())


from oscar.apps.basket.models import *  # noqa: E402, F403
