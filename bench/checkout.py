"""Complete checkouts against a running site and its Zarinpal sandbox, concurrently.

Usage (the site and the sandbox already running, e.g. `make run`, or gunicorn on PostgreSQL):
    .venv/bin/python bench/checkout.py --base-url http://127.0.0.1:8000 --buyers 40 --concurrency 8

Each buyer: add a product to the basket, check out as a guest, place the order (timed),
pay on the sandbox page, follow the callback to the confirmation page. Prints completed
checkouts per second, p50 / p95 latency of the place-order step and each step's p50.
"""

import argparse
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlsplit

import requests

ADD = re.compile(r'action="(/basket/add/\d+/)"')
ADDRESS = {
    "first_name": "مریم",
    "last_name": "احمدی",
    "line1": "خیابان چهارباغ، پلاک ۳",
    "line4": "اصفهان",
    "state": "اصفهان",
    "postcode": "8134612345",
    "phone_number": "09121234567",
}


STEPS = defaultdict(list)  # step name -> seconds, for every buyer


def timed(name, call, *args, **kwargs):
    started = time.perf_counter()
    response = call(*args, **kwargs)
    STEPS[re.sub(r"\d+", "N", name)].append(time.perf_counter() - started)
    return response


def csrf(session):
    """Django accepts the CSRF cookie's secret as the form token."""
    return session.cookies["csrftoken"]


def post(session, base, path, data, page_path=None):
    timed(f"GET {page_path or path}", session.get, urljoin(base, page_path or path), timeout=30)
    return timed(
        f"POST {path}", session.post, urljoin(base, path),
        data={**data, "csrfmiddlewaretoken": csrf(session)}, allow_redirects=False, timeout=30,
    )  # fmt: skip


def buy(base, add_paths, index):
    session = requests.Session()
    add_path = random.Random(index).choice(add_paths)
    post(session, base, add_path, {"quantity": 1}, page_path="/catalogue/")
    post(
        session,
        base,
        "/checkout/",
        {"username": f"bench{index}@example.ir", "options": "anonymous"},
    )
    post(session, base, "/checkout/shipping-address/", ADDRESS)
    for step in ("/checkout/shipping-method/", "/checkout/payment-method/", "/checkout/preview/"):
        timed(f"GET {step}", session.get, urljoin(base, step), timeout=30)
    started = time.perf_counter()
    placed = session.post(
        urljoin(base, "/checkout/preview/"),
        data={"action": "place_order", "csrfmiddlewaretoken": csrf(session)},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    place_seconds = time.perf_counter() - started
    startpay = placed.headers.get("Location", "")
    if "StartPay" not in startpay:
        return f"not placed ({placed.status_code} {startpay or 'preview'})", place_seconds
    authority = startpay.rstrip("/").rsplit("/", 1)[1]
    gateway = f"{urlsplit(startpay).scheme}://{urlsplit(startpay).netloc}/"
    reply = timed(
        "POST sandbox pay", requests.post, f"{gateway}pg/StartPay/{authority}/pay",
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    confirmation = timed(
        "GET callback → thank-you", session.get, reply.headers["Location"], timeout=60
    )
    if "/checkout/thank-you/" not in confirmation.url:
        return f"not confirmed ({confirmation.status_code} {confirmation.url})", place_seconds
    return "completed", place_seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--buyers", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    catalogue = requests.get(urljoin(args.base_url, "/catalogue/?in_stock=1"), timeout=30)
    add_paths = ADD.findall(catalogue.text)
    if not add_paths:
        raise SystemExit("no product in stock on /catalogue/: load the demo first")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(lambda i: buy(args.base_url, add_paths, i), range(args.buyers)))
    elapsed = time.perf_counter() - started
    outcomes = Counter(outcome for outcome, _ in results)
    completed = outcomes.pop("completed", 0)
    timings = sorted(seconds * 1000 for _, seconds in results)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"buyers: {args.buyers}  concurrency: {args.concurrency}  completed: {completed}")
    print(f"completed checkouts per second: {completed / elapsed:.2f}")
    print(f"place-order step: p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms")
    for outcome, count in outcomes.most_common():
        print(f"  {count} × {outcome}")
    print("each step, p50 ms (under the same load):")
    for step, seconds in STEPS.items():
        print(f"  {step:32} {statistics.median(seconds) * 1000:>6.0f}")


if __name__ == "__main__":
    main()
