import pytest

from shop.checkout.forms import ShippingAddressForm

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "علی",
    "last_name": "رضایی",
    "line1": "خیابان امام، پلاک ۵",
    "line4": "یزد",
    "state": "یزد",
    "postcode": "8915713456",
    "phone_number": "09131234567",
}


def form(**changes):
    return ShippingAddressForm(data={**VALID, **changes})


@pytest.mark.parametrize(
    "postcode", ["8915713456", "۸۹۱۵۷۱۳۴۵۶", "٨٩١٥٧١٣٤٥٦", "89157-13456", "۸۹۱۵۷ ۱۳۴۵۶"]
)
def test_postal_code_accepts_any_digits_and_separators(reference_data, postcode):
    f = form(postcode=postcode)
    assert f.is_valid(), f.errors
    assert f.cleaned_data["postcode"] == "89157-13456"


@pytest.mark.parametrize("postcode", ["12345", "891571345", "89157134567", "abcdefghij", ""])
def test_postal_code_must_have_ten_digits(reference_data, postcode):
    f = form(postcode=postcode)
    assert not f.is_valid()
    assert "postcode" in f.errors


@pytest.mark.parametrize(
    "mobile",
    [
        "09131234567",
        "۰۹۱۳۱۲۳۴۵۶۷",
        "+989131234567",
        "0913 123 4567",
        "00989131234567",
        "9131234567",
    ],
)
def test_mobile_accepts_persian_digits_and_international_form(reference_data, mobile):
    f = form(phone_number=mobile)
    assert f.is_valid(), f.errors
    assert f.cleaned_data["phone_number"].as_e164 == "+989131234567"  # stored so


@pytest.mark.parametrize("mobile", ["02112345678", "0913123456", "091312345678", "phone", ""])
def test_mobile_must_be_an_iranian_mobile(reference_data, mobile):
    f = form(phone_number=mobile)
    assert not f.is_valid()
    assert "phone_number" in f.errors


def test_province_must_be_one_of_iran(reference_data):
    assert "state" in form(state="کالیفرنیا").errors
    assert "line4" in form(line4="").errors


def test_errors_are_in_persian(reference_data):
    errors = form(postcode="123", phone_number="021").errors
    assert errors["postcode"] == ["کد پستی ۱۰ رقم است."]
    assert errors["phone_number"] == ["شماره همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید."]
