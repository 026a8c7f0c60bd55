"""The guest's basket named by the signed basket cookie (shop/basket/middleware.py): only an
open basket of no account is loaded; any other cookie is deleted and the guest starts a new
basket."""

import pytest
from django.conf import settings
from django.core.signing import Signer
from django.test import Client
from django.urls import reverse

from shop.basket.models import Basket
from tests.factories import UserFactory, make_product

pytestmark = pytest.mark.django_db
COOKIE = settings.OSCAR_BASKET_COOKIE_OPEN


def basket_page(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response


def test_a_guest_gets_their_basket_back_from_the_cookie(reference_data):
    client = Client()
    product = make_product(title="گبه قشقایی")
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 2})
    basket = Basket.open.get()
    page = basket_page(client)
    assert page.context["basket"].pk == basket.pk and "گبه قشقایی" in page.content.decode()
    assert [line.quantity for line in page.context["basket"].all_lines()] == [2]


OTHERS = ["not-signed", "the basket of an account", "a frozen one", "a number that names none",
          "signed, not a number"]  # fmt: skip


@pytest.mark.parametrize("cookie", OTHERS)
def test_any_other_cookie_is_deleted_and_loads_no_basket(reference_data, cookie):
    owned = Basket.objects.create(owner=UserFactory())
    frozen = Basket.objects.create(status=Basket.FROZEN)
    value = {
        "not-signed": f"{frozen.pk}:forged",
        "the basket of an account": Signer().sign(owned.pk),
        "a frozen one": Signer().sign(frozen.pk),
        "a number that names none": Signer().sign(10**9),
        "signed, not a number": Signer().sign("x"),
    }[cookie]
    client = Client()
    client.cookies[COOKIE] = value
    page = basket_page(client)
    assert page.context["basket"].pk is None  # a new, empty basket
    assert page.cookies[COOKIE].value == "" and page.cookies[COOKIE]["max-age"] == 0
