"""Keeps `ProductDocument` rows (and Elasticsearch, when configured) in step with products.

`index_products(ids)` rebuilds the documents of those products from the catalogue; products
that are no longer browsable lose their document. Signals (search/signals.py) call it on
commit; bulk loaders call it directly after each batch.
"""

import logging

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.html import strip_tags
from tqdm import tqdm

from catalog.models import Category, Product, ProductAttributeValue, ProductImage
from catalog.product_classes import BY_SLUG
from exhibitions.models import BoothApplication, Exhibition
from exhibitions.selectors import product_exhibitions
from sellers.models import StockRecord
from sellers.strategy import Selector
from shop.pagecache.store import forget_all
from shop.persian.money import to_rials
from shop.persian.text import index_terms

from .models import ProductDocument

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
# What listings and search results show of a document: when any of it changes, cached pages
# are dropped (their stock save dropped them already, but they may have been rendered again
# from the old document before this reindex ran).
SHOWN = (
    "product_id", "title", "url", "image", "product_class", "is_standalone", "producer_id",
    "province_id", "price_rials", "in_stock", "priority",
)  # fmt: skip
CategoryLink = ProductDocument.categories.through
ExhibitionLink = ProductDocument.exhibitions.through


def _products(ids):
    return (
        Product.objects.browsable()
        .filter(id__in=ids)
        .exclude(stockrecords__partner__is_selling=False)  # producer not approved or licence out
        .select_related("product_class")
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related(
                    "partner__province", "partner__city"
                ).order_by("id"),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id")),
            Prefetch(
                "attribute_values",
                queryset=ProductAttributeValue.objects.select_related("attribute", "value_option"),
            ),
            "categories",
        )
    )


def _terms(*texts):
    return " ".join(term for text in texts if text for term in index_terms(str(text)))


class DocumentBuilder:
    def __init__(self):
        self.strategy = Selector().strategy()
        self.categories_by_path = {c.path: c for c in Category.objects.all()}

    def with_ancestors(self, categories):
        found = {}
        for category in categories:
            for end in range(Category.steplen, len(category.path) + 1, Category.steplen):
                ancestor = self.categories_by_path.get(category.path[:end])
                if ancestor is not None:
                    found[ancestor.id] = ancestor
        return list(found.values())

    def build(self, product):
        info = self.strategy.fetch_for_product(product)
        stockrecord = info.stockrecord
        producer = stockrecord.partner if stockrecord else None
        images = list(product.images.all())
        crafts = list(product.categories.all())
        categories = self.with_ancestors(crafts)
        class_slug = product.get_product_class().slug
        class_spec = BY_SLUG.get(class_slug)
        attributes = [value.value_as_text for value in product.attribute_values.all()]
        document = ProductDocument(
            product=product,
            title=product.get_title(),
            url=product.get_absolute_url(),
            image=images[0].original.name if images else "",
            product_class=class_slug,
            is_standalone=product.is_standalone,
            producer=producer,
            province=producer.province if producer else None,
            price_rials=to_rials(info.price.incl_tax) if info.price.exists else None,
            in_stock=bool(info.availability.is_available_to_buy),
            priority=product.priority,
            date_created=product.date_created,
            title_terms=_terms(product.get_title()),
            keyword_terms=_terms(
                # Only the product's own crafts: a root such as "فرش، گلیم و گبه" would make
                # every carpet match "گلیم".
                *(c.name for c in crafts),
                class_spec.name if class_spec else product.get_product_class().name,
                producer.name if producer else "",
                producer.province.name_fa if producer and producer.province else "",
                producer.province.name_en if producer and producer.province else "",
                producer.city.name_fa if producer and producer.city else "",
                product.upc,
                *attributes,
            ),
            body_terms=_terms(strip_tags(product.description or "")),
        )
        return document, categories


def index_products(product_ids, to_elasticsearch=True):
    """(Re)build the documents of these products. Returns how many documents exist now."""
    ids = {int(pk) for pk in product_ids}
    if not ids:
        return 0
    with transaction.atomic():
        # Two indexers of one product (a worker and a bulk loader, two workers) take turns:
        # the second reads what the first committed, then replaces its documents.
        list(Product.objects.select_for_update().filter(id__in=ids).order_by("id").values("id"))
        builder = DocumentBuilder()
        built = [builder.build(product) for product in _products(ids)]
        documents = [document for document, _ in built]
        shown_before = set(ProductDocument.objects.filter(product_id__in=ids).values_list(*SHOWN))
        if shown_before != {tuple(getattr(d, field) for field in SHOWN) for d in documents}:
            forget_all()
        links = [
            CategoryLink(productdocument_id=document.product_id, category_id=category.id)
            for document, categories in built
            for category in categories
        ]
        ProductDocument.objects.filter(product_id__in=ids).delete()
        ProductDocument.objects.bulk_create(documents)
        CategoryLink.objects.bulk_create(links)
        ExhibitionLink.objects.bulk_create(_exhibition_links(documents))
        if connection.vendor == "postgresql":
            ProductDocument.objects.filter(product_id__in=ids).update(
                search_vector=SearchVector("title_terms", weight="A", config="simple")
                + SearchVector("keyword_terms", weight="B", config="simple")
                + SearchVector("body_terms", weight="C", config="simple")
            )
    if to_elasticsearch:
        _send_to_elasticsearch(ids, documents)
    return len(documents)


def _exhibition_links(documents):
    """Each document's links to the exhibitions its product is at (two queries a batch)."""
    slugs_by_product = product_exhibitions([d.product_id for d in documents])
    slugs = {slug for found in slugs_by_product.values() for slug in found}
    if not slugs:
        return []
    ids = dict(Exhibition.objects.filter(slug__in=slugs).values_list("slug", "id"))
    return [
        ExhibitionLink(productdocument_id=product_id, exhibition_id=ids[slug])
        for product_id, found in slugs_by_product.items()
        for slug in found
    ]


def products_at_exhibitions(exhibition_ids):
    """Products brought to these exhibitions by a paid application, or indexed as being
    there: what to reindex when an exhibition changes."""
    brought = BoothApplication.products.through.objects.filter(
        boothapplication__exhibition_id__in=exhibition_ids,
        boothapplication__status=BoothApplication.Status.PAID,
    ).values_list("product_id", flat=True)
    indexed = ExhibitionLink.objects.filter(exhibition_id__in=exhibition_ids).values_list(
        "productdocument_id", flat=True
    )
    return set(brought) | set(indexed)


def _send_to_elasticsearch(ids, documents):
    from .backends import elasticsearch

    if not elasticsearch.is_configured():
        return
    try:
        kept = {d.product_id for d in documents}
        elasticsearch.index_documents(kept, deleted_ids=ids - kept)
    except elasticsearch.UNAVAILABLE as error:
        # The database documents are the fallback; `search_index --rebuild` catches up.
        logger.warning("Elasticsearch indexing skipped: %s", error)


def products_of_producer(producer_id):
    return StockRecord.objects.filter(partner_id=producer_id).values_list("product_id", flat=True)


def rebuild_index(progress=False):
    """Every browsable product's document, in batches; stale documents are removed."""
    ids = list(Product.objects.browsable().order_by("id").values_list("id", flat=True))
    ProductDocument.objects.exclude(
        product_id__in=Product.objects.browsable().values("id")
    ).delete()
    with tqdm(total=len(ids), desc="search index", unit="product", disable=not progress) as bar:
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            index_products(batch, to_elasticsearch=False)
            bar.update(len(batch))
    return len(ids)
