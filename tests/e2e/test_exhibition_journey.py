"""An exhibition in Chromium on a phone (390×844): an organizer creates a seasonal fair and
lays out a 4×5 booth grid; a producer applies and pays the booth fee at the Zarinpal
sandbox; the organizer assigns booth B7; the public page shows B7 taken."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from exhibitions.models import BoothApplication, Exhibition
from shop.persian.dates import format_jalali_numeric
from tests.factories import (
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    VenueFactory,
    make_product,
)

from .test_seller_journey import click, fill, log_in, phone, submit  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_for_path(browser, ending):
    """Until the page's path ends with `ending`, a regular expression (the booth grid's
    path also contains the booth list's)."""
    WebDriverWait(browser, 10).until(
        lambda b: re.search(f"{ending}$", urlsplit(b.current_url).path)
    )


def choose(browser, name, value):
    click(browser, browser.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']"))


def test_an_organizer_lays_out_a_fair_a_producer_pays_for_a_booth_and_b7_shows_taken(
    live_server,
    phone,  # noqa: F811  (the fixture, imported above)
    screenshot,
    zarinpal,
):
    browser = phone
    seed_reference_data()
    member = UserFactory(email="leila@example.ir", password="leila-pass-123")
    organizer = OrganizerFactory(name="اداره کل تعاون، کار و رفاه اجتماعی اصفهان")
    organizer.users.add(member)
    VenueFactory(organizer=organizer, name="نمایشگاه بین‌المللی اصفهان")
    owner = UserFactory(email="maryam@example.ir", password="maryam-pass-123")
    producer = ProducerFactory(name="قلمکار مریم", mobile="09130000001")
    producer.users.add(owner)
    make_product(producer=producer, title="سفره قلمکار", with_image=False)
    today = timezone.localdate()

    def jalali(days):
        return format_jalali_numeric(today + datetime.timedelta(days=days))

    # 1. The organizer creates a seasonal fair (dates typed in the Jalali calendar).
    log_in(browser, live_server, "leila@example.ir", "leila-pass-123")
    browser.get(live_server.url + "/organizer/exhibitions/new/")
    fill(browser, {
        "title": "نمایشگاه نوروزی صنایع دستی اصفهان",
        "starts_on": jalali(20), "ends_on": jalali(30),
        "applications_open_on": jalali(0), "applications_close_on": jalali(15),
    })  # fmt: skip
    choose(browser, "kind", "seasonal")
    choose(browser, "fee_policy", "per_booth")
    submit(browser)
    wait_for_path(browser, "/booths/grid/")
    fair = Exhibition.objects.get()
    assert (fair.kind, fair.starts_on) == ("seasonal", today + datetime.timedelta(days=20))

    # 2. A 4×5 grid numbered through the hall (A1 … A5, B6 … B10, …), 2,000,000 Toman each.
    fill(browser, {"rows": "۴", "columns": "۵", "size_m2": "۹", "fee_toman": "۲٬۰۰۰٬۰۰۰"})
    choose(browser, "numbering", "through")
    submit(browser)
    wait_for_path(browser, f"/exhibitions/{fair.pk}/booths/")
    assert fair.booths.count() == 20 and fair.booths.get(code="B7").fee_rials == 20_000_000
    screenshot("50-organizer-booth-grid")
    browser.get(live_server.url + f"/organizer/exhibitions/{fair.pk}/")
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[data-status='accepting']"))
    WebDriverWait(browser, 10).until(
        lambda b: 'data-status="accepting"' in b.page_source and "alert" in b.page_source
    )
    fair.refresh_from_db()
    assert fair.status == "accepting"

    # 3. The producer applies from the seller panel, with a product to bring.
    log_in(browser, live_server, "maryam@example.ir", "maryam-pass-123")
    browser.get(live_server.url + "/seller/exhibitions/")
    click(browser, browser.find_element(By.CSS_SELECTOR, f"[data-testid='open-{fair.pk}'] a"))
    wait_for_path(browser, "/apply/")
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name='products']"))
    fill(browser, {"note": "یک پریز برق لازم دارم."})
    submit(browser)
    wait_for_path(browser, r"/seller/applications/\d+/")
    application = BoothApplication.objects.get()
    assert application.status == "applied" and application.products.count() == 1

    # 4. The organizer accepts it with the booth the panel offers first.
    log_in(browser, live_server, "leila@example.ir", "leila-pass-123")
    browser.get(live_server.url + "/organizer/applications/")
    click(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "قلمکار مریم"))
    wait_for_path(browser, f"/exhibitions/{fair.pk}/applications/{application.pk}/")
    accept = browser.find_element(By.CSS_SELECTOR, "[data-testid='accept'] button")
    click(browser, accept)
    WebDriverWait(browser, 10).until(lambda b: 'data-status="accepted"' in b.page_source)
    application.refresh_from_db()
    first_booth = application.booth
    assert application.status == "accepted" and first_booth.code != "B7"

    # 5. The producer pays the fee on the Zarinpal sandbox page.
    log_in(browser, live_server, "maryam@example.ir", "maryam-pass-123")
    browser.get(live_server.url + f"/seller/applications/{application.pk}/")
    screenshot("51-producer-fee-to-pay")
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='pay-fee']"))
    WebDriverWait(browser, 10).until(lambda b: b.current_url.startswith(zarinpal.url))
    screenshot("52-zarinpal-sandbox-booth-fee")
    click(browser, browser.find_element(By.ID, "pay"))
    wait_for_path(browser, f"/seller/applications/{application.pk}/")
    WebDriverWait(browser, 10).until(lambda b: "alert-success" in b.page_source)
    application.refresh_from_db()
    assert application.status == "paid"
    assert application.payment_attempts.get().status == "paid"

    # 6. The organizer assigns booth B7 (the fee is the same).
    log_in(browser, live_server, "leila@example.ir", "leila-pass-123")
    browser.get(
        live_server.url + f"/organizer/exhibitions/{fair.pk}/applications/{application.pk}/"
    )
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='move'] summary"))
    b7 = fair.booths.get(code="B7")
    Select(browser.find_element(By.CSS_SELECTOR, "[data-testid='move'] select[name='booth']")) \
        .select_by_value(str(b7.pk))  # fmt: skip
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='move'] button"))
    WebDriverWait(browser, 10).until(
        lambda b: 'data-testid="application-booth">B7<' in b.page_source
    )
    application.refresh_from_db()
    assert application.booth == b7 and application.status == "paid"
    screenshot("53-organizer-assigned-b7")

    # 7. Anyone sees B7 taken on the public floor plan, and the first booth free again.
    browser.delete_all_cookies()
    browser.get(live_server.url + fair.get_absolute_url())
    page = browser.page_source
    assert 'data-booth="B7" data-state="taken"' in page
    assert f'data-booth="{first_booth.code}" data-state="free"' in page
    assert "قلمکار مریم" in page  # among the participants
    plan = browser.find_element(By.CSS_SELECTOR, "svg.floor-plan")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", plan)
    screenshot("54-public-floor-plan-b7-taken")
