from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

ADDRESS = {
    "first_name": "مریم",
    "last_name": "احمدی",
    "line1": "خیابان چهارباغ، کوچه ۱۲، پلاک ۳",
    "line4": "اصفهان",
    "state": "اصفهان",
    "postcode": "۸۱۳۴۶۱۲۳۴۵",  # Persian digits, no dash: as buyers type it
    "phone_number": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
}


def walk_to_preview(client, email="buyer@example.ir"):
    """Walk the checkout as a guest up to the preview page (the e-mail goes with the
    address)."""
    response = client.post(reverse("checkout:shipping-address"), {**ADDRESS, "email": email})
    assert response.status_code == 302, response.context and response.context["form"].errors
    client.get(reverse("checkout:shipping-method"))
    client.get(reverse("checkout:payment-method"))


def place_order_as_guest(client, email="buyer@example.ir"):
    """Walk the checkout as a guest and place the order; returns the response."""
    walk_to_preview(client, email)
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def pay_at_sandbox(server, startpay_url, button="pay"):
    """The buyer's click on the sandbox page; returns the callback path with its query."""
    authority = startpay_url.rstrip("/").rsplit("/", 1)[1]
    reply = requests.post(
        f"{server.url}pg/StartPay/{authority}/{button}", allow_redirects=False, timeout=5
    )
    location = urlsplit(reply.headers["Location"])
    return f"{location.path}?{location.query}"


@pytest.fixture
def add_to_basket(client):
    def add(product, quantity=1):
        response = client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
        assert response.status_code == 302

    return add
