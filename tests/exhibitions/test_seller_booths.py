"""The booth pages of the seller panel: applying, following an application, and every path
another producer, a stranger or a support company must not take."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from exhibitions import services
from exhibitions.models import Exhibition
from tests.factories import ExhibitionFactory, ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(fair, producer_client, organizer_client):
    _client, producer = producer_client
    application = services.apply(fair, producer, preferred_kind="corner")
    return services.accept(application, fair.booths.get(code="A1"), organizer_client[0].user)


def test_the_exhibitions_page_lists_open_fairs_and_the_producers_applications(
    fair, producer_client, django_assert_max_num_queries
):
    client, producer = producer_client
    ExhibitionFactory(status="draft", title="پیش‌نویس")
    mine = services.apply(ExhibitionFactory(title="بازارچه تبریز"), producer,
                          preferred_kind="standard")  # fmt: skip
    with django_assert_max_num_queries(12):
        page = client.get(reverse("seller:exhibitions")).content.decode()
    assert f'data-testid="open-{fair.pk}"' in page
    assert "پیش‌نویس" not in page
    assert f'data-testid="open-{mine.exhibition_id}"' not in page  # applied already
    assert f'data-testid="application-{mine.pk}"' in page


def test_a_producer_applies_with_their_own_products(fair, producer_client):
    client, producer = producer_client
    bowl = make_product(producer=producer, title="کاسه سفالی", with_image=False)
    response = client.post(
        reverse("seller:exhibition-apply", args=[fair.pk]),
        {"preferred_kind": "food", "products": [bowl.pk], "note": "برق لازم دارم"},
    )
    application = fair.applications.get()
    assert response["Location"] == reverse("seller:application", args=[application.pk])
    assert (application.producer, application.preferred_kind) == (producer, "food")
    assert list(application.products.all()) == [bowl]


def test_another_producers_product_cannot_be_listed(fair, producer_client):
    client, _producer = producer_client
    theirs = make_product(with_image=False)
    response = client.post(
        reverse("seller:exhibition-apply", args=[fair.pk]),
        {"preferred_kind": "standard", "products": [theirs.pk]},
    )
    assert response.status_code == 200 and "products" in response.context["form"].errors
    assert not fair.applications.exists()


def test_a_producer_under_review_is_told_why_they_cannot_apply(fair, reference_data):
    producer = ProducerFactory(status="applied", is_selling=False)
    user = UserFactory()
    producer.users.add(user)
    client = Client()
    client.force_login(user)
    with translation.override("en"):
        response = client.post(
            reverse("seller:exhibition-apply", args=[fair.pk]),
            {"preferred_kind": "standard"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert not fair.applications.exists()
    assert list(response.context["messages"])  # the reason, in a message


def test_a_draft_exhibition_cannot_be_applied_to(producer_client):
    client, _producer = producer_client
    draft = ExhibitionFactory(status="draft")
    assert client.get(reverse("seller:exhibition-apply", args=[draft.pk])).status_code == 404
    assert client.post(reverse("seller:exhibition-apply", args=[draft.pk]),
                       {"preferred_kind": "standard"}).status_code == 404  # fmt: skip
    assert not draft.applications.exists()


def test_the_application_page_shows_the_booth_the_fee_and_the_plan(application, producer_client):
    client, _producer = producer_client
    page = client.get(reverse("seller:application", args=[application.pk])).content.decode()
    assert 'data-testid="your-booth"' in page and 'data-testid="pay-fee"' in page
    assert 'data-booth="A1" data-state="yours"' in page
    assert 'data-booth="A2" data-state="free"' in page


def test_the_producer_withdraws_an_unpaid_application(application, producer_client):
    client, _producer = producer_client
    client.post(reverse("seller:application-withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn" and application.booth is None


@pytest.mark.parametrize(
    "name, method",
    [
        ("seller:application", "get"),
        ("seller:application-pay", "post"),
        ("seller:application-withdraw", "post"),
    ],
)
def test_another_producer_cannot_open_pay_or_withdraw_an_application(
    application, name, method, reference_data
):
    other = ProducerFactory()
    user = UserFactory()
    other.users.add(user)
    client = Client()
    client.force_login(user)
    response = getattr(client, method)(reverse(name, args=[application.pk]))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "accepted" and not application.payment_attempts.exists()


@pytest.mark.parametrize(
    "name, args",
    [
        ("seller:exhibitions", []),
        ("seller:exhibition-apply", ["fair"]),
        ("seller:application", ["application"]),
    ],
)
def test_strangers_log_in_and_organizers_and_companies_are_not_producers(
    application, fair, name, args, organizer_client, reference_data
):
    from sellers.models import SupportCompany, SupportMember

    url = reverse(name, args=[{"fair": fair.pk, "application": application.pk}[a] for a in args])
    assert Client().get(url)["Location"].startswith(reverse("customer:login"))
    organizer, _ = organizer_client
    assert organizer.get(url).status_code == 403
    company_user = UserFactory()
    SupportMember.objects.create(
        company=SupportCompany.objects.create(name="تعاونی"),
        user=company_user,
    )
    company = Client()
    company.force_login(company_user)
    assert company.get(url).status_code == 403


def test_the_fee_callback_with_an_unknown_authority_is_refused(client, reference_data):
    response = client.get(reverse("seller:fee-callback") + "?Authority=A123&Status=OK")
    assert response.status_code == 400
    assert Exhibition.objects.count() == 0
