"""Where cached pages are kept: one entry per page (language, host, path and query), valid
while the cache's generation is the one it was rendered in and, for a page about one thing
(a product's page), while that thing's own version is too."""

import hashlib
import pickle
import secrets
import time
from contextlib import contextmanager
from functools import partial

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"
_request = Local()  # what this request has read with `remembered` (`one_request`)
# This process's copies of remembered values, for the generation it saw last:
# {key: (monotonic time it expires, value, whether pickled)}.
_here = {"generation": None, "values": {}}
HERE_AT_MOST = 2000  # values; past it they are all dropped (a bound, not a plan)
FORMAT = 2  # which holes a stored page has (2: the phone's basket button): a new one, +1, so
# that workers of two releases, side by side during a deploy, never read each other's pages


def page_key(request):
    """The page's own inputs: language, host, path and query string."""
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"pagecache:page:{FORMAT}:{request.LANGUAGE_CODE}:{digest}"


def scope_key(scope):
    return f"pagecache:scope:{scope}"


def lookup(key, scope=None):
    """(the current generation, the scope's version, the page's entry if it was rendered in
    both, else None); one round trip to the cache."""
    keys = [GENERATION_KEY, key, *([scope_key(scope)] if scope else [])]
    found = cache.get_many(keys)
    generation = found.get(GENERATION_KEY, 0)
    if GENERATION_KEY in found and hasattr(_request, "remembered"):
        _request.generation = generation  # what `remembered` reads in the same request
    version = found.get(scope_key(scope), 0) if scope else 0
    entry = found.get(key)
    if entry is not None and (entry["generation"], entry.get("version", 0)) != (
        generation,
        version,
    ):
        entry = None
    return generation, version, entry


def generation():
    """The current generation (one round trip to the cache)."""
    return cache.get(GENERATION_KEY, 0)


@contextmanager
def one_request():
    """Within it, the generation is read from the cache once, and each remembered value at
    most once: a request asks for some several times (the site's offers, the shipping
    countries, whether products have options). A change made during the request forgets
    them."""
    _request.remembered = {}
    try:
        yield
    finally:
        del _request.remembered
        _forget_generation()


def _forget_generation():
    try:
        del _request.generation
    except AttributeError:
        pass


def remembered(key, compute, seconds=300, shared=True, here=True):
    """`compute()`'s value, kept until the generation changes (a change to anything
    storefront pages show: the catalogue, producers, offers…) or for `seconds` at most.

    Kept in the cache, and in this process for the generation it saw last: within a request
    (`one_request`) the generation is read once, and a value this process already has costs
    no round trip. `shared=False`: each call gets its own copy (objects the caller
    changes). `here=False`: kept in the cache only, for keys of which there are many (one
    per basket's products), which would crowd out this process's other values."""
    known = getattr(_request, "remembered", None)
    if shared and known is not None and key in known:
        return known[key]
    generation = getattr(_request, "generation", None) if known is not None else None
    found = None
    if generation is None:  # read with the value, in the same round trip
        found = cache.get_many([GENERATION_KEY, key])
        generation = _generation(found)
        if known is not None:
            _request.generation = generation
    value = _here_value(key, generation) if here else _MISSING
    if value is _MISSING:
        kept = found.get(key) if found is not None else cache.get(key)
        value = _from_cache(key, kept, generation, compute, seconds, shared, here)
    if shared and known is not None:
        known[key] = value
    return value


_MISSING = object()


def _generation(found):
    """The generation in `found`; a new cache (none yet) starts one at a random number, so
    that a generation never comes back after the cache was emptied (this process's copies
    of values are kept per generation)."""
    if GENERATION_KEY in found:
        return found[GENERATION_KEY]
    cache.add(GENERATION_KEY, secrets.randbits(48), None)
    return cache.get(GENERATION_KEY, 0)


def _here_value(key, generation):
    if _here["generation"] != generation:
        _here["generation"], _here["values"] = generation, {}
        return _MISSING
    kept = _here["values"].get(key)
    if kept is None or kept[0] < time.monotonic():
        return _MISSING
    return pickle.loads(kept[1]) if kept[2] else kept[1]


def _from_cache(key, kept, generation, compute, seconds, shared, here):
    if kept is not None and kept[0] == generation:
        value = kept[1]
    else:
        value = compute()
        cache.set(key, (generation, value), seconds)
    if not here or _here["generation"] != generation:  # (or another generation seen meanwhile)
        return value
    values = _here["values"]
    if len(values) >= HERE_AT_MOST:
        values.clear()
    stored = value if shared else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    values[key] = (time.monotonic() + seconds, stored, not shared)
    return value


def keep(key, entry):
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)


def _next(counter):
    try:
        cache.incr(counter)
    except ValueError:  # no such counter yet (a new or emptied cache): see `_generation`
        cache.add(counter, secrets.randbits(48), None)
        cache.incr(counter)


def _bump(counter):
    """A new value of `counter` now (so this request and tests see it) and again when the
    transaction commits: a page rendered between the change and the commit showed the old
    data under the new value. Once per transaction and counter, however many rows it writes
    (a demo load writes 100,000s): Django starts a new list of commit hooks after each
    commit or rollback."""
    _moved(counter)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if getattr(connection, "_page_cache_hooks", (None,))[0] is not connection.run_on_commit:
        connection._page_cache_hooks = (connection.run_on_commit, set())
    registered = connection._page_cache_hooks[1]
    if counter not in registered:
        registered.add(counter)
        transaction.on_commit(partial(_moved, counter))


def _moved(counter):
    """A new value of `counter`; for the generation, what this request remembered (values
    and the generation itself) is forgotten with it."""
    _next(counter)
    known = getattr(_request, "remembered", None)
    if known is not None and counter == GENERATION_KEY:  # all `remembered` depends on it
        known.clear()
        _forget_generation()


def forget_all():
    """Every cached page is stale."""
    _bump(GENERATION_KEY)


def forget(scope):
    """The pages about one thing are stale (a product's page: `forget(f"product:{pk}")`)."""
    _bump(scope_key(scope))
