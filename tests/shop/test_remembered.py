"""Values kept until the page-cache generation changes (shop/pagecache/store.remembered),
read from the cache once per request."""

import pytest

from shop.pagecache import store


@pytest.fixture
def computed():
    calls = []

    def compute():
        calls.append(1)
        return {"calls": len(calls)}

    return calls, compute


def test_a_value_is_computed_once_per_generation(computed):
    calls, compute = computed
    assert store.remembered("test:value", compute) == {"calls": 1}
    assert store.remembered("test:value", compute) == {"calls": 1}
    store.forget_all()
    assert store.remembered("test:value", compute) == {"calls": 2}


def test_one_request_reads_a_key_once_and_forgets_it_on_a_change(
    computed, django_assert_num_queries
):
    calls, compute = computed
    store.remembered("test:value", compute)
    with store.one_request():
        first = store.remembered("test:value", compute)
        store.cache.set("test:value", (store.generation(), "changed behind its back"))
        assert store.remembered("test:value", compute) is first  # not read again
        store.forget_all()  # a change made during the request
        assert store.remembered("test:value", compute) == {"calls": 2}
    assert store.remembered("test:value", compute) == {"calls": 2}  # from the cache again


def test_a_value_not_shared_is_a_copy_for_each_reader(computed):
    calls, compute = computed
    with store.one_request():
        first = store.remembered("test:offers", compute, shared=False)
        first["calls"] = "changed by its reader"
        again = store.remembered("test:offers", compute, shared=False)
    assert again == {"calls": 1} and len(calls) == 1


def test_every_request_reads_each_remembered_value_once(client, reference_data, monkeypatch):
    """The page-cache middleware wraps each request in `one_request`: the address step asks
    for the shipping countries more than once and reads them once."""
    from django.urls import reverse

    from tests.factories import make_product

    client.post(reverse("basket:add", args=[make_product().pk]), {"quantity": 1})
    reads = []
    get_many = store.cache.get_many
    monkeypatch.setattr(
        store.cache,
        "get_many",
        lambda keys, *a, **kw: reads.append(keys) or get_many(keys, *a, **kw),
    )
    client.post(reverse("checkout:shipping-address"), {"postcode": "12"})  # an error: shown
    countries = [keys for keys in reads if "address:shipping-countries" in keys]
    assert len(countries) == 1
    assert getattr(store._request, "remembered", None) is None  # gone with the request
