"""The storefront, Oscar's dashboard, Wagtail's admin and Django's admin work in Chromium under
the site's Content-Security-Policy (no inline script or handler it refuses), and what their
scripts do still happens. tests/e2e/conftest.py fails any journey that breaks the policy."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from tests.factories import UserFactory, make_product

from .conftest import csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "secret-pass-123"


def wait(browser, condition, seconds=10):
    return WebDriverWait(browser, seconds).until(condition)


def log_in(browser, url, username_field, username, password_field="password"):
    browser.get(url)
    browser.find_element(By.NAME, username_field).send_keys(username)
    browser.find_element(By.NAME, password_field).send_keys(PASSWORD)
    browser.find_element(By.NAME, password_field).submit()


def test_storefront_scripts_run_under_the_policy(live_server, browser, screenshot):
    seed_reference_data()
    product = make_product(title="گلیم قشقایی", class_slug="carpet", category_code="kilim",
                           attributes={"width_cm": 100, "length_cm": 150})  # fmt: skip
    make_product(title="گلیم لری", class_slug="carpet", category_code="kilim",
                 attributes={"width_cm": 80, "length_cm": 120})  # fmt: skip

    browser.get(live_server.url + product.get_absolute_url())
    header = browser.execute_script(
        "return fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert (
        "script-src 'self' 'nonce-" in header
        and "unsafe-inline" not in header.split("style-src")[0]
    )
    browser.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    # The mini-basket's "view basket" (an onclick before) is a plain link now.
    browser.get(live_server.url + "/")
    browser.get(live_server.url + "/catalogue/")
    # The sort select submits itself (was onchange=, now dastsaz/behaviour.js).
    Select(browser.find_element(By.ID, "id_sort")).select_by_value("price_asc")
    wait(browser, ec.url_contains("sort=price_asc"))
    screenshot("csp-01-storefront-sorted")
    assert csp_violations(browser) == [], csp_violations(browser)


def test_oscar_dashboard_scripts_run_under_the_policy(live_server, browser, screenshot):
    seed_reference_data()
    make_product(title="جعبه خاتم")
    staff = UserFactory(is_staff=True, is_superuser=True, email="staff@example.ir")
    log_in(browser, live_server.url + "/dashboard/login/", "username", staff.email)
    wait(browser, ec.url_to_be(live_server.url + "/dashboard/"))
    browser.get(live_server.url + "/dashboard/catalogue/")
    browser.get(live_server.url + "/dashboard/catalogue/products/create/handicraft/")
    # dashboard.js ran: select2 took over the category select, tabs switch.
    wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, ".select2-container")))
    browser.find_element(By.CSS_SELECTOR, 'a[href="#product_images"]').click()
    wait(browser, ec.visibility_of_element_located((By.ID, "product_images")))
    screenshot("csp-02-dashboard-product-form")
    browser.get(live_server.url + "/dashboard/orders/")
    assert csp_violations(browser) == [], csp_violations(browser)


def test_wagtail_admin_scripts_run_under_the_policy(live_server, browser, screenshot):
    seed_reference_data()
    staff = UserFactory(is_staff=True, is_superuser=True, username="editor")
    log_in(browser, live_server.url + "/cms/login/", "username", "editor")
    wait(browser, ec.url_to_be(live_server.url + "/cms/"))
    browser.get(live_server.url + "/cms/pages/")
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    browser.get(f"{live_server.url}/cms/pages/{home.pk}/edit/")
    # Wagtail's editor ran (Draftail for the rich text) ...
    wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, ".Draftail-Editor")))
    # ... and the date-time chooser started without its inline script (dastsaz/wagtail-csp.js).
    wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "[data-dastsaz-started]")))
    assert browser.find_elements(By.CSS_SELECTOR, ".xdsoft_datetimepicker")
    # The home's image choosers (hero, share image) started from their markers (cms/csp.py).
    started = '[data-dastsaz-init="chooser"][data-dastsaz-started]'
    assert len(browser.find_elements(By.CSS_SELECTOR, started)) >= 2
    screenshot("csp-03-wagtail-editor")
    browser.get(live_server.url + "/cms/images/")
    assert staff.is_superuser
    assert csp_violations(browser) == [], "\n".join(csp_violations(browser))


def test_django_admin_works_under_the_policy(live_server, browser):
    staff = UserFactory(is_staff=True, is_superuser=True, username="admin1")
    log_in(browser, live_server.url + "/admin/login/", "username", "admin1")
    wait(browser, ec.url_to_be(live_server.url + "/admin/"))
    browser.get(live_server.url + "/admin/auth/user/")
    browser.find_element(By.CSS_SELECTOR, "#action-toggle").click()  # actions.js
    assert browser.find_element(By.CSS_SELECTOR, f'input[value="{staff.pk}"]').is_selected()
    assert csp_violations(browser) == [], csp_violations(browser)
