"""Listing pages and the product page cost the same number of queries at any page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Category
from tests.factories import ProducerFactory, make_product

# What rendering a page costs; a page served from the page cache costs less.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

LISTING_CEILING = 12
PRODUCT_PAGE_CEILING = 10


def count_queries(client, url):
    client.get(url)  # warm: session, basket and renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(captured) > 0, "the capture saw the page's queries"
    return len(captured)


def make_products(count, category_code="khatam"):
    producers = [ProducerFactory() for _ in range(3)]
    return [
        make_product(category_code=category_code, producer=producers[i % 3]) for i in range(count)
    ]


def test_category_listing_queries_do_not_grow_with_products_shown(
    client, reference_data, django_assert_max_num_queries
):
    category = Category.objects.get(code="khatam")
    make_products(2)
    few = count_queries(client, category.get_absolute_url())
    make_products(22)
    many = count_queries(client, category.get_absolute_url())
    assert many == few
    with django_assert_max_num_queries(LISTING_CEILING):
        response = client.get(category.get_absolute_url())
    assert len(response.context["products"]) == 24


def test_catalogue_listing_queries_do_not_grow_with_products_shown(
    client, reference_data, django_assert_max_num_queries
):
    make_products(2)
    few = count_queries(client, reverse("catalogue:index"))
    make_products(22)
    many = count_queries(client, reverse("catalogue:index"))
    assert many == few
    with django_assert_max_num_queries(LISTING_CEILING):
        client.get(reverse("catalogue:index"))


def test_home_page_queries_do_not_grow_with_products_shown(client, reference_data):
    make_products(2)
    few = count_queries(client, "/")
    make_products(12)
    assert count_queries(client, "/") == few


def test_product_page_query_ceiling(client, reference_data, django_assert_max_num_queries):
    product = make_products(1)[0]
    client.get(product.get_absolute_url())
    with django_assert_max_num_queries(PRODUCT_PAGE_CEILING):
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200


def test_product_view_writes_nothing(client, reference_data):
    product = make_products(1)[0]
    client.get(product.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        client.get(product.get_absolute_url())
    writes = [
        q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]
    assert writes == []
