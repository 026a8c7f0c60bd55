from django.db.models import Prefetch
from oscar.apps.catalogue import views as oscar_views

from sellers.models import StockRecord

from .models import Product, ProductAttributeValue, ProductImage


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, with everything the page shows fetched in a few queries."""

    def get_queryset(self):
        return Product.objects.select_related("product_class", "parent").prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__province", "partner__city"),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            Prefetch(
                "attribute_values",
                queryset=ProductAttributeValue.objects.select_related(
                    "attribute", "value_option"
                ).order_by("attribute__id"),
            ),
            "categories",
        )
