"""Oscar's basket middleware, with the request's basket known to hold no voucher while the
shop has none (shop/basket/models.py): the applicator then asks for no vouchers."""

from oscar.apps.basket import middleware

from .models import shop_has_vouchers


class BasketMiddleware(middleware.BasketMiddleware):
    def get_basket(self, request):
        basket = super().get_basket(request)
        if basket.pk is not None and not shop_has_vouchers():
            basket.has_vouchers = False
        return basket
