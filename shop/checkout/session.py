"""Oscar's checkout session mixin, with the shipping address's country from the cache."""

from oscar.apps.checkout import session

from .selectors import with_country


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def get_shipping_address(self, basket):
        """Oscar's, its country read from the cache (the preview shows its name, placing
        the order saves it with its search text): no query for it on either step."""
        return with_country(super().get_shipping_address(basket))
