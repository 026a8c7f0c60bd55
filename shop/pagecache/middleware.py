"""The page cache's middleware (the design is in shop/pagecache/__init__.py). Placed after
the basket middleware: the visitor, their basket and messages are known; the CSRF, CSP and
digit middlewares outside it see every response, cached or not."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from shop.basket.models import Basket
from shop.middleware import in_persian_digits

from . import hooks, personal
from .store import keep, lookup, one_request, page_key

_NOT_STORED_HEADERS = {"content-length", "content-type", "set-cookie"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_request():
            return self._respond(request)

    def _respond(self, request):
        if not settings.PAGE_CACHE_SECONDS:
            return self.get_response(request)
        cacheable, scope = _cacheable(request)
        if not cacheable:
            return self.get_response(request)
        key = page_key(request)
        generation, version, entry = lookup(key, scope)
        state = "hit"
        if personal.has_messages(request) and (
            entry is None or "messages" not in personal.holes_of(entry["parts"])
        ):
            # Messages are shown once, to their visitor: their own page, not stored.
            return self.get_response(request)
        if entry is None:
            response, entry = self._render_for_everyone(request, generation)
            if entry is None:
                return response
            entry["version"] = version
            keep(key, entry)
            state = "miss"
        hooks.run(request, entry["hooks"])
        return _serve(entry, request, state)

    def _render_for_everyone(self, request, generation):
        """(response, entry): the page as a guest with an empty basket sees it, and the
        entry to store, or None if this response may not be shared (then the response
        is the visitor's own)."""
        queued = list(_queued_messages(request))
        session_was_modified = request.session.modified
        user, basket = request.user, request.basket
        request.user = AnonymousUser()
        request.basket = Basket()
        request.basket.strategy = request.strategy
        request._page_hooks = page_hooks = []
        try:
            response = self.get_response(request)
        finally:
            request.user, request.basket = user, basket
            del request._page_hooks
        shareable = (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not {"private", "no-store", "no-cache"} & _cache_control(response)
            and list(_queued_messages(request)) == queued
            and request.session.modified == session_was_modified
        )
        if shareable:
            in_persian_digits(response)
            html = response.content.decode(response.charset or "utf-8")
            return response, {
                "generation": generation,
                "status": response.status_code,
                "content_type": response["Content-Type"],
                "headers": [
                    (name, value)
                    for name, value in response.headers.items()
                    if name.lower() not in _NOT_STORED_HEADERS
                ],
                "parts": personal.mark(html, request),
                "hooks": page_hooks,
            }
        if personal.is_personal(request):
            # Not shareable, and a guest's page is not this visitor's: render theirs.
            _set_queued_messages(request, queued)
            return self.get_response(request), None
        hooks.run(request, page_hooks)
        return response, None


def _cacheable(request):
    """(whether the page may come from the cache, the scope of its own freshness or None):
    a product's page also goes stale with its product's stock (signals.py)."""
    if request.method not in ("GET", "HEAD"):
        return False, None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False, None
    if match.view_name not in settings.PAGE_CACHE_VIEWS:
        return False, None
    if not personal.sees_public_pages(request.user):
        return False, None
    if match.view_name == "catalogue:detail" and "pk" in match.kwargs:
        return True, f"product:{match.kwargs['pk']}"
    return True, None


def _serve(entry, request, state):
    response = HttpResponse(
        personal.fill(entry["parts"], request, entry["generation"]).encode(),
        status=entry["status"],
        content_type=entry["content_type"],
    )
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = state
    patch_vary_headers(response, ("Cookie",))
    response.persian_digits_done = True
    return response


def _cache_control(response):
    return {
        part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
    }


def _queued_messages(request):
    return getattr(getattr(request, "_messages", None), "_queued_messages", ())


def _set_queued_messages(request, messages):
    storage = getattr(request, "_messages", None)
    if storage is not None:
        storage._queued_messages = messages
