import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, with fewer queries per request that reads one (models.py)."""

    name = "shop.basket"
