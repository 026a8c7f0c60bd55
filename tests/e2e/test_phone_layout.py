"""The storefront on a phone (390×844 in Chromium): products on the first screen, the search box
always in view, one menu button, the filters behind one button, a one-line checkout progress;
and the desktop still shows its filters beside the products."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import pgettext
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from catalog.models import Category, Province
from catalog.services import seed_reference_data
from tests.cms.builders import block, home_page, publish, wagtail_image
from tests.factories import ExhibitionFactory, ProducerFactory, make_product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = (390, 844)
DESKTOP = (1280, 1400)

# Where an element is on the page (not the viewport) and whether a person can see it.
GEOMETRY = """
const element = document.querySelector(arguments[0]);
if (!element) { return null; }
const box = element.getBoundingClientRect();
const style = getComputedStyle(element);
return {top: box.top + window.scrollY, height: box.height,
        visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden"};
"""
VISIBLE_TOGGLERS = """
return [...document.querySelectorAll(".navbar-toggler")]
    .filter(b => b.getBoundingClientRect().width > 0).length;
"""


def geometry(browser, css):
    return browser.execute_script(GEOMETRY, css)


def wait_until_visible(browser, css):
    WebDriverWait(browser, 5).until(lambda b: (geometry(b, css) or {}).get("visible"))


@pytest.fixture
def phone(browser):
    """The shared browser as a phone; headless Chromium keeps windows at least 500 px wide, so
    the viewport is set through DevTools (as its device toolbar does), and restored after."""
    browser.set_window_size(*PHONE)
    width, height = PHONE
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.set_window_size(*DESKTOP)


@pytest.fixture
def shop():
    """Khatam from three producers in two provinces, of two product types: several facets."""
    seed_reference_data()
    fars = Province.objects.get(code="FRS")
    producers = [
        ProducerFactory(name="کارگاه خاتم زهرا"),
        ProducerFactory(name="خاتم‌سازی مریم"),
        ProducerFactory(name="هنرکده شیراز", province=fars),
    ]
    products = [
        make_product(
            title=f"جعبه خاتم شماره {n + 1}",
            producer=producers[n % 3],
            price_rials=3_000_000 + n * 4_000_000,
        )  # fmt: skip
        for n in range(6)
    ]
    make_product(title="گلیم قشقایی", class_slug="carpet", category_code="kilim",
                 producer=producers[2], attributes={"width_cm": 100, "length_cm": 150})  # fmt: skip
    return products


def build_home(products):
    """The demo's order: an introduction, crafts and exhibitions above the first products."""
    today = timezone.localdate()
    ExhibitionFactory(
        title="بازارچه بهاره اصفهان", status="running", starts_on=today - datetime.timedelta(1),
        applications_open_on=today - datetime.timedelta(20),
    )  # fmt: skip
    publish(
        home_page(),
        hero_title="دست‌سازهای خانگی ایران، بی‌واسطه از سازندگان",
        hero_image=wagtail_image(title="کارگاه خاتم‌سازی"),
        body=[
            block("heading", {"text": "از خانه‌های ایران، با مجوز", "size": "h2"}),
            block("paragraph", "<p>" + "هر دست‌ساز مجوز خانگی دارد. " * 12 + "</p>"),
            block("crafts", {"title": "هنرها و حرفه‌ها", "crafts": ["khatam", "kilim"]}),
            block("exhibitions", {"title": "نمایشگاه‌های باز", "show": "running", "count": 3}),
            block("products", {"title": "برگزیده‌ها", "products": [p.pk for p in products]}),
        ],
    )


def assert_phone_header(browser):
    """One menu button, and the search box in view without opening it."""
    assert browser.execute_script(VISIBLE_TOGGLERS) == 1
    search = geometry(browser, "#id_q")
    assert search["visible"] and search["top"] < 250, search


def assert_first_product_on_first_screen(browser):
    card = geometry(browser, ".product-card")
    assert card["visible"] and card["top"] < PHONE[1], card


def test_the_home_page_shows_products_on_a_phones_first_screen(
    live_server, phone, shop, screenshot
):
    build_home(shop)
    phone.get(live_server.url + "/")
    assert phone.execute_script("return window.innerWidth") == PHONE[0]
    assert_phone_header(phone)
    assert_first_product_on_first_screen(phone)
    screenshot("80-home-phone")

    phone.find_element(By.CSS_SELECTOR, "[data-testid=menu-button]").click()
    # the account links open with the same button
    wait_until_visible(phone, "#top_page .account-collapse.show #login_link")
    wait_until_visible(phone, "#navbarSupportedContent.show #navbarDropdown")
    screenshot("81-home-phone-menu")


def test_a_category_on_a_phone_folds_its_filters_behind_one_button(
    live_server, phone, shop, screenshot
):
    khatam = Category.objects.get(code="khatam")
    phone.get(live_server.url + khatam.get_absolute_url())
    assert_phone_header(phone)
    assert_first_product_on_first_screen(phone)
    assert not geometry(phone, ".facets")["visible"]
    assert len(phone.find_elements(By.CSS_SELECTOR, "[data-testid=filters-button]")) == 1
    screenshot("82-category-phone")

    phone.find_element(By.CSS_SELECTOR, "[data-testid=filters-button]").click()
    wait_until_visible(phone, "#filters.show .facets")  # opened, not still unfolding
    assert phone.find_element(By.CSS_SELECTOR, "a[data-facet=producer]").is_displayed()
    screenshot("83-category-phone-filters")

    phone.find_element(By.CSS_SELECTOR, "a[data-facet=producer]").click()
    WebDriverWait(phone, 5).until(ec.url_contains("producer="))
    assert_first_product_on_first_screen(phone)


@pytest.mark.parametrize("path", ["/catalogue/", "/search/?q=خاتم"], ids=["catalogue", "search"])
def test_product_lists_start_on_a_phones_first_screen(live_server, phone, shop, screenshot, path):
    phone.get(live_server.url + path)
    assert_phone_header(phone)
    assert_first_product_on_first_screen(phone)
    assert not geometry(phone, ".facets")["visible"]
    screenshot("84-search-phone" if "q=" in path else "84-catalogue-phone")


def test_the_checkout_steps_are_one_short_line_on_a_phone(live_server, phone, shop, screenshot):
    phone.get(live_server.url + shop[0].get_absolute_url())
    phone.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    WebDriverWait(phone, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".alert")))
    button = geometry(phone, "[data-testid=phone-basket-button]")  # the mini-basket is hidden
    assert button["visible"] and not geometry(phone, ".basket-mini")["visible"]
    assert "تومان" in phone.find_element(By.CSS_SELECTOR, "[data-testid=phone-basket-button]").text
    phone.get(live_server.url + "/checkout/")  # a guest: straight to the address and e-mail
    WebDriverWait(phone, 10).until(ec.presence_of_element_located((By.NAME, "line1")))

    progress = geometry(phone, "[data-testid=checkout-progress]")
    assert progress["visible"] and progress["height"] < 120, progress
    assert not geometry(phone, ".nav-checkout")["visible"]
    with translation.override("fa"):
        step_name = pgettext("checkout step", "Shipping address")
    assert step_name in phone.find_element(By.CSS_SELECTOR, "[data-testid=checkout-progress]").text
    form = geometry(phone, "input[name=email]")  # the form's first field
    assert form["top"] < PHONE[1], form
    screenshot("85-checkout-phone")


def test_the_desktop_shows_filters_beside_the_products(live_server, browser, shop, screenshot):
    browser.set_window_size(*DESKTOP)
    browser.get(live_server.url + Category.objects.get(code="khatam").get_absolute_url())
    facets, card = geometry(browser, ".facets"), geometry(browser, ".product-card")
    assert facets["visible"] and card["visible"]
    assert card["top"] < facets["top"] + facets["height"]  # side by side, not stacked
    assert not geometry(browser, "[data-testid=filters-button]")["visible"]
    assert geometry(browser, "#id_q")["visible"]
    assert browser.execute_script(VISIBLE_TOGGLERS) == 0
    screenshot("86-category-desktop")
