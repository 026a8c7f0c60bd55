"""The Redis cache (shop/redis_cache.py) keeps one client for its server and works through
it: the page cache, sessions and counters all go through these calls."""

import threading

import pytest
from django.core.cache import caches

from shop.redis_cache import RedisCache


@pytest.fixture
def redis_cache():
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.fail("the tests run with Redis as the cache (REDIS_URL)")
    return cache


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("dz:test:a", {"بسته": 1}, 30)
    assert redis_cache.get_many(["dz:test:a", "dz:test:none"]) == {"dz:test:a": {"بسته": 1}}
    assert redis_cache._cache.get_client() is client


def test_threads_share_the_client_without_mixing_replies(redis_cache):
    redis_cache.set("dz:test:counter", 0, 30)
    seen = {}

    def work(n):
        for i in range(50):
            redis_cache.set(f"dz:test:{n}:{i}", (n, i), 30)
            seen[(n, i)] = redis_cache.get(f"dz:test:{n}:{i}")
            redis_cache.incr("dz:test:counter")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(value == key for key, value in seen.items()) and len(seen) == 400
    assert redis_cache.get("dz:test:counter") == 400


def test_incr_is_one_round_trip_and_keeps_djangos_meaning(redis_cache, monkeypatch):
    """A missing counter raises ValueError (and stays missing); an existing one is added to
    in one round trip; `decr` goes through it too."""
    with pytest.raises(ValueError):
        redis_cache.incr("dz:test:missing")
    assert redis_cache.get("dz:test:missing") is None
    redis_cache.set("dz:test:count", 5, 30)
    client = redis_cache._cache.get_client(write=True)
    calls = []
    execute = client.execute_command
    monkeypatch.setattr(
        client, "execute_command", lambda *a, **kw: calls.append(a[0]) or execute(*a, **kw)
    )
    assert redis_cache.incr("dz:test:count") == 6
    assert redis_cache.incr("dz:test:count", 10) == 16
    assert redis_cache.decr("dz:test:count", 4) == 12
    assert calls == ["EVALSHA"] * 3
    assert redis_cache.get("dz:test:count") == 12
