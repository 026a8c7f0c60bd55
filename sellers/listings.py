"""Listings: what a producer puts on sale (an Oscar product with the producer's stock record).

Writes only (search reindexes on commit through search/signals.py); the panel reaches
listings through `selectors.listings_for(producer)`, so a service is never handed another
producer's product. Stock and price change under a row lock
on the stock record, as checkout allocates against it.
"""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog.models import Product, ProductCategory, ProductImage

from .exceptions import CannotPublish, StockBelowReserved
from .models import StockRecord

LISTING_FIELDS = ("title", "description", "unit", "preparation_days", "carriers")


def _sku():
    return f"DS-{uuid.uuid4().hex[:10].upper()}"


def _check_may_publish(producer, is_public):
    if is_public and not producer.should_sell():
        raise CannotPublish


@transaction.atomic
def create_listing(
    producer,
    product_class,
    *,
    fields,
    category,
    price_rials,
    stock,
    attributes=None,
    is_public=False,
):
    _check_may_publish(producer, is_public)
    product = Product(
        product_class=product_class, structure=Product.STANDALONE, is_public=is_public
    )
    for name in LISTING_FIELDS:
        if name in fields:
            setattr(product, name, fields[name])
    product.save()
    ProductCategory.objects.create(product=product, category=category)
    StockRecord.objects.create(
        product=product,
        partner=producer,
        partner_sku=_sku(),
        price_currency="IRR",
        price=price_rials,
        num_in_stock=stock if product_class.track_stock else None,
    )
    _save_attributes(product, attributes)
    return product


@transaction.atomic
def update_listing(
    producer, product, *, fields, category, price_rials, stock, attributes=None, is_public=None
):
    if is_public is not None:
        if is_public and not product.is_public:
            _check_may_publish(producer, True)
        product.is_public = is_public
    for name in LISTING_FIELDS:
        if name in fields:
            setattr(product, name, fields[name])
    product.save()
    product.productcategory_set.exclude(category=category).delete()
    ProductCategory.objects.get_or_create(product=product, category=category)
    set_price_and_stock(producer, product, price_rials=price_rials, stock=stock)
    _save_attributes(product, attributes)
    return product


def _save_attributes(product, attributes):
    if not attributes:
        return
    for code, value in attributes.items():
        product.attr.set(code, value)
    product.attr.save()


def _locked_stockrecord(producer, product):
    return StockRecord.objects.select_for_update().get(product=product, partner=producer)


@transaction.atomic
def set_price_and_stock(producer, product, *, price_rials=None, stock=None):
    """`stock` is what is still for sale; units in unpaid or unshipped orders stay reserved."""
    record = _locked_stockrecord(producer, product)
    if price_rials is not None:
        record.price = price_rials
    if stock is not None and record.num_in_stock is not None:
        if stock < 0:
            raise StockBelowReserved
        record.num_in_stock = stock + (record.num_allocated or 0)
    record.save()
    return record


@transaction.atomic
def set_visibility(producer, product, is_public):
    _check_may_publish(producer, is_public)
    product.is_public = is_public
    product.save(update_fields=["is_public", "date_updated"])
    return product


@transaction.atomic
def duplicate_listing(producer, product):
    """A hidden copy to edit into a new listing: same class, category, attributes, photos."""
    record = product.stockrecords.get(partner=producer)
    category = product.categories.first()
    copy = create_listing(
        producer,
        product.product_class,
        fields={
            "title": _("%(title)s (copy)") % {"title": product.title},
            **{name: getattr(product, name) for name in LISTING_FIELDS if name != "title"},
        },
        category=category,
        price_rials=record.price,
        stock=0 if record.num_in_stock is not None else None,
        attributes={v.attribute.code: v.value for v in product.attribute_values.all()},
    )
    for image in product.images.all():
        with image.original.open("rb") as source:
            content = ContentFile(source.read(), name=f"{uuid.uuid4().hex}.webp")
        ProductImage.objects.create(
            product=copy, original=content, display_order=image.display_order
        )
    return copy


@transaction.atomic
def add_photo(producer, product, cleaned_file):
    """`cleaned_file` comes from `sellers.photos.clean_photo`; it goes last in the order."""
    last = product.images.aggregate(last=Max("display_order"))["last"]
    image = ProductImage.objects.create(
        product=product,
        original=cleaned_file,
        display_order=0 if last is None else last + 1,
    )
    return image


@transaction.atomic
def move_photo(producer, image, step):
    """Move a photo one place earlier (step -1) or later (+1); the first is the cover."""
    images = list(image.product.images.select_for_update().order_by("display_order", "pk"))
    index = next(i for i, other in enumerate(images) if other.pk == image.pk)
    target = index + step
    if 0 <= target < len(images):
        images[index], images[target] = images[target], images[index]
    for order, other in enumerate(images):
        if other.display_order != order:
            other.display_order = order
            other.save(update_fields=["display_order"])


@transaction.atomic
def delete_photo(producer, image):
    image.delete()
