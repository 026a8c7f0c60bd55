import oscar.apps.basket.apps as apps
from django.db.models.signals import m2m_changed


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, with fewer queries per request that reads one (models.py)."""

    name = "shop.basket"

    def ready(self):
        super().ready()
        from .models import Basket, forget_vouchers

        m2m_changed.connect(
            forget_vouchers, sender=Basket.vouchers.through, dispatch_uid="basket-vouchers"
        )
