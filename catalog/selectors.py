"""Reads of the catalogue that many requests share."""

import hashlib

from oscar.core.loading import get_model

from shop.pagecache.store import remembered


def catalogue_has_options():
    """Whether any product option exists at all (kept until the catalogue changes: saving an
    option starts a new page-cache generation). None exist unless staff add them; then a
    product has no options to read and a basket line no options to load."""
    return remembered(
        "catalogue:has-options", lambda: get_model("catalogue", "Option").objects.exists()
    )


def menu_categories(language):
    """The header menu's top categories as (name, address), in Oscar's menu order (public,
    not excluded from the menu). Every page rendered for a visitor shows them, so they are
    kept until the catalogue changes (a category saved starts a new generation)."""
    from oscar.templatetags.category_tags import get_annotated_list

    return remembered(
        f"catalogue:menu:{language}",
        lambda: [(str(info.name), info.get_absolute_url()) for info in get_annotated_list(1)],
    )


def provinces():
    """[(id, code, Persian name)] of Iran's provinces by name (reference data, kept until the
    catalogue changes): the address form's choices, a checkout's province cookie."""
    from .models import Province

    return remembered(
        "catalogue:provinces",
        lambda: list(Province.objects.order_by("name_fa").values_list("pk", "code", "name_fa")),
    )


def set_images(products):
    """Give each product its images (what Oscar's `product.images.all()` returns: in display
    order), read for the products together and remembered until the catalogue changes (an
    image saved or deleted starts a new generation). A basket's products are asked for on
    the page after an add, the basket, the preview and the confirmation: one query for all
    four, then one round trip to the cache (not kept in the worker: a key per basket)."""
    pending = [p for p in products if "images" not in getattr(p, "_prefetched_objects_cache", {})]
    ids = sorted({product.pk for product in pending})
    if not ids:
        return
    digest = hashlib.blake2b(",".join(map(str, ids)).encode(), digest_size=12).hexdigest()
    key = f"catalogue:images:{digest}"
    images = remembered(key, lambda: _images_of(ids), shared=False, here=False)
    for product in pending:
        own = images.get(product.pk, [])
        for image in own:
            image.product = product
        queryset = product.images.get_queryset()
        queryset._result_cache, queryset._prefetch_done = own, True  # as a prefetch leaves it
        product.__dict__.setdefault("_prefetched_objects_cache", {})["images"] = queryset


def _images_of(ids):
    from .models import ProductImage

    found = {pk: [] for pk in ids}
    # Oscar's display order; a tie in the order the listings take (their cover image)
    for image in ProductImage.objects.filter(product_id__in=ids).order_by("display_order", "pk"):
        found[image.product_id].append(image)
    return found
