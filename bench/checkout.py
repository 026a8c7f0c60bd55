"""Complete checkouts against a running site and its Zarinpal sandbox, concurrently.

Usage (the site and the sandbox already running, e.g. `make run`, or gunicorn on PostgreSQL):
    .venv/bin/python bench/checkout.py --base-url http://127.0.0.1:8000 --buyers 40 --concurrency 8

Each buyer behaves as a browser does: it opens the catalogue, adds a product (and is sent
back to the catalogue), looks at its basket, checks out as a guest, gives its e-mail with
the address, places the order (timed), pays on the sandbox page and follows the callback to
the confirmation page. Every redirect is followed once, as a browser follows it; no page is
asked for twice. Prints completed checkouts per second (and per 1,000 req/s of the bare view
measured on the same server just before and just after, averaged, when Debian's wrk is
there: comparable across machines), p50 / p95 latency of the place-order step, each step's
p50 and how many requests a checkout took.

Every run sells what it buys. When many buyers end on "the address did not lead to the
preview (/basket/)", the catalogue has run dry (a sold-out product leaves the basket): load
the demo into a fresh database, or restock a bench copy, e.g.
`UPDATE partner_stockrecord SET num_in_stock = COALESCE(num_allocated, 0) + 50`.
"""

import argparse
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin, urlsplit

import wrk
from browser import Browser

ADD = re.compile(r'action="(/basket/add/\d+/)"')
PROCEED = re.compile(r'href="([^"]+)"[^>]*data-testid="proceed-to-checkout"')
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
REQUESTS = []  # requests to the site per completed checkout


def timed(name, call, *args, **kwargs):
    started = time.perf_counter()
    response = call(*args, **kwargs)
    STEPS[re.sub(r"\d+", "N", name)].append(time.perf_counter() - started)
    return response


def csrf(session):
    """Django accepts the CSRF cookie's secret as the form token."""
    return session.cookies["csrftoken"]


def landed(response):
    """Where a followed request ended, and how many requests it took."""
    return urlsplit(response.url).path, len(response.history) + 1


def post(session, base, name, path, data, referer=None):
    """Submit a form and follow its redirects to the page shown next, as a browser does."""
    headers = {"Referer": urljoin(base, referer)} if referer else {}
    data = {**data, "csrfmiddlewaretoken": csrf(session)}
    return timed(name, session.post, urljoin(base, path), data=data, headers=headers, timeout=30)


def get(session, base, name, path):
    return timed(name, session.get, urljoin(base, path), timeout=30)


def buy(base, add_paths, index):
    session = Browser()
    add_path = random.choice(add_paths)
    count = 0
    for response in (
        get(session, base, "GET catalogue", "/catalogue/"),
        post(session, base, "POST add → catalogue", add_path, {"quantity": 1}, "/catalogue/"),
        get(session, base, "GET basket", "/basket/"),
    ):
        count += landed(response)[1]
    button = PROCEED.search(response.text)  # the basket's "Proceed to checkout"
    response = get(session, base, "GET checkout", button[1] if button else "/checkout/")
    count += landed(response)[1]
    if landed(response)[0] == "/checkout/":  # an older checkout: an e-mail page of its own
        guest = {"username": f"bench{index}@example.ir", "options": "anonymous"}
        count += landed(post(session, base, "POST guest → address", "/checkout/", guest))[1]
    address = {**ADDRESS, "email": f"bench{index}@example.ir"}  # a guest's, with the address
    reviewed = post(session, base, "POST address → preview", "/checkout/shipping-address/", address)
    where, requests_made = landed(reviewed)
    count += requests_made
    if where == "/checkout/payment-details/":  # an older checkout: its "Continue" button
        reviewed = get(session, base, "GET preview (Continue)", "/checkout/preview/")
        where, requests_made = landed(reviewed)
        count += requests_made
    if where != "/checkout/preview/":
        return f"the address did not lead to the preview ({where})", 0.0
    started = time.perf_counter()
    placed = session.post(
        urljoin(base, "/checkout/preview/"),
        data={"action": "place_order", "csrfmiddlewaretoken": csrf(session)},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    place_seconds = time.perf_counter() - started
    count += 1
    startpay = placed.headers.get("Location", "")
    if "StartPay" not in startpay:
        return f"not placed ({placed.status_code} {startpay or 'preview'})", place_seconds
    authority = startpay.rstrip("/").rsplit("/", 1)[1]
    gateway = f"{urlsplit(startpay).scheme}://{urlsplit(startpay).netloc}/"
    reply = timed(
        "POST sandbox pay", Browser().post, f"{gateway}pg/StartPay/{authority}/pay",
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    confirmation = timed(
        "GET callback → thank-you", session.get, reply.headers["Location"], timeout=60
    )
    if "/checkout/thank-you/" not in confirmation.url:
        return f"not confirmed ({confirmation.status_code} {confirmation.url})", place_seconds
    REQUESTS.append(count + landed(confirmation)[1])
    return "completed", place_seconds


def bare_view_rps(base):
    """The bare view's requests per second on the same server (wrk, 16 connections, 3 s), so
    that a run on a busier or slower machine can be compared: the checkouts per second over
    it (measured before and after the checkouts) is the machine-independent figure. None
    without wrk."""
    if not wrk.available():
        return None
    return wrk.requests_per_second(wrk.run(urljoin(base, "/healthz/"), 3, warm_up=0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--buyers", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    add_paths = []
    for page in range(1, 21):  # a spread of products, so that few sell out during the run
        url = urljoin(args.base_url, f"/catalogue/?in_stock=1&page={page}")
        add_paths += ADD.findall(Browser().get(url).text)
    if not add_paths:
        raise SystemExit("no product in stock on /catalogue/: load the demo first")
    bare_before = bare_view_rps(args.base_url)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(lambda i: buy(args.base_url, add_paths, i), range(args.buyers)))
    elapsed = time.perf_counter() - started
    # Before and after, averaged: a shared machine's speed drifts within a minute.
    bare_after = bare_view_rps(args.base_url)
    bare = (bare_before + bare_after) / 2 if bare_before and bare_after else None
    outcomes = Counter(outcome for outcome, _ in results)
    completed = outcomes.pop("completed", 0)
    timings = sorted(seconds * 1000 for _, seconds in results)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"buyers: {args.buyers}  concurrency: {args.concurrency}  completed: {completed}")
    print(f"completed checkouts per second: {completed / elapsed:.2f}")
    if bare:
        print(
            f"bare view, same server just before and after: {bare_before:,.0f} and "
            f"{bare_after:,.0f} req/s; checkouts per second "
            f"per 1,000 bare-view req/s: {completed / elapsed / bare * 1000:.2f} "
            "(the issue's 10/s at its 2,344 req/s: 4.27)"
        )
    print(f"place-order step: p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms")
    for outcome, count in outcomes.most_common():
        print(f"  {count} × {outcome}")
    if REQUESTS:
        print(f"requests to the site per checkout: {statistics.median(REQUESTS):.0f}")
    print("each step, p50 ms (under the same load; a step follows its redirects):")
    for step, seconds in STEPS.items():
        print(f"  {step:32} {statistics.median(seconds) * 1000:>6.0f}")


if __name__ == "__main__":
    main()
