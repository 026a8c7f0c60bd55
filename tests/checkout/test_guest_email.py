"""A guest whose basket is shipped gives the e-mail on the address page, not on a page of its
own: /checkout/ leads there, a missing or malformed e-mail is said on the form in Persian and
moves nothing on, and the order carries the e-mail given. A basket with nothing to ship keeps
Oscar's e-mail page; a signed-in buyer is not asked."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from tests.factories import UserFactory, make_product

from .conftest import ADDRESS, pay_at_sandbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def kilim(reference_data):
    return make_product(title="گلیم قشقایی", stock=5, with_image=False)


def test_a_guest_is_sent_from_checkout_to_the_address_page_with_an_email_field(
    client, kilim, add_to_basket
):
    add_to_basket(kilim)
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:shipping-address")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert list(page.context["form"].fields)[0] == "email"
    assert 'type="email"' in html and 'name="email"' in html
    assert "نشانی ایمیل" in html and "رسید سفارش" in html
    login = f"{reverse('customer:login')}?next={reverse('checkout:index')}"
    assert f'href="{login}"' in html and "حساب کاربری دارید؟" in html


def test_the_baskets_checkout_button_goes_straight_to_the_address_when_it_is_shipped(
    client, kilim, add_to_basket, reference_data
):
    add_to_basket(kilim)
    button = f'href="{reverse("checkout:shipping-address")}"'
    assert button in client.get(reverse("basket:summary")).content.decode()
    service = make_product(
        class_slug="digital_service", category_code="programming", stock=None,
        with_image=False, attributes={"delivery_days": 7},
    )  # fmt: skip
    services_only = Client()
    services_only.post(reverse("basket:add", args=[service.pk]), {"quantity": 1})
    html = services_only.get(reverse("basket:summary")).content.decode()
    assert f'href="{reverse("checkout:index")}" class="btn btn-lg' in html and button not in html


@pytest.mark.parametrize("email", ["", "not-an-email", "buyer@"])
def test_without_a_valid_email_the_guest_stays_on_the_form_and_nothing_moves_on(
    client, zarinpal, kilim, add_to_basket, email
):
    add_to_basket(kilim)
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "email": email})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["email"]
    assert any(ch in "".join(errors["email"]) for ch in "ایمل")  # said in Persian
    assert 'value="' + ADDRESS["line1"] + '"' in response.content.decode()  # nothing lost
    preview = client.get(reverse("checkout:preview"), follow=True)
    assert preview.redirect_chain[-1][0] == reverse("checkout:shipping-address")
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert "StartPay" not in placed["Location"]
    assert not Order.objects.exists()


def test_the_email_given_with_the_address_is_the_orders_and_is_kept_for_a_second_visit(
    client, zarinpal, kilim, add_to_basket
):
    add_to_basket(kilim)
    address = {**ADDRESS, "email": "maryam@example.ir"}
    response = client.post(reverse("checkout:shipping-address"), address)
    assert response["Location"] == reverse("checkout:preview")
    again = client.get(reverse("checkout:shipping-address"))
    assert again.context["form"]["email"].value() == "maryam@example.ir"
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert client.get(pay_at_sandbox(zarinpal, placed["Location"]))["Location"] == reverse(
        "checkout:thank-you"
    )
    order = Order.objects.get()
    assert order.guest_email == "maryam@example.ir" and order.user is None
    assert order.status == "paid"


def test_a_basket_with_nothing_to_ship_keeps_the_email_page(client, reference_data):
    service = make_product(
        class_slug="digital_service", category_code="programming", stock=None,
        with_image=False, attributes={"delivery_days": 7},
    )  # fmt: skip
    client.post(reverse("basket:add", args=[service.pk]), {"quantity": 1})
    page = client.get(reverse("checkout:index"))
    assert page.status_code == 200 and 'name="username"' in page.content.decode()
    # Past it without an e-mail: sent back to it, not round in circles.
    response = client.get(reverse("checkout:shipping-address"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:index")
    assert response.status_code == 200


def test_a_signed_in_buyer_is_not_asked_for_an_email(client, zarinpal, kilim, add_to_basket):
    buyer = UserFactory(email="reza@example.ir")
    client.force_login(buyer)
    add_to_basket(kilim)
    assert client.get(reverse("checkout:index"))["Location"] == reverse("checkout:shipping-address")
    page = client.get(reverse("checkout:shipping-address"))
    assert "email" not in page.context["form"].fields
    assert 'data-testid="checkout-sign-in"' not in page.content.decode()
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response["Location"] == reverse("checkout:preview")
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert Order.objects.get().user == buyer


def test_without_guest_checkout_a_visitor_signs_in_before_the_address(
    client, kilim, add_to_basket, settings
):
    settings.OSCAR_ALLOW_ANON_CHECKOUT = False
    add_to_basket(kilim)
    response = client.get(reverse("checkout:shipping-address"))
    assert response.status_code == 302 and response["Location"] == reverse("checkout:index")
    assert 'name="username"' in client.get(reverse("checkout:index")).content.decode()
    sneaked = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "email": "x@y.ir"})
    assert sneaked["Location"] == reverse("checkout:index")
    assert client.get(reverse("checkout:preview"))["Location"] == reverse("checkout:index")
