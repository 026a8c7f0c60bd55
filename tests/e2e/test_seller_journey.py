"""A producer's whole road on a phone (390×844, headless Chromium): join with an SMS code,
staff approve, a carpet with two photos, on the storefront and the producer page, a buyer
orders it, the producer ships it with a tracking code, and the buyer sees the code."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from sellers.models import Partner
from shop import sms
from tests.factories import UserFactory, jpeg_bytes

from .test_checkout_journey import checkout_as_guest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Gelim-1403-bafi"


@pytest.fixture
def phone(browser):
    """The browser as a 390×844 phone screen for this test."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    browser.delete_all_cookies()
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.delete_all_cookies()


def fill(browser, values):
    for name, value in values.items():
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


def click(browser, element):
    """Scroll the element to the middle of the phone's screen, as a thumb would, and tap it
    (at the bottom edge the panel's tab bar lies over it)."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def submit(browser):
    """The page's main button: the last primary button of the panel form."""
    click(browser, browser.find_elements(By.CSS_SELECTOR, "form button.btn-primary")[-1])


def log_in(browser, live_server, email, password):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/accounts/login/")
    fill(browser, {"login-username": email, "login-password": password})
    browser.find_element(By.NAME, "login_submit").click()
    WebDriverWait(browser, 10).until(ec.url_changes(live_server.url + "/accounts/login/"))


def test_a_producer_joins_lists_a_carpet_sells_it_and_ships_it(
    live_server, phone, screenshot, zarinpal, tmp_path
):
    browser = phone
    seed_reference_data()
    staff = UserFactory(email="staff@dastsaz.ir", is_staff=True, password="staff-pass-123")
    photos = []
    for n, colour in enumerate([(160, 40, 30), (30, 60, 150)]):
        path = tmp_path / f"carpet-{n}.jpg"
        path.write_bytes(jpeg_bytes((1200, 900), colour))
        photos.append(str(path))

    # 1. Join: account and mobile, then the code the SMS carried.
    browser.get(live_server.url + "/seller/join/")
    fill(browser, {
        "name": "گلیم‌بافی مریم", "mobile": "۰۹۱۲۳۴۵۶۷۸۹", "email": "maryam@example.ir",
        "password1": PASSWORD, "password2": PASSWORD,
    })  # fmt: skip
    screenshot("20-seller-join")
    submit(browser)
    # the form's answer is the confirm page; the SMS went out before it (not before submit)
    WebDriverWait(browser, 10).until(ec.url_contains("/seller/join/confirm/"))
    code = re.search(r"[۰-۹0-9]{6}", sms.outbox[-1].text)[0]
    fill(browser, {"code": code})
    screenshot("21-seller-confirm-mobile")
    submit(browser)

    # 2. The profile: who, where, the licence with its scan, the Sheba.
    WebDriverWait(browser, 10).until(ec.url_contains("/seller/profile/"))
    fill(browser, {
        "story": "از کودکی با مادرم گلیم می‌بافم.", "national_id": "۰۰۱۳۵۴۲۴۱۹",
        "licence_number": "14030012345", "licence_issuer": "میراث فرهنگی فارس",
        "licence_issued_on": "۱۴۰۳/۰۲/۱۰", "licence_expires_on": "۱۴۰۸/۰۲/۱۰",
        "sheba": "IR062960000000100324200001", "shipping_fee_toman": "۶۰۰۰۰",
        "processing_days": "۲",
    })  # fmt: skip
    Select(browser.find_element(By.NAME, "province")).select_by_visible_text("فارس")
    Select(browser.find_element(By.NAME, "city")).select_by_visible_text("شیراز")
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=crafts]"))
    browser.find_element(By.NAME, "licence_scan").send_keys(photos[0])
    screenshot("22-seller-profile")
    submit(browser)
    WebDriverWait(browser, 10).until(ec.url_to_be(live_server.url + "/seller/"))
    assert "در دست بررسی" in browser.page_source
    producer = Partner.objects.get(mobile="09123456789")

    # 3. Staff approve the application from the dashboard.
    log_in(browser, live_server, staff.email, "staff-pass-123")
    browser.get(f"{live_server.url}/dashboard/producers/{producer.pk}/")
    browser.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    # the review page's address also contains /dashboard/producers/: wait for the list
    WebDriverWait(browser, 10).until(ec.url_to_be(live_server.url + "/dashboard/producers/"))
    producer.refresh_from_db()
    assert producer.is_selling

    # 4. The producer lists a carpet with two photos.
    log_in(browser, live_server, "maryam@example.ir", PASSWORD)
    browser.get(live_server.url + "/seller/")
    screenshot("23-seller-home")
    browser.get(live_server.url + "/seller/listings/new/")
    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "فرش و گلیم"))
    fill(browser, {
        "title": "گلیم دستباف قشقایی", "price_toman": "۴٬۵۰۰٬۰۰۰", "stock": "۲",
        "attr_width_cm": "۱۲۰", "attr_length_cm": "۱۸۰",
    })  # fmt: skip
    Select(browser.find_element(By.NAME, "category")).select_by_visible_text("گلیم‌بافی")
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=carriers][value=post]"))
    click(browser, browser.find_element(By.NAME, "is_public"))
    screenshot("24-seller-new-carpet")
    submit(browser)
    WebDriverWait(browser, 10).until(ec.url_contains("/photos/"))
    browser.find_element(By.NAME, "photos").send_keys("\n".join(photos))
    submit(browser)
    WebDriverWait(browser, 10).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, ".photo-grid figure")) == 2
    )
    screenshot("25-seller-photos")
    product = producer.stockrecords.get().product

    # 5. On the storefront and on the producer's page.
    browser.get(live_server.url + product.get_absolute_url())
    assert "گلیم دستباف قشقایی" in browser.page_source
    assert "۴٬۵۰۰٬۰۰۰ تومان" in browser.page_source
    screenshot("26-storefront-product-on-phone")
    browser.get(live_server.url + producer.get_absolute_url())
    assert "گلیم دستباف قشقایی" in browser.page_source
    screenshot("27-producer-page-on-phone")

    # 6. A buyer orders it and pays on the sandbox.
    browser.delete_all_cookies()
    browser.get(live_server.url + product.get_absolute_url())
    browser.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    # The basket is added to once the product page comes back with its message.
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".alert")))
    checkout_as_guest(browser, live_server).click()
    WebDriverWait(browser, 10).until(ec.url_contains("/checkout/thank-you/"))
    fulfilment = producer.fulfilments.get()

    # 7. The producer ships it with a tracking code.
    log_in(browser, live_server, "maryam@example.ir", PASSWORD)
    browser.get(live_server.url + "/seller/orders/")
    screenshot("28-seller-orders")
    click(
        browser,
        browser.find_element(By.CSS_SELECTOR, f"[data-testid=fulfilment-{fulfilment.pk}] a.btn"),
    )
    Select(browser.find_element(By.NAME, "carrier")).select_by_value("post")
    fill(browser, {"tracking_code": "۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴"})
    screenshot("29-seller-ship")
    browser.find_element(By.NAME, "tracking_code").submit()
    WebDriverWait(browser, 10).until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "[data-testid=fulfilment-status]"), "123456789012345678901234"
        )
    )

    # 8. The buyer follows the email's link and sees the tracking code.
    link = re.search(r"http\S+/order-status/\S+", mail.outbox[-1].body)[0]
    browser.delete_all_cookies()
    browser.get(live_server.url + urlsplit(link).path)  # the email names the site's address
    WebDriverWait(browser, 10).until(ec.url_contains("/order-status-form/"))
    fill(browser, {"email": "buyer@example.ir"})
    browser.find_element(By.NAME, "email").submit()
    code_shown = WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=tracking-code]"))
    )
    assert code_shown.text == "123456789012345678901234"
    screenshot("30-buyer-sees-tracking-code")
