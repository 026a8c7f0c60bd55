"""Another producer's listing, photo, fulfilment, import or export is a 404, for every URL
and action of the seller panel; no form field can name another producer."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from catalog.models import Category, Product
from sellers.models import ListingImport, StockRecord
from tests.factories import make_product

from .test_panel_listings import carpet_data

pytestmark = pytest.mark.django_db

LISTING_URLS = ["edit", "quick-edit", "show", "hide", "duplicate", "photos"]
PHOTO_URLS = ["photo-earlier", "photo-later", "photo-delete"]
FULFILMENT_URLS = ["fulfilment", "accept", "ship", "deliver", "cancel"]


@pytest.fixture
def theirs(other_producer, buy):
    """Another producer's listing (with a photo), a paid fulfilment and an import."""
    product = make_product(title="گبه قشقایی دیگری", producer=other_producer)
    order = buy(product)
    job = ListingImport.objects.create(
        producer=other_producer, file=ContentFile(b"title\n", name="x.csv"), original_name="x.csv"
    )
    return {
        "product": product,
        "photo": product.images.get(),
        "fulfilment": order.fulfilments.get(),
        "import": job,
    }


def _snapshot(theirs):
    product, fulfilment = theirs["product"], theirs["fulfilment"]
    product.refresh_from_db()
    fulfilment.refresh_from_db()
    record = StockRecord.objects.get(product=product)
    return (
        product.title,
        product.is_public,
        record.price,
        record.num_in_stock,
        product.images.count(),
        fulfilment.status,
        Product.objects.count(),
    )


@pytest.mark.parametrize("name", LISTING_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_producers_listing_is_a_404(producer_client, theirs, name, method):
    client, _ = producer_client
    before = _snapshot(theirs)
    url = reverse(f"seller:{name}", args=[theirs["product"].pk])
    response = getattr(client, method)(url, carpet_data(price_toman="1", stock="0"))
    assert response.status_code in (404, 405)
    assert _snapshot(theirs) == before


@pytest.mark.parametrize("name", PHOTO_URLS)
def test_another_producers_photo_is_a_404(producer_client, theirs, name):
    client, _ = producer_client
    before = _snapshot(theirs)
    assert client.post(reverse(f"seller:{name}", args=[theirs["photo"].pk])).status_code == 404
    assert _snapshot(theirs) == before


@pytest.mark.parametrize("name", FULFILMENT_URLS)
def test_another_producers_fulfilment_is_a_404(producer_client, theirs, name):
    client, _ = producer_client
    before = _snapshot(theirs)
    url = reverse(f"seller:{name}", args=[theirs["fulfilment"].pk])
    data = {"carrier": "post", "tracking_code": "123", "reason": "نمی‌خواهم"}
    assert client.post(url, data).status_code in (404, 405)
    assert client.get(url).status_code in (404, 405)
    assert _snapshot(theirs) == before


def test_another_producers_import_is_a_404(producer_client, theirs):
    client, _ = producer_client
    url = reverse("seller:import-progress", args=[theirs["import"].pk])
    assert client.get(url).status_code == 404


def test_lists_and_exports_show_only_the_producers_own(producer_client, theirs):
    client, producer = producer_client
    make_product(title="گلیم خودم", producer=producer, with_image=False)
    for name in ("listings", "fulfilments", "home", "import"):
        html = client.get(reverse(f"seller:{name}")).content.decode()
        assert "گبه قشقایی دیگری" not in html and theirs["fulfilment"].order.number not in html
    for name in ("export-csv", "export-xlsx"):
        response = client.get(reverse(f"seller:{name}"))
        assert response.status_code == 200
    csv_text = client.get(reverse("seller:export-csv")).content.decode("utf-8-sig")
    assert "گلیم خودم" in csv_text and "گبه قشقایی دیگری" not in csv_text


def test_no_form_field_can_name_another_producer(producer_client, other_producer, theirs):
    client, producer = producer_client
    data = carpet_data(
        partner=other_producer.pk, producer=other_producer.pk, partner_id=other_producer.pk
    )
    client.post(reverse("seller:create", args=["carpet"]), data)
    product = Product.objects.get(title=data["title"])
    assert product.stockrecords.get().partner == producer

    own = make_product(producer=producer, with_image=False)
    prefix = f"p{own.pk}"
    client.post(
        reverse("seller:quick-edit", args=[own.pk]),
        {f"{prefix}-price_toman": "100", "product": theirs["product"].pk},
    )
    assert StockRecord.objects.get(product=theirs["product"]).price == 12_500_000


def test_staff_of_the_shop_are_not_producers_by_default(client, reference_data):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("seller:listings")).status_code == 403
    assert Category.objects.exists()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/seller/listings/", "/accounts/"]
)
def test_the_inline_edit_goes_back_only_to_the_listings_page(producer_client, target):
    client, producer = producer_client
    own = make_product(producer=producer, with_image=False)
    prefix = f"p{own.pk}"
    data = {f"{prefix}-price_toman": "100", "next": target}
    response = client.post(reverse("seller:quick-edit", args=[own.pk]), data)
    assert response["Location"] == reverse("seller:listings")
    data["next"] = reverse("seller:listings") + "?page=2"
    response = client.post(reverse("seller:quick-edit", args=[own.pk]), data)
    assert response["Location"] == reverse("seller:listings") + "?page=2"
