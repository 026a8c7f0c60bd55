"""The producer's statement in the seller panel: balances, lines, CSV and the printable month;
only ever their own."""

import csv
import io

import jdatetime
import pytest
from django.urls import reverse
from django.utils import timezone

from sellers import services
from sellers.money import ledger
from tests.factories import UserFactory, make_product

from .conftest import place_paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered_sale(producer_client):
    client, producer = producer_client
    carpet = make_product(producer=producer, price_rials=20_000_000, stock=3, with_image=False)
    order = place_paid_order([(carpet, 1)], producer.users.first())
    fulfilment = order.fulfilments.get()
    services.ship_fulfilment(fulfilment, "post", "9")
    services.deliver_fulfilment(fulfilment)
    return client, producer, order


def test_the_statement_shows_balance_pending_and_each_line_linked_to_its_order(delivered_sale):
    client, producer, order = delivered_sale
    page = client.get(reverse("seller:statement")).content.decode()
    # 20,000,000 + 600,000 shipping − 10% of the goods = 18,600,000 Rials = ۱٬۸۶۰٬۰۰۰ Toman
    assert "۱٬۸۶۰٬۰۰۰ تومان" in page
    assert "فروش" in page and "کارمزد" in page
    fulfilment = order.fulfilments.get()
    assert reverse("seller:fulfilment", args=[fulfilment.pk]) in page
    assert "1860000" not in page and "2026" not in page  # Persian digits, Jalali dates


def test_the_csv_and_the_printable_month_agree(delivered_sale):
    client, producer, _ = delivered_sale
    ledger.book_adjustment(producer, -100_000, "هزینهٔ بسته‌بندی", UserFactory(is_staff=True))
    response = client.get(reverse("seller:statement-csv"))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert [int(r["amount_rials"]) for r in rows] == [20_600_000, -2_000_000, -100_000]
    assert rows[-1]["balance_rials"] == "18500000"

    month = jdatetime.date.fromgregorian(date=timezone.localdate())
    printed = client.get(
        reverse("seller:statement-print"), {"month": f"{month.year}-{month.month}"}
    )
    assert printed.context["opening_rials"] == 0
    assert printed.context["closing_rials"] == 18_500_000
    assert printed.context["credits_rials"] == 20_600_000
    earlier = client.get(reverse("seller:statement-print"), {"month": f"{month.year - 1}-1"})
    assert earlier.context["lines"] == [] and earlier.context["closing_rials"] == 0
    for nonsense in ("۱۴۰۵-۱۳", "9377-12", "abc", "1405"):
        response = client.get(reverse("seller:statement-print"), {"month": nonsense})
        assert response.status_code == 200  # falls back to this month
        assert response.context["month"].month == month.month


def test_a_producer_never_sees_another_producers_ledger(delivered_sale, other_producer):
    client, producer, _ = delivered_sale
    ledger.book_adjustment(other_producer, 7_777_000, "مال دیگری", UserFactory(is_staff=True))
    page = client.get(reverse("seller:statement")).content.decode()
    csv_text = client.get(reverse("seller:statement-csv")).content.decode()
    assert "۷۷۷" not in page and "7777000" not in csv_text and "مال دیگری" not in csv_text


def test_the_statement_costs_the_same_queries_for_3_and_25_lines(
    producer_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, producer = producer_client
    staff = UserFactory(is_staff=True)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("seller:statement")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        ledger.book_adjustment(producer, 1000, "", staff)
    few = count()
    for _ in range(22):
        ledger.book_adjustment(producer, 1000, "", staff)
    assert count() == few
    with django_assert_max_num_queries(15):
        client.get(reverse("seller:statement"))


def test_anonymous_and_buyers_cannot_open_a_statement(client, reference_data):
    for name in ("seller:statement", "seller:statement-csv", "seller:statement-print"):
        assert client.get(reverse(name)).status_code == 302
    client.force_login(UserFactory())
    for name in ("seller:statement", "seller:statement-csv", "seller:statement-print"):
        assert client.get(reverse(name)).status_code == 403
