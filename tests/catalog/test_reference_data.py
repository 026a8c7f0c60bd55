import csv
from pathlib import Path

import pytest
from django.conf import settings

from catalog.models import Category, City, ProductClass, Province
from catalog.services import seed_reference_data

pytestmark = pytest.mark.django_db
SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"


def test_reference_data_is_seeded_once_whatever_the_runs(reference_data):
    seed_reference_data()
    assert Province.objects.count() == 31
    assert City.objects.filter(is_capital=True).count() == 31
    assert Category.objects.filter(depth=1).count() == 5
    assert Category.objects.filter(depth=2).count() == 29
    assert Province.objects.get(code="ISF").cities.get(is_capital=True).name_fa == "اصفهان"


def test_each_craft_sits_under_its_product_class(reference_data):
    kilim = Category.objects.get(code="kilim")
    assert kilim.get_parent().code == "carpet"
    assert Category.objects.get(code="programming").get_parent().code == "digital_service"


@pytest.mark.parametrize(
    "slug, codes, ships",
    [
        ("handicraft", {"materials", "dimensions", "technique"}, True),
        ("carpet", {"width_cm", "length_cm", "material", "knot_density", "dye"}, True),
        ("food", {"net_weight_g", "production_date", "best_before", "health_licence"}, True),
        ("plant", {"pot_size", "care_notes"}, True),
        ("digital_service", {"delivery_days", "revisions"}, False),
    ],
)
def test_product_classes_have_their_attributes(reference_data, slug, codes, ships):
    product_class = ProductClass.objects.get(slug=slug)
    assert set(product_class.attributes.values_list("code", flat=True)) == codes
    assert product_class.requires_shipping is ships


@pytest.mark.parametrize("name", ["crafts.csv", "provinces.csv"])
def test_shipped_reference_data_matches_shared(name):
    shared = SHARED / name
    if not shared.exists():
        pytest.skip(f"{shared} is not beside this checkout")
    shipped = Path(settings.REFERENCE_DATA_DIR) / name
    with shared.open(encoding="utf-8") as a, shipped.open(encoding="utf-8") as b:
        assert list(csv.reader(a)) == list(csv.reader(b))
