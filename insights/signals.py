"""Oscar's own signals feed the market figures: a product page seen, a product put in a
basket (insights.recording counts each once per visitor a day)."""

from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed

from shop.pagecache.hooks import on_view

from .recording import record_basket


def _on_view(sender, product, user, request, response=None, **kwargs):
    if request is not None and not getattr(user, "is_staff", False):
        # on every view of the page, also when it is served from the page cache
        on_view(request, "insights.recording.record_view", product.pk)


def _on_basket(sender, product, user=None, request=None, **kwargs):
    if request is not None:
        record_basket(request, product.pk)


def connect():
    product_viewed.connect(_on_view, dispatch_uid="insights-product-viewed")
    basket_addition.connect(_on_basket, dispatch_uid="insights-basket-addition")
