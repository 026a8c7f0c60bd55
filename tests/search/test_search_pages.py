import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalog.models import Category
from search import selectors
from search.backends.base import ProductQuery
from search.models import ProductDocument, ZeroResultQuery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def found_titles(response):
    return {card.title for card in response.context["products"]}


def test_search_page_finds_with_arabic_letters_and_shows_facets(client, catalog):
    response = client.get(reverse("search:search"), {"q": "كيف"})
    assert response.status_code == 200
    assert found_titles(response) == {"کیف چرمی دست‌دوز"}
    html = response.content.decode()
    assert 'data-facet="province"' in html and "اصفهان" in html
    assert "نتایج جستجوی «كيف»" in html or "كيف" in html


def test_facet_links_filter_the_listing(client, catalog):
    response = client.get(reverse("catalogue:index"), {"province": "FRS"})
    assert found_titles(response) == {"گلیم دستبافت قشقایی"}
    response = client.get(reverse("catalogue:index"), {"price": "500k-2m"})
    assert found_titles(response) == {"جعبه خاتم ۱۲ تکه"}
    response = client.get(reverse("catalogue:index"), {"in_stock": "1", "product_class": "carpet"})
    assert found_titles(response) == {"گلیم دستبافت قشقایی"}


def test_persian_digits_are_accepted_in_price_filters(client, catalog):
    response = client.get(reverse("catalogue:index"), {"price_min": "۲٬۰۰۰٬۰۰۰"})
    assert found_titles(response) == {"گلیم دستبافت قشقایی", "گبه دست بافت لری"}


@pytest.mark.parametrize(
    "params",
    [{"province": "tehran"}, {"producer": "x"}, {"price_min": "-5"}, {"sort": "cheap"},
     {"category": "0"}, {"price": "free"}],
)  # fmt: skip
def test_bad_filters_are_ignored_not_fatal(client, catalog, params):
    response = client.get(reverse("catalogue:index"), params)
    assert response.status_code == 200
    assert len(response.context["products"]) == 5


def test_category_page_lists_only_its_crafts(client, catalog):
    carpets = Category.objects.get(code="carpet")
    response = client.get(carpets.get_absolute_url())
    assert found_titles(response) == {"گلیم دستبافت قشقایی", "گبه دست بافت لری"}


def test_searches_without_results_are_recorded_normalised_and_counted(client, catalog):
    client.get(reverse("search:search"), {"q": "سفال لالجين"})
    client.get(reverse("search:search"), {"q": "سفال  لالجین"}, REMOTE_ADDR="192.0.2.7")
    client.get(reverse("search:search"), {"q": "کیف"})  # found: not recorded
    assert list(ZeroResultQuery.objects.values_list("query", "count")) == [("سفال لالجین", 2)]


def test_staff_see_searches_without_results(client, catalog):
    client.get(reverse("search:search"), {"q": "سفال لالجین"})
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("unmet-demand"))
    assert response.status_code == 200
    assert "سفال لالجین" in response.content.decode()


def test_buyers_cannot_see_searches_without_results(client, catalog):
    client.force_login(UserFactory())
    response = client.get(reverse("unmet-demand"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_suggestions_offer_crafts_producers_and_products(client, catalog):
    response = client.get(reverse("search:suggest"), {"q": "گلیم"})
    results = response.json()["results"]
    kinds = {(r["kind"], r["label"]) for r in results}
    assert ("craft", "گلیم‌بافی") in kinds
    assert ("producer", "گلیم‌بافی قشقایی") in kinds
    assert ("product", "گلیم دستبافت قشقایی") in kinds
    assert client.get(reverse("search:suggest"), {"q": "گ"}).json() == {"results": []}


def test_search_box_works_without_javascript(client, catalog):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html


def test_unreachable_elasticsearch_falls_back_to_the_database_with_one_warning(
    catalog, settings, caplog, monkeypatch
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    monkeypatch.setattr(selectors, "_backend", None)
    with caplog.at_level(logging.WARNING, logger="search.selectors"):
        first = selectors.get_backend().search(ProductQuery(text="کیف"))
        second = selectors.get_backend().search(ProductQuery(text="زاگرس"))
    monkeypatch.setattr(selectors, "_backend", None)
    assert first.product_ids == [catalog["bag"].pk]
    assert second.product_ids == [catalog["gabbeh"].pk]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Elasticsearch unavailable" in warnings[0].getMessage()


def test_changes_are_indexed_on_commit(catalog, django_capture_on_commit_callbacks):
    bag = catalog["bag"]
    with django_capture_on_commit_callbacks(execute=True):
        bag.title = "کوله چرمی"
        bag.save()
    assert ProductDocument.objects.get(pk=bag.pk).title == "کوله چرمی"

    stockrecord = bag.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        stockrecord.num_in_stock = 0
        stockrecord.save()
    assert ProductDocument.objects.get(pk=bag.pk).in_stock is False

    producer = stockrecord.partner
    with django_capture_on_commit_callbacks(execute=True):
        producer.name = "چرم‌دوزی نقش جهان"
        producer.save()
    assert "نقش" in ProductDocument.objects.get(pk=bag.pk).keyword_terms

    with django_capture_on_commit_callbacks(execute=True):
        bag.is_public = False
        bag.save()
    assert not ProductDocument.objects.filter(pk=bag.pk).exists()


def test_nothing_is_indexed_when_the_transaction_rolls_back(
    catalog, django_capture_on_commit_callbacks
):
    bag = catalog["bag"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bag.title = "عنوان برگشت‌خورده"
        bag.save()
    # The callbacks were queued for commit only; a rollback drops them.
    assert callbacks and ProductDocument.objects.get(pk=bag.pk).title == "کیف چرمی دست‌دوز"


def test_search_index_rebuild_restores_every_document(catalog):
    ProductDocument.objects.all().delete()
    call_command("search_index", "--rebuild", "--no-progress")
    assert ProductDocument.objects.count() == 5
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")
