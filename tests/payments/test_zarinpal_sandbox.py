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


# -- behaving like Zarinpal (issue 7, item 10): raw v4 JSON over HTTP -----------------------


def post(server, endpoint, **body):
    reply = requests.post(
        f"{server.url}pg/v4/payment/{endpoint}.json",
        json={"merchant_id": sandbox.SANDBOX_MERCHANT_ID, **body},
        timeout=5,
    )
    return reply.status_code, reply.json()


def open_payment(server, **body):
    status, reply = post(
        server, "request", callback_url=CALLBACK, description="سفارش آزمایشی", **body
    )
    assert status == 200 and reply["errors"] == [], reply
    return reply["data"]["authority"]


def test_authorities_are_an_a_and_35_letters_or_digits(zarinpal):
    authorities = {request_payment().authority for _ in range(20)}
    assert len(authorities) == 20
    assert all(sandbox.AUTHORITY_PATTERN.match(a) and len(a) == 36 for a in authorities)


@pytest.mark.parametrize("amount", [1_250_000, "1250000"])
def test_the_amount_may_be_a_number_or_a_numeric_string(zarinpal, amount):
    authority = open_payment(zarinpal, amount=amount)
    click(zarinpal, authority, "pay")
    status, reply = post(zarinpal, "verify", authority=authority, amount=str(amount))
    assert reply["data"]["code"] == 100 and reply["errors"] == []
    assert set(reply["data"]) >= {"code", "message", "ref_id", "card_pan", "card_hash", "fee"}


def test_toman_payments_are_verified_in_toman(zarinpal):
    authority = open_payment(zarinpal, amount=125_000, currency="IRT")
    assert zarinpal.sandbox.payments[authority].amount_rials == 1_250_000
    click(zarinpal, authority, "pay")

    _status, wrong = post(zarinpal, "verify", authority=authority, amount=1_250_000)
    assert wrong == {"data": [], "errors": {
        "code": -50, "message": sandbox.MESSAGES[-50], "validations": {},
    }}  # fmt: skip
    _status, right = post(zarinpal, "verify", authority=authority, amount=125_000)
    assert right["data"]["code"] == 100
    _status, again = post(zarinpal, "verify", authority=authority, amount="125000")
    assert again["data"]["code"] == 101 and again["data"]["ref_id"] == right["data"]["ref_id"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"amount": 9_999}, "amount"),
        ({"amount": 999, "currency": "IRT"}, "amount"),
        ({"amount": "12a"}, "amount"),
        ({"amount": 12.5}, "amount"),
        ({"amount": 50_000, "currency": "USD"}, "currency"),
    ],
)
def test_invalid_requests_answer_code_minus_9_with_validations(zarinpal, body, field):
    status, reply = post(zarinpal, "request", callback_url=CALLBACK, description="سفارش", **body)
    assert status == 400 and reply["data"] == []
    assert reply["errors"]["code"] == -9 and field in reply["errors"]["validations"]
    assert reply["errors"]["message"] == sandbox.MESSAGES[-9]


def test_a_malformed_or_unknown_authority_is_refused(zarinpal):
    _status, malformed = post(zarinpal, "inquiry", authority="A123")
    assert malformed["errors"]["code"] == -9
    _status, unknown = post(zarinpal, "inquiry", authority="A" + "0" * 35)
    assert unknown["errors"]["code"] == -54 and unknown["data"] == []


def test_a_lost_reply_still_did_the_work(zarinpal):
    authority = open_payment(zarinpal, amount=50_000)
    click(zarinpal, authority, "pay")
    zarinpal.sandbox.misbehave("verify", "lose")
    with pytest.raises(requests.ConnectionError):
        post(zarinpal, "verify", authority=authority, amount=50_000)
    assert zarinpal.sandbox.payments[authority].status == "VERIFIED"
