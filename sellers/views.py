"""Public producer pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from search.views import ProductListView

from .models import Partner


def may_see(producer, user):
    """A producer who may not sell is visible only to staff and the producer's own accounts."""
    if producer.is_selling or user.is_staff:
        return True
    return user.is_authenticated and producer.users.filter(pk=user.pk).exists()


class ProducerView(ProductListView):
    """`/producers/<slug>/`: the story, photo, province and licence badge, then their products
    from the search backend (filtered by producer, with the usual facets and sorting)."""

    template_name = "sellers/producer_detail.html"

    def get(self, request, *args, **kwargs):
        self.producer = get_object_or_404(
            Partner.objects.select_related("province", "city"), slug=kwargs["slug"]
        )
        if not may_see(self.producer, request.user):
            raise Http404
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {"producer_id": self.producer.pk}

    def fixed_facets(self):
        return ("producer",)

    def summary(self, query):
        return self.producer.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(producer=self.producer, **kwargs)
