"""Support companies (طرح پشتیبان): producers grant rights one by one and take them back; a
company's member works only within them, every action recorded; a company onboards a
producer who confirms by a code on their mobile."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sellers.models import Partner, Right, StockRecord, SupportAction, SupportCompany, SupportMember
from sellers.money import ledger
from sellers.support import services
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(reference_data):
    return SupportCompany.objects.create(name="تعاونی گلیم فارس", registration_number="10100000001")


@pytest.fixture
def member_client(company):
    user = UserFactory(first_name="رضا", last_name="کریمی")
    SupportMember.objects.create(company=company, user=user)
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def weaver(reference_data):
    producer = ProducerFactory(name="گلیم‌بافی زهرا")
    producer.users.add(UserFactory())
    gelim = make_product(producer=producer, title="گلیم شیرازی", stock=4, with_image=False)
    return producer, gelim


def act_for(client, producer):
    return client.post(reverse("seller:company-act", args=[producer.pk]))


def test_a_member_works_only_within_what_the_producer_granted(member_client, company, weaver):
    client, user = member_client
    producer, gelim = weaver
    services.grant(producer, company, [Right.LISTINGS], producer.users.first())

    assert act_for(client, producer).status_code == 302
    assert client.get(reverse("seller:listings")).status_code == 200
    for name in ("seller:fulfilments", "seller:statement", "seller:statement-csv"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "دسترسی به این بخش" in response.content.decode()
    # Never the producer's own pages: profile (Sheba) and the grants themselves.
    for name in ("seller:profile", "seller:support", "seller:sheba-confirm"):
        assert client.get(reverse(name)).status_code == 403
    response = client.post(
        reverse("seller:support"), {"company": company.pk, "rights": ["statements"]}
    )
    assert response.status_code == 403
    assert not company.grants.filter(right="statements").exists()


def test_every_action_a_member_takes_is_recorded_with_who_did_it(member_client, company, weaver):
    client, user = member_client
    producer, gelim = weaver
    services.grant(producer, company, [Right.LISTINGS], producer.users.first())
    act_for(client, producer)
    response = client.post(
        reverse("seller:quick-edit", args=[gelim.pk]),
        {f"p{gelim.pk}-price_toman": "۲۵۰۰۰۰۰", f"p{gelim.pk}-stock": "۷"},
    )
    assert response.status_code == 302
    assert StockRecord.objects.get(product=gelim).num_in_stock == 7
    action = SupportAction.objects.get()
    assert (action.company, action.user, action.producer) == (company, user, producer)
    assert action.action == "quick-edit" and action.object_id == str(gelim.pk)
    # The producer reads it in their own panel; the company in its history.
    owner = Client()
    owner.force_login(producer.users.first())
    assert "قیمت یا موجودی را تغییر داد" in owner.get(reverse("seller:support")).content.decode()
    assert "رضا کریمی" in client.get(reverse("seller:company-log")).content.decode()


def test_a_revoked_grant_stops_access_on_the_next_request(member_client, company, weaver):
    client, _ = member_client
    producer, gelim = weaver
    owner = producer.users.first()
    services.grant(producer, company, [Right.LISTINGS, Right.FULFILMENTS], owner)
    act_for(client, producer)
    assert client.get(reverse("seller:fulfilments")).status_code == 200

    owner_client = Client()
    owner_client.force_login(owner)
    owner_client.post(reverse("seller:support-revoke", args=[company.pk]), {"right": "fulfilments"})
    assert client.get(reverse("seller:fulfilments")).status_code == 403
    assert client.get(reverse("seller:listings")).status_code == 200

    owner_client.post(reverse("seller:support-revoke", args=[company.pk]), {"right": "all"})
    response = client.get(reverse("seller:listings"))
    assert response.status_code == 302 and response["Location"] == reverse("seller:company")
    response = client.post(reverse("seller:quick-edit", args=[gelim.pk]), {})
    assert response.status_code == 302 and not SupportAction.objects.exists()
    assert company.grants.filter(revoked_at__isnull=False).count() == 2  # history kept


def test_a_company_cannot_act_for_a_producer_who_granted_another_company(
    member_client, company, weaver
):
    client, _ = member_client
    producer, gelim = weaver
    other = SupportCompany.objects.create(name="شرکت دیگر")
    services.grant(producer, other, list(Right.values), producer.users.first())
    assert act_for(client, producer).status_code == 404
    session = client.session
    session["seller_acting_for"] = producer.pk  # a forged session value changes nothing
    session.save()
    assert client.get(reverse("seller:listings")).status_code == 302
    assert client.get(reverse("seller:edit", args=[gelim.pk])).status_code == 302


def test_objects_of_a_producer_the_company_does_not_work_on_are_404(member_client, company, weaver):
    client, _ = member_client
    producer, _gelim = weaver
    stranger = ProducerFactory()
    theirs = make_product(producer=stranger, stock=2, with_image=False)
    services.grant(producer, company, list(Right.values), producer.users.first())
    act_for(client, producer)
    assert client.get(reverse("seller:edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("seller:hide", args=[theirs.pk])).status_code == 404


def test_the_company_page_shows_each_figure_only_where_granted(member_client, company, weaver):
    client, _ = member_client
    producer, _ = weaver
    staff = UserFactory(is_staff=True)
    ledger.book_adjustment(producer, 4_440_000, "", staff)
    second = ProducerFactory(name="قارچ خانگی مینا")
    ledger.book_adjustment(second, 9_990_000, "", staff)
    services.grant(producer, company, [Right.STATEMENTS], staff)
    services.grant(second, company, [Right.LISTINGS], staff)
    page = client.get(reverse("seller:company")).content.decode()
    assert "گلیم‌بافی زهرا" in page and "قارچ خانگی مینا" in page
    assert "۴۴۴٬۰۰۰ تومان" in page and "۹۹۹٬۰۰۰" not in page
    assert "ProducerFactory" not in page and "کارگاه شماره" not in page  # no one else


def test_a_company_onboards_a_producer_who_confirms_with_the_code(
    member_client, company, sms_outbox, django_capture_on_commit_callbacks
):
    client, user = member_client
    response = client.post(
        reverse("seller:company-onboard"),
        {
            "name": "عسل کوهستان",
            "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
            "email": "asal@example.ir",
            "rights": ["listings", "fulfilments"],
        },
    )
    assert response.status_code == 302
    assert [sms.mobile for sms in sms_outbox] == ["09123456789"] * 2
    consent = sms_outbox[-2].text  # its own message: a provider's code template has no room
    assert "تعاونی گلیم فارس" in consent and "سفارش‌ها و ارسال" in consent
    page = client.get(response["Location"]).content.decode()
    assert "محصولات و موجودی" in page and "صورت‌حساب" not in page
    wrong = client.post(reverse("seller:company-onboard-confirm"), {"code": "000000"})
    assert "این کد درست نیست" in wrong.content.decode()
    assert not Partner.objects.filter(mobile="09123456789").exists()

    code = re.search(r"[۰-۹0-9]{6}", sms_outbox[-1].text)[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("seller:company-onboard-confirm"), {"code": code})
    producer = Partner.objects.get(mobile="09123456789")
    assert producer.status == "applied" and producer.name == "عسل کوهستان"
    account = producer.users.get()
    assert account.email == "asal@example.ir" and not account.has_usable_password()
    assert set(company.grants.filter(producer=producer).values_list("right", flat=True)) == {
        "listings",
        "fulfilments",
    }
    # The password link goes to the mobile that gave the code, never to the typed email.
    assert "/password-reset/confirm/" in sms_outbox[-1].text
    assert "تعاونی گلیم فارس" in sms_outbox[-1].text
    assert "/password-reset/" not in mail.outbox[-1].body
    assert act_for(client, producer).status_code == 302
    assert client.get(reverse("seller:listings")).status_code == 200


def test_onboarding_refuses_a_mobile_that_already_has_a_producer(member_client, weaver):
    client, _ = member_client
    producer, _ = weaver
    Partner.objects.filter(pk=producer.pk).update(mobile="09121112233")
    response = client.post(
        reverse("seller:company-onboard"),
        {"name": "x", "mobile": "09121112233", "email": "x@example.ir", "rights": ["listings"]},
    )
    assert response.status_code == 200
    assert "پنل خودش" in response.content.decode()


def test_company_pages_are_for_members_only(client, company, weaver):
    producer, _ = weaver
    names = ["seller:company", "seller:company-log", "seller:company-onboard"]
    for name in names:
        assert client.get(reverse(name)).status_code == 302  # to log in
    client.force_login(producer.users.first())  # a producer is not a member
    for name in names:
        assert client.get(reverse(name)).status_code == 403
    assert act_for(client, producer).status_code == 403


def test_a_producer_cannot_take_back_another_producers_grant(company, weaver, other_producer):
    producer, _ = weaver
    services.grant(producer, company, [Right.LISTINGS], producer.users.first())
    client = Client()
    client.force_login(other_producer.users.first())
    client.post(reverse("seller:support-revoke", args=[company.pk]), {"right": "all"})
    assert company.grants.get(producer=producer).revoked_at is None


def test_an_inactive_company_loses_access_at_once(member_client, company, weaver):
    client, _ = member_client
    producer, _ = weaver
    services.grant(producer, company, [Right.LISTINGS], producer.users.first())
    act_for(client, producer)
    SupportCompany.objects.filter(pk=company.pk).update(is_active=False)
    assert client.get(reverse("seller:listings")).status_code == 403
    assert client.get(reverse("seller:company")).status_code == 403


def test_onboarding_never_takes_over_an_existing_account(member_client, sms_outbox):
    client, member = member_client
    data = {"name": "x", "mobile": "09125556677", "email": member.email, "rights": ["listings"]}
    client.post(reverse("seller:company-onboard"), data)
    code = re.search(r"[۰-۹0-9]{6}", sms_outbox[-1].text)[0]
    response = client.post(reverse("seller:company-onboard-confirm"), {"code": code})
    assert response.status_code == 302
    assert not Partner.objects.filter(mobile="09125556677").exists()
    assert not member.partners.exists()


def test_a_refused_step_is_not_recorded_as_done(member_client, company, weaver, reference_data):
    from .conftest import place_paid_order

    client, _ = member_client
    producer, gelim = weaver
    services.grant(producer, company, [Right.FULFILMENTS], producer.users.first())
    fulfilment = place_paid_order([(gelim, 1)], producer.users.first()).fulfilments.get()
    act_for(client, producer)
    response = client.post(reverse("seller:deliver", args=[fulfilment.pk]))  # not shipped yet
    assert response.status_code == 302
    assert not SupportAction.objects.exists()
    client.post(reverse("seller:accept", args=[fulfilment.pk]))
    assert list(SupportAction.objects.values_list("action", flat=True)) == ["accept"]


def test_a_member_never_sees_the_producers_sheba(member_client, company, weaver):
    from sellers.money import payouts

    from .conftest import SHEBA

    client, _ = member_client
    producer, _ = weaver
    staff = UserFactory(is_staff=True)
    Partner.objects.filter(pk=producer.pk).update(sheba=SHEBA)
    ledger.book_adjustment(producer, 5_000_000, "", staff)
    payouts.mark_paid(payouts.create_batch(staff, threshold_rials=1), staff)
    services.grant(producer, company, [Right.STATEMENTS], producer.users.first())
    act_for(client, producer)
    page = client.get(reverse("seller:statement")).content.decode()
    assert "DSZ-" in page and SHEBA not in page


def test_an_import_a_member_started_stops_when_the_grant_is_taken_back(
    member_client, company, weaver
):

    from django.core.files.uploadedfile import SimpleUploadedFile

    from sellers.imports import run_import, start_import

    _client, member = member_client
    producer, _ = weaver
    services.grant(producer, company, [Right.LISTINGS], producer.users.first())
    rows = "گروه,رشته,نام محصول,قیمت (تومان),موجودی\nصنایع دستی,خاتم,جعبه,۱۰۰۰۰۰,۲\n"
    upload = SimpleUploadedFile("p.csv", rows.encode(), "text/csv")
    job = start_import(producer, upload, member)
    services.revoke(producer, company, [Right.LISTINGS], producer.users.first())
    job = run_import(job.pk)
    assert job.status == "failed" and "پس گرفته" in job.failure
    assert job.created_count == 0


def test_a_producer_cannot_give_access_to_an_inactive_company(company, weaver):
    producer, _ = weaver
    SupportCompany.objects.filter(pk=company.pk).update(is_active=False)
    client = Client()
    client.force_login(producer.users.first())
    response = client.post(
        reverse("seller:support"), {"company": company.pk, "rights": ["listings"]}
    )
    assert response.status_code == 200 and response.context["form"].errors["company"]
    assert not company.grants.exists()
