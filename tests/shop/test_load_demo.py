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
