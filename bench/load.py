"""Storefront pages under real load: gunicorn with production settings, loaded by wrk.

Usage (a database filled by `load_demo --products N`; Debian's `wrk`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dastsaz_bench \
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/load.py [--seconds 10]

Starts gunicorn (2 sync workers, persistent database connections, shop.settings.production
with the sandbox and console SMS said on purpose) on a free port, then loads each page with
`wrk -t2 -c16` after a warm-up, for an anonymous visitor and for a signed-in buyer with two
products in their basket. Prints per page: requests per second, p50 and p99 latency, SQL
queries (counted in this process with Django's test client) and the ratio to the bare view
(/healthz/) measured by the same server in the same run; at the end, each worker's resident
memory. Targets: ../shared/design/performance.md and issue 16. No timing is asserted anywhere.
`PAGE_CACHE_SECONDS=0` in the environment measures the pages rendered on every request.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

import wrk  # noqa: E402 (bench/wrk.py, beside this script)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_class, get_model  # noqa: E402

from catalog.models import Category, Product  # noqa: E402
from search.models import ProductDocument  # noqa: E402

BUYER = "bench-buyer@example.ir"
HTTPS = "X-Forwarded-Proto: https"  # production redirects plain HTTP; the proxy says HTTPS


def pages():
    category = Category.objects.filter(depth=2).order_by("id").first()
    product = Product.objects.browsable().order_by("id").first()
    word = "گیوه"  # a typical word (≈1,000 of 100,000 demo products); «گلیم» matches a fifth
    return {
        "bare view": "/healthz/",
        "home": "/",
        "catalogue listing": "/catalogue/",
        "category listing": category.get_absolute_url(),
        "product page": product.get_absolute_url(),
        # a different product page on each request: the page cache mostly misses
        "1,000 product pages": list(  # the ones buyers can find (public, selling producer)
            ProductDocument.objects.order_by("-product_id").values_list("url", flat=True)[:1000]
        ),
        "search, one word": f"/search/?q={quote(word)}",
    }


def buyer_session():
    """A signed-in buyer with two products in their basket; their session cookie."""
    user, _ = get_user_model().objects.get_or_create(username="bench-buyer", email=BUYER)
    Basket = get_model("basket", "Basket")
    Selector = get_class("partner.strategy", "Selector")
    basket, _ = Basket.open.get_or_create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    if not basket.num_lines:
        for product in Product.objects.browsable().filter(stockrecords__num_in_stock__gt=5)[:2]:
            basket.add_product(product, 1)
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return client, f"{name}={client.cookies[name].value}"


def queries(client, url):
    """SQL queries of a repeated view (served from the page cache unless it is off)."""
    url = url if isinstance(url, str) else url[0]
    client.get(url, headers={"x-forwarded-proto": "https"})  # warm caches
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port, workers):
    static_root = tempfile.mkdtemp(prefix="dastsaz-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.production",
        "SECRET_KEY": settings.SECRET_KEY,  # the buyer's session was signed here
        "ZARINPAL_SANDBOX": "true",
        "SMS_CONSOLE": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "600",
        "SECURE_HSTS_SECONDS": "0",
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    gunicorn = [python, "-m", "gunicorn", "shop.wsgi:application", "--workers", str(workers)]
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env
    )
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz/", headers={"X-Forwarded-Proto": "https"}
    )
    for _ in range(60):
        try:
            if urllib.request.urlopen(request, timeout=2).status == 200:
                return server, static_root
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz/ within 30 s")


def load(port, path, seconds, connections, cookie=None):
    """wrk on one path, or on a list of paths taken in turn (a Lua script)."""
    headers = ["-H", HTTPS] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    script = []
    if not isinstance(path, str):
        lua = Path(tempfile.mkstemp(suffix=".lua", prefix="dastsaz-wrk-")[1])
        paths = ", ".join(f'"{quote(p, safe="/%")}"' for p in path)
        lua.write_text(
            f"local paths = {{{paths}}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(nil, paths[i])\nend\n"
        )
        script, path = ["-s", str(lua)], path[0]
    url = f"http://127.0.0.1:{port}{path}"
    out = wrk.run(url, seconds, connections, options=[*headers, *script])
    if script:
        Path(script[1]).unlink()
    rps = wrk.requests_per_second(out)
    if rps is None:
        raise SystemExit(f"wrk said nothing usable for {path}:\n{out}")
    if rps == 0:
        print(out, file=sys.stderr)
    latency = {q: _ms(re.search(rf"\s{q}%\s+([\d.]+\w+)", out).group(1)) for q in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def worker_memory_mb(server):
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="page names to load (besides the bare view)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs Debian's wrk: apt-get install -y wrk")
    if connection.vendor != "postgresql":
        print("note: measuring on", connection.vendor, "- the targets are for PostgreSQL")
    targets = pages()
    if args.only:
        targets = {k: v for k, v in targets.items() if k == "bare view" or k in args.only}
    buyer_client, cookie = buyer_session()
    anonymous = Client()
    counts = {
        name: (queries(anonymous, url), queries(buyer_client, url)) for name, url in targets.items()
    }
    port = free_port()
    server, static_root = start_server(port, args.workers)
    try:
        print(
            f"products: {Product.objects.count():,}  database: {connection.vendor}  "
            f"gunicorn {args.workers} sync workers  wrk -t2 -c{args.connections} "
            f"-d{args.seconds}s  page cache: {settings.PAGE_CACHE_SECONDS or 'off'}"
        )
        header = ("visitor", "req/s", "p50 ms", "p99 ms", "queries", "ratio", "non-2xx")
        print(f"{'page':20} " + " ".join(f"{c:>8}" for c in header))
        bare = None
        for name, path in targets.items():
            for visitor, visitor_cookie, count in (
                ("anonymous", None, counts[name][0]),
                ("buyer", cookie, counts[name][1]),
            ):
                rps, p50, p99, errors = load(
                    port, path, args.seconds, args.connections, visitor_cookie
                )
                bare = bare or rps
                print(
                    f"{name:20} {visitor:>8} {rps:>8.1f} {p50:>8.1f} {p99:>8.1f} {count:>8} "
                    f"{rps / bare:>8.1%} {errors:>8}"
                )
        print("worker RSS MB:", ", ".join(f"{size:.0f}" for size in worker_memory_mb(server)))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
