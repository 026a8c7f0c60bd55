"""A booth fee taken from later sales through the ledger, up to the organizer's cap: the
booth confirmed as a paid fee confirms it, booked once under a double click, offset by the
next sales; the organizer's form and the forbidden paths, on PostgreSQL."""

import datetime

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exhibitions import fees, services
from exhibitions.exceptions import CannotPay, DeferralCapExceeded, NotAllowed
from exhibitions.models import BoothApplication
from sellers import services as seller_services
from sellers.models import LedgerEntry
from sellers.money import selectors as money
from tests.exhibitions.channel_helpers import pay, place_order
from tests.factories import OrganizerFactory, ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db
PRODUCER = LedgerEntry.Account.PRODUCER
FEE = 20_000_000


@pytest.fixture
def accepted(fair, producer_client, organizer_client):
    """The producer's application, accepted with booth B2 (20,000,000 Rials); the fair lets
    fees up to 25,000,000 Rials be taken from later sales."""
    _client, producer = producer_client
    fair.fee_deferral_cap_rials = 25_000_000
    fair.save()
    application = services.apply(fair, producer, preferred_kind="standard")
    return services.accept(application, fair.booths.get(code="B2"), organizer_client[0].user)


def owed(producer):
    entries = LedgerEntry.objects.filter(producer=producer, account=PRODUCER)
    return entries.aggregate(total=Sum("amount_rials"))["total"] or 0


def test_a_deferred_fee_confirms_the_booth_and_is_booked_against_the_producer(
    accepted, producer_client, sms_outbox, django_capture_on_commit_callbacks
):
    client, producer = producer_client
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seller:application-defer", args=[accepted.pk]))
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == "paid" and accepted.paid_at is not None and accepted.fee_deferred
    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.BOOTH_FEE)
    assert sorted(e.amount_rials for e in entries) == [-FEE, FEE]
    assert {(e.account, e.exhibition_id) for e in entries} == {
        (PRODUCER, accepted.exhibition_id),
        ("fees", accepted.exhibition_id),
    }
    assert owed(producer) == -FEE
    assert sms_outbox  # told as a paid fee is told
    page = client.get(reverse("seller:application", args=[accepted.pk])).content.decode()
    assert 'data-testid="fee-deferred"' in page and 'data-booth="B2" data-state="yours"' in page


def test_a_double_click_books_the_fee_once(accepted, producer_client):
    client, producer = producer_client
    url = reverse("seller:application-defer", args=[accepted.pk])
    client.post(url)
    client.post(url)
    fees.defer_fee(accepted, producer.users.get())
    assert LedgerEntry.objects.filter(account=PRODUCER).count() == 1
    assert owed(producer) == -FEE


def test_a_fee_over_the_cap_must_be_paid(accepted, producer_client):
    _client, producer = producer_client
    exhibition = accepted.exhibition
    exhibition.fee_deferral_cap_rials = FEE - 10
    exhibition.save()
    assert not fees.may_defer(accepted)
    with pytest.raises(DeferralCapExceeded):
        fees.defer_fee(accepted, producer.users.get())
    page = _client.get(reverse("seller:application", args=[accepted.pk])).content.decode()
    assert 'data-testid="defer-fee"' not in page
    accepted.refresh_from_db()
    assert accepted.status == "accepted" and not accepted.fee_deferred
    assert not LedgerEntry.objects.exists()


def test_the_offer_shows_beside_paying_online_when_the_cap_allows(accepted, producer_client):
    client, _producer = producer_client
    assert fees.may_defer(accepted)
    page = client.get(reverse("seller:application", args=[accepted.pk])).content.decode()
    assert 'data-testid="defer-fee"' in page and 'data-testid="pay-fee"' in page


def test_a_fee_past_its_pay_by_or_already_paid_is_not_deferred(accepted, producer_client):
    _client, producer = producer_client
    BoothApplication.objects.filter(pk=accepted.pk).update(
        pay_by=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(Exception) as late:
        fees.defer_fee(accepted, producer.users.get())
    assert late.type.__name__ == "PaymentDeadlinePassed"
    BoothApplication.objects.filter(pk=accepted.pk).update(status="paid", pay_by=None)
    with pytest.raises(CannotPay):
        fees.defer_fee(accepted, producer.users.get())
    assert not LedgerEntry.objects.exists()


def test_another_producer_cannot_defer_someone_elses_fee(accepted):
    stranger = ProducerFactory()
    user = UserFactory()
    stranger.users.add(user)
    client = Client()
    client.force_login(user)
    assert client.post(reverse("seller:application-defer", args=[accepted.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        fees.defer_fee(accepted, user)
    anonymous = Client().post(reverse("seller:application-defer", args=[accepted.pk]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    accepted.refresh_from_db()
    assert accepted.status == "accepted"
    assert not LedgerEntry.objects.exists()


def test_the_next_sales_fill_the_balance_a_deferred_fee_took(accepted, producer_client):
    _client, producer = producer_client
    fees.defer_fee(accepted, producer.users.get())
    product = make_product(producer=producer, price_rials=30_000_000, stock=3, with_image=False)
    order = pay(place_order([(product, 1)]), producer)
    part = order.fulfilments.get()
    seller_services.ship_fulfilment(part, "post", "123")
    seller_services.deliver_fulfilment(part)

    sale = LedgerEntry.objects.filter(fulfilment=part, account=PRODUCER)
    earned = sale.aggregate(total=Sum("amount_rials"))["total"]
    assert earned > FEE
    assert owed(producer) == earned - FEE
    assert money.balances(producer).balance_rials == earned - FEE
    assert sum(LedgerEntry.objects.values_list("amount_rials", flat=True)) == 0


# ---- the organizer's cap ----------------------------------------------------------------


def test_the_organizer_sets_the_cap_in_toman_with_persian_digits(organizer_client, fair):
    from tests.exhibitions.test_organizer_panel import exhibition_data

    client, _organizer = organizer_client
    data = exhibition_data(fair.venue, title=fair.title, slug=fair.slug)
    data["fee_deferral_cap_toman"] = "۲٬۵۰۰٬۰۰۰"
    response = client.post(reverse("organizer:exhibition-edit", args=[fair.pk]), data)
    assert response.status_code == 302
    fair.refresh_from_db()
    assert fair.fee_deferral_cap_rials == 25_000_000
    form = client.get(reverse("organizer:exhibition-edit", args=[fair.pk])).context["form"]
    assert form.initial["fee_deferral_cap_toman"] == 2_500_000


def test_another_organizer_cannot_set_the_cap(fair):
    other = OrganizerFactory()
    user = UserFactory()
    other.users.add(user)
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("organizer:exhibition-edit", args=[fair.pk]), {"fee_deferral_cap_toman": "9"}
    )
    assert response.status_code == 404
    fair.refresh_from_db()
    assert fair.fee_deferral_cap_rials == 0
