"""Staff money screens in the dashboard: commission rates, payout batches, a producer's ledger
and corrections; nobody but staff reaches them."""

import csv
import datetime
import io

import jdatetime
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from catalog.models import ProductClass
from sellers.models import CommissionRate, LedgerEntry, PayoutBatch
from sellers.money import ledger, payouts, selectors
from tests.factories import ProducerFactory, UserFactory

from .conftest import SHEBA

pytestmark = pytest.mark.django_db
Status = PayoutBatch.Status


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def producer_owed(amount_rials, by, **fields):
    producer = ProducerFactory(sheba=fields.pop("sheba", SHEBA), **fields)
    ledger.book_adjustment(producer, amount_rials, "فروش پیشین", by)
    return producer


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))


ONE_DAY = datetime.timedelta(days=1)


def jalali_tomorrow():
    """Read when the test runs, not when it is collected: a run may cross Tehran's midnight."""
    return jdatetime.date.fromgregorian(date=timezone.localdate() + ONE_DAY).strftime("%Y/%m/%d")


def test_staff_add_a_rate_typed_with_persian_digits(staff_client, staff_user):
    handicraft = ProductClass.objects.get(slug="handicraft")
    response = staff_client.post(
        reverse("money-commission"),
        {
            "percent": "۱۲٫۵",
            "effective_from": jalali_tomorrow(),
            "product_class": handicraft.pk,
            "producer": "",
            "note": "نرخ تازه صنایع دستی",
        },
    )
    assert response.status_code == 302
    rate = CommissionRate.objects.get()
    assert (rate.rate_bp, rate.effective_from) == (1250, timezone.localdate() + ONE_DAY)
    assert (rate.product_class, rate.producer, rate.created_by) == (handicraft, None, staff_user)
    html = staff_client.get(reverse("money-commission")).content.decode()
    assert "۱۲٫۵٪" in html and "نرخ تازه صنایع دستی" in html


def test_a_rate_cannot_start_in_the_past_or_today(staff_client):
    response = staff_client.post(
        reverse("money-commission"), {"percent": "۱۲", "effective_from": "۱۴۰۵/۰۱/۰۱"}
    )
    assert response.status_code == 200 and response.context["form"].errors["effective_from"]
    assert not CommissionRate.objects.exists()


def test_a_rate_above_a_hundred_percent_is_refused(staff_client):
    response = staff_client.post(
        reverse("money-commission"), {"percent": "۱۲۰", "effective_from": "۱۴۰۵/۰۱/۰۱"}
    )
    assert response.status_code == 200 and response.context["form"].errors["percent"]
    assert not CommissionRate.objects.exists()


def test_staff_preview_make_a_batch_and_download_its_transfer_list(staff_client, staff_user):
    rich = producer_owed(5_000_000, staff_user, name="کارگاه الف")
    producer_owed(9_000_000, staff_user, name="بدون شبا", sheba="")
    producer_owed(500_000, staff_user, name="کارگاه کم‌فروش")

    preview = staff_client.get(reverse("money-batch-new"), {"threshold_toman": "۱۰۰٬۰۰۰"})
    assert [producer for producer, _ in preview.context["due"]] == [rich]
    assert "۵۰۰٬۰۰۰ تومان" in preview.content.decode()

    response = staff_client.post(reverse("money-batch-new"), {"threshold_toman": "۱۰۰٬۰۰۰"})
    batch = PayoutBatch.objects.get()
    assert response["Location"] == reverse("money-batch", args=[batch.pk])
    assert (batch.threshold_rials, batch.created_by, batch.status) == (
        1_000_000,
        staff_user,
        Status.OPEN,
    )
    detail = staff_client.get(response["Location"]).content.decode()
    assert "کارگاه الف" in detail and reverse("money-producer", args=[rich.pk]) in detail

    download = staff_client.get(reverse("money-transfer-list", args=[batch.pk]))
    assert download["Content-Disposition"] == (
        f'attachment; filename="transfer-list-{batch.reference}.csv"'
    )
    payout = batch.payouts.get()
    assert csv_rows(download) == [
        payouts.TRANSFER_COLUMNS,
        [SHEBA, "کارگاه الف", "5000000", payout.reference, f"Dastsaz payout {batch.reference}"],
    ]


def test_marking_paid_needs_the_confirmation_then_books_the_payouts(staff_client, staff_user):
    producer = producer_owed(5_000_000, staff_user)
    batch = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    url = reverse("money-batch-paid", args=[batch.pk])

    staff_client.post(url, {})
    batch.refresh_from_db()
    assert batch.status == Status.OPEN
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PAYOUT).exists()

    response = staff_client.post(url, {"confirm": "on"})
    assert response["Location"] == reverse("money-batch", args=[batch.pk])
    batch.refresh_from_db()
    assert (batch.status, batch.closed_by) == (Status.PAID, staff_user)
    assert selectors.balances(producer).balance_rials == 0
    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PAYOUT, payout__batch=batch)
    assert sorted((e.account, e.amount_rials) for e in entries) == [
        ("bank", 5_000_000),
        ("producer", -5_000_000),
    ]


def test_cancelling_releases_the_batch_and_its_list_is_no_longer_offered(staff_client, staff_user):
    producer = producer_owed(5_000_000, staff_user)
    batch = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    assert selectors.balances(producer).payable_rials == 0

    staff_client.post(reverse("money-batch-cancel", args=[batch.pk]))  # not confirmed
    batch.refresh_from_db()
    assert batch.status == Status.OPEN
    staff_client.post(reverse("money-batch-cancel", args=[batch.pk]), {"confirm": "on"})
    batch.refresh_from_db()
    assert batch.status == Status.CANCELLED
    assert selectors.balances(producer).payable_rials == 5_000_000
    download = staff_client.get(reverse("money-transfer-list", args=[batch.pk]))
    assert download.status_code == 302  # a cancelled list must not reach the bank


def test_payout_errors_are_shown_as_messages_and_change_nothing(staff_client, staff_user):
    producer_owed(500_000, staff_user)
    response = staff_client.post(
        reverse("money-batch-new"), {"threshold_toman": "۱۰۰٬۰۰۰"}, follow=True
    )
    expected = gettext("No producer has a payable balance above the threshold.")
    assert expected in [str(m) for m in response.context["messages"]]
    assert expected in response.content.decode()
    assert not PayoutBatch.objects.exists()

    producer_owed(5_000_000, staff_user)
    batch = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    payouts.cancel_batch(batch, staff_user)
    response = staff_client.post(
        reverse("money-batch-paid", args=[batch.pk]), {"confirm": "on"}, follow=True
    )
    expected = gettext("This batch was already paid or cancelled.")
    assert expected in [str(m) for m in response.context["messages"]]
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.PAYOUT).exists()


def test_staff_book_a_balanced_adjustment_from_the_producers_ledger(staff_client, staff_user):
    producer = producer_owed(5_000_000, staff_user)
    url = reverse("money-producer", args=[producer.pk])
    response = staff_client.post(url, {"amount_toman": "-۲۵٬۰۰۰", "memo": "هزینه بسته‌بندی"})
    assert response["Location"] == url

    entries = LedgerEntry.objects.filter(producer=producer, memo="هزینه بسته‌بندی")
    assert sorted((e.account, e.amount_rials) for e in entries) == [
        ("adjustments", 250_000),
        ("producer", -250_000),
    ]
    assert len({e.booking for e in entries}) == 1 and {e.created_by for e in entries} == {
        staff_user
    }
    assert selectors.balances(producer).balance_rials == 4_750_000
    page = staff_client.get(url)
    assert len(page.context["lines"]) == 2
    assert "۴۷۵٬۰۰۰ تومان" in page.content.decode()  # the balance, in Toman


def test_an_adjustment_needs_a_reason_and_an_amount(staff_client, staff_user):
    producer = ProducerFactory()
    url = reverse("money-producer", args=[producer.pk])
    for data in ({"amount_toman": "۱۰۰", "memo": ""}, {"amount_toman": "۰", "memo": "هیچ"}):
        assert staff_client.post(url, data).status_code == 200
    assert not LedgerEntry.objects.filter(producer=producer).exists()


def test_the_producer_review_page_and_the_dashboard_link_to_the_money_screens(staff_client):
    producer = ProducerFactory()
    html = staff_client.get(reverse("producer-review", args=[producer.pk])).content.decode()
    assert reverse("money-producer", args=[producer.pk]) in html
    html = staff_client.get(reverse("dashboard:index")).content.decode()
    assert reverse("money-commission") in html and reverse("money-batches") in html


def test_the_batch_page_runs_the_same_queries_for_3_and_20_payouts(
    staff_client, staff_user, django_assert_max_num_queries
):
    for _ in range(3):
        producer_owed(2_000_000, staff_user)
    small = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    with CaptureQueriesContext(connection) as captured:
        assert staff_client.get(reverse("money-batch", args=[small.pk])).status_code == 200
    for _ in range(20):
        producer_owed(2_000_000, staff_user)
    big = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    assert big.payouts.count() == 20
    with django_assert_max_num_queries(len(captured)):
        assert staff_client.get(reverse("money-batch", args=[big.pk])).status_code == 200


# --- forbidden paths ------------------------------------------------------------------------


def money_urls(batch, producer):
    return [
        reverse("money-commission"),
        reverse("money-batches"),
        reverse("money-batch-new"),
        reverse("money-batch", args=[batch.pk]),
        reverse("money-transfer-list", args=[batch.pk]),
        reverse("money-batch-paid", args=[batch.pk]),
        reverse("money-batch-cancel", args=[batch.pk]),
        reverse("money-producer", args=[producer.pk]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "producer"])
def test_only_staff_reach_the_money_screens(client, staff_user, who):
    producer = producer_owed(5_000_000, staff_user)
    batch = payouts.create_batch(staff_user, threshold_rials=1_000_000)
    producer_owed(3_000_000, staff_user)  # payable: a new batch could pay them
    if who == "producer":
        account = UserFactory()
        producer.users.add(account)
        client.force_login(account)
    for url in money_urls(batch, producer):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"], url

    posts = [
        (reverse("money-commission"), {"percent": "0", "effective_from": "۱۴۰۵/۰۱/۰۱"}),
        (reverse("money-batch-new"), {"threshold_toman": "1"}),
        (reverse("money-batch-paid", args=[batch.pk]), {"confirm": "on"}),
        (reverse("money-batch-cancel", args=[batch.pk]), {}),
        (reverse("money-producer", args=[producer.pk]), {"amount_toman": "900", "memo": "x"}),
    ]
    lines_before = LedgerEntry.objects.count()
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403), url
    batch.refresh_from_db()
    assert batch.status == Status.OPEN
    assert PayoutBatch.objects.count() == 1 and not CommissionRate.objects.exists()
    assert LedgerEntry.objects.count() == lines_before
    assert selectors.balances(producer).balance_rials == 5_000_000


def test_a_threshold_that_is_not_a_number_makes_no_batch(staff_client, staff_user):
    producer_owed(5_000_000, staff_user)
    for typed in ("", "صد", "-۵", "۱۰۰۰۰۰۰۰۰۰۰۰۰۰"):
        response = staff_client.post(reverse("money-batch-new"), {"threshold_toman": typed})
        assert response.status_code == 200 and response.context["form"].errors
    assert not PayoutBatch.objects.exists()
