"""An exhibition as a sales channel, in Chromium on a phone (390×844): the producer moves 3
units to booth B7, sells one in person, a buyer orders one online for pick-up at B7 and pays
at the Zarinpal sandbox, the producer marks it collected by its code, the exhibition closes
and the last unit returns to the online shop."""

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from catalog.services import seed_reference_data
from exhibitions.layout import THROUGH, lay_out_grid
from exhibitions.models import BoothStock, OrderChannel
from shop.persian.digits import to_persian_digits
from tests.factories import (
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

from .test_checkout_journey import add
from .test_seller_journey import click, fill, log_in, phone, submit  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def at_booth(fair, record):
    stock = BoothStock.objects.get(exhibition=fair, stockrecord=record)
    return stock.quantity, stock.reserved


def online(record):
    record.refresh_from_db()
    return record.num_in_stock - (record.num_allocated or 0)


def test_three_units_go_to_b7_one_sells_there_one_is_collected_and_the_last_comes_home(
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
    fair = running_fair(organizer=organizer, title="نمایشگاه نوروزی صنایع دستی اصفهان")
    fair.booths.all().delete()
    lay_out_grid(
        fair, rows=4, columns=5, kind="standard", size_m2=9, fee_rials=0, numbering=THROUGH
    )
    owner = UserFactory(email="maryam@example.ir", password="maryam-pass-123")
    producer = ProducerFactory(name="گلیم‌بافی مریم", mobile="09130000001")
    producer.users.add(owner)
    kilim = make_product(
        producer=producer, title="گلیم دستباف قشقایی", class_slug="carpet",
        category_code="kilim", price_rials=45_000_000, stock=5,
        attributes={"width_cm": 100, "length_cm": 150},
    )  # fmt: skip
    record = kilim.stockrecords.get()
    confirmed_booth(fair, producer, "B7")

    # 1. The producer moves 3 units from the online shop to booth B7 (Persian digits).
    log_in(browser, live_server, "maryam@example.ir", "maryam-pass-123")
    browser.get(live_server.url + f"/seller/booths/{fair.pk}/move/")
    Select(browser.find_element(By.NAME, "stockrecord")).select_by_value(str(record.pk))
    fill(browser, {"quantity": "۳"})
    click(
        browser, browser.find_element(By.CSS_SELECTOR, "input[name='direction'][value='to_booth']")
    )
    submit(browser)
    WebDriverWait(browser, 10).until(lambda b: "alert-success" in b.page_source)
    assert at_booth(fair, record) == (3, 0) and online(record) == 2
    screenshot("60-booth-stock-after-moving-3")

    # 2. A visitor buys one at the booth, paid by card reader: a receipt to show or print.
    stock = BoothStock.objects.get(exhibition=fair, stockrecord=record)
    browser.get(live_server.url + f"/seller/booths/{fair.pk}/sell/")
    fill(browser, {f"units_{stock.pk}": "۱"})
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name='paid_by'][value='card']"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='record-sale']"))
    WebDriverWait(browser, 10).until(ec.url_contains("/seller/booth-sales/"))
    sale = OrderChannel.objects.get(kind="booth_sale")
    assert sale.order.status == "paid" and sale.paid_by == "card"
    assert to_persian_digits(sale.order.number) in browser.page_source
    assert at_booth(fair, record) == (2, 0) and online(record) == 2
    screenshot("61-booth-sale-receipt")

    # 3. A buyer orders one online for pick-up at B7 and pays at the Zarinpal sandbox.
    browser.delete_all_cookies()
    add(browser, live_server, kilim)
    browser.get(live_server.url + "/checkout/")
    WebDriverWait(browser, 10).until(ec.url_contains("/checkout/shipping-address/"))
    fill(browser, {
        "email": "buyer@example.ir",
        "first_name": "سارا", "last_name": "کریمی", "line1": "خیابان چهارباغ، پلاک ۳",
        "line4": "اصفهان", "postcode": "۸۱۳۴۶۱۲۳۴۵", "phone_number": "۰۹۱۲۱۲۳۴۵۶۷",
    })  # fmt: skip
    Select(browser.find_element(By.NAME, "state")).select_by_visible_text("اصفهان")
    browser.find_element(By.NAME, "postcode").submit()
    pickup = WebDriverWait(browser, 10).until(
        ec.presence_of_element_located(
            (By.CSS_SELECTOR, f"[data-code='pickup-{fair.pk}'] button[type=submit]")
        )
    )
    assert "B7" in browser.find_element(By.CSS_SELECTOR, f"[data-code='pickup-{fair.pk}']").text
    screenshot("62-checkout-collect-at-b7")
    click(browser, pickup)
    WebDriverWait(browser, 10).until(ec.element_to_be_clickable((By.ID, "place-order"))).click()
    WebDriverWait(browser, 10).until(ec.element_to_be_clickable((By.ID, "pay"))).click()
    code_box = WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid='pickup-code']"))
    )
    channel = OrderChannel.objects.get(kind="pickup")
    assert channel.order.status == "paid" and channel.exhibition == fair
    assert code_box.text == to_persian_digits(channel.pickup_code)
    assert at_booth(fair, record) == (2, 1) and online(record) == 2
    screenshot("63-thank-you-with-pickup-code")

    # 4. The buyer shows the code at B7; the producer types it and hands the kilim over.
    log_in(browser, live_server, "maryam@example.ir", "maryam-pass-123")
    browser.get(live_server.url + f"/seller/booths/{fair.pk}/pickups/")
    fill(browser, {"code": to_persian_digits(channel.pickup_code)})
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='collect']"))
    WebDriverWait(browser, 10).until(lambda b: "alert-success" in b.page_source)
    part = channel.order.fulfilments.get()
    assert part.status == "delivered"
    assert at_booth(fair, record) == (1, 0)
    screenshot("64-pickup-collected")

    # 5. The organizer closes the exhibition; the unsold unit returns to the online shop.
    log_in(browser, live_server, "leila@example.ir", "leila-pass-123")
    browser.get(live_server.url + f"/organizer/exhibitions/{fair.pk}/")
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-testid='close'] summary"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "button[data-status='closed']"))
    WebDriverWait(browser, 10).until(lambda b: 'data-status="closed"' in b.page_source)
    WebDriverWait(browser, 10, poll_frequency=0.3).until(lambda b: at_booth(fair, record) == (0, 0))
    assert online(record) == 3  # 5 received − 1 sold at the booth − 1 collected
    fair.refresh_from_db()
    assert fair.status == "closed" and fair.ends_on >= timezone.localdate()

    # 6. The producer's reconciliation sheet says where every unit went.
    log_in(browser, live_server, "maryam@example.ir", "maryam-pass-123")
    browser.get(live_server.url + f"/seller/booths/{fair.pk}/sheet/")
    sheet = browser.find_element(By.TAG_NAME, "main").text
    assert "گلیم دستباف قشقایی" in sheet and "۳" in sheet
    screenshot("65-reconciliation-sheet")
