import csv
import datetime
import io
import re
import uuid
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from exhibitions.channels import charts, sales
from exhibitions.channels import stock as booth_stock
from exhibitions.channels.reports import organizer_report, producer_report
from exhibitions.models import BoothStock
from shop.checkout.refunds import refund_order
from tests.exhibitions.channel_helpers import pay, place_order
from tests.factories import (
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db

PRICE = 12_500_000  # Rials, Maryam's rug
OTHER_PRICE = 3_000_000  # Rials, the other producer's basket
PERSIAN_DIGITS = re.compile("[۰-۹]")


def sell_at_booth(producer, fair, record, quantity):
    stock = BoothStock.objects.get(exhibition=fair, stockrecord=record)
    user = producer.users.order_by("pk").first()
    return sales.record_booth_sale(
        producer, fair, [(stock.pk, quantity)], "cash", uuid.uuid4(), user
    )


@pytest.fixture
def market(organizer_client, producer_client):
    """Today's sales of two producers online, at the organizer's running fair (in person and
    picked up) and at another organizer's fair; plus an unpaid and a refunded order."""
    _client, organizer = organizer_client
    _pclient, maryam = producer_client
    other = ProducerFactory(name="سبدبافی رضا")
    other.users.add(UserFactory())
    fair = running_fair(organizer=organizer, title="نمایشگاه نوروزی اصفهان")
    elsewhere = running_fair(title="نمایشگاه یزد")
    confirmed_booth(fair, maryam, "B2")
    confirmed_booth(fair, other, "C1")
    confirmed_booth(elsewhere, other, "B2")
    rug = make_product(producer=maryam, stock=10, price_rials=PRICE, with_image=False)
    basket = make_product(producer=other, stock=5, price_rials=OTHER_PRICE, with_image=False)
    rug_record, basket_record = rug.stockrecords.get(), basket.stockrecords.get()

    pay(place_order([(rug, 2)]), maryam)  # online: 2 units
    place_order([(rug, 1)])  # never paid
    booth_stock.move_to_booth(maryam, fair, rug_record.pk, 4)
    sell_at_booth(maryam, fair, rug_record, 1)
    refunded = sell_at_booth(maryam, fair, rug_record, 1)
    refund_order(refunded, maryam.users.get(), "returned")
    pay(place_order([(rug, 1)], pickup_at=fair), maryam)

    pay(place_order([(basket, 1)]), other)
    booth_stock.move_to_booth(other, fair, basket_record.pk, 2)
    sell_at_booth(other, fair, basket_record, 2)
    booth_stock.move_to_booth(other, elsewhere, basket_record.pk, 1)
    sell_at_booth(other, elsewhere, basket_record, 1)
    today = timezone.localdate()
    return SimpleNamespace(
        organizer=organizer, maryam=maryam, other=other, fair=fair, elsewhere=elsewhere,
        rug=rug, basket=basket, start=today - datetime.timedelta(days=29), end=today,
    )  # fmt: skip


def figures(report):
    return {channel.key: (f.sales_rials, f.orders, f.units) for channel, f in report.by_channel}


def test_producer_report_counts_paid_lines_per_channel_without_unpaid_or_refunded(market):
    report = producer_report(market.maryam, market.start, market.end)
    assert figures(report) == {
        "online": (2 * PRICE, 1, 2),
        f"exhibition-{market.fair.pk}": (2 * PRICE, 2, 2),
    }
    assert (report.total.sales_rials, report.total.orders, report.total.units) == (
        4 * PRICE, 3, 4,
    )  # fmt: skip
    today = report.days[-1]
    assert today.date == market.end and today.total.sales_rials == 4 * PRICE
    assert [(p.product_id, p.total.sales_rials, p.total.units) for p in report.top] == [
        (market.rug.pk, 4 * PRICE, 4)
    ]


def test_producer_never_sees_another_producers_numbers(market):
    report = producer_report(market.other, market.start, market.end)
    assert figures(report) == {
        "online": (OTHER_PRICE, 1, 1),
        f"exhibition-{market.fair.pk}": (2 * OTHER_PRICE, 1, 2),
        f"exhibition-{market.elsewhere.pk}": (OTHER_PRICE, 1, 1),
    }
    assert [p.product_id for p in report.top] == [market.basket.pk]


def test_organizer_sees_only_their_exhibitions_channel_totals_never_online(market):
    report = organizer_report(market.organizer, market.start, market.end)
    assert figures(report) == {f"exhibition-{market.fair.pk}": (2 * PRICE + 2 * OTHER_PRICE, 3, 4)}
    split = organizer_report(market.organizer, market.start, market.end, exhibition=market.fair)
    assert figures(split) == {
        "booth_sale": (PRICE + 2 * OTHER_PRICE, 2, 3),
        "pickup": (PRICE, 1, 1),
    }
    stranger = organizer_report(OrganizerFactory(), market.start, market.end)
    assert stranger.channels == [] and not stranger.total


def test_days_outside_the_range_are_left_out(market):
    end = market.end - datetime.timedelta(days=1)
    report = producer_report(market.maryam, end - datetime.timedelta(days=6), end)
    assert not report.total and len(report.days) == 7


def test_seller_report_page_shows_the_producers_channels(
    market, producer_client, django_assert_max_num_queries
):
    client, _producer = producer_client
    with django_assert_max_num_queries(12):
        response = client.get(reverse("seller:reports"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-testid="channel-online" data-rials="{2 * PRICE}"' in page
    assert f'data-testid="channel-exhibition-{market.fair.pk}" data-rials="{2 * PRICE}"' in page
    assert f"exhibition-{market.elsewhere.pk}" not in page
    assert f'data-rials="{2 * OTHER_PRICE}"' not in page
    assert 'data-testid="tab-reports"' in page


def svgs(page):
    return re.findall(r"<svg .*?</svg>", page, re.S)


def test_report_charts_are_accessible_svg_with_persian_digits(market, producer_client):
    client, _producer = producer_client
    page = client.get(reverse("seller:reports")).content.decode()
    drawn = svgs(page)
    assert len(drawn) == 2
    for svg in drawn:
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img" and root.get("aria-label")
        assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
        assert PERSIAN_DIGITS.search(svg)
        bars = root.findall(f"{ns}rect[@data-channel]")
        assert {bar.get("data-channel") for bar in bars} == {
            "online",
            f"exhibition-{market.fair.pk}",
        }


def test_a_long_range_of_many_channels_is_stacked_and_still_valid_svg(market):
    report = producer_report(market.other, market.end - datetime.timedelta(days=91), market.end)
    with translation.override("en"):
        svg = str(charts.daily_chart(report))
    root = ET.fromstring(svg)
    bars = root.findall("{http://www.w3.org/2000/svg}rect[@data-channel]")
    assert len(bars) == 3 and len({bar.get("x") for bar in bars}) == 1  # one stacked column
    assert not PERSIAN_DIGITS.search(svg)


def test_report_range_accepts_jalali_dates_in_persian_digits(market, producer_client):
    client, _producer = producer_client
    response = client.get(reverse("seller:reports"), {"start": "۱۳۹۰/۰۱/۰۱", "end": "۱۳۹۰/۰۱/۳۱"})
    assert response.context["report"].start == datetime.date(2011, 3, 21)
    assert not response.context["report"].total
    wrong = client.get(reverse("seller:reports"), {"start": "1404/02/01", "end": "1404/01/01"})
    with translation.override("en"):
        assert wrong.context["form"].errors
    assert wrong.context["report"].end == market.end  # the last 30 days instead


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_seller_csv_has_a_bom_and_one_row_per_day_and_channel(market, producer_client):
    client, _producer = producer_client
    response = client.get(reverse("seller:reports-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    today = market.end.isoformat()
    assert [(r["date"], r["exhibition_id"], r["orders"], r["units"], r["sales_rials"],
             r["sales_toman"]) for r in rows] == [
        (today, "", "1", "2", str(2 * PRICE), str(2 * PRICE // 10)),
        (today, str(market.fair.pk), "2", "2", str(2 * PRICE), str(2 * PRICE // 10)),
    ]  # fmt: skip
    assert rows[1]["channel"] == market.fair.title
    assert re.fullmatch(r"14\d\d/\d\d/\d\d", rows[0]["date_jalali"])


def test_organizer_reports_show_their_exhibitions_only(
    market, organizer_client, django_assert_max_num_queries
):
    client, _organizer = organizer_client
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organizer:reports"))
    page = response.content.decode()
    assert f'data-testid="channel-exhibition-{market.fair.pk}"' in page
    assert 'data-testid="channel-online"' not in page
    assert f"exhibition-{market.elsewhere.pk}" not in page
    assert len(svgs(page)) == 2
    with django_assert_max_num_queries(10):
        one = client.get(reverse("organizer:exhibition-report", args=[market.fair.pk]))
    assert f'data-testid="channel-pickup" data-rials="{PRICE}"' in one.content.decode()
    rows = read_csv(client.get(reverse("organizer:exhibition-report-csv", args=[market.fair.pk])))
    assert sorted(int(r["sales_rials"]) for r in rows) == [PRICE, PRICE + 2 * OTHER_PRICE]
    everything = read_csv(client.get(reverse("organizer:reports-csv")))
    assert [r["exhibition_id"] for r in everything] == [str(market.fair.pk)]


def test_exhibition_page_links_to_its_report(market, organizer_client):
    client, _organizer = organizer_client
    page = client.get(reverse("organizer:exhibition", args=[market.fair.pk])).content.decode()
    assert reverse("organizer:exhibition-report", args=[market.fair.pk]) in page


def test_another_organizers_exhibition_report_is_not_found(market, organizer_client):
    client, _organizer = organizer_client
    for name in ("organizer:exhibition-report", "organizer:exhibition-report-csv"):
        assert client.get(reverse(name, args=[market.elsewhere.pk])).status_code == 404


def test_a_producer_is_not_let_into_organizer_reports(market, producer_client):
    client, _producer = producer_client
    assert client.get(reverse("organizer:reports")).status_code == 403
    url = reverse("organizer:exhibition-report", args=[market.fair.pk])
    assert client.get(url).status_code == 403


def test_an_organizer_without_a_producer_gets_no_seller_report(market, organizer_client):
    client, _organizer = organizer_client
    response = client.get(reverse("seller:reports"))
    assert response.status_code == 403
    assert client.get(reverse("seller:reports-csv")).status_code == 403


@pytest.mark.parametrize(
    "name,args",
    [
        ("seller:reports", []),
        ("seller:reports-csv", []),
        ("organizer:reports", []),
        ("organizer:reports-csv", []),
        ("organizer:exhibition-report", ["fair"]),
        ("organizer:exhibition-report-csv", ["fair"]),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(market, name, args):
    url = reverse(name, args=[market.fair.pk for _a in args])
    response = Client().get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_organizer_with_no_sales_yet_sees_an_empty_report(organizer_client, fair):
    """No channel sold anything: the charts draw empty, the page does not fail."""
    client, _organizer = organizer_client
    response = client.get(reverse("organizer:reports"))
    assert response.status_code == 200
    page = response.content.decode()
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        ET.fromstring(svg)
