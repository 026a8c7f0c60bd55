"""Reindex on commit when a product, its stock, its categories, attributes or producer change."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Product, ProductAttributeValue, ProductCategory, ProductImage
from sellers.models import Partner, StockRecord

from .tasks import index_producer_products, index_products


def reindex_on_commit(product_ids):
    transaction.on_commit(partial(index_products.delay, list(product_ids)))


@receiver(post_save, sender=Product, dispatch_uid="search-product-saved")
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_on_commit([instance.parent_id or instance.pk])


@receiver(post_save, sender=StockRecord, dispatch_uid="search-stock-saved")
@receiver(post_delete, sender=StockRecord, dispatch_uid="search-stock-deleted")
@receiver(post_save, sender=ProductCategory, dispatch_uid="search-category-saved")
@receiver(post_delete, sender=ProductCategory, dispatch_uid="search-category-deleted")
@receiver(post_save, sender=ProductAttributeValue, dispatch_uid="search-attribute-saved")
@receiver(post_save, sender=ProductImage, dispatch_uid="search-image-saved")
@receiver(post_delete, sender=ProductImage, dispatch_uid="search-image-deleted")
def product_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_on_commit([instance.product_id])


@receiver(post_save, sender=Partner, dispatch_uid="search-producer-saved")
def producer_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        transaction.on_commit(partial(index_producer_products.delay, instance.pk))
