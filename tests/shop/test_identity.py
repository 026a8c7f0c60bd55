"""Mobile, national id, Sheba and Jalali dates as people type them, and what is stored."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from shop.persian.forms import JalaliDateField, MobileField, NationalIdField, ShebaField
from shop.persian.identity import (
    national_id_check_digit,
    normalise_mobile,
    normalise_national_id,
    normalise_sheba,
    sheba_check_digits,
    validate_mobile,
    validate_national_id,
    validate_sheba,
)

VALID_SHEBA = "IR" + sheba_check_digits("0170000000110000000001") + "0170000000110000000001"


@pytest.mark.parametrize(
    "typed",
    ["09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "0912 123 4567", "+989121234567", "00989121234567",
     "989121234567", "9121234567", "٠٩١٢-١٢٣-٤٥٦٧"],
)  # fmt: skip
def test_mobile_numbers_are_stored_as_09_and_nine_digits(typed):
    assert normalise_mobile(typed) == "09121234567"


@pytest.mark.parametrize("typed", ["", "0912123456", "08121234567", "0912123456789", "abc"])
def test_a_bad_mobile_number_gets_a_persian_message(typed):
    with pytest.raises(ValidationError) as error:
        normalise_mobile(typed)
    assert "شماره همراه" in str(error.value.messages[0])


def test_a_known_national_id_is_valid_with_persian_digits_and_padding():
    assert normalise_national_id("۰۰۱۳۵۴۲۴۱۹") == "0013542419"
    assert normalise_national_id("13542419") == "0013542419"


@pytest.mark.parametrize("typed", ["1111111111", "0013542418", "12345", "abcdefghij"])
def test_bad_national_ids_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_national_id(typed)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_computed_check_digit_validates_and_any_other_does_not(body):
    check = national_id_check_digit(body)
    code = body + str(check)
    if len(set(code)) == 1:
        return  # all-same ids are refused whatever their check digit
    assert normalise_national_id(code) == code
    for wrong in set(range(10)) - {check}:
        with pytest.raises(ValidationError):
            normalise_national_id(body + str(wrong))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 8), st.integers(1, 9))
def test_a_changed_body_digit_is_caught_unless_remainders_1_and_10_meet(body, position, step):
    """The national id's known blind spot: remainders 1 and 10 both give check digit 1, so a
    change that moves the weighted sum between them passes; every other change is caught."""
    code = body + str(national_id_check_digit(body))
    changed = body[:position] + str((int(body[position]) + step) % 10) + body[position + 1 :]
    remainders = {
        sum(int(d) * (10 - i) for i, d in enumerate(nine)) % 11 for nine in (body, changed)
    }
    forged = changed + code[9]
    if remainders == {1, 10} and len(set(forged)) > 1:
        assert normalise_national_id(forged) == forged
    else:
        with pytest.raises(ValidationError):
            normalise_national_id(forged)


@given(st.text(alphabet="0123456789", min_size=22, max_size=22), st.integers(0, 23))
def test_sheba_check_digits_catch_any_single_changed_digit(bban, position):
    sheba = "IR" + sheba_check_digits(bban) + bban
    assert normalise_sheba(sheba.lower()) == sheba
    digits = sheba[2:]
    changed = digits[:position] + str((int(digits[position]) + 1) % 10) + digits[position + 1 :]
    with pytest.raises(ValidationError):
        normalise_sheba("IR" + changed)


def test_a_real_shaped_sheba_with_spaces_and_persian_digits():
    bban = "0170000000110000000001"
    typed = "IR" + " ".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in sheba_check_digits(bban) + bban)
    assert normalise_sheba(typed) == "IR" + sheba_check_digits(bban) + bban


def test_a_bad_national_id_and_sheba_get_persian_messages():
    with pytest.raises(ValidationError) as national_id:
        normalise_national_id("0013542418")
    with pytest.raises(ValidationError) as sheba:
        normalise_sheba("IR00 0170 0000 0011 0000 0000 01")
    assert national_id.value.messages == ["این کد ملی درست نیست."]
    assert "شبا" in sheba.value.messages[0]


# Validators for model fields: the stored form only


@pytest.mark.parametrize(
    "validator, stored",
    [
        (validate_mobile, "09121234567"),
        (validate_national_id, "0013542419"),
        (validate_sheba, VALID_SHEBA),
    ],
)
def test_model_validators_accept_the_stored_form(validator, stored):
    validator(stored)


@pytest.mark.parametrize(
    "validator, typed",
    [
        (validate_mobile, "+989121234567"),
        (validate_mobile, "۰۹۱۲۱۲۳۴۵۶۷"),
        (validate_mobile, "0912123456"),
        (validate_national_id, "13542419"),
        (validate_national_id, "۰۰۱۳۵۴۲۴۱۹"),
        (validate_national_id, "0013542418"),
        (validate_sheba, VALID_SHEBA.lower()),
        (validate_sheba, VALID_SHEBA[:6] + " " + VALID_SHEBA[6:]),
        (validate_sheba, VALID_SHEBA[:-1] + "9"),
    ],
)
def test_model_validators_refuse_anything_but_the_stored_form(validator, typed):
    with pytest.raises(ValidationError):
        validator(typed)


def test_a_model_field_runs_the_validator():
    from django.db import models

    field = models.CharField(max_length=11, validators=[validate_mobile])
    field.run_validators("09121234567")
    with pytest.raises(ValidationError) as error:
        field.run_validators("0912")
    assert error.value.messages == ["شماره همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید."]


# Form fields


class ProducerForm(forms.Form):
    mobile = MobileField()
    national_id = NationalIdField()
    sheba = ShebaField(required=False)
    licence_expires_on = JalaliDateField(required=False)


def test_a_form_cleans_what_people_type_to_the_stored_forms():
    form = ProducerForm(
        data={
            "mobile": "+98 912 123 4567",
            "national_id": "۱۳۵۴۲۴۱۹",
            "sheba": "ir" + VALID_SHEBA[2:],
            "licence_expires_on": "۱۴۰۵/۰۳/۱۵",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "mobile": "09121234567",
        "national_id": "0013542419",
        "sheba": VALID_SHEBA,
        "licence_expires_on": datetime.date(2026, 6, 5),
    }


def test_a_form_shows_stored_values_in_persian_digits_and_jalali():
    form = ProducerForm(
        initial={
            "mobile": "09121234567",
            "national_id": "0013542419",
            "licence_expires_on": datetime.date(2026, 6, 5),
        }
    )
    html = form.as_div()
    assert 'value="۰۹۱۲۱۲۳۴۵۶۷"' in html
    assert 'value="۰۰۱۳۵۴۲۴۱۹"' in html
    assert 'value="۱۴۰۵/۰۳/۱۵"' in html
    assert 'inputmode="tel"' in html and 'dir="ltr"' in html


def test_a_form_with_mistakes_says_so_in_persian_and_keeps_what_was_typed():
    form = ProducerForm(
        data={"mobile": "0912", "national_id": "1111111111", "licence_expires_on": "1404/12/30"}
    )
    assert not form.is_valid()
    assert form.errors["mobile"] == ["شماره همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید."]
    assert form.errors["national_id"] == ["این کد ملی درست نیست."]
    assert form.errors["licence_expires_on"] == ["اسفند ۱۴۰۴ روز ۳۰ ندارد."]
    assert 'value="1404/12/30"' in str(form["licence_expires_on"])


@pytest.mark.parametrize(
    "typed, day",
    [
        ("۱۴۰۵/۰۳/۱۵", datetime.date(2026, 6, 5)),
        ("1405-3-15", datetime.date(2026, 6, 5)),
        ("١٤٠٥/٣/١٥", datetime.date(2026, 6, 5)),
        (" 1405 / 03 / 15 ", datetime.date(2026, 6, 5)),
        ("1405.1.1", datetime.date(2026, 3, 21)),
        ("1403/12/30", datetime.date(2025, 3, 20)),  # 1403 is a leap year
    ],
)
def test_jalali_dates_in_any_digits_become_gregorian_dates(typed, day):
    assert JalaliDateField().clean(typed) == day


@pytest.mark.parametrize(
    "typed, message",
    [
        ("1404/12/30", "اسفند ۱۴۰۴ روز ۳۰ ندارد."),  # 1404 is not a leap year
        ("1405/12/31", "اسفند ۱۴۰۵ روز ۳۱ ندارد."),
        ("1405/07/31", "مهر ۱۴۰۵ روز ۳۱ ندارد."),
        ("1405/06/00", "شهریور ۱۴۰۵ روز ۰ ندارد."),
        ("1405/13/01", "تاریخ را به شکل ۱۴۰۵/۰۳/۱۵ (سال/ماه/روز) وارد کنید."),
        ("15/03/1405", "تاریخ را به شکل ۱۴۰۵/۰۳/۱۵ (سال/ماه/روز) وارد کنید."),
        ("فردا", "تاریخ را به شکل ۱۴۰۵/۰۳/۱۵ (سال/ماه/روز) وارد کنید."),
        ("2026-06-05", "تاریخ را به تقویم خورشیدی وارد کنید، مانند ۱۴۰۵/۰۳/۱۵."),
    ],
)
def test_impossible_jalali_dates_are_refused_in_persian(typed, message):
    with pytest.raises(ValidationError) as error:
        JalaliDateField().clean(typed)
    assert error.value.messages == [message]


def test_an_empty_optional_jalali_date_is_none_and_a_required_one_is_asked_for():
    assert JalaliDateField(required=False).clean("") is None
    with pytest.raises(ValidationError):
        JalaliDateField().clean("")
