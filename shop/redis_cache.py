"""Django's Redis cache with one Redis client per server, not a new one for every call.

Django's `RedisCacheClient.get_client` builds a `redis.Redis` for each get, set or incr, and
building one copies redis-py's ~170 response callbacks (~0.15 ms). A request makes several
calls (its session, the page cache, the values kept per generation), so that was most of
what the cache cost. A client shares its server's connection pool and, as redis-py
documents, may be shared between threads; after a fork the pool opens new connections."""

from django.core.cache.backends import redis as backend


class RedisCacheClient(backend.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(backend.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
