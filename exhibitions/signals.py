"""Search reindexing when what puts a product "at an exhibition" changes.

A product is at an exhibition while a paid booth application of a public exhibition that is
not closed lists it (`selectors.product_exhibitions`), which search indexes. So the products
of an application are reindexed when it becomes paid or stops being paid, or when its list of
products changes while paid; an exhibition's products when its status or address (slug)
changes; an organizer's when it is switched on or off. Only those products, on commit,
through search's own entry point. (Titles are read when the facet is shown: renaming an
exhibition needs no reindex.)
"""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from search.indexing import products_at_exhibitions
from search.signals import reindex_on_commit

from .models import BoothApplication, Exhibition, Organizer

PAID = BoothApplication.Status.PAID
ApplicationProducts = BoothApplication.products.through


def _reindex(product_ids):
    product_ids = set(product_ids)
    if product_ids:
        reindex_on_commit(sorted(product_ids))


def _remember(sender, instance, update_fields, fields):
    """Before a save: the watched fields as stored, or None for a new row (or a save that
    writes none of them)."""
    instance._search_stored = None
    if instance.pk is None or (update_fields is not None and not set(fields) & set(update_fields)):
        return
    instance._search_stored = sender.objects.filter(pk=instance.pk).values(*fields).first()


def _changed(instance, fields):
    stored = getattr(instance, "_search_stored", None)
    return stored is not None and any(stored[f] != getattr(instance, f) for f in fields)


# ---- applications -------------------------------------------------------------------


@receiver(pre_save, sender=BoothApplication, dispatch_uid="exhibitions-search-application-pre")
def application_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember(sender, instance, update_fields, ["status"])


@receiver(post_save, sender=BoothApplication, dispatch_uid="exhibitions-search-application")
def application_saved(sender, instance, raw=False, created=False, **kwargs):
    stored = getattr(instance, "_search_stored", None)
    if raw or (stored is None and not created):
        return  # loaded from a fixture, or a save that left the status alone
    was_paid = not created and stored["status"] == PAID
    if was_paid != (instance.status == PAID):
        _reindex(instance.products.values_list("pk", flat=True))


@receiver(m2m_changed, sender=ApplicationProducts, dispatch_uid="exhibitions-search-products")
def application_products_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:  # product.booth_applications changed: that one product
        if action in ("post_add", "post_remove", "post_clear"):
            _reindex([instance.pk])
        return
    if instance.status != PAID:
        return
    if action in ("post_add", "post_remove"):
        _reindex(pk_set)
    elif action == "pre_clear":
        _reindex(instance.products.values_list("pk", flat=True))


# ---- exhibitions and organizers -----------------------------------------------------

EXHIBITION_FIELDS = ["status", "slug"]


@receiver(pre_save, sender=Exhibition, dispatch_uid="exhibitions-search-exhibition-pre")
def exhibition_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember(sender, instance, update_fields, EXHIBITION_FIELDS)


@receiver(post_save, sender=Exhibition, dispatch_uid="exhibitions-search-exhibition")
def exhibition_saved(sender, instance, raw=False, **kwargs):
    if not raw and _changed(instance, EXHIBITION_FIELDS):
        _reindex(products_at_exhibitions([instance.pk]))


@receiver(pre_save, sender=Organizer, dispatch_uid="exhibitions-search-organizer-pre")
def organizer_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        _remember(sender, instance, update_fields, ["is_active"])


@receiver(post_save, sender=Organizer, dispatch_uid="exhibitions-search-organizer")
def organizer_saved(sender, instance, raw=False, **kwargs):
    if not raw and _changed(instance, ["is_active"]):
        _reindex(products_at_exhibitions(instance.exhibitions.values("pk")))
