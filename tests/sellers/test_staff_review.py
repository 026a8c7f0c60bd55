"""Staff review producer applications in the dashboard; nobody else reaches these pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sellers.models import Partner
from tests.factories import ProducerFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Partner.Status


@pytest.fixture
def applicant(reference_data):
    producer = ProducerFactory(
        name="کارگاه نمد سارا",
        status=Status.APPLIED,
        is_selling=False,
        licence_verified_at=None,
        licence_scan=SimpleUploadedFile("scan.png", b"\x89PNG scan bytes", "image/png"),
    )
    producer.users.add(UserFactory(email="sara@example.ir"))
    return producer


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def urls(producer):
    return [
        reverse("producer-applications"),
        reverse("producer-review", args=[producer.pk]),
        reverse("producer-licence-scan", args=[producer.pk]),
    ]


def test_the_queue_lists_applicants_for_staff(staff_client, applicant):
    ProducerFactory(name="کارگاه فعال")
    html = staff_client.get(reverse("producer-applications")).content.decode()
    assert "کارگاه نمد سارا" in html and "کارگاه فعال" not in html
    html = staff_client.get(reverse("producer-review", args=[applicant.pk])).content.decode()
    assert (
        "sara@example.ir" in html and reverse("producer-licence-scan", args=[applicant.pk]) in html
    )


def test_staff_approve_from_the_review_page(
    staff_client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("producer-decide", args=[applicant.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Status.NEWCOMER and applicant.is_selling


def test_rejecting_without_a_reason_is_refused_with_a_persian_message(staff_client, applicant):
    response = staff_client.post(
        reverse("producer-decide", args=[applicant.pk]), {"decision": "reject"}, follow=True
    )
    applicant.refresh_from_db()
    assert applicant.status == Status.APPLIED
    assert "دلیل را بنویسید" in response.content.decode()


def test_the_licence_scan_is_not_public_media(staff_client, applicant, settings):
    assert not applicant.licence_scan.path.startswith(str(settings.MEDIA_ROOT))
    response = staff_client.get(reverse("producer-licence-scan", args=[applicant.pk]))
    assert b"".join(response.streaming_content) == b"\x89PNG scan bytes"


@pytest.mark.parametrize("who", ["anonymous", "buyer", "producer"])
def test_only_staff_reach_the_review_pages(client, applicant, who):
    if who == "buyer":
        client.force_login(UserFactory())
    elif who == "producer":
        client.force_login(applicant.users.get())
    for url in urls(applicant):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    response = client.post(reverse("producer-decide", args=[applicant.pk]), {"decision": "approve"})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Status.APPLIED
