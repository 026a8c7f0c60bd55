"""Search latency at scale: p50 / p95 and queries per second for five kinds of query.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dastsaz_bench \
        .venv/bin/python bench/search.py [--products 100000] [--runs 200]

Loads the demo catalogue up to --products (load_demo, bulk) and builds the search
documents if they are missing, then times each kind of query through the search backend
(the database backend, and Elasticsearch too when ELASTICSEARCH_URL is set). Targets live
in ../shared/design/performance.md: p95 under 50 ms for one word on PostgreSQL.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from catalog.models import Category, Product  # noqa: E402
from search import selectors  # noqa: E402
from search.backends.base import ProductQuery  # noqa: E402
from search.backends.database import DatabaseBackend  # noqa: E402
from search.models import ProductDocument  # noqa: E402

ONE_WORD = ["گلیم", "کیف", "خاتم", "انجیر", "قارچ", "گبه", "نقره", "فرش", "سینی", "شال", "كيف"]
TWO_WORDS = ["گلیم قشقایی", "کیف چرمی", "جعبه خاتم", "انجیر خشک", "گبه لری", "دست بافت"]
PREFIXES = ["گلی", "کی", "خات", "انج", "قار", "گب", "منب", "تابل"]
PROVINCES = ["THR", "ISF", "FRS", "KHR", "AZE", "KRD", "LRS", "YZD"]
CLASSES = ["handicraft", "carpet", "food", "plant", "digital_service"]


def ensure_catalogue(products):
    if Product.objects.count() < products:
        call_command("load_demo", "--products", str(products))
    if ProductDocument.objects.count() < Product.objects.browsable().count():
        call_command("search_index", "--rebuild")
    if settings.ELASTICSEARCH_URL:
        from search.backends import elasticsearch

        es = elasticsearch.client()
        have = (
            es.count(index=elasticsearch.alias())["count"]
            if es.indices.exists_alias(name=elasticsearch.alias())
            else 0
        )
        if have != ProductDocument.objects.count():
            documents = elasticsearch.with_relations(ProductDocument.objects.all())
            elasticsearch.rebuild(documents.iterator(1000))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_productdocument")
            cursor.execute("VACUUM ANALYZE search_productdocument_categories")


def kinds(rng, craft_ids):
    return {
        "one word": lambda: ProductQuery(text=rng.choice(ONE_WORD)),
        "one word + facets": lambda: ProductQuery(text=rng.choice(ONE_WORD), with_facets=True),
        "two words": lambda: ProductQuery(text=rng.choice(TWO_WORDS)),
        "word + category": lambda: ProductQuery(
            text=rng.choice(ONE_WORD), category_id=rng.choice(craft_ids)
        ),
        "facet-heavy browse": lambda: ProductQuery(
            with_facets=True,
            province_code=rng.choice(PROVINCES),
            product_class=rng.choice(CLASSES),
            in_stock=True,
            sort=rng.choice(["newest", "price_asc"]),
        ),
    }


def timed(fn, runs):
    fn()  # warm
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    timings.sort()
    return (
        statistics.median(timings) * 1000,
        timings[max(0, int(len(timings) * 0.95) - 1)] * 1000,
        len(timings) / sum(timings),
    )


def report(name, backend, runs, rng, craft_ids):
    print(f"\nbackend: {name}")
    print(f"{'query kind':22} {'p50 ms':>8} {'p95 ms':>8} {'q/s':>8}")
    for kind, make_query in kinds(rng, craft_ids).items():
        p50, p95, qps = timed(lambda make_query=make_query: backend.search(make_query()), runs)
        print(f"{kind:22} {p50:>8.1f} {p95:>8.1f} {qps:>8.1f}")
    p50, p95, qps = timed(lambda: backend.suggest_products(rng.choice(PREFIXES), 6), runs)
    print(f"{'autocomplete':22} {p50:>8.1f} {p95:>8.1f} {qps:>8.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    ensure_catalogue(args.products)
    craft_ids = list(Category.objects.filter(depth=2).values_list("id", flat=True))
    print(
        f"products: {Product.objects.count():,}  documents: {ProductDocument.objects.count():,}"
        f"  database: {connection.vendor}  runs per kind: {args.runs}"
    )
    report("database", DatabaseBackend(), args.runs, random.Random(1), craft_ids)
    if settings.ELASTICSEARCH_URL:
        report(
            "elasticsearch", selectors.get_backend().primary, args.runs, random.Random(1), craft_ids
        )
    else:
        print("\nelasticsearch: skipped (ELASTICSEARCH_URL is not set)")


if __name__ == "__main__":
    main()
