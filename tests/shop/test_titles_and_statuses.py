"""Page titles say each thing once; the producer's name on a product page leads to them; order
statuses read by their Persian names; every page carries the site's icon."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from catalog.models import Category
from shop.checkout.status import STATUS_NAMES
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db


def title_of(response):
    assert response.status_code == 200, response.request["PATH_INFO"]
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def segments(title):
    return [part.strip() for part in title.split("|")]


def place_order(user=None, status="paid", **fields):
    """An order placed by Oscar's OrderCreator for one product, then put in `status`."""
    from oscar.apps.order.models import Order
    from oscar.test.factories import create_order

    from sellers.strategy import Default
    from shop.basket.models import Basket
    from shop.shipping.methods import PostByEachProducer

    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(make_product(title="گلیم قشقایی", with_image=False), 1)
    order = create_order(basket=basket, user=user, shipping_method=PostByEachProducer())
    Order.objects.filter(pk=order.pk).update(status=status, **fields)
    order.refresh_from_db()
    return order


def persian_status(status):
    with translation.override("fa"):
        return pgettext("order status", status)


def test_a_category_page_names_the_category_once_in_its_title(client, reference_data):
    product = make_product(class_slug="carpet", category_code="kilim")
    kilim = product.categories.get()
    carpets = Category.objects.get(code="carpet")
    for category in (kilim, carpets):
        title = title_of(client.get(category.get_absolute_url()))
        assert segments(title) == [category.name, str(settings.OSCAR_SHOP_NAME)]


def test_no_storefront_page_repeats_a_segment_of_its_title(client, reference_data):
    product = make_product(class_slug="carpet", category_code="kilim", title="گلیم قشقایی")
    producer = product.stockrecords.get().partner
    pages = [
        "/",
        reverse("catalogue:index"),
        product.categories.get().get_absolute_url(),
        Category.objects.get(code="carpet").get_absolute_url(),
        product.get_absolute_url(),
        reverse("search:search") + "?q=گلیم",
        reverse("basket:summary"),
        reverse("customer:login"),
        reverse("producers:detail", kwargs={"slug": producer.slug}),
        reverse("exhibitions:index"),
    ]
    buyer = UserFactory()
    producer.users.add(buyer)  # a producer shops too: the seller panel is theirs
    order = place_order(user=buyer)
    account = Client()
    account.force_login(buyer)
    account_pages = [
        reverse("customer:summary"),
        reverse("customer:profile-view"),
        reverse("customer:order-list"),
        reverse("customer:order", kwargs={"order_number": order.number}),
        reverse("seller:home"),
    ]
    titles = [title_of(client.get(url)) for url in pages]
    titles += [title_of(account.get(url, follow=True)) for url in account_pages]
    for title in titles:
        parts = segments(title)
        assert len(parts) == len(set(parts)), title


def test_the_producer_name_on_a_product_page_links_to_the_producers_page(client, reference_data):
    producer = ProducerFactory(name="کارگاه گلیم مریم", slug="maryam-kilim")
    product = make_product(producer=producer)
    html = client.get(product.get_absolute_url()).content.decode()
    link = f'<a href="{producer.get_absolute_url()}">{producer.name}</a>'
    assert link in html
    assert client.get(producer.get_absolute_url()).status_code == 200


def test_every_status_of_the_order_flow_has_a_name():
    assert set(STATUS_NAMES) == set(settings.ORDER_STATUS_FLOW)


def test_the_buyer_reads_the_order_status_by_its_persian_name(client, reference_data):
    buyer = UserFactory()
    order = place_order(user=buyer, status="pending-payment")
    client.force_login(buyer)
    html = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    html = html.content.decode()
    shown = re.search(r'data-testid="order-status">([^<]*)<', html).group(1)
    assert shown == persian_status("pending-payment")


def test_a_guest_reads_the_order_status_by_its_persian_name(client, reference_data):
    order = place_order(status="paid", guest_email="guest@example.ir")
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    response = client.post(
        reverse("customer:anon-order-form", kwargs=kwargs),
        {"email": "guest@example.ir"},
        follow=True,
    )
    shown = re.search(r'data-testid="order-status">([^<]*)<', response.content.decode()).group(1)
    assert shown == persian_status("paid")


def test_staff_read_the_order_status_by_its_persian_name_on_the_refund_screen(
    client, reference_data
):
    order = place_order(status="refunded")
    client.force_login(UserFactory(is_staff=True))
    html = client.get(reverse("order-refund", args=[order.number])).content.decode()
    with translation.override("fa"):
        from django.utils.translation import gettext

        line = gettext("Status: %(status)s · total %(total)s") % {
            "status": persian_status("refunded"),
            "total": "",
        }
    assert line.split("·")[0].strip() in html


def test_every_page_links_the_site_icon_and_it_is_served_at_favicon_ico(client, reference_data):
    user = UserFactory()
    producer = ProducerFactory()
    producer.users.add(user)
    seller = Client()
    seller.force_login(user)
    for html in (
        client.get("/").content.decode(),
        seller.get(reverse("seller:home")).content.decode(),
    ):
        assert 'rel="icon"' in html and "dastsaz/favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
