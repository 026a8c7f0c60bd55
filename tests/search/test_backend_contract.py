"""What every search backend must do, run against each backend available."""

import pytest

from search.backends.base import ProductQuery
from tests.factories import ProducerFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["کیف چرمی", "كيف چرمي", "كيف", "كِيف"])
def test_arabic_letters_and_diacritics_find_persian_text(search, text):
    assert search(text) == {"bag"}


@pytest.mark.parametrize("text", ["خاتم ۱۲", "خاتم ١٢", "خاتم 12", "خاتم ۱2"])
def test_persian_arabic_and_latin_digits_are_one(search, text):
    assert search(text) == {"khatam"}


@pytest.mark.parametrize("text", ["دستبافت", "دست\u200cبافت", "دست بافت"])
def test_zwnj_joined_and_split_compounds_find_each_other(search, text):
    # "گلیم دستبافت" is written joined, "گبه دست بافت" split: every spelling finds both.
    assert search(text) == {"kilim", "gabbeh"}


def test_words_must_all_match(search):
    assert search("گلیم قشقایی") == {"kilim"}
    assert search("گلیم انجیر") == set()


def test_producer_craft_and_province_are_searchable(search):
    assert search("سپاهان") == {"bag", "khatam"}  # producer name
    assert search("خاتم‌کاری") == {"khatam"}  # craft (category) name
    assert search("کرمان") == {"figs"}  # province


def test_whole_words_match_and_the_last_word_of_a_suggestion_may_be_unfinished(backend, search):
    assert search("انجیر") == {"figs"}
    assert [s.label for s in backend.suggest_products("انجی", 5)] == ["انجیر خشک ۵۰۰ گرمی"]


def test_hidden_products_are_never_found(search, catalog):
    assert "hidden" not in search("کیف")
    assert "hidden" not in search()


def test_out_of_stock_products_are_listed_unless_filtered(search):
    assert "gabbeh" in search("گبه")
    assert search("گبه", in_stock=True) == set()


def test_filters_combine(search, catalog):
    assert search(product_class="carpet") == {"kilim", "gabbeh"}
    assert search(product_class="carpet", province_code="FRS") == {"kilim"}
    assert search(province_code="ISF", price_max_rials=5_000_000) == {"bag"}
    assert search(price_min_rials=8_000_000, price_max_rials=40_000_000) == {"khatam", "gabbeh"}
    producer = catalog["bag"].stockrecords.get().partner
    assert search(producer_id=producer.id) == {"bag", "khatam"}
    assert search("کیف", product_class="food") == set()


def test_category_filter_includes_subcategories(search, catalog):
    from catalog.models import Category

    carpets = Category.objects.get(code="carpet")
    kilim = Category.objects.get(code="kilim")
    assert search(category_id=carpets.id) == {"kilim", "gabbeh"}
    assert search(category_id=kilim.id) == {"kilim"}


def test_facet_counts_add_up(backend, catalog):
    hits = backend.search(ProductQuery(with_facets=True, per_page=2))
    assert hits.total == 5
    assert sum(f.count for f in hits.facets["product_class"]) == hits.total
    assert sum(f.count for f in hits.facets["province"]) == hits.total
    assert sum(f.count for f in hits.facets["producer"]) == hits.total
    assert sum(f.count for f in hits.facets["price"]) == hits.total
    assert sum(f.count for f in hits.facets["category"]) == hits.total  # one craft each
    assert {f.key: f.count for f in hits.facets["province"]} == {
        "ISF": 2, "FRS": 1, "LRS": 1, "KRM": 1
    }  # fmt: skip
    assert hits.facets["in_stock"][0].count == 4


def test_facets_follow_the_filters(backend, catalog):
    hits = backend.search(ProductQuery(product_class="carpet", with_facets=True))
    assert hits.total == 2
    assert {f.key for f in hits.facets["province"]} == {"FRS", "LRS"}
    assert [(f.key, f.count) for f in hits.facets["product_class"]] == [("carpet", 2)]


@pytest.mark.parametrize("sort", ["relevance", "newest", "price_asc", "price_desc"])
def test_pagination_is_stable_and_complete(backend, catalog, sort):
    everything = backend.search(ProductQuery(sort=sort, per_page=100)).product_ids
    paged = []
    for page in (1, 2, 3):
        paged += backend.search(ProductQuery(sort=sort, per_page=2, page=page)).product_ids
    assert paged == everything
    assert len(set(paged)) == 5


def test_price_sorts(backend, catalog):
    ascending = backend.search(ProductQuery(sort="price_asc")).product_ids
    assert ascending[0] == catalog["figs"].pk and ascending[-1] == catalog["kilim"].pk
    descending = backend.search(ProductQuery(sort="price_desc")).product_ids
    assert descending == list(reversed(ascending))


def test_title_matches_rank_above_description_matches(backend, reference_data):
    in_description = make_product(
        title="جعبه چوبی", description="مناسب نگهداری گلیم کوچک", with_image=False
    )
    in_title = make_product(
        title="گلیم کوچک",
        category_code="kilim",
        class_slug="carpet",
        with_image=False,
        attributes={"width_cm": 50, "length_cm": 70},
    )
    ids = backend.search(ProductQuery(text="گلیم کوچک")).product_ids
    assert set(ids) == {in_title.pk, in_description.pk}
    if backend.__class__.__name__ != "DatabaseBackend" or _ranks():
        assert ids[0] == in_title.pk


def _ranks():
    from django.db import connection

    return connection.vendor == "postgresql"  # SQLite matches without ranking


def test_product_suggestions(backend, catalog):
    titles = [s.label for s in backend.suggest_products("گلی", 5)]
    assert "گلیم دستبافت قشقایی" in titles


def test_database_search_queries_do_not_grow_with_page_size(catalog, django_assert_max_num_queries):
    from search.backends.database import DatabaseBackend

    producer = ProducerFactory()
    for i in range(20):
        make_product(
            title=f"کیف شماره {i}", category_code="leather", producer=producer, with_image=False
        )
    for per_page in (2, 20):
        with django_assert_max_num_queries(5):  # ids + 4 facet queries (total included)
            hits = DatabaseBackend().search(
                ProductQuery(text="کیف", per_page=per_page, with_facets=True)
            )
        assert len(hits.product_ids) == per_page


def test_a_phrase_matches_whole_words_not_parts_of_longer_ones(backend, search, reference_data):
    towel = make_product(
        title="لنگ حمام",
        description="بافته به دست در کارگاه حوله‌بافی یزد",
        category_code="kilim",
        class_slug="carpet",
        with_image=False,
        attributes={"width_cm": 50, "length_cm": 90},
    )
    found = set(backend.search(ProductQuery(text="دست باف", per_page=100)).product_ids)
    assert towel.pk not in found
    assert search("دست باف") == set()
    assert towel.pk in backend.search(ProductQuery(text="حوله بافی")).product_ids


@pytest.mark.parametrize("text", ["سفرهٔ قلمکار", "سفره‌ی قلمکار", "سفره ی قلمکار", "ﺳﻔﺮﻩ قلمکار"])
def test_ezafe_and_presentation_forms_find_the_plain_spelling(backend, reference_data, text):
    cloth = make_product(title="سفره قلمکار مسئول‌پسند", category_code="leather", with_image=False)
    assert backend.search(ProductQuery(text=text)).product_ids == [cloth.pk]
    assert backend.search(ProductQuery(text="مسؤول پسند")).product_ids == [cloth.pk]
