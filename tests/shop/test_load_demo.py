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
