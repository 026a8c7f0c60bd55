"""The header's "Browse store" menu on pages rendered for a visitor (the basket, checkout,
accounts): its categories come from the cache, and a change to them shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def menu(client):
    """(the menu's category names, the queries the page made)."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("basket:summary")).content.decode()
    block = html.split('aria-labelledby="navbarDropdown"', 1)[1].split("</li>", 1)[0]
    return re.findall(r'class="dropdown-item" href="[^"]+">([^<]+)</a>', block), queries


def test_the_menu_shows_the_top_categories_from_the_cache(client, reference_data):
    names, _ = menu(client)
    roots = [category.name for category in Category.get_root_nodes()]
    assert names[1:-1] == roots  # "All products", the categories, "Offers"
    assert all(f'href="{root.get_absolute_url()}"' in client.get("/basket/").content.decode()
               for root in Category.get_root_nodes())  # fmt: skip
    _, queries = menu(client)
    assert not [q for q in queries.captured_queries if "catalogue_category" in q["sql"]]


def test_a_category_added_renamed_or_hidden_shows_in_the_menu_at_once(client, reference_data):
    menu(client)  # kept in the cache
    Category.add_root(name="نمد", code="felt-root", slug="felt-root")
    assert "نمد" in menu(client)[0]
    felt = Category.objects.get(code="felt-root")
    felt.name = "نمدمالی"
    felt.save()
    assert "نمدمالی" in menu(client)[0] and "نمد" not in menu(client)[0]
    felt.is_public = False
    felt.save()
    assert "نمدمالی" not in menu(client)[0]
