"""Mobile, national id and Sheba as people type them, and what is stored."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from shop.persian.identity import (
    national_id_check_digit,
    normalise_mobile,
    normalise_national_id,
    normalise_sheba,
    sheba_check_digits,
)


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
