import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    """Oscar's shipping app with one method: each producer's own post (shipping.py)."""

    name = "shop.shipping"
