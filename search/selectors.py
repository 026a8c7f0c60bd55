from django.conf import settings
from django.db.models import Prefetch
from django.utils.module_loading import import_string

from catalog.models import Product, ProductImage
from sellers.models import StockRecord

from .backends.base import ProductHits, ProductQuery


def get_backend():
    return import_string(settings.SEARCH_BACKEND)()


def product_cards(product_ids):
    """Products for listing cards, in the given order, in a fixed number of queries.

    One query for products with their class, one for stock records with producer and
    province, one for images, whatever the page size.
    """
    products = (
        Product.objects.filter(id__in=product_ids)
        .select_related("product_class")
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__province"),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
        )
    )
    by_id = {product.id: product for product in products}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def search_products(query: ProductQuery) -> tuple[ProductHits, list[Product]]:
    hits = get_backend().search(query)
    return hits, product_cards(hits.product_ids)
