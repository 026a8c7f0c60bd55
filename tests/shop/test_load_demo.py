import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from catalog.models import Product, ProductAttributeValue, ProductImage
from sellers.models import Partner, StockRecord

pytestmark = pytest.mark.django_db


def counts():
    return {
        "producers": Partner.objects.count(),
        "products": Product.objects.count(),
        "stockrecords": StockRecord.objects.count(),
        "images": ProductImage.objects.count(),
        "attribute_values": ProductAttributeValue.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_builds_a_believable_marketplace_and_is_idempotent(reference_data):
    call_command("load_demo", "--no-progress")
    first = counts()
    call_command("load_demo", "--no-progress")
    assert counts() == first

    assert first["products"] >= 300
    assert first["producers"] >= 30
    assert Partner.objects.values("province").distinct().count() >= 10
    classes = set(Product.objects.values_list("product_class__slug", flat=True))
    assert classes == {"handicraft", "carpet", "food", "plant", "digital_service"}
    assert first["stockrecords"] == first["products"] == first["images"]
    assert Product.objects.filter(categories__isnull=True).count() == 0
    # Persian titles and descriptions
    product = Product.objects.order_by("id").first()
    assert any("\u0600" <= ch <= "\u06ff" for ch in product.title)
    assert any("\u0600" <= ch <= "\u06ff" for ch in product.description)
    # Prices are whole Rials, stock is tracked for goods and not for services
    assert all(price % 10 == 0 for price in StockRecord.objects.values_list("price", flat=True))
    assert not StockRecord.objects.filter(
        product__product_class__slug="digital_service", num_in_stock__isnull=False
    ).exists()
    # Images are real pictures drawn by Pillow
    image_path = Path(settings.MEDIA_ROOT) / ProductImage.objects.first().original.name
    from PIL import Image

    with Image.open(image_path) as picture:
        assert picture.format == "JPEG" and picture.size == (600, 600)
    # A year of market history for the default catalogue (a smaller demo gets two months)
    from insights.models import SearchEvent, WeeklyMarket

    assert WeeklyMarket.objects.values("week").distinct().count() == 52
    assert SearchEvent.objects.count() > 10_000
    # The admin login the README promises
    assert get_user_model().objects.filter(email="admin@dastsaz.ir", is_superuser=True).exists()


def test_load_demo_grows_to_a_larger_count(reference_data):
    call_command("load_demo", "--no-progress", "--products", "40")
    assert Product.objects.count() == 40
    call_command("load_demo", "--no-progress", "--products", "۶۰")  # Persian digits too
    assert Product.objects.count() == 60
    assert Product.objects.values("upc").distinct().count() == 60


@pytest.mark.parametrize("bad", ["-5", "0", "abc", "1.5", "99999999"])
def test_load_demo_rejects_bad_product_counts_clearly(reference_data, bad):
    with pytest.raises(CommandError, match="--products takes a whole number"):
        call_command("load_demo", "--products", bad)
    assert Product.objects.count() == 0


def exhibition_counts():
    from exhibitions.models import (
        Booth,
        BoothApplication,
        BoothAssignment,
        BoothStock,
        Exhibition,
        OrderChannel,
        Organizer,
    )
    from shop.payments.models import PaymentAttempt

    return {
        "organizers": Organizer.objects.count(),
        "exhibitions": Exhibition.objects.count(),
        "booths": Booth.objects.count(),
        "applications": BoothApplication.objects.count(),
        "assignments": BoothAssignment.objects.count(),
        "fee_attempts": PaymentAttempt.objects.filter(application__isnull=False).count(),
        "users": get_user_model().objects.count(),
        "booth_stock": BoothStock.objects.count(),
        "booth_sales": OrderChannel.objects.filter(kind="booth_sale").count(),
    }


def test_load_demo_adds_organizers_exhibitions_and_applications_in_every_state_once(
    reference_data,
):
    from django.utils import timezone

    from exhibitions import selectors
    from exhibitions.models import BoothApplication, Exhibition, Organizer

    call_command("load_demo", "--no-progress", "--products", "40")
    first = exhibition_counts()
    call_command("load_demo", "--no-progress", "--products", "40")
    assert exhibition_counts() == first
    # Producers with a booth at a running exhibition brought units there and sold one.
    assert first["booth_stock"] > 0 and first["booth_sales"] > 0
    from oscar.apps.order.models import Order

    assert Order.objects.exists() and not Order.objects.filter(channel__isnull=True).exists()
    from insights.models import ProducerActivity

    # Producer activity is computed, with one quiet producer of each flag (45 and 75 days).
    assert {"30", "60"} <= set(ProducerActivity.objects.values_list("flag", flat=True))

    assert first["organizers"] == 3
    for organizer in Organizer.objects.all():
        (member,) = organizer.users.all()
        assert member.email.startswith("organizer-") and member.check_password("dastsaz-demo")
    fair = Exhibition.objects.get(slug="isfahan-nowruz-fair")
    today = timezone.localdate()
    assert fair.kind == "seasonal" and fair.status == "accepting" and fair.starts_on > today
    assert fair.accepts_applications_on(today)
    codes = [booth.code for booth in fair.booths.order_by("row", "column")]
    assert codes == [f"{row}{column}" for row in "ABCD" for column in range(1, 6)]
    kinds = {booth.code: booth.kind for booth in fair.booths.all()}
    assert {code for code, kind in kinds.items() if kind == "corner"} == {"A1", "A5", "D1", "D5"}
    assert {kinds[code] for code in ("D2", "D3", "D4")} == {"food"}
    assert fair.hours.count() == 7
    for slug, city in (("el-goli-park-tabriz", "Tabriz"), ("urmia-bus-terminal", "Urmia")):
        permanent = Exhibition.objects.get(slug=slug)
        assert permanent.kind == "permanent" and permanent.ends_on is None
        assert permanent.venue.city.name_en == city and permanent.venue.map_url
        assert permanent in selectors.running_on(today)
        assert 0 < permanent.booths.count() < 20
    friday = Exhibition.objects.get(slug="el-goli-park-tabriz").hours.get(weekday=6)
    assert f"{friday.opens_at:%H:%M}–{friday.closes_at:%H:%M}" == "10:00–22:00"

    states = set(BoothApplication.objects.values_list("status", flat=True))
    assert states == set(BoothApplication.Status.values)
    for application in BoothApplication.objects.all():
        assert application.products.exists()
        assert application.products.exclude(stockrecords__partner=application.producer).count() == 0
    rejected = BoothApplication.objects.get(status="rejected")
    assert rejected.reason
    for paid in BoothApplication.objects.filter(status="paid"):
        assert paid.booth is not None
        assert paid.payment_attempts.get().adapter == "cash"
    expired = BoothApplication.objects.get(status="expired")
    assert expired.booth is None and expired.pay_by < timezone.now()
    assert BoothApplication.objects.get(status="accepted", exhibition=fair).booth is not None
    # Only approved producers with a valid licence applied, each once.
    producers = [a.producer for a in BoothApplication.objects.select_related("producer")]
    assert all(producer.should_sell(today) for producer in producers)
    assert len(set(producers)) == len(producers)


@pytest.mark.parametrize(
    "today, first_day, last_day",
    [
        # 2 Azar 1405: the coming Nowruz is 1 Farvardin 1406 (21 March 2027).
        ("2026-11-23", "2027-03-16", "2027-03-30"),
        # 20 Esfand 1405: too late to apply for that fair, so the next Nowruz's.
        ("2027-03-11", "2028-03-15", "2028-03-29"),
    ],
)
def test_the_demo_nowruz_fair_runs_from_five_days_before_nowruz_to_10_farvardin(
    today, first_day, last_day
):
    from shop.demo.exhibitions import nowruz_fair_dates

    dates = nowruz_fair_dates(datetime.date.fromisoformat(today))
    assert dates == (datetime.date.fromisoformat(first_day), datetime.date.fromisoformat(last_day))


# What a buyer would notice is wrong, as data rules: a material word and the crafts that may
# use it (a leather khatam box or a leather towel is a mistake).
MATERIAL_CRAFTS = {
    "چرم": {"leather", "giveh-knitting"},
    "نقره": {"jewellery"},
    "استخوان": {"khatam"},
    "فیروزه": {"jewellery"},
    "مس": {"engraving", "jewellery"},
    "سفال": {"sculpture"},
}
# Per-kilogram ceilings a buyer would believe (Toman, 2026): no 100 g of figs at 702,000.
FOOD_TOMAN_PER_KG = {"dried-fruit": 2_500_000, "mushroom": 5_000_000, "medicinal-herbs": 12_000_000}


def demo_products():
    from catalog.models import Product

    products = Product.objects.filter(upc__startswith="DZ").select_related("product_class")
    products = products.prefetch_related(
        "categories", "stockrecords", "attribute_values__attribute"
    )
    for product in products:
        values = {value.attribute.code: value.value for value in product.attribute_values.all()}
        craft = product.categories.get().code
        yield product, craft, values, int(product.stockrecords.get().price) // 10


def units_of(product, craft, values):
    """How many of the craft's price units the product is: m² of carpet, kg of food, one."""
    from shop.demo import crafts

    per = crafts.per_of(craft, crafts.kind_of(craft, product.title))
    if per == crafts.SQUARE_METRE:
        return values["width_cm"] * values["length_cm"] / 10_000
    if per == crafts.KILOGRAM:
        return values["net_weight_g"] / 1000
    return 1


def picture(product):
    from PIL import Image

    with Image.open(Path(settings.MEDIA_ROOT) / product.images.get().original.name) as image:
        return image.convert("RGB").resize((64, 64)).histogram()


def histogram_distance(one, two):
    return sum(abs(a - b) for a, b in zip(one, two, strict=True)) / (2 * 64 * 64 * 3)


def test_demo_products_are_believable_per_craft(reference_data):
    from shop.demo import crafts

    call_command("load_demo", "--no-progress", "--products", "120")
    rows = list(demo_products())
    titles = [product.title for product, *_ in rows if product.is_public]
    assert len(titles) == len(set(titles)) == 120

    by_craft = {}
    for product, craft, values, price_toman in rows:
        by_craft.setdefault(craft, []).append(product)
        spec, kind = crafts.CRAFTS[craft], crafts.kind_of(craft, product.title)
        # Materials belong to the craft's kind, and no material word strays into another craft.
        material = values.get("materials") or values.get("material")
        if material is not None:
            material = str(material)
            assert material in kind.materials, (product.title, material)
            for word, allowed in MATERIAL_CRAFTS.items():
                assert word not in material or craft in allowed, (craft, product.title, material)
        # The price per the craft's unit is inside the kind's range.
        units = units_of(product, craft, values)
        low, high = kind.price_toman
        assert low - 10_000 / units <= price_toman / units <= high + 10_000 / units, product.title
        if craft in FOOD_TOMAN_PER_KG:
            assert product.unit == "pack" and values["net_weight_g"] in kind.sizes
            assert price_toman / units <= FOOD_TOMAN_PER_KG[craft], product.title
        if product.product_class.slug == "carpet":
            assert (values["width_cm"], values["length_cm"]) in kind.sizes
            assert f"{values['width_cm']}×{values['length_cm']}" in to_latin(product.title)
        if kind.pair:
            assert product.unit == "pair"
        assert spec is not None
    assert set(by_craft) == set(crafts.CRAFTS)

    # Digital services are not posted: their class needs no shipping and they name no carrier.
    services = [p for p, *_ in rows if p.product_class.slug == "digital_service"]
    assert services and all(not p.is_shipping_required and not p.carriers for p in services)
    goods = [p for p, *_ in rows if p.product_class.slug != "digital_service"]
    assert all(p.is_shipping_required for p in goods)

    # Pictures: a carpet and a jar of herbs look different, and so do two khatam boxes.
    carpet, khatam = by_craft["carpet-weaving"][0], by_craft["khatam"][:2]
    assert histogram_distance(picture(carpet), picture(by_craft["dried-fruit"][0])) > 0.2
    assert histogram_distance(picture(khatam[0]), picture(khatam[1])) > 0.05
    assert khatam[0].images.get().original.name != khatam[1].images.get().original.name


def to_latin(text):
    from shop.persian.digits import to_latin_digits

    return to_latin_digits(text)


def test_a_basket_of_demo_digital_services_has_no_shipping_line(reference_data, client):
    from django.urls import reverse
    from django.utils import translation
    from oscar.apps.shipping.methods import NoShippingRequired

    call_command("load_demo", "--no-progress", "--products", "40")
    service = Product.objects.filter(product_class__slug="digital_service").first()
    client.post(reverse("basket:add", args=[service.pk]), {"quantity": 1})
    page = client.get(reverse("basket:summary")).content.decode()
    assert service.title in page
    with translation.override("fa"):
        assert str(NoShippingRequired().name) not in page
        assert f"<h3>{translation.gettext('Shipping')}</h3>" not in page
