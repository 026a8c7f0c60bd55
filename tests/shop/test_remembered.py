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
    get = store.cache.get
    monkeypatch.setattr(
        store.cache, "get", lambda key, *a, **kw: reads.append([key]) or get(key, *a, **kw)
    )
    client.post(reverse("checkout:shipping-address"), {"postcode": "12"})  # an error: shown
    countries = [keys for keys in reads if "address:shipping-countries" in keys]
    assert len(countries) <= 1  # none when this process has them for the generation
    assert len([keys for keys in reads if store.GENERATION_KEY in keys]) == 1
    assert getattr(store._request, "remembered", None) is None  # gone with the request
    assert getattr(store._request, "generation", None) is None


@pytest.fixture
def round_trips(monkeypatch):
    """The keys each round trip to the cache asked for."""
    trips = []
    for name in ("get", "get_many"):
        original = getattr(store.cache, name)

        def counted(keys, *args, _original=original, **kwargs):
            trips.append(keys if isinstance(keys, list) else [keys])
            return _original(keys, *args, **kwargs)

        monkeypatch.setattr(store.cache, name, counted)
    return trips


def test_a_process_keeps_values_for_the_generation_it_saw_last(computed, round_trips):
    """A request reads the generation once; a value this process has for it costs no round
    trip, in any later request, until the generation changes."""
    calls, compute = computed
    with store.one_request():
        store.remembered("test:value", compute)
    round_trips.clear()
    for _ in range(2):
        with store.one_request():
            assert store.remembered("test:value", compute) == {"calls": 1}
            assert store.remembered("test:other", lambda: "other") == "other"
            assert store.remembered("test:value", compute) == {"calls": 1}
    # Per request: the generation with the first key, the other key once (then kept here).
    assert round_trips == [[store.GENERATION_KEY, "test:value"], ["test:other"],
                           [store.GENERATION_KEY, "test:value"]]  # fmt: skip
    assert len(calls) == 1


def test_a_value_not_kept_here_is_read_from_the_cache_by_each_request(computed, round_trips):
    """`here=False` (one key per basket's products): the cache keeps it for the generation,
    this process does not, so its keys never crowd out the process's other values."""
    calls, compute = computed
    with store.one_request():
        store.remembered("test:basket", compute, shared=False, here=False)
    assert "test:basket" not in store._here["values"]
    round_trips.clear()
    with store.one_request():
        assert store.remembered("test:basket", compute, shared=False, here=False) == {"calls": 1}
    assert round_trips == [[store.GENERATION_KEY, "test:basket"]] and len(calls) == 1
    store.forget_all()
    with store.one_request():
        assert store.remembered("test:basket", compute, shared=False, here=False) == {"calls": 2}


def test_another_process_s_change_is_seen_by_the_next_request(computed):
    """Another worker's change moves the generation in the cache only: this process's
    copies are for the old one, so the next request computes the value again."""
    calls, compute = computed
    with store.one_request():
        store.remembered("test:value", compute)
    store.cache.incr(store.GENERATION_KEY)  # as `forget_all` in another process
    with store.one_request():
        assert store.remembered("test:value", compute) == {"calls": 2}


def test_an_emptied_cache_never_brings_back_what_this_process_kept(computed):
    """After the cache is emptied (a restart, a flush) the generation starts again at a
    random number, never at one this process kept values for."""
    calls, compute = computed
    with store.one_request():
        store.remembered("test:value", compute)
    before = store.generation()
    store.cache.clear()
    with store.one_request():
        assert store.remembered("test:value", compute) == {"calls": 2}
    assert store.generation() not in (0, before)


def test_a_value_kept_here_expires_with_its_seconds(computed, monkeypatch):
    calls, compute = computed
    with store.one_request():
        store.remembered("test:value", compute, seconds=60)
    store.cache.delete("test:value")  # the cache's copy expired too
    later = store.time.monotonic() + 61
    monkeypatch.setattr(store.time, "monotonic", lambda: later)
    with store.one_request():
        assert store.remembered("test:value", compute, seconds=60) == {"calls": 2}


def test_a_copy_kept_here_is_still_a_copy_for_each_reader(computed):
    calls, compute = computed
    for _ in range(3):
        with store.one_request():
            offers = store.remembered("test:offers", compute, shared=False)
            assert offers == {"calls": 1}
            offers["calls"] = "changed by its reader"
    assert len(calls) == 1


def test_a_change_committed_in_a_request_is_not_read_from_before_it(
    computed, db, django_capture_on_commit_callbacks
):
    """A change bumps the generation now and again at commit; a value computed in between
    (from the uncommitted change, or by another worker from the data before it) is not what
    the rest of the request reads after the commit."""
    from django.db import transaction

    calls, compute = computed
    with store.one_request():
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                store.forget_all()
                assert store.remembered("test:value", compute) == {"calls": 1}
        assert store.remembered("test:value", compute) == {"calls": 2}
