"""Joining as a producer: account and mobile, a code by SMS, the profile, staff's queue."""

import re

import jdatetime
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Category, Province
from sellers import selectors
from sellers.models import Partner
from tests.factories import ProducerFactory, UserFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

JOIN = {
    "name": "گلیم‌بافی مریم",
    "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
    "email": "maryam@example.ir",
    "password1": "Gelim-1403-bafi",
    "password2": "Gelim-1403-bafi",
}


def code_from(sms_outbox):
    digits = re.search(r"[۰-۹0-9]{6}", sms_outbox[-1].text)[0]
    return digits


def profile_data(**changes):
    isfahan = Province.objects.get(code="ISF")
    return {
        "name": "گلیم‌بافی مریم",
        "story": "از کودکی با مادرم گلیم می‌بافم.",
        "province": isfahan.pk,
        "city": isfahan.cities.get(is_capital=True).pk,
        "crafts": [Category.objects.get(code="carpet").get_children().first().pk],
        "national_id": "۰۰۱۳۵۴۲۴۱۹",
        "licence_number": "14030012345",
        "licence_issuer": "اداره کل میراث فرهنگی اصفهان",
        "licence_issued_on": "۱۴۰۳/۰۲/۱۰",
        "licence_expires_on": "۱۴۰۸/۰۲/۱۰",
        "licence_scan": SimpleUploadedFile("licence.jpg", jpeg_bytes(), "image/jpeg"),
        "sheba": "IR06 2960 0000 0010 0324 2000 01",
        "shipping_fee_toman": "۶۰٬۰۰۰",
        "free_shipping_from_toman": "۲٬۰۰۰٬۰۰۰",
        "processing_days": "۳",
        **changes,
    }


def test_a_visitor_joins_confirms_the_mobile_and_sends_the_profile(
    client, reference_data, sms_outbox
):
    response = client.post(reverse("seller:join"), JOIN)
    assert response["Location"] == reverse("seller:join-confirm")
    assert sms_outbox[-1].mobile == "09123456789"
    assert not Partner.objects.exists()

    response = client.post(reverse("seller:join-confirm"), {"code": "000000"})
    assert "این کد درست نیست" in response.content.decode()

    response = client.post(reverse("seller:join-confirm"), {"code": code_from(sms_outbox)})
    assert response["Location"] == reverse("seller:profile")
    producer = Partner.objects.get()
    assert (producer.status, producer.mobile, producer.is_selling) == (
        "applied",
        "09123456789",
        False,
    )
    assert producer.users.get().email == "maryam@example.ir"
    assert producer not in selectors.applications()  # not until the profile is sent

    response = client.post(reverse("seller:profile"), profile_data())
    assert response.status_code == 302, response.context["form"].errors
    producer.refresh_from_db()
    assert producer.national_id == "0013542419"
    assert producer.sheba == "IR062960000000100324200001"
    assert producer.licence_expires_on == jdatetime.date(1408, 2, 10).togregorian()
    assert producer.base_shipping_fee_rials == 600_000
    assert producer.free_shipping_threshold_rials == 20_000_000
    assert producer.licence_scan.name.endswith(".webp")
    assert producer in selectors.applications()


def test_a_signed_in_buyer_becomes_a_producer_with_only_the_mobile(
    client, reference_data, sms_outbox
):
    buyer = UserFactory()
    client.force_login(buyer)
    client.post(reverse("seller:join"), {"name": "قارچ صدف رضا", "mobile": "09351112233"})
    client.post(reverse("seller:join-confirm"), {"code": code_from(sms_outbox)})
    assert Partner.objects.get().users.get() == buyer
    assert client.get(reverse("seller:home")).status_code == 200


def test_a_mobile_of_another_producer_is_refused(client, reference_data, sms_outbox):
    ProducerFactory(mobile="09123456789")
    response = client.post(reverse("seller:join"), JOIN)
    assert "این شماره همراه قبلاً" in response.content.decode()
    assert not sms_outbox


def test_a_code_is_not_sent_twice_in_a_minute(client, reference_data, sms_outbox):
    client.post(reverse("seller:join"), JOIN)
    response = client.post(reverse("seller:join-confirm"), {"resend": "1"})
    assert "ثانیه" in response.content.decode()
    assert len(sms_outbox) == 1


def test_bad_identifiers_get_persian_errors_and_change_nothing(producer_client):
    client, producer = producer_client
    producer.status = "applied"
    producer.licence_number = ""
    producer.save()
    data = profile_data(national_id="1234567890", sheba="IR000000000000000000000000")
    response = client.post(reverse("seller:profile"), data)
    errors = response.context["form"].errors
    assert "national_id" in errors and "sheba" in errors
    producer.refresh_from_db()
    assert producer.licence_number == ""


def test_a_rejected_producer_corrects_the_profile_and_goes_back_to_the_queue(producer_client):
    client, producer = producer_client
    producer.status, producer.status_reason, producer.licence_number = "rejected", "تار", ""
    producer.licence_scan = ""
    producer.save()
    client.post(reverse("seller:profile"), profile_data())
    producer.refresh_from_db()
    assert producer.status == "applied" and producer.status_reason == ""


def test_an_approved_producer_cannot_change_the_checked_licence(producer_client):
    client, producer = producer_client
    before = (producer.licence_number, producer.licence_expires_on)
    data = profile_data(licence_number="99999999", licence_expires_on="۱۴۲۰/۰۱/۰۱")
    response = client.post(reverse("seller:profile"), data)
    assert response.status_code == 302, response.context["form"].errors
    producer.refresh_from_db()
    assert (producer.licence_number, producer.licence_expires_on) == before
    assert producer.story == "از کودکی با مادرم گلیم می‌بافم."


def test_a_producer_cannot_approve_or_verify_themselves_through_the_profile(producer_client):
    client, producer = producer_client
    producer.status, producer.is_selling, producer.licence_verified_at = "applied", False, None
    producer.licence_number = ""
    producer.save()
    data = profile_data(
        status="active", is_selling="on", licence_verified_at="2026-01-01", slug="someone-else"
    )
    assert client.post(reverse("seller:profile"), data).status_code == 302
    producer.refresh_from_db()
    assert (producer.status, producer.is_selling, producer.licence_verified_at) == (
        "applied", False, None
    )  # fmt: skip
    assert producer.slug != "someone-else"


NEW_SHEBA = "IR820540102680020817909002"  # another well-formed Sheba


def test_changing_the_sheba_waits_for_the_code_sent_to_the_producers_mobile(
    producer_client, sms_outbox
):
    client, producer = producer_client
    Partner.objects.filter(pk=producer.pk).update(
        sheba="IR062960000000100324200001", mobile="09121234567"
    )
    response = client.post(reverse("seller:profile"), profile_data(sheba=NEW_SHEBA, story="تازه"))
    assert response["Location"] == reverse("seller:sheba-confirm")
    producer.refresh_from_db()
    assert producer.sheba == "IR062960000000100324200001" and producer.story == "تازه"
    assert [sms.mobile for sms in sms_outbox] == ["09121234567"] * 2
    assert "۹۰۰۲" in sms_outbox[-2].text  # the note names the new account's last digits

    client.post(reverse("seller:sheba-confirm"), {"code": "000000"})
    producer.refresh_from_db()
    assert producer.sheba == "IR062960000000100324200001"
    client.post(reverse("seller:sheba-confirm"), {"code": code_from(sms_outbox)})
    producer.refresh_from_db()
    assert producer.sheba == NEW_SHEBA


def test_the_first_sheba_is_saved_without_a_code(producer_client, sms_outbox):
    client, producer = producer_client
    Partner.objects.filter(pk=producer.pk).update(sheba="", mobile="09121234567")
    client.post(reverse("seller:profile"), profile_data(sheba=NEW_SHEBA))
    producer.refresh_from_db()
    assert producer.sheba == NEW_SHEBA and sms_outbox == []
