"""Elasticsearch 8 backend (elasticsearch-dsl). The only module that imports it.

Chosen when ELASTICSEARCH_URL is set. Documents mirror `ProductDocument`, whose `*_terms`
fields are already normalised by our one Persian normaliser (`shop.persian.text`: Arabic
letters, digits, ZWNJ and diacritics, plus joined spellings of compounds), so both backends
see the same words. Elasticsearch therefore needs only its built-in standard tokenizer and
lowercase filter, which every Elasticsearch 8 has, the tests' minimal distribution and the
production one alike; nothing here depends on the analysis-common module. Title words are
indexed with prefixes (`index_prefixes`) for autocomplete. Writes go to an alias; `rebuild`
fills a new index and swaps the alias in one atomic call.
"""

import functools
import itertools
import time
import uuid

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
)

from catalog.models import Category, Province
from catalog.product_classes import BY_SLUG
from exhibitions.models import Exhibition
from sellers.models import Partner
from shop.persian.numbers import ui_language
from shop.persian.text import query_alternatives

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

UNAVAILABLE = (TransportError, ApiError, ConnectionError)

# Normalised words in, the same words out: split on spaces, lowercase what is Latin.
terms = analyzer("dastsaz_terms", tokenizer="standard", filter=["lowercase"])


class ProductIndexDocument(Document):
    product_id = Integer()
    title = Keyword(index=False)  # shown in suggestions
    title_terms = Text(analyzer=terms, index_prefixes={"min_chars": 1, "max_chars": 15})
    keyword_terms = Text(analyzer=terms)
    body_terms = Text(analyzer=terms)
    url = Keyword(index=False)
    product_class = Keyword()
    producer_id = Integer()
    province_code = Keyword()
    category_ids = Integer(multi=True)
    exhibition_slugs = Keyword(multi=True)
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


def client():
    return _client(settings.ELASTICSEARCH_URL)


@functools.cache
def _client(url):
    return Elasticsearch(url, request_timeout=2, max_retries=0)


def with_relations(documents):
    """Documents with what `to_source` reads, fetched in a few queries for any number."""
    return documents.select_related("province").prefetch_related("categories", "exhibitions")


def to_source(document, category_ids, exhibition_slugs=()):
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
        "exhibition_slugs": list(exhibition_slugs),
        "price_rials": document.price_rials,
        "in_stock": document.in_stock,
        "priority": document.priority,
        "date_created": document.date_created,
    }


def _actions(documents, index):
    for document in documents:
        category_ids = [c.id for c in document.categories.all()]
        exhibition_slugs = [e.slug for e in document.exhibitions.all()]
        yield {
            "_index": index,
            "_id": document.product_id,
            "_source": to_source(document, category_ids, exhibition_slugs),
        }


def index_documents(product_ids, deleted_ids=()):
    """Send these products' database documents to the alias; delete the ones that are gone."""
    from ..models import ProductDocument

    es = client()
    if not es.indices.exists_alias(name=alias()):
        create_empty_index(es)
    documents = with_relations(ProductDocument.objects.filter(product_id__in=product_ids))
    deletions = ({"_op_type": "delete", "_index": alias(), "_id": pk} for pk in deleted_ids)
    actions = itertools.chain(_actions(documents, alias()), deletions)
    # require_alias: never let a write create a plain index with guessed mappings.
    refresh = settings.ELASTICSEARCH_REFRESH_ON_WRITE  # tests read their writes at once
    bulk(es, actions, refresh=refresh, require_alias=True, ignore_status=(404,))


def new_index_name():
    return f"{alias()}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"


def create_empty_index(es):
    """The alias on an empty index with our mappings, for writes that come before a rebuild."""
    new_index = new_index_name()
    ProductIndexDocument.init(index=new_index, using=es)
    try:
        es.indices.put_alias(index=new_index, name=alias())
    except ApiError:
        es.indices.delete(index=new_index, ignore_unavailable=True)
        raise


def rebuild(documents, progress_callback=None):
    """Fill a new index from `documents` and point the alias at it atomically."""
    es = client()
    name = alias()
    new_index = new_index_name()
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
                should=[every_word(terms) for terms in alternatives],
                minimum_should_match=1,
            )
        for field, value in (
            ("category_ids", query.category_id),
            ("product_class", query.product_class),
            ("province_code", query.province_code),
            ("producer_id", query.producer_id),
            ("exhibition_slugs", query.exhibition_slug),
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
        s.aggs.bucket(
            "exhibition", A("terms", field="exhibition_slugs", size=EXHIBITION_FACET_SIZE)
        )
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
        exhibition_slugs = [b.key for b in aggs.exhibition.buckets]
        exhibition_titles = (
            dict(Exhibition.objects.filter(slug__in=exhibition_slugs).values_list("slug", "title"))
            if exhibition_slugs
            else {}
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
            "exhibition": [
                FacetValue(b.key, exhibition_titles[b.key], b.doc_count)
                for b in aggs.exhibition.buckets
                if b.key in exhibition_titles
            ],
            "price": [
                FacetValue(b.key, b.key, b.doc_count) for b in aggs.price.buckets if b.doc_count
            ],
            "in_stock": [FacetValue("1", "in stock", aggs.in_stock.doc_count)]
            if aggs.in_stock.doc_count
            else [],
        }

    def suggest_products(self, text, limit):
        alternatives = query_alternatives(text)
        if not alternatives:
            return []
        s = Search(using=client(), index=alias()).source(["title", "url"])
        s = s.query(
            "bool",
            should=[every_word(terms, last_unfinished=True) for terms in alternatives],
            minimum_should_match=1,
        )
        # No ranking, like the database: the first few in the default order.
        s = s.sort(*SORTS["relevance"][1:])
        return [Suggestion("product", hit.title, hit.url) for hit in s[:limit].execute()]


TEXT_FIELDS = ["title_terms^3", "keyword_terms^2", "body_terms"]


def every_word(terms, last_unfinished=False):
    """Every word in at least one of the text fields; the last may be a prefix."""
    whole = terms[:-1] if last_unfinished else terms
    must = []
    if whole:
        must.append(
            {
                "multi_match": {
                    "query": " ".join(whole),
                    "type": "cross_fields",
                    "operator": "and",
                    "fields": TEXT_FIELDS,
                }
            }
        )
    if last_unfinished:
        must.append(
            {"multi_match": {"query": terms[-1], "type": "bool_prefix", "fields": TEXT_FIELDS}}
        )
    return {"bool": {"must": must}}
