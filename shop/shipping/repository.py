from oscar.apps.shipping import repository

from .methods import CollectAtExhibition, PostByEachProducer


class Repository(repository.Repository):
    """Post by each producer; and, where the whole basket waits at the producers' booths of
    a running exhibition, collecting it there (one method per exhibition)."""

    methods = (PostByEachProducer(),)

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        from exhibitions.channels.pickup import pickup_options

        pickups = [CollectAtExhibition(e, booths) for e, booths in pickup_options(basket)]
        return [*self.methods, *pickups]

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        """The basket page's estimate: the post (no booth look-ups on every basket view)."""
        if basket.is_shipping_required() and not basket.has_shipping_discounts:
            return self.methods[0]
        return super().get_default_shipping_method(basket, shipping_addr, **kwargs)
