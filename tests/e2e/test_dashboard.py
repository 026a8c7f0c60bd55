"""Oscar's dashboard in Persian, right to left, in Chromium: no script error in the console, menu
labels not covered by their icons, the index chart's labels apart, and a status select that
starts on no status."""

import pytest
from oscar.apps.order.models import Order
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from catalog.services import seed_reference_data
from tests.factories import UserFactory
from tests.shop.test_titles_and_statuses import place_order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "secret-pass-123"


def log_in_as_staff(browser, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True, email="staff@example.ir")
    browser.get(live_server.url + "/dashboard/login/")
    browser.find_element(By.NAME, "username").send_keys(staff.email)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.NAME, "password").submit()
    WebDriverWait(browser, 10).until(ec.url_to_be(live_server.url + "/dashboard/"))
    return staff


def console_errors(browser):
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def overlaps(a, b):
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


ICON_AND_LABEL_RECTS = """
return [...document.querySelectorAll('.navbar-primary .nav-link')].map(link => {
    const icon = link.querySelector('i').getBoundingClientRect();
    const text = [...link.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
    const range = document.createRange();
    range.selectNodeContents(text);
    const label = range.getBoundingClientRect();
    return {text: text.textContent.trim(),
            icon: {left: icon.left, right: icon.right, top: icon.top, bottom: icon.bottom},
            label: {left: label.left, right: label.right, top: label.top, bottom: label.bottom}};
});
"""

CHART_LABEL_RECTS = """
const rects = sel => [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0)
    .map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}));
return {hours: rects('#order_graph .bar-chart dd em'),
        amounts: rects('#order_graph .bar-y-axis li span'),
        bars: rects('#order_graph .bar-chart span')};
"""


def test_dashboard_index_reads_right_to_left_without_overlaps(live_server, browser, screenshot):
    seed_reference_data()
    place_order(status="paid")
    log_in_as_staff(browser, live_server)
    browser.get(live_server.url + "/dashboard/")
    browser.set_window_size(1280, 1400)
    screenshot("85-dashboard-index")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"

    items = browser.execute_script(ICON_AND_LABEL_RECTS)
    assert len(items) >= 5
    for item in items:
        assert not overlaps(item["icon"], item["label"]), item
        assert item["icon"]["left"] >= item["label"]["right"] - 1, item  # the icon leads, RTL

    chart = browser.execute_script(CHART_LABEL_RECTS)
    hours, amounts = chart["hours"], chart["amounts"]
    assert len(hours) >= 2 and len(amounts) >= 2
    for i, first in enumerate(hours + amounts):
        for second in (hours + amounts)[i + 1 :]:
            assert not overlaps(first, second), (first, second)
    for amount in amounts:  # the amounts axis stands beside the bars, not on them
        assert all(not overlaps(amount, bar) for bar in chart["bars"]), amount
    assert console_errors(browser) == []


def test_order_page_runs_its_scripts_and_picks_no_status(
    live_server, browser, screenshot, monkeypatch
):
    seed_reference_data()
    order = place_order(status="paid")
    # A pipeline that lets staff set a status by hand, as Oscar's dashboard is made for: its
    # select must start on no status, not on the last one offered.
    monkeypatch.setattr(Order, "pipeline", {"paid": ("cancelled", "refunded")})
    log_in_as_staff(browser, live_server)
    browser.get_log("browser")
    browser.get(f"{live_server.url}/dashboard/orders/{order.number}/")
    screenshot("85-dashboard-order")
    assert console_errors(browser) == []
    # dashboard.js started the page (select2 took over the selects) past initTabs/initTable.
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#order_status_form .select2-container"))
    )
    select = browser.find_element(By.CSS_SELECTOR, '#order_status_form select[name="new_status"]')
    selected = browser.execute_script("return arguments[0].selectedOptions[0].value", select)
    assert selected == ""
    values = [o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")]
    assert values == ["", "cancelled", "refunded"]
    browser.get(live_server.url + "/dashboard/orders/")
    screenshot("85-dashboard-orders")
    assert console_errors(browser) == []
