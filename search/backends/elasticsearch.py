"""Elasticsearch 8 backend (elasticsearch-dsl). The only module that imports it.

Chosen when ELASTICSEARCH_URL is set. Documents mirror `ProductDocument`; text fields use
a Persian analyzer (our normaliser's rules as a char filter, then Elasticsearch's Arabic and
Persian normalisation and Persian stop words), and titles get an edge n-gram sub-field for
autocomplete. Writes go to an alias; `rebuild` fills a new index and swaps the alias in one
atomic call.
"""

import functools
import time

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import bulk, streaming_bulk
from elasticsearch_dsl import (
    A,
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
    tokenizer,
)

from catalog.models import Category, Province
from catalog.product_classes import BY_SLUG
from sellers.models import Partner
from shop.persian.numbers import ui_language
from shop.persian.text import query_alternatives, words

from .base import (
    PRICE_RANGES,
    PRODUCER_FACET_SIZE,
    FacetValue,
    ProductHits,
    ProductQuery,
    SearchBackend,
    Suggestion,
)

UNAVAILABLE = (TransportError, ApiError, ConnectionError)

persian_chars = char_filter(
    "dastsaz_persian_chars",
    "mapping",
    mappings=[
        "\u064a=>\u06cc",  # ي → ی
        "\u0649=>\u06cc",  # ى → ی
        "\u0643=>\u06a9",  # ك → ک
        "\u0629=>\u0647",  # ة → ه
        "\u200c=>\\u0020",  # ZWNJ → space
    ],
)
persian_stop = token_filter("dastsaz_persian_stop", "stop", stopwords="_persian_")
persian = analyzer(
    "dastsaz_persian",
    tokenizer="standard",
    char_filter=[persian_chars],
    filter=["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"]
    + [persian_stop],
)
autocomplete = analyzer(
    "dastsaz_autocomplete",
    tokenizer=tokenizer("dastsaz_edge", "edge_ngram", min_gram=2, max_gram=15,
                        token_chars=["letter", "digit"]),
    char_filter=[persian_chars],
    filter=["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"],
)  # fmt: skip


class ProductIndexDocument(Document):
    product_id = Integer()
    title = Text(
        analyzer=persian,
        fields={"autocomplete": Text(analyzer=autocomplete, search_analyzer=persian)},
    )
    title_terms = Text(analyzer=persian)
    keyword_terms = Text(analyzer=persian)
    body_terms = Text(analyzer=persian)
    url = Keyword(index=False)
    product_class = Keyword()
    producer_id = Integer()
    province_code = Keyword()
    category_ids = Integer(multi=True)
    price_rials = Long()
    in_stock = Boolean()
    priority = Integer()
    date_created = Date()  # fmt: skip

    class Index:
        name = "dastsaz-products"  # the real name comes from settings.ELASTICSEARCH_INDEX
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def alias():
    return settings.ELASTICSEARCH_INDEX


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


@functools.cache
def client():
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)


def to_source(document, category_ids):
    return {
        "product_id": document.product_id,
        "title": document.title,
        "title_terms": document.title_terms,
        "keyword_terms": document.keyword_terms,
        "body_terms": document.body_terms,
        "url": document.url,
        "product_class": document.product_class,
        "producer_id": document.producer_id,
        "province_code": document.province.code if document.province_id else None,
        "category_ids": category_ids,
        "price_rials": document.price_rials,
        "in_stock": document.in_stock,
        "priority": document.priority,
        "date_created": document.date_created,
    }


def _actions(documents, index):
    for document in documents:
        category_ids = [c.id for c in document.categories.all()]
        yield {
            "_index": index,
            "_id": document.product_id,
            "_source": to_source(document, category_ids),
        }


def index_documents(product_ids, deleted_ids=()):
    """Send these products' database documents to the alias; delete the ones that are gone."""
    from ..models import ProductDocument

    documents = ProductDocument.objects.filter(product_id__in=product_ids)
    documents = documents.select_related("province").prefetch_related("categories")
    bulk(client(), _actions(documents, alias()), refresh="wait_for")
    for product_id in deleted_ids:
        client().delete(index=alias(), id=product_id, ignore_status=404)


def rebuild(documents, progress_callback=None):
    """Fill a new index from `documents` and point the alias at it atomically."""
    es = client()
    name = alias()
    new_index = f"{name}-{time.strftime('%Y%m%d%H%M%S')}"
    ProductIndexDocument.init(index=new_index, using=es)
    indexed = 0
    for ok, _item in _bulk_stream(es, documents, new_index):
        indexed += ok
        if progress_callback:
            progress_callback(1)
    es.indices.refresh(index=new_index)
    old = list(es.indices.get_alias(name=name).keys()) if es.indices.exists_alias(name=name) else []
    if not old and es.indices.exists(index=name):
        es.indices.delete(index=name)  # a plain index squatting on the alias name
    actions = [{"add": {"index": new_index, "alias": name}}]
    actions += [{"remove": {"index": index, "alias": name}} for index in old]
    es.indices.update_aliases(actions=actions)
    for index in old:
        es.indices.delete(index=index, ignore_unavailable=True)
    return indexed


def _bulk_stream(es, documents, index):
    return streaming_bulk(es, _actions(documents, index), chunk_size=1000)


SORTS = {
    "relevance": ["_score", {"priority": "desc"}, {"date_created": "desc"}, {"product_id": "desc"}],
    "newest": [{"date_created": "desc"}, {"product_id": "desc"}],
    "price_asc": [{"price_rials": {"order": "asc", "missing": "_last"}}, {"product_id": "desc"}],
    "price_desc": [{"price_rials": {"order": "desc", "missing": "_last"}}, {"product_id": "desc"}],
}


class ElasticsearchBackend(SearchBackend):
    def search(self, query: ProductQuery) -> ProductHits:
        s = Search(using=client(), index=alias()).extra(track_total_hits=True).source(False)
        alternatives = query_alternatives(query.text)
        if alternatives:
            s = s.query(
                "bool",
                should=[
                    {
                        "multi_match": {
                            "query": " ".join(terms),
                            "type": "bool_prefix",
                            "operator": "and",
                            "fields": ["title_terms^3", "keyword_terms^2", "body_terms"],
                        }
                    }
                    for terms in alternatives
                ],
                minimum_should_match=1,
            )
        for field, value in (
            ("category_ids", query.category_id),
            ("product_class", query.product_class),
            ("province_code", query.province_code),
            ("producer_id", query.producer_id),
        ):
            if value:
                s = s.filter("term", **{field: value})
        if query.price_min_rials is not None or query.price_max_rials is not None:
            bounds = {}
            if query.price_min_rials is not None:
                bounds["gte"] = query.price_min_rials
            if query.price_max_rials is not None:
                bounds["lte"] = query.price_max_rials
            s = s.filter("range", price_rials=bounds)
        if query.in_stock:
            s = s.filter("term", in_stock=True)
        if query.with_facets:
            self.add_aggregations(s)
        s = s.sort(*SORTS[query.sort])[query.offset : query.offset + query.per_page]
        response = s.execute()
        ids = [int(hit.meta.id) for hit in response]
        facets = self.facets(response) if query.with_facets else {}
        return ProductHits(product_ids=ids, total=response.hits.total.value, facets=facets)

    @staticmethod
    def add_aggregations(s):
        s.aggs.bucket("product_class", A("terms", field="product_class", size=10))
        s.aggs.bucket("province", A("terms", field="province_code", size=40))
        s.aggs.bucket("producer", A("terms", field="producer_id", size=PRODUCER_FACET_SIZE))
        s.aggs.bucket("category", A("terms", field="category_ids", size=200))
        s.aggs.bucket("in_stock", A("filter", term={"in_stock": True}))
        ranges = [
            {"key": key, "from": low, **({"to": high} if high is not None else {})}
            for key, low, high in PRICE_RANGES
        ]
        s.aggs.bucket("price", A("range", field="price_rials", ranges=ranges))

    @staticmethod
    def facets(response):
        aggs = response.aggregations
        english = ui_language() == "en"
        province_names = {
            p.code: (p.name_en if english else p.name_fa) for p in Province.objects.all()
        }
        producer_ids = [b.key for b in aggs.producer.buckets]
        producer_names = dict(Partner.objects.filter(id__in=producer_ids).values_list("id", "name"))
        category_ids = [b.key for b in aggs.category.buckets]
        crafts = dict(
            Category.objects.filter(id__in=category_ids, depth__gte=2).values_list("id", "name")
        )
        return {
            "product_class": [
                FacetValue(b.key, BY_SLUG[b.key].name if b.key in BY_SLUG else b.key, b.doc_count)
                for b in aggs.product_class.buckets
            ],
            "province": [
                FacetValue(b.key, province_names.get(b.key, b.key), b.doc_count)
                for b in aggs.province.buckets
            ],
            "producer": [
                FacetValue(str(b.key), producer_names.get(b.key, ""), b.doc_count)
                for b in aggs.producer.buckets
            ],
            "category": [
                FacetValue(str(b.key), crafts[b.key], b.doc_count)
                for b in aggs.category.buckets
                if b.key in crafts
            ],
            "price": [
                FacetValue(b.key, b.key, b.doc_count) for b in aggs.price.buckets if b.doc_count
            ],
            "in_stock": [FacetValue("1", "in stock", aggs.in_stock.doc_count)]
            if aggs.in_stock.doc_count
            else [],
        }

    def suggest_products(self, text, limit):
        text = " ".join(words(text))
        if not text:
            return []
        s = Search(using=client(), index=alias()).source(["title", "url"])
        s = s.query("match", **{"title.autocomplete": {"query": text, "operator": "and"}})
        return [Suggestion("product", hit.title, hit.url) for hit in s[:limit].execute()]
