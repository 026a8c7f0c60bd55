"""Database backend, the embedded default: `ProductDocument` rows.

PostgreSQL: full-text search on a weighted tsvector (GIN index, `simple` configuration over
our own normalised terms) ranked with ts_rank. SQLite: every query word must appear in the
normalised terms. Facets are counted in four queries whatever the page size.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q

from catalog.product_classes import PRODUCT_CLASSES
from shop.persian.numbers import ui_language
from shop.persian.text import query_alternatives

from ..models import ProductDocument
from .base import (
    PRICE_RANGES,
    PRODUCER_FACET_SIZE,
    FacetValue,
    ProductHits,
    ProductQuery,
    SearchBackend,
    Suggestion,
)

ORDERINGS = {
    "relevance": ("-priority", "-date_created", "-product_id"),
    "newest": ("-date_created", "-product_id"),
    "price_asc": (F("price_rials").asc(nulls_last=True), "-product_id"),
    "price_desc": (F("price_rials").desc(nulls_last=True), "-product_id"),
}
CategoryLink = ProductDocument.categories.through


def price_range_q(low, high):
    q = Q(price_rials__gte=low)
    return q & Q(price_rials__lt=high) if high is not None else q


def text_filter(documents, text):
    """Documents matching every word of `text` (as a prefix on PostgreSQL), and the query.

    Any alternative of `query_alternatives` may match, so split and joined spellings of a
    compound find each other.
    """
    alternatives = query_alternatives(text)
    if not alternatives:
        return documents, None
    if connection.vendor == "postgresql":
        raw = " | ".join(
            "(" + " & ".join(f"{term}:*" for term in terms) + ")" for terms in alternatives
        )
        query = SearchQuery(raw, search_type="raw", config="simple")
        return documents.filter(search_vector=query), query
    matches = Q()
    for terms in alternatives:
        every_term = Q()
        for term in terms:
            every_term &= (
                Q(title_terms__contains=term)
                | Q(keyword_terms__contains=term)
                | Q(body_terms__contains=term)
            )
        matches |= every_term
    return documents.filter(matches), None


class DatabaseBackend(SearchBackend):
    def search(self, query: ProductQuery) -> ProductHits:
        documents, text_query = text_filter(self.filtered(query), query.text)
        ordered = documents
        ordering = ORDERINGS[query.sort]
        if text_query is not None and query.sort == "relevance":
            ordered = documents.annotate(rank=SearchRank(F("search_vector"), text_query))
            ordering = ("-rank", *ordering)
        page = slice(query.offset, query.offset + query.per_page)
        ids = list(ordered.order_by(*ordering).values_list("product_id", flat=True)[page])
        if query.with_facets:
            total, facets = self.facets(documents)
        else:
            total, facets = documents.count(), {}
        return ProductHits(product_ids=ids, total=total, facets=facets)

    def filtered(self, query: ProductQuery):
        documents = ProductDocument.objects.all()
        if query.category_id:
            documents = documents.filter(categories=query.category_id)
        if query.product_class:
            documents = documents.filter(product_class=query.product_class)
        if query.province_code:
            documents = documents.filter(province__code=query.province_code)
        if query.producer_id:
            documents = documents.filter(producer_id=query.producer_id)
        if query.price_min_rials is not None:
            documents = documents.filter(price_rials__gte=query.price_min_rials)
        if query.price_max_rials is not None:
            documents = documents.filter(price_rials__lte=query.price_max_rials)
        if query.in_stock:
            documents = documents.filter(in_stock=True)
        return documents

    def facets(self, documents):
        """The total and each facet's counts over the matching documents."""
        english = ui_language() == "en"
        counts = {"total": Count("pk"), "in_stock": Count("pk", filter=Q(in_stock=True))}
        for index, spec in enumerate(PRODUCT_CLASSES):
            counts[f"class{index}"] = Count("pk", filter=Q(product_class=spec.slug))
        for index, (_key, low, high) in enumerate(PRICE_RANGES):
            counts[f"price{index}"] = Count("pk", filter=price_range_q(low, high))
        row = documents.aggregate(**counts)

        provinces = (
            documents.exclude(province=None)
            .values("province__code", "province__name_fa", "province__name_en")
            .annotate(n=Count("pk"))
            .order_by("-n", "province__name_fa")
        )
        producers = (
            documents.exclude(producer=None)
            .values("producer_id", "producer__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "producer__name")[:PRODUCER_FACET_SIZE]
        )
        crafts = (
            CategoryLink.objects.filter(
                productdocument_id__in=documents.values("pk"), category__depth__gte=2
            )
            .values("category_id", "category__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "category__name")
        )
        facets = {
            "product_class": [
                FacetValue(spec.slug, spec.name, row[f"class{i}"])
                for i, spec in enumerate(PRODUCT_CLASSES)
                if row[f"class{i}"]
            ],
            "price": [
                FacetValue(key, key, row[f"price{i}"])
                for i, (key, _low, _high) in enumerate(PRICE_RANGES)
                if row[f"price{i}"]
            ],
            "in_stock": [FacetValue("1", "in stock", row["in_stock"])] if row["in_stock"] else [],
            "province": [
                FacetValue(
                    p["province__code"],
                    p["province__name_en"] if english else p["province__name_fa"],
                    p["n"],
                )
                for p in provinces
            ],
            "producer": [
                FacetValue(str(p["producer_id"]), p["producer__name"], p["n"]) for p in producers
            ],
            "category": [
                FacetValue(str(c["category_id"]), c["category__name"], c["n"]) for c in crafts
            ],
        }
        return row["total"], facets

    def suggest_products(self, text, limit):
        documents, text_query = text_filter(ProductDocument.objects.all(), text)
        if not query_alternatives(text):
            return []
        if text_query is not None:
            documents = documents.annotate(rank=SearchRank(F("search_vector"), text_query))
            documents = documents.order_by("-rank", "-priority", "-product_id")
        else:
            documents = documents.order_by("-priority", "-product_id")
        return [
            Suggestion("product", title, url)
            for title, url in documents.values_list("title", "url")[:limit]
        ]
