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
from . import crafts as craft_data
from .activity import ensure_activity, ensure_quiet_producers
from .channels import ensure_booth_stock
from .cms import ensure_cms_content
from .exhibitions import ensure_exhibitions
from .images import draw_product_image
from .market import ensure_market_history, market_weeks_for
from .money import ensure_money

ADMIN_EMAIL = "admin@dastsaz.ir"
ADMIN_PASSWORD = "dastsaz-admin"
PRODUCER_PASSWORD = "dastsaz-demo"
IMAGE_VARIANTS = 3  # pictures per product kind, each drawn with its own colours
BATCH_SIZE = 2000
MIN_PRODUCERS = 36
PRODUCTS_PER_PRODUCER = 300


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
    created = ensure_products(products, crafts, producers, progress)
    ensure_money(producers, PRODUCER_PASSWORD)
    exhibitions = ensure_exhibitions(producers, PRODUCER_PASSWORD)
    ensure_booth_stock(exhibitions)
    quiet = ensure_quiet_producers(producers)
    ensure_market_history(producers, quiet, weeks=market_weeks_for(products))
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


def image_name(craft_slug, kind_index, variant):
    return f"demo/{craft_slug}-{kind_index + 1}-{variant + 1}.jpg"


def ensure_images(names):
    """Draws the pictures `names` ({image name: (craft slug, seed, kind)}) not yet on disk."""
    root = Path(settings.MEDIA_ROOT)
    for name, (craft_slug, seed, kind_index) in names.items():
        path = root / name
        if not path.exists():
            draw_product_image(path, craft_slug, seed, kind_index)


def round_toman(price_toman):
    step = 10_000 if price_toman >= 1_000_000 else 1_000
    return max(step, round(price_toman / step) * step)


def size_label(width, length):
    return f"{to_persian_digits(width)}×{to_persian_digits(length)}"


def weight_label(grams):
    if grams >= 1000:
        return f"{to_persian_digits(grams // 1000)} کیلویی"
    return f"{to_persian_digits(grams)} گرمی"


@dataclass
class Choice:
    """What demo product number `index` is: its kind, size, words; title and price follow."""

    craft: object
    spec: craft_data.Craft
    kind_index: int
    kind: craft_data.Kind
    variant: int
    word: str
    size: object
    material: str
    region: str
    client: str


class ProductFactory:
    """Makes the rows for demo product number `index` (0-based), deterministically."""

    def __init__(self, crafts_, producers):
        self.crafts = crafts_
        self.producers = producers
        self.categories = dict(Category.objects.values_list("code", "id"))
        self.classes = {pc.slug: pc for pc in ProductClass.objects.all()}
        self.attributes = {
            (a.product_class.slug, a.code): a
            for a in ProductAttribute.objects.select_related("product_class")
        }
        self.options = {}
        for option in AttributeOption.objects.select_related("group"):
            self.options.setdefault(option.group.code, {})[option.option] = option
        self.producers_by_craft = {
            i: producers[i :: len(crafts_)] or producers for i in range(len(crafts_))
        }
        self.titles = set(
            Product.objects.filter(upc__startswith="DZ").values_list("title", flat=True)
        )

    def choose(self, index, rng):
        craft = self.crafts[index % len(self.crafts)]
        spec = craft_data.CRAFTS[craft.slug]
        turn = index // len(self.crafts)
        kind_index = turn % len(spec.kinds)
        kind = spec.kinds[kind_index]
        return Choice(
            craft=craft,
            spec=spec,
            kind_index=kind_index,
            kind=kind,
            variant=(turn // len(spec.kinds)) % IMAGE_VARIANTS,
            word=rng.choice(spec.words),
            size=rng.choice(kind.sizes) if kind.sizes else None,
            material=rng.choice(kind.materials) if kind.materials else "",
            region=rng.choice(kind.regions) if kind.regions else "",
            client=rng.choice(craft_data.CLIENTS),
        )

    def unique_title(self, index, rng, choice):
        """A title no other demo product has: redraw the words, then number the model."""
        for _attempt in range(12):
            title = self.title(choice)
            if title not in self.titles:
                break
            choice.word = rng.choice(choice.spec.words)
            choice.client = rng.choice(craft_data.CLIENTS)
            if choice.kind.sizes:
                choice.size = rng.choice(choice.kind.sizes)
        else:
            title = f"{self.title(choice)} مدل {to_persian_digits(index + 1)}"
        self.titles.add(title)
        return title

    def title(self, c):
        class_slug = c.craft.product_class
        noun = c.kind.noun
        if class_slug == "carpet":
            return f"{noun} {c.word} {size_label(*c.size)}"
        if class_slug == "food":
            return f"{noun} {c.region} {c.word} {weight_label(c.size)}"
        if class_slug == "plant":
            return f"{noun} {c.word} گلدان {to_persian_digits(c.size)}"
        if class_slug == "digital_service":
            if noun.startswith("یک ساعت"):
                return f"{noun} ویژه {c.client}"
            return f"{noun} {c.word} ویژه {c.client}"
        if c.kind.pair:
            return f"{noun} {c.word} سایز {to_persian_digits(c.size)}"
        if c.size and craft_data.per_of(c.craft.slug, c.kind) == craft_data.PIECE:
            return f"{noun} {c.word} {size_label(*c.size)}"
        return f"{noun} {c.word}"

    def price_toman(self, rng, c):
        low, high = c.kind.price_toman
        per_unit = rng.uniform(low, high)
        per = craft_data.per_of(c.craft.slug, c.kind)
        quantity = {
            craft_data.SQUARE_METRE: lambda: c.size[0] * c.size[1] / 10_000,
            craft_data.KILOGRAM: lambda: c.size / 1000,
        }.get(per, lambda: 1)()
        return min(max(round_toman(per_unit * quantity), low * quantity), high * quantity)

    def build(self, index):
        rng = random.Random(f"DZ{index}")
        craft_index = index % len(self.crafts)
        craft_producers = self.producers_by_craft[craft_index]
        producer = craft_producers[(index // len(self.crafts)) % len(craft_producers)]
        choice = self.choose(index, rng)
        if choice.kind.pair:
            choice.size = rng.randrange(36, 46)
        craft, class_slug = choice.craft, choice.craft.product_class
        title = self.unique_title(index, rng, choice)
        attributes = self.attribute_values(class_slug, rng, choice)
        per = craft_data.per_of(craft.slug, choice.kind)
        unit = DEMO_UNITS.get(class_slug, Product.Unit.PIECE)
        if choice.kind.pair:
            unit = Product.Unit.PAIR
        elif per == craft_data.METRE:
            unit = Product.Unit.METRE
        product = Product(
            upc=f"DZ{index + 1:07d}",
            title=title,
            slug=slugify(title, allow_unicode=True)[:128] or f"dz{index + 1}",
            description=content.description(class_slug).format(
                title=title, place=producer.province.name_fa, maker=producer.name
            ),
            product_class=self.classes[class_slug],
            structure=Product.STANDALONE,
            is_public=True,
            unit=unit,
            preparation_days=rng.choice((0, 0, 0, 3, 7)) if class_slug == "handicraft" else 0,
            carriers=rng.choice(DEMO_CARRIERS) if BY_SLUG[class_slug].requires_shipping else [],
        )
        price_rials = int(self.price_toman(rng, choice)) * 10
        tracks_stock = BY_SLUG[class_slug].track_stock
        stock = (0 if rng.random() < 0.06 else rng.randrange(1, 26)) if tracks_stock else None
        stockrecord = StockRecord(
            partner=producer,
            partner_sku=product.upc,
            price_currency="IRR",
            price=price_rials,
            num_in_stock=stock,
        )
        name = image_name(craft.slug, choice.kind_index, choice.variant)
        image = ProductImage(original=name)
        category = ProductCategory(category_id=self.categories[craft.slug])
        seed = (craft.slug, name, choice.kind_index)
        return product, stockrecord, image, category, attributes, (name, seed)

    def attribute_values(self, class_slug, rng, c):
        today = datetime.date(2026, 10, 1)
        size = c.size
        generated = {
            "materials": lambda: c.material,
            "dimensions": lambda: (
                f"سایز {to_persian_digits(size)}"
                if c.kind.pair
                else f"{size_label(*size)} سانتی‌متر"
                if size
                else ""
            ),
            "technique": lambda: rng.choice(c.spec.techniques or ("دست‌ساز",)),
            "width_cm": lambda: size[0],
            "length_cm": lambda: size[1],
            "material": lambda: c.material,
            "knot_density": lambda: rng.choice(c.spec.knots) if c.spec.knots else None,
            "dye": lambda: rng.choice(c.spec.dyes),
            "net_weight_g": lambda: size,
            "production_date": lambda: today - datetime.timedelta(days=rng.randrange(1, 60)),
            "best_before": lambda: today + datetime.timedelta(days=rng.randrange(120, 540)),
            "health_licence": lambda: f"{rng.randrange(10, 99)}/{rng.randrange(10000, 99999)}",
            "pot_size": lambda: f"{to_persian_digits(size)} سانتی‌متر",
            "care_notes": lambda: rng.choice(content.CARE_NOTES),
            "delivery_days": lambda: content.delivery_days(c.kind.noun, c.word, rng),
            "revisions": lambda: 1 + c.spec.words.index(c.word) if c.word in c.spec.words else 1,
        }
        values = []
        for spec in BY_SLUG[class_slug].attributes:
            generated_value = generated[spec.code]()
            if generated_value in (None, ""):
                continue
            value = ProductAttributeValue(attribute=self.attributes[(class_slug, spec.code)])
            if spec.type == "option":
                value.value_option = self.options[f"{class_slug}-{spec.code}"][generated_value]
            else:
                field = {"text": "value_text", "integer": "value_integer", "date": "value_date"}
                setattr(value, field[spec.type], generated_value)
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
            for product, stockrecord, image, category, attributes, _picture in batch:
                stockrecord.product = image.product = category.product = product
                for value in attributes:
                    value.product = product
            StockRecord.objects.bulk_create([row[1] for row in batch])
            ProductImage.objects.bulk_create([row[2] for row in batch])
            ProductCategory.objects.bulk_create([row[3] for row in batch])
            ProductAttributeValue.objects.bulk_create([v for row in batch for v in row[4]])
            ensure_images(dict(row[5] for row in batch))
            index_products([row[0].id for row in batch])
        bar.update(len(batch))
    bar.close()
    return count - existing
