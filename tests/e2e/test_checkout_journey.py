"""Buying from two producers and paying on the Zarinpal sandbox page, in Chromium."""

import pytest
from oscar.apps.order.models import Order
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from tests.factories import ProducerFactory, make_product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def add(browser, live_server, product):
    browser.get(live_server.url + product.get_absolute_url())
    browser.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".alert")))


def checkout_as_guest(browser, live_server):
    browser.get(live_server.url + "/checkout/")
    WebDriverWait(browser, 10).until(ec.url_contains("/checkout/shipping-address/"))
    fields = {
        "email": "buyer@example.ir",  # a guest gives it with the address
        "first_name": "مریم",
        "last_name": "احمدی",
        "line1": "خیابان چهارباغ، پلاک ۳",
        "line4": "اصفهان",
        "postcode": "۸۱۳۴۶۱۲۳۴۵",
        "phone_number": "۰۹۱۲۱۲۳۴۵۶۷",
    }
    for name, value in fields.items():
        browser.find_element(By.NAME, name).send_keys(value)
    Select(browser.find_element(By.NAME, "state")).select_by_visible_text("اصفهان")
    browser.find_element(By.NAME, "postcode").submit()
    WebDriverWait(browser, 10).until(ec.element_to_be_clickable((By.ID, "place-order"))).click()
    return WebDriverWait(browser, 10).until(ec.element_to_be_clickable((By.ID, "pay")))


@pytest.fixture
def two_products(zarinpal):
    seed_reference_data()
    kilim = make_product(
        title="گلیم قشقایی", class_slug="carpet", category_code="kilim",
        producer=ProducerFactory(name="گلیم‌بافی شیراز"), price_rials=45_000_000,
        attributes={"width_cm": 100, "length_cm": 150},
    )  # fmt: skip
    figs = make_product(
        title="انجیر خشک استهبان", class_slug="food", category_code="dried-fruit",
        producer=ProducerFactory(name="باغ انجیر استهبان"), price_rials=1_200_000,
        attributes={"net_weight_g": 500},
    )  # fmt: skip
    return kilim, figs


def test_buy_from_two_producers_and_pay(live_server, browser, screenshot, two_products):
    for product in two_products:
        add(browser, live_server, product)
    pay = checkout_as_guest(browser, live_server)
    amount = browser.find_element(By.CSS_SELECTOR, "[data-amount-rials]")
    # 45,000,000 + 1,200,000 Rials of goods and 600,000 of post from each producer
    assert amount.get_attribute("data-amount-rials") == "47400000"
    assert amount.text == "۴٬۷۴۰٬۰۰۰ تومان"
    screenshot("10-zarinpal-sandbox")
    pay.click()
    WebDriverWait(browser, 10).until(ec.url_contains("/checkout/thank-you/"))
    screenshot("11-order-confirmation")
    order = Order.objects.get()
    assert order.status == "paid" and order.fulfilments.count() == 2
    assert order.number in browser.page_source or "۱۰۰۰۰" in browser.page_source


def test_cancel_at_the_gateway_returns_a_payable_basket(
    live_server, browser, screenshot, two_products
):
    add(browser, live_server, two_products[0])
    checkout_as_guest(browser, live_server)
    browser.find_element(By.ID, "cancel").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/basket/"))
    assert "گلیم قشقایی" in browser.page_source
    screenshot("12-cancelled-back-to-basket")
    assert Order.objects.get().status == "cancelled"
    browser.get(live_server.url + "/checkout/")
    email = browser.find_element(By.NAME, "email")  # the address page, the e-mail kept
    assert email.get_attribute("value") == "buyer@example.ir"
