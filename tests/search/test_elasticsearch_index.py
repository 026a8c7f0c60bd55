"""The Elasticsearch index against a real server: mappings, the alias swap, writes on commit."""

import pytest
from django.core.management import call_command

from search.backends.base import ProductQuery
from search.models import ProductDocument

from .conftest import use_elasticsearch


@pytest.fixture
def es(settings):
    use_elasticsearch(settings)
    from search.backends import elasticsearch

    def drop_test_indices():  # by name: the server refuses to delete by wildcard
        client = elasticsearch.client()
        names = client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX}*").keys()
        if names:
            client.indices.delete(index=",".join(names))

    drop_test_indices()
    yield elasticsearch
    drop_test_indices()


def indices_behind_alias(es):
    return sorted(es.client().indices.get_alias(name=es.alias()).keys())


def found(es, text):
    return set(es.ElasticsearchBackend().search(ProductQuery(text=text)).product_ids)


def test_rebuild_swaps_the_alias_and_drops_the_old_index(es, catalog):
    call_command("search_index", "--rebuild", "--no-progress")
    first = indices_behind_alias(es)
    call_command("search_index", "--rebuild", "--no-progress")
    second = indices_behind_alias(es)
    assert len(first) == len(second) == 1 and first != second
    assert not es.client().indices.exists(index=first[0])
    assert es.client().count(index=es.alias())["count"] == 5  # the hidden product is not there


def test_a_write_before_any_rebuild_creates_the_alias_with_our_mappings(es, catalog):
    from search.indexing import index_products

    index_products([catalog["bag"].pk])
    (index,) = indices_behind_alias(es)
    mapping = es.client().indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert mapping["title_terms"]["analyzer"] == "dastsaz_terms"
    assert mapping["province_code"]["type"] == "keyword"  # not guessed as text
    assert found(es, "كيف") == {catalog["bag"].pk}  # Arabic kaf and yeh


def test_product_changes_reach_elasticsearch_on_commit(
    es, catalog, django_capture_on_commit_callbacks
):
    call_command("search_index", "--rebuild", "--no-progress")
    bag = catalog["bag"]
    with django_capture_on_commit_callbacks(execute=True):
        bag.title = "کوله چرمی"
        bag.save()
    assert found(es, "کوله") == {bag.pk}
    assert bag.pk not in found(es, "کیف")

    with django_capture_on_commit_callbacks(execute=True):
        bag.is_public = False
        bag.save()
    assert not ProductDocument.objects.filter(pk=bag.pk).exists()
    assert found(es, "چرمی") == set()


def test_persian_text_is_analysed_by_the_index_as_by_the_normaliser(es, catalog):
    call_command("search_index", "--rebuild", "--no-progress")
    tokens = es.client().indices.analyze(
        index=es.alias(), analyzer="dastsaz_terms", text="Kilim گلیم 12"
    )["tokens"]
    assert [t["token"] for t in tokens] == ["kilim", "گلیم", "12"]
    # ZWNJ, split and joined spellings of a compound all find the same rug.
    assert found(es, "دست‌بافت") == found(es, "دستبافت") == found(es, "دست بافت")
    assert found(es, "دستبافت") == {catalog["kilim"].pk, catalog["gabbeh"].pk}
