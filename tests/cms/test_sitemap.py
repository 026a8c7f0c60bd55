import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibitions.models import Exhibition
from shop import sitemaps
from tests.factories import ExhibitionFactory, ProducerFactory, make_product

from .conftest import content, news, story, training

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(response):
    """{address: lastmod} of a sitemap, or of a sitemap index."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        element.find("s:loc", NS).text: getattr(element.find("s:lastmod", NS), "text", None)
        for element in root
    }


def public(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def test_sitemap_lists_every_page_type_with_its_last_change(
    client, home, news_index, training_index, story_index
):
    pages = [
        home,
        news_index,
        news(news_index),
        training_index,
        training(training_index),
        story_index,
        story(story_index, ProducerFactory()),
        content(home, title="قوانین", slug="terms"),
    ]

    found = entries(client.get("/sitemap.xml"))

    for page in pages:
        assert public(page.url) in found
    assert re.match(r"\d{4}-\d\d-\d\d", found[public(news_index.url)])


def test_sitemap_leaves_out_draft_pages(client, home):
    page = content(home, title="پیش‌نویس", slug="draft")
    page.unpublish()

    assert public("/draft/") not in entries(client.get("/sitemap.xml"))


def test_sitemap_lists_public_products_only(client, reference_data):
    shown = make_product()
    hidden = make_product(is_public=False)
    quiet = ProducerFactory(is_selling=False)
    of_quiet_producer = make_product(producer=quiet)

    found = entries(client.get("/sitemap.xml"))

    assert public(shown.get_absolute_url()) in found
    assert found[public(shown.get_absolute_url())] is not None
    assert public(hidden.get_absolute_url()) not in found
    assert public(of_quiet_producer.get_absolute_url()) not in found


def test_sitemap_lists_pages_of_producers_who_may_sell(client, reference_data):
    selling = ProducerFactory()
    not_selling = ProducerFactory(is_selling=False)
    without_page = ProducerFactory(slug=None)

    found = entries(client.get("/sitemap.xml"))

    assert public(selling.get_absolute_url()) in found
    assert public(f"/producers/{not_selling.slug}/") not in found
    assert not any(f"/producers/{without_page.code}" in url for url in found)


def test_sitemap_lists_public_exhibitions_not_drafts(client, reference_data):
    shown = ExhibitionFactory()
    draft = ExhibitionFactory(status=Exhibition.Status.DRAFT)

    found = entries(client.get("/sitemap.xml"))

    assert public(shown.get_absolute_url()) in found
    assert found[public(shown.get_absolute_url())] is not None
    assert public(f"/exhibitions/{draft.slug}/") not in found


def test_a_large_sitemap_becomes_an_index_of_paged_sections(client, monkeypatch, home):
    products = [make_product() for _ in range(3)]
    monkeypatch.setattr(sitemaps, "URL_LIMIT", 2)

    index = entries(client.get("/sitemap.xml"))

    assert public("/sitemap-products.xml") in index
    assert public("/sitemap-products.xml?p=2") in index
    assert public("/sitemap-pages.xml") in index
    first = entries(client.get("/sitemap-products.xml"))
    second = entries(client.get("/sitemap-products.xml", {"p": 2}))
    assert len(first) == 2 and len(second) == 1
    assert {public(p.get_absolute_url()) for p in products} == set(first) | set(second)


def test_unknown_sitemap_section_is_not_found(client, reference_data):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def test_sitemap_queries_do_not_grow_with_products_producers_or_exhibitions(client, reference_data):
    make_product()
    ExhibitionFactory()
    client.get("/sitemap.xml")  # warm: Wagtail's site root paths, content types
    few = queries_of(client, "/sitemap.xml")
    for _ in range(5):
        make_product()
        ExhibitionFactory()

    assert queries_of(client, "/sitemap.xml") == few
