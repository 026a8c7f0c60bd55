"""A change to what storefront pages show starts a new page-cache generation: any saved or
deleted row of the catalogue (products, categories, images, provinces), stock and producers
(Oscar's partner app: stock records, producers, fulfilments), exhibitions, offers and CMS
pages, and every publish or unpublish. Coarse on purpose: a page lists products, producers,
exhibitions and CMS blocks together, and a change is rare next to the views it serves.
What visitors do (insights events, baskets, orders' own rows, sessions) is not watched."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .store import forget_all

WATCHED_APPS = frozenset(
    {"catalogue", "partner", "exhibitions", "offer", "cms", "wagtailcore", "flatpages", "sites"}
)


def _row_changed(sender, raw=False, **kwargs):
    if not raw and sender._meta.app_label in WATCHED_APPS:
        forget_all()


def _published(sender, **kwargs):
    forget_all()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"pagecache-{id(signal)}")
    page_published.connect(_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_published, dispatch_uid="pagecache-unpublished")
