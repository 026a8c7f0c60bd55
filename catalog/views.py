from django.db.models import Prefetch
from oscar.apps.catalogue import views as oscar_views

from exhibitions.channels.where import booths_with
from sellers.models import StockRecord

from .models import Product, ProductAttributeValue, ProductImage


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, with everything the page shows fetched in a few queries.

    A product of a producer who may not sell (not approved, licence expired) is a 404 for
    everyone but staff and the producer's own accounts. The page also says at which booth of
    a running exhibition the product can be seen and bought today.
    """

    def is_viewable(self, product, request):
        if not super().is_viewable(product, request):
            return False
        from sellers.views import may_see

        return all(may_see(s.partner, request.user) for s in product.stockrecords.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["at_booths"] = booths_with(self.object)  # one query
        return context

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
