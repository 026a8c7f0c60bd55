import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from catalog.models import Category
from catalog.services import seed_reference_data
from tests.factories import ProducerFactory, make_product

# serialized_rollback: the flush after each test would otherwise also remove what the
# migrations created (the Wagtail home page and site).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_buyer_browses_a_craft_and_puts_a_product_in_the_basket(live_server, browser, screenshot):
    seed_reference_data()
    producer = ProducerFactory(name="کارگاه گلیم زهرا")
    kilim = make_product(
        class_slug="carpet",
        category_code="kilim",
        title="گلیم قشقایی دستباف",
        price_rials=45_000_000,
        producer=producer,
        attributes={"width_cm": 100, "length_cm": 150},
    )
    make_product(title="جعبه خاتم کوچک")

    browser.get(live_server.url + "/")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "fa" and html.get_attribute("dir") == "rtl"
    assert "Vazirmatn" in browser.execute_script(
        "return getComputedStyle(document.body).fontFamily"
    )
    screenshot("01-home")

    browser.find_element(By.LINK_TEXT, Category.objects.get(code="kilim").name).click()
    assert kilim.title in browser.page_source
    assert "جعبه خاتم کوچک" not in browser.page_source
    screenshot("02-category")

    browser.find_element(By.LINK_TEXT, kilim.title).click()
    price = browser.find_element(By.CSS_SELECTOR, '[data-testid="price"]').text
    assert price == "۴٬۵۰۰٬۰۰۰ تومان"
    screenshot("03-product")

    browser.find_element(By.CSS_SELECTOR, "#add_to_basket_form button[type=submit]").click()
    # The basket is added to once the product page comes back with its message.
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".alert")))
    browser.get(live_server.url + "/basket/")
    assert kilim.title in browser.page_source
    assert "۴٬۵۰۰٬۰۰۰ تومان" in browser.page_source
    screenshot("04-basket")


def test_buyer_searches_with_suggestions_and_facets(live_server, browser, screenshot):
    from selenium.webdriver.common.keys import Keys

    seed_reference_data()
    make_product(
        class_slug="carpet",
        category_code="kilim",
        title="گلیم دستبافت قشقایی",
        producer=ProducerFactory(name="گلیم‌بافی شیراز"),
        attributes={"width_cm": 100, "length_cm": 150},
    )
    make_product(title="کیف چرمی", category_code="leather")

    browser.get(live_server.url + "/")
    box = browser.find_element(By.ID, "id_q")
    box.send_keys("گلیم")
    suggestion = WebDriverWait(browser, 5).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".suggestion-product"))
    )
    assert suggestion.text == "گلیم دستبافت قشقایی"
    screenshot("05-suggestions")

    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(ec.url_contains("/search/"))
    assert "گلیم دستبافت قشقایی" in browser.page_source
    assert "کیف چرمی" not in browser.page_source
    browser.find_element(By.CSS_SELECTOR, 'a[data-facet="province"]').click()
    assert "province=" in browser.current_url
    assert "گلیم دستبافت قشقایی" in browser.page_source
    screenshot("06-search-results")
