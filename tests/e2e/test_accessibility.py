"""axe-core (npm, pinned in package-lock.json) run in Chromium on the pages buyers and
producers use most: no critical and no serious accessibility violation on any of them."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from catalog.models import Category
from tests.factories import UserFactory, confirmed_booth, running_fair

from .test_home_page import build_home
from .test_seller_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"critical", "serious"}


def axe_source():
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: run `npm ci` at the repository root "
            "(scripts/services.sh does it when Node.js is installed)"
        )
    return AXE.read_text(encoding="utf-8")


def blocking_violations(browser, source):
    """axe-core's critical and serious violations on the page the browser shows."""
    browser.execute_script(source)
    browser.set_script_timeout(30)
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', impact: 'critical',"
        " help: String(e), nodes: []}]));"
    )
    return [v for v in results if v["impact"] in BLOCKING]


def describe(page, violations):
    lines = []
    for v in violations:
        lines.append(f"{page}: [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])})")
        for node in v["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"        {summary[:200]}")
    return lines


def test_buyer_seller_and_exhibition_pages_have_no_serious_accessibility_violations(
    live_server, browser, screenshot
):
    source = axe_source()
    products = build_home()
    product = products[0]
    producer = product.stockrecords.get().partner
    owner = UserFactory(email="zahra@example.ir", password="zahra-pass-123")
    producer.users.add(owner)
    fair = running_fair(title="بازارچه خاتم اصفهان", slug="khatam-bazaar")
    confirmed_booth(fair, producer)

    url = live_server.url
    found = []

    def check(page):
        browser.find_element(By.TAG_NAME, "body")
        found.extend(describe(page, blocking_violations(browser, source)))

    browser.delete_all_cookies()
    browser.get(url + "/")
    check("home")
    browser.get(url + Category.objects.get(code="khatam").get_absolute_url())
    check("category")
    browser.get(url + product.get_absolute_url())
    check("product")
    browser.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".alert")))
    browser.get(url + "/basket/")
    check("basket")
    browser.get(url + "/checkout/")
    WebDriverWait(browser, 10).until(ec.url_contains("/checkout/shipping-address/"))
    check("checkout shipping address")
    browser.get(url + fair.get_absolute_url())
    check("exhibition")

    log_in(browser, live_server, "zahra@example.ir", "zahra-pass-123")
    browser.get(url + "/seller/")
    check("seller home")
    browser.get(url + f"/seller/listings/{product.pk}/")
    check("seller listing edit")
    screenshot("80-accessibility-last-page")
    browser.delete_all_cookies()

    assert not found, "axe-core found critical or serious violations:\n" + "\n".join(found)
