import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket; its lines load with what checkout reads of them (models.py)."""

    name = "shop.basket"
