"""Money and support companies in Chromium: staff pay a batch from the dashboard, the producer
reads the statement on a phone (390×844) and gives a cooperative access, and the
cooperative's member works on the producer's orders within that access."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from sellers import services
from sellers.models import Payout, SupportAction, SupportCompany, SupportMember
from sellers.money import selectors
from tests.factories import ProducerFactory, UserFactory, make_product
from tests.sellers.conftest import SHEBA, place_paid_order

from .test_seller_journey import click, log_in, phone, submit  # noqa: F401  (fixture)

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_for(browser, text):
    WebDriverWait(browser, 10).until(lambda b: text in b.page_source)


def test_staff_pay_a_batch_and_a_cooperative_works_within_what_the_producer_gave(
    live_server,
    phone,  # noqa: F811  (the fixture, imported above)
    screenshot,
):
    browser = phone
    seed_reference_data()
    UserFactory(email="staff@dastsaz.ir", is_staff=True, password="staff-pass-123")
    owner = UserFactory(email="zahra@example.ir", password="zahra-pass-123")
    producer = ProducerFactory(name="گلیم‌بافی زهرا", sheba=SHEBA)
    producer.users.add(owner)
    gelim = make_product(producer=producer, title="گلیم شیرازی", price_rials=25_000_000,
                         stock=5, with_image=False)  # fmt: skip
    for days_ago in (12, None):
        fulfilment = place_paid_order([(gelim, 1)], owner).fulfilments.get()
        if days_ago:
            services.ship_fulfilment(fulfilment, "post", "123456789012")
            at = timezone.now() - datetime.timedelta(days=days_ago)
            services.deliver_fulfilment(fulfilment, at=at)
    company = SupportCompany.objects.create(name="تعاونی گلیم فارس")
    member = UserFactory(email="narges@example.ir", password="narges-pass-123",
                         first_name="نرگس", last_name="فرهادی")  # fmt: skip
    SupportMember.objects.create(company=company, user=member)
    payable = selectors.balances(producer).payable_rials
    assert payable == 25_000_000 + 600_000 - 2_500_000

    # 1. Staff make a batch from the dashboard (at a desk) and mark it paid.
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    log_in(browser, live_server, "staff@dastsaz.ir", "staff-pass-123")
    browser.get(live_server.url + "/dashboard/money/payouts/new/")
    assert "گلیم‌بافی زهرا" in browser.page_source
    make = "//form[@method='post'][.//input[@name='threshold_toman']]//button"
    click(browser, browser.find_element(By.XPATH, make))
    WebDriverWait(browser, 10).until(lambda b: "/payouts/new/" not in b.current_url)
    assert "DSZ-" in browser.page_source and SHEBA in browser.page_source
    click(browser, browser.find_element(By.NAME, "confirm"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "button.btn-success"))
    WebDriverWait(browser, 10).until(lambda b: "alert-success" in b.page_source)
    screenshot("40-staff-batch-paid")
    assert Payout.objects.get().batch.status == "paid"

    # 2. The producer reads the statement on the phone and gives the cooperative access.
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    log_in(browser, live_server, "zahra@example.ir", "zahra-pass-123")
    browser.get(live_server.url + "/seller/money/")
    page = browser.page_source
    assert "تسویه‌های دریافتی" in page and "۲۳٬۱۰۰٬۰۰۰ تومان" not in page
    assert "تسویه" in page and "کارمزد" in page
    screenshot("41-producer-statement")
    browser.get(live_server.url + "/seller/support/")
    Select(browser.find_element(By.NAME, "company")).select_by_visible_text("تعاونی گلیم فارس")
    for right in ("listings", "fulfilments"):
        click(browser, browser.find_element(By.CSS_SELECTOR, f"input[name=rights][value={right}]"))
    submit(browser)
    wait_for(browser, "دسترسی داده شد")
    screenshot("42-producer-gives-access")

    # 3. The cooperative's member works on the producer's orders, not on the money.
    log_in(browser, live_server, "narges@example.ir", "narges-pass-123")
    browser.get(live_server.url + "/catalogue/")  # the shop's bar leads a member to the company
    for toggler in browser.find_elements(By.CSS_SELECTOR, ".navbar-toggler"):
        if toggler.is_displayed():
            click(browser, toggler)  # the phone's folded menu
    WebDriverWait(browser, 5).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=company-panel-link]").is_displayed()
    )
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid=company-panel-link]"))
    WebDriverWait(browser, 10).until(lambda b: "/seller/company/" in b.current_url)
    assert "گلیم‌بافی زهرا" in browser.page_source
    screenshot("43-cooperative-producers")
    submit(browser)  # work on this producer's panel
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/seller/"))
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=acting-banner]")
    tabs = browser.find_element(By.CSS_SELECTOR, ".panel-tabs").text
    assert "سفارش‌ها" in tabs and "حساب مالی" not in tabs
    browser.get(live_server.url + "/seller/orders/?status=new")
    click(browser, browser.find_element(By.CSS_SELECTOR, "article .btn-primary"))
    click(browser, browser.find_element(By.XPATH, "//form[contains(@action,'/accept/')]//button"))
    WebDriverWait(browser, 10).until(lambda b: "alert-success" in b.page_source)
    screenshot("44-cooperative-accepts-an-order")
    action = SupportAction.objects.get()
    assert (action.user, action.action) == (member, "accept")
    browser.get(live_server.url + "/seller/money/")
    assert "دسترسی به این بخش" in browser.page_source
