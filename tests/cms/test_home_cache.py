"""The home page's block data is cached: a publish shows on the next request, product
changes within a minute."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import block_data
from search.indexing import index_products
from tests.factories import ProducerFactory, make_product

from .builders import block, home_page, news, publish

pytestmark = pytest.mark.django_db


def products_block(products, title=""):
    return block("products", {"title": title, "products": [p.pk for p in products]})


def test_publishing_a_new_revision_shows_on_the_next_request(client, reference_data):
    home = home_page()
    first, second = make_product(title="جعبه خاتم"), make_product(title="قلمدان")
    publish(home, body=[products_block([first], title="برگزیده‌های بهار")])
    html = client.get("/").content.decode()
    assert "برگزیده‌های بهار" in html and second.title not in html

    publish(home, body=[products_block([second], title="برگزیده‌های تابستان")])

    html = client.get("/").content.decode()
    assert "برگزیده‌های تابستان" in html and second.title in html
    assert first.title not in html


def test_publishing_a_news_item_shows_in_the_latest_news_on_the_next_request(
    client, reference_data
):
    home = home_page()
    news(home, count=1)
    publish(home, body=[block("latest", {"title": "", "kind": "news", "count": 3})])
    assert client.get("/").content.decode().count('data-testid="page-card"') == 1

    (item,) = news(home, count=1)

    html = client.get("/").content.decode()
    assert html.count('data-testid="page-card"') == 2 and item.title in html


def test_unpublishing_a_news_item_takes_it_off_on_the_next_request(client, reference_data):
    home = home_page()
    first, second = news(home, count=2)
    publish(home, body=[block("latest", {"title": "", "kind": "news", "count": 3})])
    assert second.title in client.get("/").content.decode()

    second.unpublish()

    assert second.title not in client.get("/").content.decode()


def test_block_data_is_fetched_once_a_minute_not_on_every_request(client, reference_data):
    product = make_product(title="جعبه خاتم")
    publish(home_page(), body=[products_block([product])])
    client.get("/")

    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()

    assert product.title in html
    assert not [q for q in captured.captured_queries if "search_productdocument" in q["sql"]]
    assert block_data.CACHE_SECONDS <= 60


def test_a_product_hidden_since_the_last_fetch_goes_when_the_data_is_fetched_again(
    client, reference_data
):
    product = make_product(title="جعبه خاتم", producer=ProducerFactory())
    publish(home_page(), body=[products_block([product])])
    client.get("/")
    product.is_public = False
    product.save()
    index_products([product.pk])

    block_data.forget_all()  # what the minute's timeout does

    assert product.title not in client.get("/").content.decode()
