"""The Wagtail-edited home page in a browser, at desktop and phone widths."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from catalog.services import seed_reference_data
from tests.cms.builders import every_block, home_page, news, publish, wagtail_image
from tests.factories import ExhibitionFactory, ProducerFactory, make_product

# serialized_rollback: the flush after each test would otherwise also remove what the
# migrations created (the Wagtail home page and site).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shop_blocks_first(body):
    shop = {"products", "craft_products", "crafts", "exhibitions", "producers"}
    return [b for b in body if b["type"] in shop] + [b for b in body if b["type"] not in shop]


def build_home():
    seed_reference_data()
    zahra, maryam = ProducerFactory(name="کارگاه خاتم زهرا"), ProducerFactory(name="گلیم مریم")
    products = [
        make_product(title="جعبه خاتم اصفهان", producer=zahra, price_rials=12_500_000),
        make_product(title="قاب آینه خاتم", producer=zahra, price_rials=34_000_000),
        make_product(title="قلمدان خاتم", producer=maryam, price_rials=8_900_000),
    ]
    today = timezone.localdate()
    ExhibitionFactory(
        title="بازارچه بهاره اصفهان", status="running", starts_on=today - datetime.timedelta(1),
        applications_open_on=today - datetime.timedelta(20),
    )  # fmt: skip
    ExhibitionFactory(title="نمایشگاه نوروزی شیراز")
    image = wagtail_image(title="کارگاه خاتم‌سازی")
    home = home_page()
    news(home, count=3, cover=image)
    publish(
        home,
        hero_title="دست‌سازهای خانگی ایران، بی‌واسطه از سازندگان",
        hero_image=image,
        body=shop_blocks_first(every_block(products, [zahra, maryam], image, copies=1)),
    )
    return products


def test_the_home_page_with_every_block_fits_desktop_and_phone(live_server, browser, screenshot):
    products = build_home()
    try:
        browser.set_window_size(1280, 1400)
        browser.get(live_server.url + "/")
        first_card = browser.find_element(By.CSS_SELECTOR, ".block-products .product-card")
        assert first_card.is_displayed()
        assert products[0].title in first_card.text
        screenshot("70-home-desktop")

        browser.set_window_size(390, 844)
        browser.get(live_server.url + "/")
        first_card = browser.find_element(By.CSS_SELECTOR, ".block-products .product-card")
        browser.execute_script("arguments[0].scrollIntoView()", first_card)
        assert first_card.is_displayed()
        overflow = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert overflow[0] <= overflow[1], overflow
        screenshot("71-home-phone")
    finally:
        browser.set_window_size(1280, 1400)
