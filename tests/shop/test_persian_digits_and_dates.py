"""Persian digits in every page's text and Jalali dates wherever Django formats a date."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import translation

from shop.persian.html_digits import persian_digits_in_html
from tests.factories import make_product
from tests.shop.page_text import ADDRESS, not_persian, readable_texts

TEHRAN = ZoneInfo("Asia/Tehran")
PLACED = datetime.datetime(2026, 11, 23, 10, 30, tzinfo=datetime.UTC)  # 14:00 in Tehran


@pytest.mark.parametrize(
    "html, shown",
    [
        ("<p>سفارش 100023</p>", "<p>سفارش ۱۰۰۰۲۳</p>"),
        (
            "<td>1,250,000 تومان</td><td>2.5</td><td>15%</td>",
            "<td>۱٬۲۵۰٬۰۰۰ تومان</td><td>۲٫۵</td><td>۱۵٪</td>",
        ),
        (
            '<a href="/catalogue/x_12/" data-n="3">12 کالا</a>',
            '<a href="/catalogue/x_12/" data-n="3">۱۲ کالا</a>',
        ),
        ('<input name="quantity" value="3"><br/>4', '<input name="quantity" value="3"><br/>۴'),
        (
            "<title>صفحهٔ 2</title><option value='5'>5</option>",
            "<title>صفحهٔ ۲</title><option value='5'>۵</option>",
        ),
        ("<p>&#8204;&#x200c;&nbsp;7</p>", "<p>&#8204;&#x200c;&nbsp;۷</p>"),
        (
            '<html lang="fa" dir="rtl"><body>1</body></html>',
            '<html lang="fa" dir="rtl"><body>۱</body></html>',
        ),
    ],
)
def test_digits_people_read_become_persian_and_markup_stays(html, shown):
    assert persian_digits_in_html(html) == shown


@pytest.mark.parametrize(
    "html",
    [
        '<span dir="ltr">IR12 3456 <span>7</span> 89</span>',
        "<script>var a = [1, 2];</script><style>.a{width:12px}</style>",
        "<code>DZ-2026</code><pre>1 2</pre><textarea>3</textarea>",
        '<a lang="en" href="?">English 2</a>',
        "<p>producer001@demo.dastsaz.ir https://dastsaz.ir/p/1/</p>",
        "<!-- 2026 -->",
    ],
)
def test_code_like_values_scripts_and_addresses_keep_their_digits(html):
    assert persian_digits_in_html(html) == html


def test_text_after_an_ltr_element_is_persian_again():
    html = '<p><span dir="ltr">IR12 <b>3</b></span> کد 45</p><p>6</p>'
    assert (
        persian_digits_in_html(html) == '<p><span dir="ltr">IR12 <b>3</b></span> کد ۴۵</p><p>۶</p>'
    )


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_dates_django_formats_for_people_are_jalali_in_tehran_time():
    with translation.override("fa"):
        assert render("{{ placed }}", placed=PLACED) == "۲ آذر ۱۴۰۵، ساعت ۱۴:۰۰"
        assert render("{{ placed|date }}", placed=PLACED) == "۲ آذر ۱۴۰۵"
        assert render("{{ placed|date:'j F Y' }}", placed=PLACED) == "۲ آذر ۱۴۰۵"
        assert render("{{ placed|date:'j M Y H:i' }}", placed=PLACED) == "۲ آذر ۱۴۰۵، ساعت ۱۴:۰۰"
        assert render("{{ placed|date:'d/m/Y' }}", placed=PLACED) == "۱۴۰۵/۰۹/۰۲"
        assert render("{{ day }}", day=datetime.date(2027, 3, 21)) == "۱ فروردین ۱۴۰۶"
        assert render("{{ placed|date:'YEAR_MONTH_FORMAT' }}", placed=PLACED) == "آذر ۱۴۰۵"
    with translation.override("en"):
        assert render("{{ placed|date }}", placed=PLACED) == "2 Azar 1405"


def test_dates_for_machines_stay_gregorian():
    with translation.override("fa"):
        assert render("{{ placed|date:'Y-m-d' }}", placed=PLACED) == "2026-11-23"
        assert render("{{ placed|date:'c' }}", placed=PLACED) == "2026-11-23T14:00:00+03:30"
        assert render("{{ placed|date:'U' }}", placed=PLACED) == str(int(PLACED.timestamp()))
        assert render("{{ placed|date:'H:i' }}", placed=PLACED) == "14:00"


def test_the_page_reader_finds_latin_digits_and_english_but_not_what_is_allowed():
    html = (
        '<p>سفارش 12</p><button aria-label="Toggle navigation"></button>'
        '<p>ایمیل: a1@b.ir</p><span dir="ltr">IR12</span><p>پرداخت با Zarinpal</p>'
        "<script>var a = 'Hello 3';</script><p>Re-order</p>"
    )
    assert not_persian(html) == ["سفارش 12", "Toggle navigation", "Re-order"]


@pytest.mark.django_db
def test_a_product_page_reaches_the_browser_with_persian_digits(client, reference_data):
    product = make_product(title="گلیم دستباف ۲×۳", price_rials=12_345_670, stock=7)
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert "۱٬۲۳۴٬۵۶۷" in html  # 12,345,670 Rials = 1,234,567 Toman
    assert not any(
        ch in "0123456789" for text in readable_texts(html) for ch in ADDRESS.sub("", text)
    )
    if response.has_header("Content-Length"):
        assert int(response["Content-Length"]) == len(response.content)


@pytest.mark.django_db
def test_english_pages_keep_latin_digits(client, reference_data):
    product = make_product(title="Kilim", price_rials=12_345_670, stock=7)
    client.cookies["django_language"] = "en"
    html = client.get(product.get_absolute_url()).content.decode()
    assert "1,234,567" in html


def test_codes_of_latin_letters_and_digits_stay_as_written_and_numbers_beside_them_do_not():
    html = "<p>واریز DSZ-00001-1 به غرفهٔ A1، 3 عدد، مرحلهٔ 1.</p>"
    assert persian_digits_in_html(html) == "<p>واریز DSZ-00001-1 به غرفهٔ A1، ۳ عدد، مرحلهٔ ۱.</p>"
