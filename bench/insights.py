"""Market insights at scale: how long the weekly summaries take to build at 100,000
products and 1,000,000 searches (plus product views and basket additions).

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dastsaz_bench \
        .venv/bin/python bench/insights.py [--products 100000] [--searches 1000000]

Loads the demo catalogue up to --products (load_demo, bulk) and indexes it, then fills a
year of raw events with PostgreSQL's generate_series (--searches searches, twice as many
views, a tenth as many basket additions) unless they are there, and times:
one week (insights.market.build_week), the Saturday run (refresh_market: last week plus
every listing's four weeks and price position), and a whole year rebuilt (52 weeks).
The pages read only the summaries; their query ceilings are asserted in the tests.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from catalog.models import Product  # noqa: E402
from insights import market  # noqa: E402
from insights.crafts import KEYWORDS  # noqa: E402
from insights.listings import refresh_listings  # noqa: E402
from insights.models import (  # noqa: E402
    ListingInsight,
    ProductEvent,
    SearchEvent,
    UnmetDemand,
    WeeklyMarket,
)
from search.models import ProductDocument  # noqa: E402

SUFFIXES = ["", "دستباف", "اصل", "ارزان", "قدیمی", "مردانه", "زنانه", "بزرگ", "کوچک", "هدیه"]


def ensure_catalogue(products):
    if Product.objects.count() < products:
        call_command("load_demo", "--products", str(products), "--no-progress")
    if ProductDocument.objects.count() < Product.objects.browsable().count():
        call_command("search_index", "--rebuild")


def query_pool():
    """Distinct searches: every craft word with a suffix, plus nonsense that names none."""
    words = sorted({w for text in KEYWORDS.values() for w in text.split()})
    pool = [f"{w} {s}".strip() for w in words for s in SUFFIXES]
    pool += [f"کالای {n}" for n in range(1000)]
    return pool


def fill_events(searches):
    if SearchEvent.objects.count() >= searches:
        return
    SearchEvent.objects.all().delete()
    ProductEvent.objects.all().delete()
    pool = query_pool()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_pool (id serial, text varchar(200))")
        cursor.executemany("INSERT INTO bench_pool (text) VALUES (%s)", [(q,) for q in pool])
        cursor.execute(
            """
            INSERT INTO insights_searchevent (at, query, results, province_id, craft_id)
            SELECT now() - random() * interval '364 days', p.text,
                   CASE WHEN random() < 0.15 THEN 0 ELSE (random() * 50)::int END,
                   CASE WHEN random() < 0.3 THEN NULL
                        ELSE (SELECT array_agg(id) FROM catalogue_province)
                             [1 + floor(random() * 31)::int] END,
                   NULL
            FROM generate_series(1, %s) g
            JOIN bench_pool p ON p.id = 1 + (g::bigint * 7919) %% %s
            """,
            [searches, len(pool)],
        )
        for kind, count in (("view", searches * 2), ("basket", searches // 10)):
            cursor.execute(
                """
                WITH ids AS (SELECT array_agg(id) AS a, count(*) AS n FROM catalogue_product),
                     provinces AS (SELECT array_agg(id) AS a FROM catalogue_province)
                INSERT INTO insights_productevent (at, kind, product_id, province_id)
                SELECT now() - random() * interval '364 days', %s,
                       ids.a[1 + floor(random() * ids.n)::int],
                       CASE WHEN random() < 0.3 THEN NULL
                            ELSE provinces.a[1 + floor(random() * 31)::int] END
                FROM generate_series(1, %s) g, ids, provinces
                """,
                [kind, count],
            )
        cursor.execute("ANALYZE insights_searchevent")
        cursor.execute("ANALYZE insights_productevent")


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:42} {time.perf_counter() - start:>8.2f} s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=1_000_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/insights.py fills its events with PostgreSQL; set DATABASE_URL")
    ensure_catalogue(args.products)
    timed("fill events (once)", lambda: fill_events(args.searches))
    print(
        f"products: {Product.objects.count():,}  documents: {ProductDocument.objects.count():,}"
        f"  searches: {SearchEvent.objects.count():,}"
        f"  product events: {ProductEvent.objects.count():,}"
    )
    ctx = timed("context (crafts, products' crafts, supply)", market.context)
    week = market.last_complete_week()
    timed("one week (build_week)", lambda: market.build_week(week, ctx))
    timed("listings: funnel and price position", lambda: refresh_listings(week, ctx))
    timed("Saturday run (refresh_market)", market.refresh_market)
    timed("a year rebuilt (52 weeks)", lambda: market.refresh_market(weeks=52))
    print(
        f"rows: weekly market {WeeklyMarket.objects.count():,}"
        f"  unmet {UnmetDemand.objects.count():,}  listings {ListingInsight.objects.count():,}"
    )


if __name__ == "__main__":
    main()
