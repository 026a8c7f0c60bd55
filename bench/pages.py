"""Storefront pages: SQL queries per request and in-process throughput.

Usage (on the database you want to measure, after `load_demo --products N`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dastsaz_bench \
        .venv/bin/python bench/pages.py [--requests 200]

Prints, per page: queries, p50 and p95 latency and requests per second through Django's
test client (no network, one process), and the ratio to the bare /healthz/ view measured in
the same run. Targets live in ../shared/design/performance.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.models import Category, Product  # noqa: E402


def measure(client, url, requests):
    client.get(url)  # warm caches and renditions
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    queries = len(captured)  # read now: the log is reset by the requests that follow
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    timings.sort()
    return {
        "status": status,
        "queries": queries,
        "p50_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1000,
        "rps": len(timings) / sum(timings),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    category = Category.objects.filter(depth=2).order_by("id").first()
    product = Product.objects.browsable().order_by("id").first()
    pages = {
        "bare view (/healthz/)": "/healthz/",
        "home": "/",
        "catalogue listing (24)": "/catalogue/",
        "category listing (24)": category.get_absolute_url(),
        "category listing, page 3": category.get_absolute_url() + "?page=3",
        "product page": product.get_absolute_url(),
    }
    client = Client()
    print(f"products: {Product.objects.count():,}  database: {connection.vendor}")
    columns = ("status", "queries", "p50 ms", "p95 ms", "req/s", "ratio")
    print(f"{'page':28} " + " ".join(f"{c:>7}" for c in columns))
    baseline = None
    for name, url in pages.items():
        result = measure(client, url, args.requests)
        baseline = baseline or result["rps"]
        print(
            f"{name:28} {result['status']:>7} {result['queries']:>7} {result['p50_ms']:>7.1f} "
            f"{result['p95_ms']:>7.1f} {result['rps']:>7.1f} {result['rps'] / baseline:>7.0%}"
        )


if __name__ == "__main__":
    main()
