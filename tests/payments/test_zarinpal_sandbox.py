"""Our Zarinpal sandbox, driven through irgateway's client over real HTTP."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from shop.payments.zarinpal import sandbox
from shop.payments.zarinpal.client import (
    GatewayTransportError,
    ZarinpalException,
    make_client,
)

CALLBACK = "http://127.0.0.1:8000/checkout/zarinpal/callback/"


def request_payment(amount_rials=1_250_000):
    return make_client().request(amount_rials, CALLBACK, "سفارش ۱۰۰۰۱ دست‌ساز")


def click(server, authority, button):
    response = requests.post(
        f"{server.url}pg/StartPay/{authority}/{button}", allow_redirects=False, timeout=5
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(CALLBACK)
    return parse_qs(urlsplit(location).query)


def test_request_pay_verify_in_rials(zarinpal):
    payment = request_payment()
    assert payment.amount_rials == 1_250_000
    assert payment.payment_url == f"{zarinpal.url}pg/StartPay/{payment.authority}"

    page = requests.get(payment.payment_url, timeout=5).text
    assert "۱۲۵٬۰۰۰ تومان" in page and 'id="pay"' in page and 'id="cancel"' in page

    assert click(zarinpal, payment.authority, "pay") == {
        "Authority": [payment.authority],
        "Status": ["OK"],
    }
    client = make_client()
    assert client.inquiry(payment.authority).value == "PAID"
    verified = client.verify(payment.authority, 1_250_000, amount_is_rials=True)
    assert verified.code == 100 and verified.ref_id and verified.card_pan.startswith("5022")
    assert client.inquiry(payment.authority).value == "VERIFIED"


def test_second_verify_answers_101_with_the_same_reference(zarinpal):
    payment = request_payment()
    click(zarinpal, payment.authority, "pay")
    first = make_client().verify(payment.authority, 1_250_000, amount_is_rials=True)
    again = make_client().verify(
        payment.authority, 1_250_000, amount_is_rials=True, allow_already_verified=True
    )
    assert again.code == 101 and again.ref_id == first.ref_id


def test_cancel_redirects_with_nok_and_verify_is_refused(zarinpal):
    payment = request_payment()
    assert click(zarinpal, payment.authority, "cancel")["Status"] == ["NOK"]
    with pytest.raises(ZarinpalException) as error:
        make_client().verify(payment.authority, 1_250_000, amount_is_rials=True)
    assert error.value.code == -51


def test_verify_with_another_amount_is_refused(zarinpal):
    payment = request_payment()
    click(zarinpal, payment.authority, "pay")
    with pytest.raises(ZarinpalException) as error:
        make_client().verify(payment.authority, 1_000_000, amount_is_rials=True)
    assert error.value.code == -50
    assert make_client().inquiry(payment.authority).value == "PAID"  # still not verified


def test_unknown_authority(zarinpal):
    with pytest.raises(ZarinpalException) as error:
        make_client().verify("A" + "0" * 35, 1_250_000, amount_is_rials=True)
    assert error.value.code == -54


@pytest.mark.parametrize(
    "merchant, code",
    [("not-a-uuid", -9), ("22222222-2222-2222-2222-222222222222", -10),
     (sandbox.INACTIVE_MERCHANT_ID, -11)],
)  # fmt: skip
def test_merchant_is_checked(zarinpal, settings, merchant, code):
    settings.ZARINPAL_MERCHANT_ID = merchant
    with pytest.raises(ZarinpalException) as error:
        request_payment()
    assert error.value.code == code


def test_amount_below_the_minimum_is_a_validation_error(zarinpal):
    with pytest.raises(ZarinpalException) as error:
        request_payment(amount_rials=5_000)
    assert error.value.code == -9


def test_unverified_lists_paid_but_unverified_payments(zarinpal):
    paid, pending = request_payment(), request_payment(2_000_000)
    click(zarinpal, paid.authority, "pay")
    listed = make_client().unverified().authorities
    assert [t.authority for t in listed] == [paid.authority]
    assert pending.authority not in [t.authority for t in listed]


def test_reverse_only_after_verify(zarinpal):
    payment = request_payment()
    click(zarinpal, payment.authority, "pay")
    assert make_client().reverse(payment.authority) is False  # -63: not verified yet
    make_client().verify(payment.authority, 1_250_000, amount_is_rials=True)
    assert make_client().reverse(payment.authority) is True
    assert make_client().inquiry(payment.authority).value == "REVERSED"


@pytest.mark.parametrize("mode", ["5xx", "drop"])
def test_faults_reach_the_client_as_unknown_outcomes(zarinpal, mode):
    zarinpal.sandbox.misbehave("request", mode)
    with pytest.raises(GatewayTransportError):
        request_payment()
    assert request_payment().authority  # only the next request misbehaved


def test_delay_longer_than_the_timeout_is_a_transport_error(zarinpal):
    zarinpal.sandbox.misbehave("verify", "delay", seconds=3)
    payment = request_payment()
    click(zarinpal, payment.authority, "pay")
    with pytest.raises(GatewayTransportError):
        make_client(timeout=1).verify(payment.authority, 1_250_000, amount_is_rials=True)


def test_misbehaviour_can_be_ordered_over_http(zarinpal):
    reply = requests.post(
        f"{zarinpal.url}__sandbox__/misbehave",
        json={"endpoint": "inquiry", "mode": "5xx", "status": 503},
        timeout=5,
    )
    assert reply.json() == {"ok": True}
    payment = request_payment()
    with pytest.raises(GatewayTransportError):
        make_client().inquiry(payment.authority)
    bad = requests.post(f"{zarinpal.url}__sandbox__/misbehave", json={"mode": "x"}, timeout=5)
    assert bad.status_code == 400
