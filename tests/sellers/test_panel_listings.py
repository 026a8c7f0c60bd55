"""The seller panel's listings: create, edit, price and stock inline, show and hide,
duplicate, photos; and the panel's front door for visitors who are not producers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Category, Product, ProductClass
from sellers import producers
from sellers.models import StockRecord
from tests.factories import UserFactory, jpeg_bytes, make_product

pytestmark = pytest.mark.django_db

CARPET = {
    "title": "گلیم دستباف قشقایی",
    "description": "پشم طبیعی، رنگ گیاهی.",
    "price_toman": "۴٬۵۰۰٬۰۰۰",
    "stock": "۲",
    "unit": "m2",
    "made_to_order": "0",
    "preparation_days": "",
    "carriers": ["post", "tipax"],
    "is_public": "on",
    "attr_width_cm": "۱۲۰",
    "attr_length_cm": "۱۸۰",
}


def carpet_data(**changes):
    category = Category.objects.get(code="carpet").get_children().first()
    return {**CARPET, "category": category.pk, **changes}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("seller:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


def test_a_buyer_gets_a_persian_page_on_how_to_become_a_producer(client, reference_data):
    client.force_login(UserFactory())
    response = client.get(reverse("seller:listings"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "چگونه تولیدکننده شوید" in html
    assert reverse("seller:join") in html


def test_a_producer_adds_a_carpet_with_its_attributes_in_persian_digits(producer_client):
    client, producer = producer_client
    response = client.post(reverse("seller:create", args=["carpet"]), carpet_data())
    assert response.status_code == 302, response.context["form"].errors
    product = Product.objects.get(title=CARPET["title"])
    record = StockRecord.objects.get(product=product)
    assert record.partner == producer
    assert record.price == 45_000_000  # Rials stored; Toman typed
    assert record.num_in_stock == 2
    assert product.unit == "m2" and product.carriers == ["post", "tipax"]
    assert product.attr.width_cm == 120 and product.attr.length_cm == 180
    assert product.is_public and product.preparation_days == 0
    assert response["Location"] == reverse("seller:photos", args=[product.pk])


def test_made_to_order_needs_the_days_and_shipping_needs_a_carrier(producer_client):
    client, _ = producer_client
    data = carpet_data(made_to_order="1", preparation_days="", carriers=[])
    response = client.post(reverse("seller:create", args=["carpet"]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "preparation_days" in errors and "carriers" in errors
    assert not Product.objects.exists()


def test_a_producer_waiting_for_approval_prepares_listings_but_cannot_show_them(
    producer_client,
):
    client, producer = producer_client
    producer.status, producer.is_selling = "applied", False
    producer.save()
    response = client.post(reverse("seller:create", args=["carpet"]), carpet_data())
    assert response.status_code == 200
    assert "پس از تأیید" in response.content.decode()
    assert not Product.objects.exists()

    response = client.post(reverse("seller:create", args=["carpet"]), carpet_data(is_public=""))
    assert response.status_code == 302
    product = Product.objects.get()
    response = client.post(reverse("seller:show", args=[product.pk]), follow=True)
    product.refresh_from_db()
    assert not product.is_public
    assert "پس از تأیید" in response.content.decode()


@pytest.mark.parametrize("state", ["suspend", "expire"])
def test_a_suspended_or_expired_producer_cannot_show_a_listing(producer_client, state):
    client, producer = producer_client
    product = make_product(producer=producer, is_public=False, with_image=False)
    if state == "suspend":
        producers.suspend(producer, "شکایت خریدار")
    else:
        producer.licence_expires_on = producer.licence_expires_on.replace(year=2020)
        producer.save()
    client.post(reverse("seller:show", args=[product.pk]))
    product.refresh_from_db()
    assert not product.is_public


def test_editing_keeps_reserved_units_out_of_the_stock_a_producer_types(producer_client):
    client, producer = producer_client
    product = make_product(
        class_slug="carpet",
        category_code=Category.objects.get(code="carpet").get_children().first().code,
        producer=producer,
        stock=5,
        attributes={"width_cm": 100, "length_cm": 150},
        with_image=False,
    )
    record = StockRecord.objects.get(product=product)
    record.num_allocated = 2
    record.save()

    page = client.get(reverse("seller:edit", args=[product.pk]))
    assert page.context["form"].initial["stock"] == 3  # what is still for sale
    response = client.post(
        reverse("seller:edit", args=[product.pk]), carpet_data(title="گلیم نو", stock="۴")
    )
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (6, 2)
    product.refresh_from_db()
    assert product.title == "گلیم نو"


def test_price_and_stock_change_inline_from_the_list(producer_client):
    client, producer = producer_client
    product = make_product(producer=producer, stock=5, with_image=False)
    prefix = f"p{product.pk}"
    response = client.post(
        reverse("seller:quick-edit", args=[product.pk]),
        {f"{prefix}-price_toman": "۹۹۰٬۰۰۰", f"{prefix}-stock": "۷"},
    )
    assert response.status_code == 302
    record = StockRecord.objects.get(product=product)
    assert (record.price, record.num_in_stock) == (9_900_000, 7)

    client.post(
        reverse("seller:quick-edit", args=[product.pk]),
        {f"{prefix}-price_toman": "-5", f"{prefix}-stock": "x"},
    )
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (9_900_000, 7)


def test_hide_show_and_duplicate(producer_client):
    client, producer = producer_client
    product = make_product(producer=producer, title="جعبه خاتم", attributes={"materials": "چوب"})
    client.post(reverse("seller:hide", args=[product.pk]))
    product.refresh_from_db()
    assert not product.is_public
    client.post(reverse("seller:show", args=[product.pk]))
    product.refresh_from_db()
    assert product.is_public

    response = client.post(reverse("seller:duplicate", args=[product.pk]))
    copy = Product.objects.exclude(pk=product.pk).get()
    assert response["Location"] == reverse("seller:edit", args=[copy.pk])
    assert not copy.is_public and "جعبه خاتم" in copy.title
    assert copy.stockrecords.get().partner == producer
    assert copy.attr.materials == "چوب"
    assert copy.images.count() == 1
    assert copy.images.get().original.name != product.images.get().original.name


def test_photos_upload_reorder_and_delete(producer_client):
    client, producer = producer_client
    product = make_product(producer=producer, with_image=False)
    url = reverse("seller:photos", args=[product.pk])
    uploads = [
        SimpleUploadedFile("a.jpg", jpeg_bytes(colour=(200, 0, 0)), "image/jpeg"),
        SimpleUploadedFile("b.jpg", jpeg_bytes(colour=(0, 200, 0)), "image/jpeg"),
        SimpleUploadedFile("c.png", b"<html>not an image</html>", "image/png"),
    ]
    response = client.post(url, {"photos": uploads}, follow=True)
    html = response.content.decode()
    assert "c.png" in html and "عکس نیست" in html
    first, second = product.images.order_by("display_order")
    assert first.original.name.endswith(".webp")

    client.post(reverse("seller:photo-earlier", args=[second.pk]))
    assert list(product.images.order_by("display_order")) == [second, first]
    client.post(reverse("seller:photo-delete", args=[second.pk]))
    assert list(product.images.all()) == [first]


def test_the_listing_list_keeps_a_constant_query_count(
    producer_client, django_assert_max_num_queries
):
    client, producer = producer_client
    for n in range(3):
        make_product(producer=producer, title=f"محصول {n}")
    with django_assert_max_num_queries(14) as three:
        assert client.get(reverse("seller:listings")).status_code == 200
    for n in range(3, 20):
        make_product(producer=producer, title=f"محصول {n}")
    ceiling = len(three.captured_queries)
    with django_assert_max_num_queries(ceiling):
        assert client.get(reverse("seller:listings")).status_code == 200


def test_the_panel_home_sums_this_months_sales_and_names_low_stock(producer_client):
    client, producer = producer_client
    make_product(producer=producer, title="شال ابریشمی", stock=1, with_image=False)
    html = client.get(reverse("seller:home")).content.decode()
    assert "شال ابریشمی" in html and "۱" in html
    assert "۰ تومان" in html
    assert ProductClass.objects.exists()


def test_a_producer_in_the_staff_dashboard_is_shown_the_way_to_the_panel(producer_client):
    client, _ = producer_client
    response = client.get("/dashboard/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Forbidden" not in html
    assert "پنل تولیدکننده" in html and 'class="btn btn-primary btn-lg" href="/seller/"' in html
