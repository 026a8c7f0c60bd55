"""The header's links and the footer as staff set them in Wagtail (NavigationSettings).

Every storefront page shows them, so they are kept in the cache as plain labels and
addresses: the header and footer cost no query. Saving the settings, or publishing,
unpublishing, moving or deleting a page (a link's address or a page gone), clears them."""

import uuid

from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from .models import NavigationSettings

CACHE_SECONDS = 3600
VERSION_KEY = "navigation:version"


def navigation(request):
    """{"header": [(label, address)], "columns": [(title, [(label, address)])],
    "footer_text": html}, or None when no Wagtail site answers the request's host. Read
    once per request (the header and the footer both ask)."""
    if not hasattr(request, "_navigation"):
        request._navigation = cached(request)
    return request._navigation


def cached(request):
    key = f"navigation:{cache.get(VERSION_KEY, '0')}:{request.get_host()}"
    found = cache.get(key)
    if found is None:
        found = build(request)
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found


def build(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Not NavigationSettings.for_request: that creates the row, a write on every first GET.
    settings = NavigationSettings.objects.filter(site=site).first() or NavigationSettings()
    return {
        "header": links([block.value for block in settings.header_links], request),
        "columns": [
            (column.value["title"], links(column.value["links"], request))
            for column in settings.footer_columns
        ],
        "footer_text": mark_safe(expand_db_html(settings.footer_text)),
    }


def links(values, request):
    """(label, address) of each link; a link to a page that is not live is left out."""
    shown = []
    for value in values:
        page = value["page"]
        if page is not None:
            if not page.live:
                continue
            address = page.get_url(request)
        else:
            address = value["url"]
        if address:
            shown.append((value["label"], address))
    return shown


def forget(**kwargs):
    """Clear every site's cached navigation (a new version of the key)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(forget, sender=NavigationSettings, dispatch_uid="navigation-settings")
    post_save.connect(forget, sender=Site, dispatch_uid="navigation-site")
    post_delete.connect(forget, sender=Page, dispatch_uid="navigation-page-deleted")
    page_published.connect(forget, dispatch_uid="navigation-page-published")
    page_unpublished.connect(forget, dispatch_uid="navigation-page-unpublished")
    post_page_move.connect(forget, dispatch_uid="navigation-page-moved")
