"""Where a visitor finds a product: the booth's QR poster (one code per producer at the booth,
opening their online shop), the exhibition page's "which booth has it now", and the product
page's "also at booth … until …"."""

import datetime
import re
from urllib.parse import urlencode

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from PIL import Image, ImageDraw

from catalog.models import Category
from exhibitions.channels import stock as booth_stock
from exhibitions.channels import where
from exhibitions.models import BoothShare, BoothStock
from shop.persian.dates import format_jalali_date
from tests.factories import (
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    booth_grid,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db


# ---- helpers -----------------------------------------------------------------------------


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def producer_with_account(**fields):
    producer = ProducerFactory(**fields)
    producer.users.add(UserFactory())
    return producer


def client_of(producer):
    return signed_in(producer.users.get())


def stocked(producer, fair, units, title, online=10):
    """A product of `producer` with `units` of its `online` units moved to the booth."""
    product = make_product(producer=producer, stock=online, with_image=False, title=title)
    booth_stock.move_to_booth(producer, fair, product.stockrecords.get().pk, units)
    return product


def share(application, producer):
    return BoothShare.objects.create(
        application=application,
        producer=producer,
        share_bp=4_000,
        status=BoothShare.Status.ACCEPTED,
    )


def decode_svg_qr(svg):
    """Rasterise segno's inline SVG (a path of horizontal runs of dark modules) and read it
    back with a real QR decoder: what a visitor's phone would read."""
    width, height = (
        int(float(n)) for n in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    )
    path = re.search(r' d="([^"]+)"', svg).group(1)
    assert set(re.findall(r"[A-Za-z]", path)) <= {"M", "m", "h"}
    scale = 8
    image = Image.new("L", (width * scale, height * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            run = float(a)
            row = int(y)
            draw.rectangle(
                [x * scale, row * scale, (x + run) * scale - 1, (row + 1) * scale - 1], fill=0
            )
            x += run
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


def cards_of(html):
    """[(producer id, shop address, svg)] of each card on a poster page."""
    cards = re.findall(
        r'data-testid="poster-card" data-producer="(\d+)" data-url="([^"]*)">(.*?)</figure>',
        html,
        re.S,
    )
    return [(int(pk), url.replace("&amp;", "&"), body) for pk, url, body in cards]


def shop_address(producer, fair, code):
    query = urlencode(
        {"utm_source": "booth", "utm_medium": "qr", "utm_campaign": fair.slug, "utm_content": code}
    )
    return f"{settings.SITE_URL.rstrip('/')}{producer.get_absolute_url()}?{query}"


@pytest.fixture
def shared_booth(reference_data):
    """A running fair where a holder shares booth B2 with a second producer."""
    fair = running_fair(title="نمایشگاه نوروزی اصفهان")
    holder = producer_with_account(name="گلیم‌بافی مریم")
    holder.crafts.add(Category.objects.get(code="khatam"))
    mate = producer_with_account(name="سفال میبد")
    application, booth = confirmed_booth(fair, holder, "B2")
    share(application, mate)
    return fair, holder, mate, booth


# ---- the QR poster -------------------------------------------------------------------------


def test_booth_poster_has_a_qr_per_producer_opening_their_shop(shared_booth):
    fair, holder, mate, booth = shared_booth
    response = client_of(holder).get(reverse("seller:booth-poster", args=[fair.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="poster"') == 1
    assert 'data-booth="B2"' in html
    assert fair.title in html and holder.name in html and mate.name in html
    assert Category.objects.get(code="khatam").name in html
    cards = cards_of(html)
    assert {pk for pk, _url, _svg in cards} == {holder.pk, mate.pk}
    for pk, url, svg in cards:
        producer = holder if pk == holder.pk else mate
        assert url == shop_address(producer, fair, "B2")
        assert decode_svg_qr(svg) == url


def test_a_producer_sharing_the_booth_may_print_its_poster(shared_booth):
    fair, holder, mate, booth = shared_booth
    response = client_of(mate).get(reverse("seller:booth-poster", args=[fair.pk]))
    assert response.status_code == 200
    assert {pk for pk, _url, _svg in cards_of(response.content.decode())} == {holder.pk, mate.pk}


def test_a_producer_without_a_booth_there_cannot_open_its_poster(shared_booth):
    fair, holder, mate, booth = shared_booth
    stranger = producer_with_account()
    confirmed_booth(running_fair(), stranger, "A1")  # a booth elsewhere is not enough
    response = client_of(stranger).get(reverse("seller:booth-poster", args=[fair.pk]))
    assert response.status_code == 404


def test_a_declined_sharer_cannot_open_the_booth_poster(shared_booth):
    fair, holder, mate, booth = shared_booth
    BoothShare.objects.filter(producer=mate).update(status=BoothShare.Status.DECLINED)
    response = client_of(mate).get(reverse("seller:booth-poster", args=[fair.pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_for_posters(shared_booth):
    fair, *_ = shared_booth
    for url in (
        reverse("seller:booth-poster", args=[fair.pk]),
        reverse("organizer:booth-posters", args=[fair.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert settings.LOGIN_URL in response["Location"]


def test_organizer_prints_one_poster_per_occupied_booth(
    shared_booth, django_assert_max_num_queries
):
    fair, holder, mate, booth = shared_booth
    member = UserFactory()
    fair.organizer.users.add(member)
    other = producer_with_account(name="خاتم شیراز")
    confirmed_booth(fair, other, "C3")
    for n in range(3):  # more booths, the same number of queries
        confirmed_booth(fair, producer_with_account(), f"D{n + 1}")
    client = signed_in(member)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("organizer:booth-posters", args=[fair.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'data-testid="poster" data-booth="(\w+)"', html) == [
        "B2",
        "C3",
        "D1",
        "D2",
        "D3",
    ]
    assert "break-after" in (settings.BASE_DIR / "shop/static/dastsaz/poster.css").read_text()
    b2 = html.split('data-booth="B2"')[1].split('data-testid="poster"')[0]
    assert {pk for pk, _url, _svg in cards_of(b2)} == {holder.pk, mate.pk}
    assert decode_svg_qr(cards_of(html)[2][2]) == shop_address(other, fair, "C3")


def test_another_organizers_exhibition_has_no_posters_for_them(shared_booth):
    fair, *_ = shared_booth
    stranger = UserFactory()
    OrganizerFactory().users.add(stranger)
    response = signed_in(stranger).get(reverse("organizer:booth-posters", args=[fair.pk]))
    assert response.status_code == 404


def test_a_producer_account_is_not_an_organizer_for_posters(shared_booth):
    fair, holder, *_ = shared_booth
    response = client_of(holder).get(reverse("organizer:booth-posters", args=[fair.pk]))
    assert response.status_code == 403


# ---- the exhibition page: which booth has it now ------------------------------------------


@pytest.fixture
def stocked_fair(shared_booth):
    fair, holder, mate, booth = shared_booth
    products = {
        "rug": stocked(holder, fair, 3, "گلیم کرمانشاهی"),
        "bowl": stocked(mate, fair, 2, "کاسه سفالی ميبد"),  # typed with an Arabic yeh
        "gone": stocked(holder, fair, 1, "جاجیم"),
    }
    gone = products["gone"].stockrecords.get()
    booth_stock.move_to_online(holder, fair, gone.pk, 1)
    held = stocked(holder, fair, 2, "ترمه یزد")
    BoothStock.objects.filter(stockrecord__product=held).update(reserved=2)  # all for pick-up
    hidden = stocked(holder, fair, 2, "قلمکار")
    hidden.is_public = False
    hidden.save()
    return fair, holder, mate, products


def rows_of(response):
    return re.findall(
        r'data-testid="in-stock-row" data-product="(\d+)" data-booth="(\w+)" data-units="(\d+)"',
        response.content.decode(),
    )


def test_exhibition_page_lists_only_units_available_now(stocked_fair):
    fair, holder, mate, products = stocked_fair
    response = Client().get(fair.get_absolute_url())
    assert response.status_code == 200
    assert sorted(rows_of(response)) == sorted(
        [(str(products["rug"].pk), "B2", "3"), (str(products["bowl"].pk), "B2", "2")]
    )
    row = re.search(
        rf'data-product="{products["rug"].pk}".*?</tr>', response.content.decode(), re.S
    ).group(0)
    assert "<td>۳</td>" in row  # units in Persian digits


def test_a_producer_who_may_not_sell_is_not_listed(stocked_fair):
    fair, holder, mate, products = stocked_fair
    type(mate).objects.filter(pk=mate.pk).update(is_selling=False)
    response = Client().get(fair.get_absolute_url())
    assert [row[0] for row in rows_of(response)] == [str(products["rug"].pk)]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("كرمانشاهي", "rug"),  # Arabic kaf and yeh find the Persian title
        ("میبد", "bowl"),  # Persian yeh finds a title typed with an Arabic one
        ("سفالي", "bowl"),
        ("  گلیم  ", "rug"),
    ],
)
def test_exhibition_page_search_folds_arabic_and_persian_letters(stocked_fair, query, found):
    fair, holder, mate, products = stocked_fair
    response = Client().get(fair.get_absolute_url(), {"q": query})
    assert [row[0] for row in rows_of(response)] == [str(products[found].pk)]


def test_exhibition_page_search_that_finds_nothing_says_so(stocked_fair):
    fair, *_ = stocked_fair
    with override("en"):
        response = Client().get(fair.get_absolute_url(), {"q": "خاتم"})
    assert rows_of(response) == []
    assert 'data-testid="in-stock-none"' in response.content.decode()
    with override("fa"):
        said = gettext("No booth has “%(query)s” right now.") % {"query": "خاتم"}
    assert said in response.content.decode()


def test_an_exhibition_not_open_yet_has_no_in_stock_section(reference_data):
    fair = ExhibitionFactory()  # accepting applications, starts in ten days
    booth_grid(fair)
    producer = producer_with_account()
    confirmed_booth(fair, producer, "A1")
    stocked(producer, fair, 2, "گلیم")
    response = Client().get(fair.get_absolute_url())
    assert response.status_code == 200
    assert 'data-testid="in-stock"' not in response.content.decode()
    assert where.in_stock_at(fair) == []


def test_exhibition_page_queries_do_not_grow_with_products(
    stocked_fair, django_assert_max_num_queries
):
    fair, holder, mate, products = stocked_fair
    for n in range(8):
        stocked(holder if n % 2 else mate, fair, 1, f"محصول {n}")
    with django_assert_max_num_queries(10):
        response = Client().get(fair.get_absolute_url())
    assert len(rows_of(response)) == 10


# ---- the product page: also at booth … until … ------------------------------------------


def test_product_page_says_which_booth_has_it_until_the_last_day(stocked_fair):
    fair, holder, mate, products = stocked_fair
    with override("en"):
        response = Client().get(products["rug"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(
        r'data-testid="at-booth" data-exhibition="(\d+)" data-booth="(\w+)"', html
    ) == [(str(fair.pk), "B2")]
    line = html.split('data-testid="at-booth"')[1].split("</p>")[0]
    assert fair.title in line and "B2" in line
    assert format_jalali_date(fair.ends_on) in line  # until the fair's last day
    assert f'href="{fair.get_absolute_url()}"' in line


def test_product_page_date_is_jalali_with_persian_digits(stocked_fair):
    fair, holder, mate, products = stocked_fair
    response = Client().get(products["rug"].get_absolute_url())
    line = response.content.decode().split('data-testid="at-booth"')[1].split("</p>")[0]
    assert format_jalali_date(fair.ends_on, "fa") in line  # the fair's last day


def test_product_page_says_nothing_without_available_booth_units(stocked_fair):
    fair, holder, mate, products = stocked_fair
    BoothStock.objects.filter(stockrecord__product=products["rug"]).update(reserved=3)
    for product in (products["rug"], products["gone"]):
        response = Client().get(product.get_absolute_url())
        assert response.status_code == 200
        assert 'data-testid="at-booth"' not in response.content.decode()


def test_product_page_says_nothing_for_a_fair_not_running(reference_data):
    fair = ExhibitionFactory()  # accepting applications: booth stock may wait there already
    booth_grid(fair)
    producer = producer_with_account()
    confirmed_booth(fair, producer, "A1")
    product = stocked(producer, fair, 2, "گلیم")
    assert where.booths_with(product) == []
    response = Client().get(product.get_absolute_url())
    assert 'data-testid="at-booth"' not in response.content.decode()


def test_a_closed_fair_is_no_longer_mentioned(stocked_fair):
    fair, holder, mate, products = stocked_fair
    type(fair).objects.filter(pk=fair.pk).update(status="closed")
    assert where.booths_with(products["rug"]) == []


def test_a_permanent_exhibition_shows_the_producers_term_end(
    reference_data, django_assert_num_queries
):
    today = timezone.localdate()
    gallery = ExhibitionFactory(
        kind="permanent",
        status="running",
        starts_on=today - datetime.timedelta(days=60),
        ends_on=None,
        applications_open_on=today - datetime.timedelta(days=90),
        applications_close_on=today + datetime.timedelta(days=300),
        term_days=30,
    )
    booth_grid(gallery, rows=1, columns=2)
    producer = producer_with_account()
    application, booth = confirmed_booth(gallery, producer, "A2")
    product = stocked(producer, gallery, 4, "منبت")
    with django_assert_num_queries(1):
        places = where.booths_with(product)
    assert places == [
        {
            "exhibition": gallery,
            "booth_code": "A2",
            "until": today + datetime.timedelta(days=29),
            "units": 4,
        }
    ]
    with django_assert_num_queries(0):  # what the page shows came with that query
        assert str(places[0]["exhibition"].venue.province)


def test_panels_link_to_the_posters(shared_booth):
    fair, holder, mate, booth = shared_booth
    application = holder.booth_applications.get()
    page = client_of(holder).get(reverse("seller:application", args=[application.pk]))
    assert reverse("seller:booth-poster", args=[fair.pk]) in page.content.decode()
    member = UserFactory()
    fair.organizer.users.add(member)
    page = signed_in(member).get(reverse("organizer:exhibition", args=[fair.pk]))
    assert reverse("organizer:booth-posters", args=[fair.pk]) in page.content.decode()
