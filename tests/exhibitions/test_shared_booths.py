"""Shared booths: inviting, the fee split by share in the ledger, selling from a shared
booth, and the seller panel screens with their forbidden paths, on PostgreSQL."""

import uuid

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from exhibitions.channels import sales, sharing
from exhibitions.channels import stock as booth_stock
from exhibitions.exceptions import (
    CannotShare,
    NotAllowed,
    NotYourBooth,
    ProducerNotFound,
    ShareStateError,
    ShareTooLarge,
)
from exhibitions.models import BoothApplication, BoothShare, BoothStock
from sellers.models import Fulfilment, LedgerEntry
from tests.factories import (
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db
PRODUCER = LedgerEntry.Account.PRODUCER


def producer_with_user(**fields):
    producer = ProducerFactory(**fields)
    producer.users.add(UserFactory())
    return producer


def user_of(producer):
    return producer.users.get()


def client_of(producer):
    client = Client()
    client.force_login(user_of(producer))
    return client


def owed(producer):
    entries = LedgerEntry.objects.filter(producer=producer, account=PRODUCER)
    return entries.aggregate(total=Sum("amount_rials"))["total"] or 0


@pytest.fixture
def booth(reference_data):
    """A holder with booth B2 (fee 20,000,000 Rials) at a running fair, and a producer to
    invite: (fair, application, holder, guest)."""
    fair = running_fair()
    holder = producer_with_user()
    application, _booth = confirmed_booth(fair, holder, "B2")
    return fair, application, holder, producer_with_user()


def shared(application, holder, guest, share_bp):
    share = sharing.invite(application, guest, share_bp, user_of(holder))
    return sharing.accept(share, user_of(guest))


# ---- the arithmetic ---------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    fee_rials=st.integers(min_value=0, max_value=10**12),
    shares_bp=st.lists(st.integers(min_value=1, max_value=9_999), max_size=12).filter(
        lambda bps: sum(bps) < 10_000
    ),
)
def test_the_parts_of_a_fee_add_up_exactly_and_each_is_within_a_rial_of_its_share(
    fee_rials, shares_bp
):
    parts, holder_rials = sharing.fee_parts(fee_rials, shares_bp)
    assert sum(parts) + holder_rials == fee_rials
    assert holder_rials >= 0 and all(part >= 0 for part in parts)
    for part, share_bp in zip(parts, shares_bp, strict=True):
        assert abs(part * 10_000 - fee_rials * share_bp) <= 10_000


def test_a_fee_split_in_three_thirds_keeps_every_rial():
    parts, holder_rials = sharing.fee_parts(1_000, [3_333, 3_333])
    assert parts == [333, 334] and holder_rials == 333


# ---- inviting and answering -----------------------------------------------------------------


def test_accepting_moves_the_sharers_part_of_the_fee_to_the_holder_in_a_balanced_booking(booth):
    fair, application, holder, guest = booth
    share = shared(application, holder, guest, 2_500)

    assert share.status == BoothShare.Status.ACCEPTED and share.decided_at is not None
    assert share.fee_rials == 5_000_000
    assert owed(guest) == -5_000_000 and owed(holder) == 5_000_000
    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.BOOTH_FEE)
    assert entries.values("booking").distinct().count() == 1
    assert sum(e.amount_rials for e in entries) == 0
    assert {e.exhibition_id for e in entries} == {fair.pk}
    assert sharing.holder_part(application) == 15_000_000


def test_parts_of_several_sharers_and_the_holders_rest_sum_to_the_fee(booth):
    fair, application, holder, guest = booth
    application.fee_rials = 1_000
    application.save()
    others = [guest, producer_with_user(), producer_with_user()]
    for producer, share_bp in zip(others, [3_333, 3_333, 1], strict=True):
        shared(application, holder, producer, share_bp)
    parts = list(application.shares.values_list("fee_rials", flat=True))
    assert sum(parts) + sharing.holder_part(application) == 1_000
    assert parts == [333, 334, 0]
    assert sum(LedgerEntry.objects.values_list("amount_rials", flat=True)) == 0


def test_shares_adding_up_to_the_whole_booth_are_refused(booth):
    fair, application, holder, guest = booth
    sharing.invite(application, guest, 6_000, user_of(holder))
    with pytest.raises(ShareTooLarge) as refused:
        sharing.invite(application, producer_with_user(), 4_000, user_of(holder))
    assert refused.value.left_bp == 3_999
    sharing.invite(application, producer_with_user(), 3_999, user_of(holder))
    assert application.shares.count() == 2


def test_only_the_holder_of_a_paid_booth_invites(booth):
    fair, application, holder, guest = booth
    with pytest.raises(NotYourBooth):
        sharing.invite(application, producer_with_user(), 1_000, user_of(guest))
    unpaid = BoothApplication.objects.create(
        exhibition=fair, producer=guest, status="accepted", fee_rials=1
    )
    with pytest.raises(NotYourBooth):
        sharing.invite(unpaid, producer_with_user(), 1_000, user_of(guest))
    assert not BoothShare.objects.exists()


def test_a_producer_not_selling_or_already_at_the_exhibition_cannot_be_invited(booth):
    fair, application, holder, guest = booth
    suspended = producer_with_user(status="suspended", is_selling=False)
    with pytest.raises(CannotShare):
        sharing.invite(application, suspended, 1_000, user_of(holder))
    neighbour = producer_with_user()
    confirmed_booth(fair, neighbour, "C3")
    with pytest.raises(CannotShare):
        sharing.invite(application, neighbour, 1_000, user_of(holder))
    with pytest.raises(CannotShare):
        sharing.invite(application, holder, 1_000, user_of(holder))
    sharing.invite(application, guest, 1_000, user_of(holder))
    with pytest.raises(CannotShare):
        sharing.invite(application, guest, 1_000, user_of(holder))


def test_only_the_invited_producer_answers_and_only_once(booth):
    fair, application, holder, guest = booth
    share = sharing.invite(application, guest, 1_000, user_of(holder))
    with pytest.raises(NotAllowed):
        sharing.accept(share, user_of(holder))
    with pytest.raises(NotAllowed):
        sharing.decline(share, user_of(producer_with_user()))
    sharing.decline(share, user_of(guest))
    with pytest.raises(ShareStateError):
        sharing.accept(share, user_of(guest))
    assert not LedgerEntry.objects.exists()


def test_ending_a_share_refunds_nothing_and_sends_the_sharers_units_home(booth):
    fair, application, holder, guest = booth
    share = shared(application, holder, guest, 2_000)
    record = make_product(producer=guest, stock=5, with_image=False).stockrecords.get()
    booth_stock.move_to_booth(guest, fair, record.pk, 3)
    with pytest.raises(NotAllowed):
        sharing.end(share, user_of(producer_with_user()))

    sharing.end(share, user_of(holder))

    share.refresh_from_db()
    assert share.status == BoothShare.Status.ENDED
    assert owed(guest) == -4_000_000 and owed(holder) == 4_000_000
    record.refresh_from_db()
    assert record.num_in_stock == 5
    assert BoothStock.objects.get(stockrecord=record).quantity == 0
    assert booth_stock.booth_of(guest, fair) is None


# ---- selling from a shared booth --------------------------------------------------------------


def test_a_sale_of_a_sharers_product_at_the_shared_booth_credits_the_sharer(booth):
    fair, application, holder, guest = booth
    shared(application, holder, guest, 2_000)
    assert booth_stock.booth_of(guest, fair) == application.booth
    product = make_product(producer=guest, price_rials=1_000_000, stock=4, with_image=False)
    stock = booth_stock.move_to_booth(guest, fair, product.stockrecords.get().pk, 2)
    guest_before, holder_before = owed(guest), owed(holder)

    # The holder is at the till and sells the sharer's product.
    order = sales.record_booth_sale(
        holder, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), user_of(holder)
    )

    part = order.fulfilments.get()
    assert part.producer == guest and part.status == Fulfilment.Status.DELIVERED
    commission = LedgerEntry.objects.get(fulfilment=part, account=PRODUCER, kind="commission")
    assert commission.producer == guest and commission.amount_rials < 0
    # The holder took the cash, so the holder owes the sharer the sale (1,000,000 Rials).
    assert owed(guest) == guest_before + 1_000_000 + commission.amount_rials
    assert owed(holder) == holder_before - 1_000_000


# ---- the seller panel -------------------------------------------------------------------------


def test_the_holder_invites_by_licence_number_in_persian_digits_and_a_percent(booth):
    fair, application, holder, guest = booth
    client = client_of(holder)
    url = reverse("seller:booth-shares", args=[application.pk])
    licence = guest.licence_number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.post(url, {"producer": licence, "percent": "۲۵٫۵"})
    assert response.status_code == 302
    share = BoothShare.objects.get()
    assert (share.producer, share.share_bp, share.status) == (guest, 2_550, "invited")
    page = client.get(url)
    assert page.status_code == 200
    assert f'data-testid="share-{share.pk}"' in page.content.decode()


def test_an_invite_by_shop_address_over_the_whole_is_refused_with_the_reason(booth):
    fair, application, holder, guest = booth
    client = client_of(holder)
    url = reverse("seller:booth-shares", args=[application.pk])
    with translation.override("en"):
        response = client.post(url, {"producer": guest.slug, "percent": "100"})
    assert response.status_code == 200
    assert not BoothShare.objects.exists()
    with translation.override("en"):
        response = client.post(url, {"producer": "nobody-here", "percent": "10"}, follow=True)
    with translation.override("fa"):
        said = str(ProducerNotFound.message)
    assert said in response.content.decode()


def test_another_producer_cannot_open_or_invite_to_a_booth_not_theirs(booth):
    fair, application, holder, guest = booth
    url = reverse("seller:booth-shares", args=[application.pk])
    assert client_of(guest).get(url).status_code == 404
    assert client_of(guest).post(url, {"producer": guest.slug, "percent": "10"}).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert not BoothShare.objects.exists()


def test_the_invited_producer_sees_the_invitation_and_accepts_it(booth):
    fair, application, holder, guest = booth
    share = sharing.invite(application, guest, 1_000, user_of(holder))
    client = client_of(guest)
    page = client.get(reverse("seller:exhibitions"))
    assert f'data-testid="invitation-{share.pk}"' in page.content.decode()
    response = client.post(reverse("seller:share-answer", args=[share.pk]), {"answer": "accept"})
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == "accepted" and share.fee_rials == 2_000_000


def test_the_invited_producer_declines(booth):
    fair, application, holder, guest = booth
    share = sharing.invite(application, guest, 1_000, user_of(holder))
    response = client_of(guest).post(
        reverse("seller:share-answer", args=[share.pk]), {"answer": "decline"}
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == "declined"


def test_nobody_else_answers_or_ends_a_share(booth):
    fair, application, holder, guest = booth
    share = sharing.invite(application, guest, 1_000, user_of(holder))
    answer = reverse("seller:share-answer", args=[share.pk])
    end = reverse("seller:share-end", args=[share.pk])
    stranger = client_of(producer_with_user())
    assert client_of(holder).post(answer, {"answer": "accept"}).status_code == 404
    assert stranger.post(answer, {"answer": "accept"}).status_code == 404
    assert stranger.post(end).status_code == 404
    assert Client().post(end).status_code == 302
    share.refresh_from_db()
    assert share.status == "invited"


def test_the_holder_ends_a_share_from_the_shares_page(booth):
    fair, application, holder, guest = booth
    share = shared(application, holder, guest, 1_000)
    response = client_of(holder).post(reverse("seller:share-end", args=[share.pk]))
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.status == "ended"


def test_the_shares_page_reads_in_a_few_queries(booth, django_assert_max_num_queries):
    fair, application, holder, guest = booth
    for _ in range(5):
        sharing.invite(application, producer_with_user(), 100, user_of(holder))
    client = client_of(holder)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("seller:booth-shares", args=[application.pk]))
    assert response.content.decode().count('data-testid="share-') == 5
