import logging

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from catalog.models import Category
from sellers.models import Partner
from shop.persian.text import normalise

from .backends.base import ProductHits, ProductQuery, SearchBackend, Suggestion
from .backends.database import DatabaseBackend
from .models import ProductDocument

logger = logging.getLogger(__name__)


class FallbackBackend(SearchBackend):
    """Elasticsearch first; the database when Elasticsearch cannot answer.

    Logs one warning when Elasticsearch becomes unreachable (not one per request), and
    one line when it answers again.
    """

    def __init__(self, primary, fallback, unavailable):
        self.primary, self.fallback, self.unavailable = primary, fallback, unavailable
        self.failing = False

    def _call(self, method, *args):
        try:
            result = getattr(self.primary, method)(*args)
        except self.unavailable as error:
            if not self.failing:
                logger.warning(
                    "Elasticsearch unavailable, serving search from the database: %s", error
                )
                self.failing = True
            return getattr(self.fallback, method)(*args)
        if self.failing:
            logger.info("Elasticsearch answers again")
            self.failing = False
        return result

    def search(self, query):
        return self._call("search", query)

    def suggest_products(self, text, limit):
        return self._call("suggest_products", text, limit)


_backend = None


def get_backend() -> SearchBackend:
    global _backend
    if _backend is None:
        if settings.ELASTICSEARCH_URL:
            from .backends import elasticsearch

            _backend = FallbackBackend(
                elasticsearch.ElasticsearchBackend(), DatabaseBackend(), elasticsearch.UNAVAILABLE
            )
        else:
            _backend = import_string(settings.SEARCH_BACKEND)()
    return _backend


def cards(product_ids):
    """Product cards (search documents) in the given order: one query for any page size."""
    documents = ProductDocument.objects.filter(product_id__in=product_ids).select_related(
        "producer", "province"
    )
    by_id = {document.product_id: document for document in documents}
    return [by_id[pk] for pk in product_ids if pk in by_id]


def search_products(query: ProductQuery) -> tuple[ProductHits, list[ProductDocument]]:
    hits = get_backend().search(query)
    return hits, cards(hits.product_ids)


def suggestions(text, limit=6) -> list[Suggestion]:
    """For the search box: crafts and producers by name, then products."""
    needle = normalise(text)
    if len(needle) < 2:
        return []
    crafts = [
        Suggestion("craft", c.name, c.get_absolute_url())
        for c in Category.objects.browsable().filter(depth__gte=2)
        if needle in normalise(c.name)
    ][:3]
    producers = [
        Suggestion("producer", p.name, f"/catalogue/?producer={p.id}")
        for p in Partner.objects.filter(Q(name__icontains=text) | Q(name__icontains=needle))[:3]
    ]
    return crafts + producers + get_backend().suggest_products(text, limit)
