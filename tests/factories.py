import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from catalog.models import (
    Category,
    Product,
    ProductCategory,
    ProductClass,
    ProductImage,
    Province,
)
from search.indexing import index_products
from sellers.models import Partner, StockRecord


def jpeg_bytes(size=(400, 300), colour=(150, 60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.ir")
    password = factory.django.Password("secret-pass-123")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"کارگاه شماره {n}")
    code = factory.Sequence(lambda n: f"producer-{n}")
    licence_number = factory.Sequence(lambda n: f"14030{n:05d}")
    slug = factory.Sequence(lambda n: f"producer-{n}")
    # An approved producer with a checked licence, selling; tests of other states say so.
    status = Partner.Status.ACTIVE
    is_selling = True
    licence_expires_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=365)
    )
    licence_verified_at = factory.LazyFunction(timezone.now)
    province = factory.LazyFunction(lambda: Province.objects.get(code="ISF"))
    city = factory.LazyAttribute(lambda o: o.province.cities.get(is_capital=True))


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"جعبه خاتم شماره {n}")
    product_class = factory.LazyFunction(lambda: ProductClass.objects.get(slug="handicraft"))
    structure = Product.STANDALONE
    is_public = True
    description = "ساخته‌شده با دست."


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(ProducerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n}")
    price_currency = "IRR"
    price = 12_500_000
    num_in_stock = 5


def make_product(
    *,
    class_slug="handicraft",
    category_code="khatam",
    price_rials=12_500_000,
    stock=5,
    producer=None,
    attributes=None,
    with_image=True,
    **fields,
):
    """A public product with a stock record, a category, attributes and a real JPEG."""
    product = ProductFactory(product_class=ProductClass.objects.get(slug=class_slug), **fields)
    StockRecordFactory(
        product=product,
        partner=producer or ProducerFactory(),
        price=price_rials,
        num_in_stock=stock,
    )
    ProductCategory.objects.create(
        product=product, category=Category.objects.get(code=category_code)
    )
    if attributes:
        for code, value in attributes.items():
            product.attr.set(code, value)
        product.attr.save()
    if with_image:
        ProductImage.objects.create(
            product=product,
            original=SimpleUploadedFile(f"p{product.pk}.jpg", jpeg_bytes(), "image/jpeg"),
        )
    # Tests run inside a transaction that never commits, so on-commit indexing never fires.
    index_products([product.pk])
    product.refresh_from_db()
    return product
