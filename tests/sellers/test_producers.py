import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from catalog.models import Province
from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db


def test_producer_is_an_oscar_partner_with_province_city_and_licence(reference_data):
    producer = ProducerFactory(licence_number="1403000123", story="از ۱۰ سال پیش گلیم می‌بافم.")
    producer.full_clean()
    assert producer.province.code == "ISF"
    assert producer.city.is_capital


@pytest.mark.parametrize("bad", ["12-34", "abc123", "123"])
def test_licence_number_must_be_digits(reference_data, bad):
    producer = ProducerFactory.build(licence_number=bad)
    with pytest.raises(ValidationError) as error:
        producer.full_clean()
    assert "licence_number" in error.value.message_dict


def test_city_must_be_in_the_producers_province(reference_data):
    tehran = Province.objects.get(code="THR")
    producer = ProducerFactory.build(province=tehran)  # city defaults to Isfahan's capital
    producer.city = Province.objects.get(code="ISF").cities.get()
    with pytest.raises(ValidationError) as error:
        producer.full_clean()
    assert "city" in error.value.message_dict


def test_two_producers_cannot_share_a_licence_number(reference_data):
    ProducerFactory(licence_number="1403999999")
    with pytest.raises(IntegrityError):
        ProducerFactory(licence_number="1403999999")
