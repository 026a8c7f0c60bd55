"""Producer states and the licence: what staff decide, what expires, what the public sees."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from search.models import ProductDocument
from sellers import producers
from sellers.exceptions import ProducerStateError
from sellers.models import Partner
from sellers.strategy import Selector
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db
Status = Partner.Status
TODAY = timezone.localdate


def applicant(**fields):
    user = UserFactory(email="maker@example.com")
    producer = ProducerFactory(
        status=Status.APPLIED,
        is_selling=False,
        licence_verified_at=None,
        mobile="09121234567",
        **fields,
    )
    producer.users.add(user)
    return producer


def listed(product):
    return ProductDocument.objects.filter(product=product).exists()


def commit(django_capture_on_commit_callbacks, action, *args, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return action(*args, **kwargs)


def test_an_applicants_products_are_hidden_until_staff_approve(
    reference_data, client, django_capture_on_commit_callbacks, sms_outbox
):
    producer = applicant()
    product = make_product(producer=producer, with_image=False)
    assert not listed(product)
    assert client.get(product.get_absolute_url()).status_code == 404

    producer = commit(django_capture_on_commit_callbacks, producers.approve, producer)
    assert producer.status == Status.NEWCOMER and producer.is_selling
    assert producer.licence_verified_at is not None
    assert listed(product)
    assert client.get(product.get_absolute_url()).status_code == 200
    assert mail.outbox[-1].to == ["maker@example.com"]
    assert "/seller/" in mail.outbox[-1].body
    assert [m.mobile for m in sms_outbox] == ["09121234567"]
    assert sms_outbox[0].text == mail.outbox[-1].body


def test_rejection_needs_a_reason_and_tells_the_producer(
    reference_data, django_capture_on_commit_callbacks
):
    producer = applicant()
    with pytest.raises(ProducerStateError) as error:
        producers.reject(producer, "  ")
    assert error.value.needs_reason
    producer = commit(
        django_capture_on_commit_callbacks, producers.reject, producer, "تصویر مجوز خوانا نیست."
    )
    assert producer.status == Status.REJECTED and not producer.is_selling
    assert "تصویر مجوز خوانا نیست." in mail.outbox[-1].body


def test_a_rejected_producer_cannot_be_suspended_and_an_applicant_cannot_be_rejected_twice(
    reference_data,
):
    producer = producers.reject(applicant(), "ناقص")
    with pytest.raises(ProducerStateError):
        producers.suspend(producer, "تخلف")
    with pytest.raises(ProducerStateError):
        producers.reject(producer, "دوباره")


def test_suspension_hides_products_from_buyers_but_not_from_the_producer_or_staff(
    reference_data, client, django_capture_on_commit_callbacks
):
    owner = UserFactory()
    producer = ProducerFactory()
    producer.users.add(owner)
    product = make_product(producer=producer, with_image=False)
    commit(django_capture_on_commit_callbacks, producers.suspend, producer, "شکایت خریداران")

    assert not listed(product)
    assert client.get(product.get_absolute_url()).status_code == 404
    info = Selector().strategy().fetch_for_product(product)
    assert not info.availability.is_available_to_buy
    client.force_login(owner)
    assert client.get(product.get_absolute_url()).status_code == 200
    client.force_login(UserFactory(is_staff=True))
    assert client.get(product.get_absolute_url()).status_code == 200


def test_an_expired_licence_hides_listings_and_a_renewal_brings_them_back(
    reference_data, django_capture_on_commit_callbacks
):
    producer = ProducerFactory(licence_expires_on=TODAY() + datetime.timedelta(days=2))
    product = make_product(producer=producer, with_image=False)

    assert commit(django_capture_on_commit_callbacks, producers.hide_expired_licences) == 0
    later = TODAY() + datetime.timedelta(days=3)
    hidden = commit(django_capture_on_commit_callbacks, producers.hide_expired_licences, later)
    assert hidden == 1 and not listed(product)
    producer.refresh_from_db()
    assert not producer.is_selling and producer.status == Status.ACTIVE

    commit(
        django_capture_on_commit_callbacks,
        producers.record_licence,
        producer,
        number="1404000777",
        issuer="سامانه مجوزهای کسب‌وکار",
        issued_on=TODAY(),
        expires_on=TODAY() + datetime.timedelta(days=3 * 365),
    )
    producer.refresh_from_db()
    assert producer.is_selling and producer.licence_number == "1404000777"
    assert listed(product)


def test_reminders_go_thirty_and_seven_days_before_expiry_once_each(
    reference_data, django_capture_on_commit_callbacks
):
    producer = ProducerFactory(licence_expires_on=TODAY() + datetime.timedelta(days=40))
    producer.users.add(UserFactory(email="p@example.com"))

    def remind(days_before_expiry):
        day = producer.licence_expires_on - datetime.timedelta(days=days_before_expiry)
        return commit(django_capture_on_commit_callbacks, producers.send_licence_reminders, day)

    assert remind(31) == 0
    assert remind(30) == 1 and remind(29) == 0
    assert remind(7) == 1 and remind(6) == 0 and remind(1) == 0
    bodies = [m.body for m in mail.outbox if m.to == ["p@example.com"]]
    assert len(bodies) == 2 and "۳۰" in bodies[0] and "۷" in bodies[1]


def test_a_licence_expiring_within_a_week_gets_one_reminder_not_two(
    reference_data, django_capture_on_commit_callbacks
):
    ProducerFactory(licence_expires_on=TODAY() + datetime.timedelta(days=5))
    sent = commit(django_capture_on_commit_callbacks, producers.send_licence_reminders)
    assert sent == 1


def test_producers_not_approved_get_no_reminders(reference_data):
    applicant(licence_expires_on=TODAY() + datetime.timedelta(days=10))
    assert producers.send_licence_reminders() == 0
