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
from shop.persian.digits import to_persian_digits as fa


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

    name = factory.Sequence(lambda n: f"کارگاه شماره {fa(n)}")
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

    title = factory.Sequence(lambda n: f"جعبه خاتم شماره {fa(n)}")
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


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitions.Organizer"

    name = factory.Sequence(lambda n: f"اداره کل کار استان {fa(n)}")
    kind = "labour_office"
    email = factory.Sequence(lambda n: f"organizer{n}@example.ir")
    province = factory.LazyFunction(lambda: Province.objects.get(code="ISF"))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitions.Venue"

    organizer = factory.SubFactory(OrganizerFactory)
    name = factory.Sequence(lambda n: f"بوستان شماره {fa(n)}")
    address = "خیابان چهارباغ، ورودی شمالی"
    province = factory.LazyAttribute(lambda o: o.organizer.province)
    city = factory.LazyAttribute(lambda o: o.province.cities.get(is_capital=True))
    latitude = "32.657000"
    longitude = "51.677000"


class ExhibitionFactory(factory.django.DjangoModelFactory):
    """A seasonal fair taking applications now, starting in ten days for five days."""

    class Meta:
        model = "exhibitions.Exhibition"

    organizer = factory.SubFactory(OrganizerFactory)
    venue = factory.SubFactory(VenueFactory, organizer=factory.SelfAttribute("..organizer"))
    title = factory.Sequence(lambda n: f"نمایشگاه صنایع دستی شماره {fa(n)}")
    slug = factory.Sequence(lambda n: f"fair-{n}")
    kind = "seasonal"
    status = "accepting"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=4))
    applications_open_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=5)
    )
    applications_close_on = factory.LazyAttribute(
        lambda o: o.starts_on - datetime.timedelta(days=1)
    )


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitions.Booth"

    exhibition = factory.SubFactory(ExhibitionFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    row = 1
    column = factory.Sequence(lambda n: n + 1)
    size_m2 = 9
    fee_rials = 20_000_000


def booth_grid(exhibition, rows=4, columns=5, fee_rials=20_000_000):
    """A rows × columns grid of booths A1…, B1…: row letters, column numbers."""
    from exhibitions.models import Booth

    return [
        Booth.objects.create(
            exhibition=exhibition,
            code=f"{chr(ord('A') + row - 1)}{column}",
            row=row,
            column=column,
            fee_rials=fee_rials,
        )
        for row in range(1, rows + 1)
        for column in range(1, columns + 1)
    ]


def running_fair(**fields):
    """A seasonal fair open today (started yesterday, five days more), with a 4×5 grid."""
    today = timezone.localdate()
    values = {
        "status": "running",
        "starts_on": today - datetime.timedelta(days=1),
        "ends_on": today + datetime.timedelta(days=5),
        "applications_open_on": today - datetime.timedelta(days=20),
        "applications_close_on": today - datetime.timedelta(days=2),
    }
    values.update(fields)
    exhibition = ExhibitionFactory(**values)
    booth_grid(exhibition)
    return exhibition


def confirmed_booth(exhibition, producer, code="B2"):
    """`producer` holds booth `code` of `exhibition`, fee paid: (application, booth)."""
    from exhibitions.models import BoothApplication, BoothAssignment

    booth = exhibition.booths.get(code=code)
    application = BoothApplication.objects.create(
        exhibition=exhibition,
        producer=producer,
        status="paid",
        fee_rials=booth.fee_rials,
        paid_at=timezone.now(),
    )
    starts_on, ends_on = exhibition.term_from(timezone.localdate())
    BoothAssignment.objects.create(
        booth=booth, application=application, starts_on=starts_on, ends_on=ends_on
    )
    return application, booth
