"""A NUL byte anywhere in a request is a 400, for our URLs and Oscar's (issue 7, item 6)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PATHS = [
    "/checkout/pay/%00/",
    "/checkout/pay/1000%0001/",
    "/checkout/zarinpal/callback/?Authority=A%00&Status=OK",
    "/search/suggest/?q=%00",
    "/search/?q=%D9%81%D8%B1%D8%B4%00",
    "/accounts/wishlists/%00/",
    "/accounts/wishlists/?key=%00",
    "/accounts/alerts/confirm/%00/",
    "/accounts/orders/%00/",
    "/accounts/orders/?order_number=%00",
    "/dashboard/orders/?order_number=%00",
    "/dashboard/%00/",
    "/catalogue/%00/",
    "/catalogue/?sort_by=%00",
    "/basket/?voucher=%00",
    "/%00",
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_a_nul_byte_in_the_path_or_query_is_a_bad_request(path, who, admin_client):
    client = admin_client if who == "staff" else Client()
    response = client.get(path)
    assert response.status_code == 400
    assert "نویسه" in response.content.decode()


@pytest.mark.parametrize(
    "path, form",
    [
        ("/accounts/login/", {"login-username": "a\x00@example.ir", "login-password": "x",
                              "login_submit": "1"}),
        ("/accounts/login/", {"registration-email": "b\x00@example.ir",
                              "registration-password1": "x\x00yz12345678",
                              "registration-password2": "x\x00yz12345678",
                              "registration_submit": "1"}),
        ("/checkout/pay/100001/", {"x": "\x00"}),
    ],
)  # fmt: skip
@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_nul_byte_in_a_form_field_is_a_bad_request(path, form, encoding):
    if encoding == "urlencoded":
        from urllib.parse import urlencode

        response = Client().post(path, urlencode(form), "application/x-www-form-urlencoded")
    else:
        response = Client().post(path, form)
    assert response.status_code == 400


def test_ordinary_requests_still_pass(client, reference_data):
    assert client.get("/search/?q=%D9%81%D8%B1%D8%B4").status_code == 200
    assert client.get("/catalogue/").status_code == 200
