"""Producer activity and the early warning (insights): figures computed by hand for a small
case, flags at 30 / 60 days, a nudge at most once in 30 days, and who may read the pages."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import Category, Product, Province
from insights.models import ProducerActivity
from insights.services import refresh_activity
from sellers.models import Fulfilment, Partner, Right, StockRecord, SupportCompany, SupportMember
from sellers.support import services as support
from tests.factories import ProducerFactory, UserFactory, make_product
from tests.sellers.conftest import place_paid_order

pytestmark = pytest.mark.django_db

PRICE_RIALS = 12_500_000


def ago(days, hours=0):
    return timezone.now() - datetime.timedelta(days=days, hours=hours)


def producer_with_login(days_ago, mobile, **fields):
    producer = ProducerFactory(mobile=mobile, **fields)
    user = UserFactory(last_login=None if days_ago is None else ago(days_ago))
    producer.users.add(user)
    return producer


def touch_listings(producer, days_ago):
    """The producer's products and stock records were last changed `days_ago`."""
    Product.objects.filter(stockrecords__partner=producer).update(date_updated=ago(days_ago))
    StockRecord.objects.filter(partner=producer).update(date_updated=ago(days_ago))


@pytest.fixture
def known_case(reference_data):
    """A: logged in 5 days ago, one order 10 days ago (2 × 12,500,000 Rials, shipped after
    30 hours), one 100 days ago (outside the 90 days), one product out of stock.
    B: logged in 45 days ago, listings changed 70 days ago, no order: inactive 30.
    C (newcomer): logged in 75 days ago, nothing else: inactive 60.
    D: applied, not approved: no row."""
    khatam = Category.objects.get(code="khatam")
    a = producer_with_login(5, "09120000001", name="A")
    b = producer_with_login(45, "09120000002", name="B")
    c = producer_with_login(75, "09120000003", name="C", status=Partner.Status.NEWCOMER)
    d = producer_with_login(80, "09120000004", name="D", status=Partner.Status.APPLIED)
    for producer in (b, c):
        producer.crafts.add(khatam)
    seller = make_product(producer=a, title="جعبه خاتم پرفروش", with_image=False)
    make_product(producer=a, title="قاب خاتم", stock=0, with_image=False)
    make_product(producer=b, title="جعبه خاتم ب", with_image=False)
    at_booth = a.users.get()  # A took the money in person
    recent = place_paid_order([(seller, 2)], at_booth).fulfilments.get()
    old = place_paid_order([(seller, 1)], at_booth).fulfilments.get()
    created = ago(10)
    Fulfilment.objects.filter(pk=recent.pk).update(
        created_at=created,
        status=Fulfilment.Status.SHIPPED,
        shipped_at=created + datetime.timedelta(hours=30),
    )
    Fulfilment.objects.filter(pk=old.pk).update(
        created_at=ago(100), status=Fulfilment.Status.DELIVERED
    )
    touch_listings(a, 20)
    touch_listings(b, 70)
    for producer in (a, b, c):
        producer.created_at = ago(200)
        producer.save(update_fields=["created_at"])
    return {"a": a, "b": b, "c": c, "d": d, "seller": seller}


def test_activity_figures_and_flags_match_a_case_computed_by_hand(known_case):
    a, b, c, d = (known_case[k] for k in "abcd")
    result = refresh_activity(nudge=False)
    assert result == {"producers": 3, "flagged": 2, "nudged": 0}
    assert not ProducerActivity.objects.filter(producer=d).exists()
    row = ProducerActivity.objects.get(producer=a)
    assert row.orders_90d == 1
    assert row.sales_90d_rials == 2 * PRICE_RIALS
    assert row.avg_dispatch_hours == 30.0
    assert row.stock_outs == 1
    assert timezone.localdate(row.last_listing_change) == timezone.localdate(ago(20))
    assert timezone.localdate(row.last_order) == timezone.localdate(ago(10))
    assert (row.inactive_days, row.flag) == (5, "")
    row = ProducerActivity.objects.get(producer=b)
    assert (row.orders_90d, row.sales_90d_rials, row.avg_dispatch_hours) == (0, 0, None)
    assert (row.stock_outs, row.inactive_days, row.flag) == (0, 45, "30")
    row = ProducerActivity.objects.get(producer=c)
    assert (row.inactive_days, row.flag, row.last_listing_change) == (75, "60", None)

    # Idempotent: the same day computes the same rows.
    def rows():
        rows = ProducerActivity.objects.order_by("pk").values()
        return [{k: v for k, v in row.items() if k != "computed_at"} for row in rows]

    before = rows()
    refresh_activity(nudge=False)
    assert rows() == before


def test_a_flagged_producer_is_nudged_once_in_30_days_with_what_sells_in_their_craft(
    known_case, sms_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    b, c = known_case["b"], known_case["c"]
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_activity()["nudged"] == 2
    assert sorted(sms.mobile for sms in sms_outbox) == [b.mobile, c.mobile]
    assert all(known_case["seller"].title in sms.text for sms in sms_outbox)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.users.get().email for p in (b, c))
    assert ProducerActivity.objects.filter(nudged_at__isnull=False).count() == 2

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_activity(today + datetime.timedelta(days=10))["nudged"] == 0
    assert len(sms_outbox) == 2 and len(mailoutbox) == 2
    # A month on, B and C hear again, and A (quiet for 36 days by then) for the first time.
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_activity(today + datetime.timedelta(days=31))["nudged"] == 3
    assert len(sms_outbox) == 5 and len(mailoutbox) == 5


def test_only_staff_reach_the_activity_pages(known_case, client):
    refresh_activity(nudge=False)
    urls = [reverse("insights-activity"), reverse("insights-activity-csv")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(known_case["a"].users.get())
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "login" in response["Location"]


def test_staff_see_province_summary_and_flagged_list_with_filters_and_csv(
    known_case, client, django_assert_max_num_queries
):
    a, b, c = (known_case[k] for k in "abc")
    refresh_activity(nudge=False)
    client.force_login(UserFactory(is_staff=True))
    with django_assert_max_num_queries(11):
        page = client.get(reverse("insights-activity")).content.decode()
    province = a.province_id
    assert f'data-testid="summary-{province}"' in page
    assert f'data-testid="activity-{b.pk}"' in page and f'data-testid="activity-{c.pk}"' in page
    assert f'data-testid="activity-{a.pk}"' not in page
    only_60 = client.get(reverse("insights-activity"), {"flag": "60"}).content.decode()
    assert f'data-testid="activity-{c.pk}"' in only_60
    assert f'data-testid="activity-{b.pk}"' not in only_60
    here = client.get(reverse("insights-activity"), {"province": province}).content.decode()
    assert f'data-testid="activity-{b.pk}"' in here
    elsewhere = Province.objects.exclude(pk=province).first()
    there = client.get(reverse("insights-activity"), {"province": elsewhere.pk}).content.decode()
    assert 'data-testid="no-flagged"' in there

    with django_assert_max_num_queries(11):
        response = client.get(reverse("insights-activity-csv"), {"flag": "30"})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [int(row["producer_id"]) for row in rows] == [b.pk]
    (row,) = rows
    assert row["inactive_days"] == "45" and row["flag"] == "30"
    login = timezone.localdate(ago(45))
    assert row["last_login"] == login.isoformat()
    assert row["last_login_jalali"].count("/") == 2 and row["last_login_jalali"].startswith("14")


def test_a_producer_name_a_spreadsheet_would_run_is_quoted_in_the_csv(known_case, client):
    b = known_case["b"]
    b.name = '=HYPERLINK("http://evil.example","click")'
    b.save(update_fields=["name"])
    refresh_activity(nudge=False)
    client.force_login(UserFactory(is_staff=True))
    body = client.get(reverse("insights-activity-csv"), {"flag": "30"}).content.decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    assert row["producer"] == "'" + b.name


@pytest.fixture
def company_member(known_case):
    company = SupportCompany.objects.create(name="تعاونی خاتم", registration_number="10100000009")
    user = UserFactory()
    SupportMember.objects.create(company=company, user=user)
    client = Client()
    client.force_login(user)
    return company, client


def test_a_support_company_sees_only_the_producers_who_gave_it_access(
    known_case, company_member, django_assert_max_num_queries
):
    a, b, c = (known_case[k] for k in "abc")
    company, client = company_member
    support.grant(b, company, [Right.FULFILMENTS], b.users.get())
    support.grant(a, company, [Right.LISTINGS], a.users.get())
    other = SupportCompany.objects.create(name="دیگری", registration_number="10100000010")
    support.grant(c, other, [Right.LISTINGS], c.users.get())
    refresh_activity(nudge=False)

    with django_assert_max_num_queries(11):
        page = client.get(reverse("seller:company-activity")).content.decode()
    assert f'data-testid="activity-{a.pk}"' in page
    assert f'data-testid="activity-{b.pk}" data-flag="30"' in page
    assert f'data-testid="activity-{c.pk}"' not in page
    assert page.count('data-testid="orders"') == 1  # only B granted its orders

    with django_assert_max_num_queries(11):
        response = client.get(reverse("seller:company-activity-csv"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = {int(r["producer_id"]): r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert set(rows) == {a.pk, b.pk}
    assert rows[b.pk]["orders_90d"] == "0" and rows[a.pk]["orders_90d"] == ""
    assert rows[a.pk]["stock_outs"] == "1"


def test_a_producer_or_a_stranger_cannot_open_the_company_activity(known_case, client):
    client.force_login(known_case["a"].users.get())
    response = client.get(reverse("seller:company-activity"))
    assert response.status_code == 403
    assert client.get(reverse("seller:company-activity-csv")).status_code == 403


def test_a_revoked_grant_takes_the_producer_off_the_company_activity(known_case, company_member):
    a = known_case["a"]
    company, client = company_member
    support.grant(a, company, [Right.FULFILMENTS, Right.LISTINGS], a.users.get())
    refresh_activity(nudge=False)
    assert (
        f'data-testid="activity-{a.pk}"'
        in client.get(reverse("seller:company-activity")).content.decode()
    )

    support.revoke(a, company, [Right.FULFILMENTS, Right.LISTINGS], a.users.get())
    page = client.get(reverse("seller:company-activity")).content.decode()
    assert f'data-testid="activity-{a.pk}"' not in page
    csv_body = client.get(reverse("seller:company-activity-csv")).content.decode("utf-8")
    assert str(a.pk) not in [
        r["producer_id"] for r in csv.DictReader(io.StringIO(csv_body.lstrip("\ufeff")))
    ]


def test_refresh_takes_the_same_few_queries_for_more_producers(
    known_case, django_assert_max_num_queries
):
    """Grouped queries, never a loop per producer: three more producers cost no query."""
    with django_assert_max_num_queries(20) as few:
        refresh_activity(nudge=False)
    for n in range(3):
        producer_with_login(50, f"0912000010{n}", name=f"E{n}")
    with django_assert_max_num_queries(len(few.captured_queries) + 2):  # + flagged nudges' reads
        refresh_activity(nudge=False)
