"""Demand against supply and the searches that found nothing, on staff's dashboard pages (and
their CSV), the organizer panel (the provinces of their venues by default) and a support
company's page (its producers' crafts by default): figures from the hand-computed case of
test_market, read from the weekly summaries in a few queries, and nobody else's way in."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exhibitions.models import Organizer
from insights.market import build_week, last_complete_week
from sellers.models import Right, SupportCompany, SupportMember
from sellers.support import services as support
from shop.persian.digits import to_persian_digits
from tests.factories import OrganizerFactory, ProducerFactory, UserFactory, VenueFactory

from .test_market import GIVEH_QUERY, PRICE_RIALS, market_case, searches

pytestmark = pytest.mark.django_db

OLD_WEEKS_AGO = 20


@pytest.fixture
def market(reference_data):
    """test_market's case in the last complete week W, built with the week before it (W-1,
    which holds the Fars search of «خاتم» made the day before W) and a week 20 weeks before
    W in which Fars searched «گیوه مردانه» 5 times and found nothing.

    Over the last 4 weeks (W-3…W), demand = searches + orders:
      Fars × khatam:  searches 3 + 1 = 4, orders 1 → demand 5, listings 0
      Fars × giveh:   searches 2 (unmet 2)        → demand 2, listings 0
      Tehran × khatam: searches 1, 1 view          → demand 1, listings 0
      Isfahan × khatam: no demand, listings 2 (W's supply, not W + W-1 = 4), 1 producer
      not known × giveh: searches 1 (unmet 1)     → the one "not known" line
    Wanted, not made (no listing first, then demand per listing): Fars × khatam (5),
    Fars × giveh (2), Tehran × khatam (1). Made, not wanted: Isfahan × khatam (2 per 1).
    Per province: Fars 7, Tehran 1, Isfahan 0 (2 listings).
    Unmet over 4 weeks: «گیوه مردانه» 2 + 1 = 3, «سلام» 1; Fars 2, Tehran 1, not known 1.
    Over 52 weeks «گیوه مردانه» is 3 + 5 = 8."""
    week = last_complete_week(timezone.localdate())
    case = market_case(week)
    old = week - datetime.timedelta(days=7 * OLD_WEEKS_AGO)
    searches(old, GIVEH_QUERY, 0, case["fars"], 5)
    for built in (old, week - datetime.timedelta(days=7), week):
        build_week(built)
    return case


def cells(page, testid):
    """{cell testid: text} of the table row `testid` (raises if the row is missing)."""
    match = re.search(rf'<tr data-testid="{re.escape(testid)}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, testid
    return dict(re.findall(r'data-testid="([\w-]+)">(?:<strong>)?([^<]*)<', match.group(1)))


def fa(number):
    return to_persian_digits(number)


def row_ids(page, prefix):
    return re.findall(rf'<tr data-testid="{prefix}-(\d+)-(\d+)"', page)


@pytest.fixture
def staff_client(reference_data):
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    return client


def test_staff_see_demand_against_supply_ranked_both_ways(
    market, staff_client, django_assert_max_num_queries
):
    fars, thr, isf = (market[k].pk for k in ("fars", "tehran", "isfahan"))
    khatam, giveh = market["khatam"].pk, market["giveh"].pk
    with django_assert_max_num_queries(11):
        response = staff_client.get(reverse("insights-market"))
    page = response.content.decode()
    assert response.status_code == 200
    assert row_ids(page, "wanted") == [
        (str(fars), str(khatam)),
        (str(fars), str(giveh)),
        (str(thr), str(khatam)),
    ]
    assert row_ids(page, "unwanted") == [(str(isf), str(khatam))]
    row = cells(page, f"wanted-{fars}-{khatam}")
    assert (row["demand"], row["searches"], row["orders"], row["views"], row["baskets"]) == (
        fa(5),
        fa(4),
        fa(1),
        fa(2),
        fa(1),
    )
    assert row["sales"] == "۲٬۵۰۰٬۰۰۰ تومان"  # 25,000,000 Rials
    assert cells(page, f"unwanted-{isf}-{khatam}")["listings"] == fa(2)  # W's, not W + W-1
    assert cells(page, f"unwanted-{isf}-{khatam}")["producers"] == fa(1)
    # The province chart and the table under it: Fars 7, Tehran 1, Isfahan 0 with 2 listings.
    assert re.findall(r'<tr data-testid="province-(\d+)"', page) == [str(fars), str(thr), str(isf)]
    assert cells(page, f"province-{fars}")["demand"] == fa(7)
    assert 'data-testid="province-chart"' in page and 'role="img"' in page
    assert cells(page, "unknown-province")["unmet"] == fa(1)
    assert market["producer"].name not in page  # aggregates only
    assert 'data-testid="period"' in page

    # One craft: khatam only, and the chart says so.
    page = staff_client.get(reverse("insights-market"), {"craft": khatam}).content.decode()
    assert row_ids(page, "wanted") == [(str(fars), str(khatam)), (str(thr), str(khatam))]
    assert 'data-testid="unknown-province"' not in page  # no khatam buyer unknown
    assert cells(page, f"province-{fars}")["demand"] == fa(5)
    # One province.
    page = staff_client.get(reverse("insights-market"), {"province": isf}).content.decode()
    assert row_ids(page, "wanted") == [] and row_ids(page, "unwanted") == [(str(isf), str(khatam))]


def test_staff_market_csv_has_every_row_and_the_unknown_line(
    market, staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(11):
        response = staff_client.get(reverse("insights-market-csv"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 5  # 4 (province, craft) rows + buyers whose province is not known
    by_key = {(r["province_en"], r["craft_code"]): r for r in rows}
    fars = by_key["Fars", "khatam"]
    assert (fars["demand"], fars["searches"], fars["orders"], fars["units"]) == ("5", "4", "1", "2")
    assert (fars["sales_rials"], fars["sales_toman"]) == (str(2 * PRICE_RIALS), "2500000")
    assert by_key["Isfahan", "khatam"]["listings"] == "2"
    assert by_key["", ""]["searches"] == "1" and by_key["", ""]["unmet_searches"] == "1"
    week = last_complete_week(timezone.localdate())
    assert {r["period_end"] for r in rows} == {(week + datetime.timedelta(days=6)).isoformat()}
    assert {r["period_start_jalali"][:2] for r in rows} == {"14"}


def test_staff_see_searches_that_found_nothing_by_query_and_province(
    market, staff_client, django_assert_max_num_queries
):
    fars = market["fars"].pk
    with django_assert_max_num_queries(11):
        page = staff_client.get(reverse("insights-unmet")).content.decode()
    assert cells(page, "query-1") == {"query": GIVEH_QUERY, "searches": fa(3)}
    assert cells(page, "query-2") == {"query": "سلام", "searches": fa(1)}
    assert cells(page, f"unmet-province-{fars}")["searches"] == fa(2)
    assert cells(page, "unmet-province-none")["searches"] == fa(1)
    year = staff_client.get(reverse("insights-unmet"), {"weeks": 52}).content.decode()
    assert cells(year, "query-1")["searches"] == fa(8)
    only_craft = staff_client.get(reverse("insights-unmet"), {"craft": market["giveh"].pk})
    assert "سلام" not in only_craft.content.decode()
    in_fars = staff_client.get(reverse("insights-unmet"), {"province": fars}).content.decode()
    assert cells(in_fars, "query-1")["searches"] == fa(2)
    assert 'data-testid="unmet-province-none"' not in in_fars

    with django_assert_max_num_queries(11):
        body = staff_client.get(reverse("insights-unmet-csv")).content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [(r["query"], r["province_en"], r["craft_code"], r["searches"]) for r in rows] == [
        (GIVEH_QUERY, "Fars", "giveh-knitting", "2"),
        ("سلام", "Tehran", "", "1"),
        (GIVEH_QUERY, "", "giveh-knitting", "1"),
    ]


def test_with_no_figures_yet_the_pages_say_so(reference_data, staff_client):
    page = staff_client.get(reverse("insights-market")).content.decode()
    assert 'data-testid="no-figures"' in page
    assert 'data-testid="no-unmet"' in staff_client.get(reverse("insights-unmet")).content.decode()


def test_only_staff_reach_the_market_and_unmet_pages(market, client):
    urls = [
        reverse(name)
        for name in (
            "insights-market",
            "insights-market-csv",
            "insights-unmet",
            "insights-unmet-csv",
        )
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(market["producer"].users.get())
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"]


@pytest.fixture
def organizer_client(market):
    """A member of an organizer whose one venue is in Fars."""
    organizer = OrganizerFactory(province=market["fars"])
    VenueFactory(organizer=organizer)
    user = UserFactory()
    organizer.users.add(user)
    client = Client()
    client.force_login(user)
    return client, organizer


def test_an_organizer_sees_the_provinces_of_their_venues_by_default(
    market, organizer_client, django_assert_max_num_queries
):
    client, _organizer = organizer_client
    fars, isf = market["fars"].pk, market["isfahan"].pk
    khatam, giveh = market["khatam"].pk, market["giveh"].pk
    home = client.get(reverse("organizer:home")).content.decode()
    assert reverse("organizer:market") in home
    with django_assert_max_num_queries(11):
        page = client.get(reverse("organizer:market")).content.decode()
    assert row_ids(page, "wanted") == [(str(fars), str(khatam)), (str(fars), str(giveh))]
    assert row_ids(page, "unwanted") == []
    assert cells(page, "unknown-province")["searches"] == fa(1)
    assert market["producer"].name not in page
    everywhere = client.get(reverse("organizer:market"), {"province": "all"}).content.decode()
    assert row_ids(everywhere, "unwanted") == [(str(isf), str(khatam))]


def test_an_organizer_with_no_venue_sees_every_province(market):
    organizer = OrganizerFactory()
    user = UserFactory()
    organizer.users.add(user)
    client = Client()
    client.force_login(user)
    page = client.get(reverse("organizer:market")).content.decode()
    assert len(row_ids(page, "wanted")) == 3 and len(row_ids(page, "unwanted")) == 1


def test_only_an_organizers_member_reaches_the_organizer_market(market, client):
    url = reverse("organizer:market")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(market["producer"].users.get())
    assert client.get(url).status_code == 403
    inactive = OrganizerFactory(is_active=False)
    user = UserFactory()
    inactive.users.add(user)
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert Organizer.objects.filter(users=user, is_active=True).count() == 0


@pytest.fixture
def company_client(market):
    """A member of a support company that producer P (khatam, Isfahan) gave its listings."""
    company = SupportCompany.objects.create(name="تعاونی خاتم", registration_number="10100000009")
    user = UserFactory()
    SupportMember.objects.create(company=company, user=user)
    producer = market["producer"]
    support.grant(producer, company, [Right.LISTINGS], producer.users.get())
    client = Client()
    client.force_login(user)
    return client, company


def test_a_support_company_sees_its_producers_crafts_by_default(
    market, company_client, django_assert_max_num_queries
):
    client, _company = company_client
    fars, thr, isf = (market[k].pk for k in ("fars", "tehran", "isfahan"))
    khatam, giveh = market["khatam"].pk, market["giveh"].pk
    company_page = client.get(reverse("seller:company")).content.decode()
    assert reverse("seller:company-market") in company_page
    with django_assert_max_num_queries(11):
        page = client.get(reverse("seller:company-market")).content.decode()
    assert row_ids(page, "wanted") == [(str(fars), str(khatam)), (str(thr), str(khatam))]
    assert row_ids(page, "unwanted") == [(str(isf), str(khatam))]
    assert market["producer"].name not in page
    every_craft = client.get(reverse("seller:company-market"), {"craft": "all"}).content.decode()
    assert (str(fars), str(giveh)) in row_ids(every_craft, "wanted")


def test_a_revoked_grant_no_longer_sets_the_companys_crafts(market, company_client):
    client, company = company_client
    producer = market["producer"]
    support.revoke(producer, company, [Right.LISTINGS], producer.users.get())
    page = client.get(reverse("seller:company-market")).content.decode()
    assert len(row_ids(page, "wanted")) == 3  # no crafts of its own: every craft


def test_only_a_support_companys_member_reaches_its_market_page(market, client):
    url = reverse("seller:company-market")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(market["producer"].users.get())  # a producer with no company
    assert client.get(url).status_code == 403
    client.force_login(ProducerFactory().users.create(username="another-producer"))
    assert client.get(url).status_code == 403
