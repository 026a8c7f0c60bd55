"""Database backend, the embedded default: `ProductDocument` rows.

PostgreSQL: full-text search on a weighted tsvector (GIN index, `simple` configuration over
our own normalised terms) ranked with ts_rank. SQLite: every query word must be one of the
normalised terms, a whole term as in PostgreSQL (`whole_terms_q`). Facets are counted in
one statement on PostgreSQL (`pg_facets.py`), four queries elsewhere, whatever the page
size; counts over a large match are kept a minute (`counted_facets`).
"""

import hashlib
from dataclasses import replace

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Count, F, Q, TextField, Value
from django.db.models.functions import Cast, Concat

from catalog.models import Province
from catalog.product_classes import PRODUCT_CLASSES
from shop.persian.numbers import ui_language
from shop.persian.text import query_alternatives

from ..models import ProductDocument
from .base import (
    EXHIBITION_FACET_SIZE,
    PRICE_RANGES,
    PRODUCER_FACET_SIZE,
    FacetValue,
    ProductHits,
    ProductQuery,
    SearchBackend,
    Suggestion,
)
from .pg_facets import facet_rows

ORDERINGS = {
    "relevance": ("-priority", "-date_created", "-product_id"),
    "newest": ("-date_created", "-product_id"),
    "price_asc": (F("price_rials").asc(nulls_last=True), "-product_id"),
    "price_desc": (F("price_rials").desc(nulls_last=True), "-product_id"),
}
CategoryLink = ProductDocument.categories.through
ExhibitionLink = ProductDocument.exhibitions.through
BROWSE_FACETS_SECONDS = 60
LARGE_MATCH = 5000  # more matching products than this: the facets are kept a minute


def is_plain_browse(query):
    """No search text and no filter but the category."""
    return not (
        query.text
        or query.product_class
        or query.province_code
        or query.producer_id
        or query.exhibition_slug
        or query.price_min_rials is not None
        or query.price_max_rials is not None
        or query.in_stock
    )


def price_range_q(low, high):
    q = Q(price_rials__gte=low)
    return q & Q(price_rials__lt=high) if high is not None else q


def text_filter(documents, text, prefix=False):
    """Documents matching every word of `text`, and the full-text query (PostgreSQL).

    Any alternative of `query_alternatives` may match, so split and joined spellings of a
    compound find each other. Whole words use the GIN index; `prefix` (autocomplete) also
    matches words that start with the last one typed, which PostgreSQL cannot serve from
    the index as cheaply.
    """
    alternatives = query_alternatives(text)
    if not alternatives:
        return documents, None
    if connection.vendor == "postgresql":

        def tsquery_terms(terms):
            last = len(terms) - 1
            return " & ".join(
                f"{term}:*" if prefix and i == last else term for i, term in enumerate(terms)
            )

        raw = " | ".join(f"({tsquery_terms(terms)})" for terms in alternatives)
        query = SearchQuery(raw, search_type="raw", config="simple")
        return documents.filter(search_vector=query), query
    return documents.alias(padded_terms=PADDED_TERMS).filter(
        whole_terms_q(alternatives, prefix)
    ), None


# The three term fields as one text with a space before and after every term, so that a
# term is matched whole as " term " (and " term" at the start of a word for a prefix).
PADDED_TERMS = Concat(
    Value(" "),
    "title_terms",
    Value(" "),
    "keyword_terms",
    Value(" "),
    "body_terms",
    Value(" "),
    output_field=TextField(),
)


def whole_terms_q(alternatives, prefix=False):
    """A filter on `padded_terms` (alias of PADDED_TERMS): every term of an alternative is
    one whole indexed term; with `prefix` the last term may also begin a longer one.

    Without the padding "دست باف" would find "به دست" and "حوله‌بافی" as substrings.
    """
    matches = Q()
    for terms in alternatives:
        every_term = Q()
        last = len(terms) - 1
        for i, term in enumerate(terms):
            needle = f" {term}" if prefix and i == last else f" {term} "
            every_term &= Q(padded_terms__contains=needle)
        matches |= every_term
    return matches


class DatabaseBackend(SearchBackend):
    # Ranking reads every match's vector: above this many matches a word says little about
    # relevance anyway, and results keep the default order (priority, newest).
    RANK_LIMIT = 2000

    def search(self, query: ProductQuery) -> ProductHits:
        documents, text_query = text_filter(self.filtered(query), query.text)
        if query.with_facets:
            total, facets = self.counted_facets(query, documents)
        else:
            total, facets = documents.count(), {}
        ordered, ordering = documents, ORDERINGS[query.sort]
        if text_query is not None and query.sort == "relevance" and total <= self.RANK_LIMIT:
            ordered = documents.annotate(rank=SearchRank(F("search_vector"), text_query))
            ordering = ("-rank", *ordering)
        page = slice(query.offset, query.offset + query.per_page)
        ids = list(ordered.order_by(*ordering).values_list("product_id", flat=True)[page])
        return ProductHits(product_ids=ids, total=total, facets=facets)

    def counted_facets(self, query, documents):
        """(total, facets). Counts over many thousands of products are the same for every
        visitor and a minute old is fresh enough: browsing a whole craft or the catalogue,
        and any search matching more than LARGE_MATCH products (a common word), is kept
        for BROWSE_FACETS_SECONDS."""
        filters = replace(query, sort="relevance", page=1, per_page=1)
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:32]
        key = f"search:facets:{digest}:{ui_language()}"
        found = cache.get(key)
        if found is not None:
            return found
        total, facets = self.facets(documents)
        if is_plain_browse(query) or total > LARGE_MATCH:
            cache.set(key, (total, facets), BROWSE_FACETS_SECONDS)
        return total, facets

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
        if query.exhibition_slug:
            documents = documents.filter(exhibitions__slug=query.exhibition_slug)
        if query.price_min_rials is not None:
            documents = documents.filter(price_rials__gte=query.price_min_rials)
        if query.price_max_rials is not None:
            documents = documents.filter(price_rials__lte=query.price_max_rials)
        if query.in_stock:
            documents = documents.filter(in_stock=True)
        return documents

    def facets(self, documents):
        """The total and each facet's counts over the matching documents: on PostgreSQL one
        statement (search/backends/pg_facets.py), elsewhere three scans: one conditional
        aggregate (total, classes, prices, stock, provinces), producers, crafts and
        exhibitions (one union)."""
        if connection.vendor == "postgresql":
            rows = facet_rows(documents)
        else:
            rows = self.facet_rows(documents)
        english = ui_language() == "en"
        counts = rows["counts"]
        classes = dict(rows["classes"])
        provinces = dict(rows["provinces"])
        crafts = sorted(rows["crafts"], key=lambda row: (-row[2], row[1]))
        exhibitions = sorted(rows["exhibitions"], key=lambda row: (-row[2], row[1]))
        province_values = [
            FacetValue(p.code, p.name_en if english else p.name_fa, provinces[p.id])
            for p in Province.objects.order_by("name_fa")
            if provinces.get(p.id)
        ]
        facets = {
            "product_class": [
                FacetValue(spec.slug, spec.name, classes[spec.slug])
                for spec in PRODUCT_CLASSES
                if classes.get(spec.slug)
            ],
            "price": [
                FacetValue(key, key, counts[f"price{i}"])
                for i, (key, _low, _high) in enumerate(PRICE_RANGES)
                if counts[f"price{i}"]
            ],
            "in_stock": (
                [FacetValue("1", "in stock", counts["in_stock"])] if counts["in_stock"] else []
            ),
            "province": sorted(province_values, key=lambda f: -f.count),
            "producer": [FacetValue(str(pk), name, n) for pk, name, n in rows["producers"]],
            "category": [FacetValue(str(pk), name, n) for pk, name, n in crafts],
            "exhibition": [
                FacetValue(slug, title, n) for slug, title, n in exhibitions[:EXHIBITION_FACET_SIZE]
            ],
        }
        return counts["total"], facets

    def facet_rows(self, documents):
        """facet_rows of pg_facets (same shape) in three portable queries."""
        counts = {"total": Count("pk"), "in_stock": Count("pk", filter=Q(in_stock=True))}
        for index, (_key, low, high) in enumerate(PRICE_RANGES):
            counts[f"price{index}"] = Count("pk", filter=price_range_q(low, high))
        row = documents.aggregate(**counts)
        grouped = documents.order_by().values_list
        producers = (
            documents.exclude(producer=None)
            .values_list("producer_id", "producer__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "producer__name")[:PRODUCER_FACET_SIZE]
        )
        links = self.link_counts(documents)
        return {
            "counts": row,
            "classes": list(grouped("product_class").annotate(n=Count("pk"))),
            "provinces": list(
                grouped("province_id").exclude(province=None).annotate(n=Count("pk"))
            ),
            "producers": [list(p) for p in producers],
            "crafts": links["category"],
            "exhibitions": links["exhibition"],
        }

    @staticmethod
    def link_counts(documents):
        """Crafts (by id) and exhibitions (by slug) of the matching documents with their
        counts: one query, a union of the two link tables' counts."""
        matching = documents.values("pk")
        crafts = (
            CategoryLink.objects.filter(productdocument_id__in=matching, category__depth__gte=2)
            .values(key=Cast("category_id", CharField()), label=F("category__name"))
            .annotate(n=Count("pk"), facet=Value("category"))
            .order_by()
        )
        exhibitions = (
            ExhibitionLink.objects.filter(productdocument_id__in=matching)
            .values(key=F("exhibition__slug"), label=F("exhibition__title"))
            .annotate(n=Count("pk"), facet=Value("exhibition"))
            .order_by()
        )
        found = {"category": [], "exhibition": []}
        for row in crafts.union(exhibitions, all=True):
            found[row["facet"]].append([row["key"], row["label"], row["n"]])
        return found

    def suggest_products(self, text, limit):
        documents, text_query = text_filter(ProductDocument.objects.all(), text, prefix=True)
        if not query_alternatives(text):
            return []
        # No ranking: a short prefix matches thousands of titles; the relevance index
        # returns the first few in priority order without reading them all.
        documents = documents.order_by(*ORDERINGS["relevance"])
        return [
            Suggestion("product", title, url)
            for title, url in documents.values_list("title", "url")[:limit]
        ]
