"""Database backend: plain ORM queries, the embedded default.

Full-text ranking and facets arrive with the search issue; this backend already honours
every filter of `ProductQuery` so listings and the browse pages are correct today.
"""

from django.db.models import Exists, F, Min, OuterRef, Q

from catalog.models import Product, ProductCategory
from sellers.models import StockRecord
from shop.persian.text import normalise

from .base import ProductHits, ProductQuery, SearchBackend

ORDERINGS = {
    "relevance": ("-priority", "-date_created", "-id"),
    "newest": ("-date_created", "-id"),
    "price_asc": ("min_price", "-id"),
    "price_desc": ("-min_price", "-id"),
}


class DatabaseBackend(SearchBackend):
    def search(self, query: ProductQuery) -> ProductHits:
        products = self.filtered(query)
        if query.sort.startswith("price"):
            products = products.annotate(min_price=Min("stockrecords__price"))
        products = products.order_by(*ORDERINGS[query.sort])
        total = products.count()
        ids = list(
            products.values_list("id", flat=True)[query.offset : query.offset + query.per_page]
        )
        return ProductHits(product_ids=ids, total=total)

    def filtered(self, query: ProductQuery):
        products = Product.objects.browsable()
        if query.text:
            for word in normalise(query.text).split():
                products = products.filter(Q(title__icontains=word) | Q(upc__iexact=word))
        if query.category_ids:
            in_category = ProductCategory.objects.filter(
                product=OuterRef("pk"), category_id__in=query.category_ids
            )
            products = products.filter(Exists(in_category))
        if query.product_class:
            products = products.filter(product_class__slug=query.product_class)
        stock_filters = Q()
        if query.province_code:
            stock_filters &= Q(partner__province__code=query.province_code)
        if query.producer_id:
            stock_filters &= Q(partner_id=query.producer_id)
        if query.price_min_rials is not None:
            stock_filters &= Q(price__gte=query.price_min_rials)
        if query.price_max_rials is not None:
            stock_filters &= Q(price__lte=query.price_max_rials)
        if query.in_stock:
            stock_filters &= Q(num_in_stock__gt=F("num_allocated"))
        if stock_filters:
            # One stock record must satisfy every stock condition at once.
            stock = StockRecord.objects.filter(stock_filters, product=OuterRef("pk"))
            products = products.filter(Exists(stock))
        return products
