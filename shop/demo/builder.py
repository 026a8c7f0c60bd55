"""Builds the demo marketplace. Idempotent: rows carry demo codes and are only added.

Products are numbered (UPC `DZ0000001` …); a run creates the ones that are missing, in
batches that each commit on their own (search documents included), so an interrupted run
resumes where it stopped.
"""

import datetime
import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from catalog import reference
from catalog.models import (
    AttributeOption,
    Category,
    City,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
    ProductImage,
    Province,
)
from catalog.product_classes import BY_SLUG
from catalog.services import seed_reference_data
from search.indexing import index_products
from sellers.models import Partner, StockRecord
from shop.persian.digits import to_persian_digits

from . import content
from .activity import ensure_activity, ensure_quiet_producers
from .channels import ensure_booth_stock
from .cms import ensure_cms_content
from .exhibitions import ensure_exhibitions
from .images import draw_product_image
from .market import ensure_market_history
from .money import ensure_money

ADMIN_EMAIL = "admin@dastsaz.ir"
ADMIN_PASSWORD = "dastsaz-admin"
PRODUCER_PASSWORD = "dastsaz-demo"
IMAGES_PER_CRAFT = 4
BATCH_SIZE = 2000
MIN_PRODUCERS = 36
PRODUCTS_PER_PRODUCER = 300
PRICE_RANGE_TOMAN = {
    "carpet": (5_000_000, 80_000_000),
    "handicraft": (300_000, 6_000_000),
    "food": (80_000, 900_000),
    "plant": (150_000, 2_500_000),
    "digital_service": (2_000_000, 25_000_000),
}


@dataclass
class DemoReport:
    producers: int
    products: int
    products_created: int
    exhibitions: int = 0


DEMO_UNITS = {"food": Product.Unit.PACK, "plant": Product.Unit.PIECE}
DEMO_CARRIERS = (["post"], ["post", "tipax"], ["tipax", "chapar"], ["post", "courier"])


def producer_count_for(products: int) -> int:
    return max(MIN_PRODUCERS, products // PRODUCTS_PER_PRODUCER)


def load_demo(products: int = 300, progress: bool = True) -> DemoReport:
    seed_reference_data()
    ensure_admin()
    crafts = reference.crafts()
    producers = ensure_producers(producer_count_for(products), crafts)
    ensure_images(crafts)
    created = ensure_products(products, crafts, producers, progress)
    ensure_money(producers, PRODUCER_PASSWORD)
    exhibitions = ensure_exhibitions(producers, PRODUCER_PASSWORD)
    ensure_booth_stock(exhibitions)
    quiet = ensure_quiet_producers(producers)
    ensure_market_history(producers, quiet)
    ensure_activity()
    ensure_cms_content()
    return DemoReport(
        producers=Partner.objects.filter(code__startswith="demo-").count(),
        products=Product.objects.filter(upc__startswith="DZ").count(),
        products_created=created,
        exhibitions=len(exhibitions),
    )


def ensure_admin():
    User = get_user_model()
    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        User.objects.create_superuser("admin", ADMIN_EMAIL, ADMIN_PASSWORD)


def demo_state(index, count):
    """Every state to look at: the last producer applied and waits for staff, the one before
    has a licence that ran out (products hidden), one more is a newcomer; the rest sell."""
    today = timezone.localdate()
    issued = today - datetime.timedelta(days=200)
    licence = {
        "licence_issuer": "سامانه مجوزهای کسب‌وکار",
        "licence_issued_on": issued,
        "licence_expires_on": issued + datetime.timedelta(days=3 * 365),
        "licence_verified_at": timezone.now(),
        "status": Partner.Status.ACTIVE,
        "is_selling": True,
    }
    if count >= 4 and index == count - 1:
        licence.update(status=Partner.Status.APPLIED, is_selling=False, licence_verified_at=None)
    elif count >= 4 and index == count - 2:
        licence.update(licence_expires_on=today - datetime.timedelta(days=3), is_selling=False)
    elif count >= 4 and index == count - 3:
        licence.update(status=Partner.Status.NEWCOMER)
    return licence


def ensure_producers(count, crafts):
    """Producers demo-producer-001 … with one user each, spread over DEMO_PROVINCES."""
    User = get_user_model()
    existing = set(Partner.objects.filter(code__startswith="demo-").values_list("code", flat=True))
    provinces = {p.code: p for p in Province.objects.filter(code__in=content.DEMO_PROVINCES)}
    capitals = {c.province_id: c for c in City.objects.filter(is_capital=True)}
    password = make_password(PRODUCER_PASSWORD)
    new_partners, new_users = [], []
    for index in range(count):
        code = f"demo-producer-{index + 1:03d}"
        if code in existing:
            continue
        rng = random.Random(code)
        craft = crafts[index % len(crafts)]
        province = provinces[content.DEMO_PROVINCES[index % len(content.DEMO_PROVINCES)]]
        maker = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        workshop = content.WORKSHOP_WORDS[index % len(content.WORKSHOP_WORDS)]
        new_partners.append(
            Partner(
                code=code,
                slug=code.removeprefix("demo-"),
                name=f"{workshop} {craft.name_fa} {maker}",
                province=province,
                city=capitals[province.id],
                mobile=f"0912{index + 1:07d}",
                **demo_state(index, count),
                licence_number=f"1402{index + 1:06d}",
                story=content.STORY.format(
                    maker=maker,
                    years=to_persian_digits(rng.randrange(3, 30)),
                    place=province.name_fa,
                    craft=craft.name_fa,
                ),
            )
        )
        new_users.append(
            User(
                username=f"producer{index + 1:03d}",
                email=f"producer{index + 1:03d}@demo.dastsaz.ir",
                first_name=maker.split()[0],
                last_name=maker.split()[1],
                password=password,
            )
        )
    with transaction.atomic():
        Partner.objects.bulk_create(new_partners)
        User.objects.bulk_create(new_users, ignore_conflicts=True)
        users = {u.username: u for u in User.objects.filter(username__startswith="producer")}
        for partner in Partner.objects.filter(code__in=[p.code for p in new_partners]):
            partner.users.add(users[f"producer{partner.code[-3:]}"])
    return list(
        Partner.objects.filter(code__startswith="demo-").select_related("province").order_by("code")
    )


def image_name(craft_slug, variant):
    return f"demo/{craft_slug}-{variant + 1}.jpg"


def ensure_images(crafts):
    root = Path(settings.MEDIA_ROOT)
    for craft in crafts:
        for variant in range(IMAGES_PER_CRAFT):
            path = root / image_name(craft.slug, variant)
            if not path.exists():
                draw_product_image(path, craft.product_class, f"{craft.slug}-{variant}")


class ProductFactory:
    """Makes the rows for demo product number `index` (0-based), deterministically."""

    def __init__(self, crafts, producers):
        self.crafts = crafts
        self.producers = producers
        self.categories = dict(Category.objects.values_list("code", "id"))
        self.classes = {pc.slug: pc for pc in ProductClass.objects.all()}
        self.attributes = {
            (a.product_class.slug, a.code): a
            for a in ProductAttribute.objects.select_related("product_class")
        }
        self.options = {}
        for option in AttributeOption.objects.select_related("group"):
            self.options.setdefault(option.group.code, []).append(option)
        self.producers_by_craft = {
            i: producers[i :: len(crafts)] or producers for i in range(len(crafts))
        }

    def build(self, index):
        rng = random.Random(f"DZ{index}")
        craft_index = index % len(self.crafts)
        craft = self.crafts[craft_index]
        class_slug = craft.product_class
        craft_producers = self.producers_by_craft[craft_index]
        producer = craft_producers[(index // len(self.crafts)) % len(craft_producers)]
        attributes = self.attribute_values(class_slug, rng)
        title = self.title(craft, class_slug, rng, attributes)
        product = Product(
            upc=f"DZ{index + 1:07d}",
            title=title,
            slug=slugify(title, allow_unicode=True)[:128] or f"dz{index + 1}",
            description=content.DESCRIPTION.format(
                title=title, place=producer.province.name_fa, maker=producer.name
            ),
            product_class=self.classes[class_slug],
            structure=Product.STANDALONE,
            is_public=True,
            unit=DEMO_UNITS.get(class_slug, Product.Unit.PIECE),
            preparation_days=rng.choice((0, 0, 0, 3, 7)) if class_slug == "handicraft" else 0,
            carriers=rng.choice(DEMO_CARRIERS) if BY_SLUG[class_slug].requires_shipping else [],
        )
        low, high = PRICE_RANGE_TOMAN[class_slug]
        price_rials = rng.randrange(low // 1000, high // 1000) * 1000 * 10
        tracks_stock = BY_SLUG[class_slug].track_stock
        stock = (0 if rng.random() < 0.06 else rng.randrange(1, 26)) if tracks_stock else None
        stockrecord = StockRecord(
            partner=producer,
            partner_sku=product.upc,
            price_currency="IRR",
            price=price_rials,
            num_in_stock=stock,
        )
        image = ProductImage(original=image_name(craft.slug, index % IMAGES_PER_CRAFT))
        category = ProductCategory(category_id=self.categories[craft.slug])
        return product, stockrecord, image, category, attributes

    def title(self, craft, class_slug, rng, attributes):
        noun = rng.choice(content.PRODUCTS_BY_CRAFT[craft.slug])
        qualifier = rng.choice(content.QUALIFIERS[class_slug])
        values = {a.attribute.code: a for a in attributes}
        if class_slug == "carpet":
            size = f"{values['width_cm'].value_integer}×{values['length_cm'].value_integer}"
            return f"{noun} {qualifier} {to_persian_digits(size)}"
        if class_slug == "food":
            weight = to_persian_digits(values["net_weight_g"].value_integer)
            return f"{noun} {qualifier} {weight} گرمی"
        return f"{noun} {qualifier}"

    def attribute_values(self, class_slug, rng):
        today = datetime.date(2026, 10, 1)
        generated = {
            "materials": lambda: rng.choice(
                ["چرم طبیعی", "پشم", "چوب گردو", "مس", "نقره", "نخ پنبه"]
            ),
            "dimensions": lambda: f"{rng.randrange(10, 60)}×{rng.randrange(10, 60)} سانتی‌متر",
            "technique": lambda: rng.choice(["دست‌دوز", "دستباف", "حکاکی دستی", "ریخته‌گری"]),
            "width_cm": lambda: rng.choice([60, 80, 100, 150, 200, 250]),
            "length_cm": lambda: rng.choice([90, 120, 150, 200, 300, 350]),
            "knot_density": lambda: rng.choice([25, 30, 40, 50, 60, 70]),
            "net_weight_g": lambda: rng.choice([100, 250, 500, 1000]),
            "production_date": lambda: today - datetime.timedelta(days=rng.randrange(1, 60)),
            "best_before": lambda: today + datetime.timedelta(days=rng.randrange(120, 540)),
            "health_licence": lambda: f"{rng.randrange(10, 99)}/{rng.randrange(10000, 99999)}",
            "pot_size": lambda: rng.choice(["۱۲", "۱۴", "۱۷", "۲۱"]) + " سانتی‌متر",
            "care_notes": lambda: "نور غیرمستقیم، آبیاری هفته‌ای یک بار",
            "delivery_days": lambda: rng.choice([3, 5, 7, 14, 30]),
            "revisions": lambda: rng.choice([1, 2, 3]),
        }
        values = []
        for spec in BY_SLUG[class_slug].attributes:
            attribute = self.attributes[(class_slug, spec.code)]
            value = ProductAttributeValue(attribute=attribute)
            if spec.type == "option":
                value.value_option = rng.choice(self.options[f"{class_slug}-{spec.code}"])
            else:
                field = {"text": "value_text", "integer": "value_integer", "date": "value_date"}
                setattr(value, field[spec.type], generated[spec.code]())
            values.append(value)
        return values


def ensure_products(count, crafts, producers, progress):
    existing = Product.objects.filter(upc__startswith="DZ").count()
    if existing >= count:
        return 0
    factory = ProductFactory(crafts, producers)
    bar = tqdm(total=count - existing, desc="demo products", unit="product", disable=not progress)
    for start in range(existing, count, BATCH_SIZE):
        batch = [factory.build(i) for i in range(start, min(count, start + BATCH_SIZE))]
        with transaction.atomic():
            Product.objects.bulk_create([row[0] for row in batch])
            for product, stockrecord, image, category, attributes in batch:
                stockrecord.product = image.product = category.product = product
                for value in attributes:
                    value.product = product
            StockRecord.objects.bulk_create([row[1] for row in batch])
            ProductImage.objects.bulk_create([row[2] for row in batch])
            ProductCategory.objects.bulk_create([row[3] for row in batch])
            ProductAttributeValue.objects.bulk_create([v for row in batch for v in row[4]])
            index_products([row[0].id for row in batch])
        bar.update(len(batch))
    bar.close()
    return count - existing
