"""Oscar's basket views (found by Oscar's class loader: the basket app is forked)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from oscar.apps.basket import views
from oscar.core.loading import get_model

from shop.pagecache.personal import keeping_mini_basket


class BasketAddView(views.BasketAddView):
    def post(self, request, *args, **kwargs):
        """Oscar's, with the product read once with what adding it needs: its class, and its
        stock records with their producers. Oscar reads the class, and a record and its
        producer for the form and again for the basket: five queries."""
        StockRecord = get_model("partner", "StockRecord")
        products = self.product_model.objects.select_related(
            "product_class", "parent__product_class"
        ).prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner"))
        )
        self.product = get_object_or_404(products, pk=kwargs["pk"])
        return super(views.BasketAddView, self).post(request, *args, **kwargs)

    def form_valid(self, form):
        """Oscar's (which applies the offers again for its messages), then the mini-basket of
        the basket in hand kept for the page the buyer goes back to."""
        with keeping_mini_basket(self.request):
            return super().form_valid(form)
