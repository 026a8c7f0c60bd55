"""Where cached pages are kept: one entry per page (language, host, path and query), valid
while the cache's generation is the one it was rendered in."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"


def page_key(request):
    """The page's own inputs: language, host, path and query string."""
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"pagecache:page:{request.LANGUAGE_CODE}:{digest}"


def lookup(key):
    """(the current generation, the page's entry if it is of this generation, else None);
    one round trip to the cache."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY, 0)
    entry = found.get(key)
    if entry is not None and entry["generation"] != generation:
        entry = None
    return generation, entry


def keep(key, entry):
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (a new or emptied cache)
        cache.add(GENERATION_KEY, 1, None)
        cache.incr(GENERATION_KEY)


def forget_all():
    """Every cached page is stale. Now (so this request and tests see it) and again when
    the transaction commits: a page rendered between the change and the commit showed the
    old data under the new generation."""
    _next_generation()
    connection = transaction.get_connection()
    # Once per transaction, however many rows it writes (a demo load writes 100,000s):
    # Django starts a new list of commit hooks after each commit or rollback.
    if connection.in_atomic_block and getattr(connection, "_page_cache_hooks", None) is not (
        connection.run_on_commit
    ):
        transaction.on_commit(_next_generation)
        connection._page_cache_hooks = connection.run_on_commit
