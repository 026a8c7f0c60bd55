import datetime
import re

import pytest
from django.urls import reverse

from catalog.models import AttributeOption
from tests.factories import make_product

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = re.compile("[۰-۹]")


def assert_persian_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    assert "bootstrap-rtl.min.css" in html
    return html


def test_home_page_is_persian_and_shows_crafts_and_new_products(client, reference_data):
    product = make_product(title="جعبه خاتم اصفهان")
    html = assert_persian_page(client.get("/"))
    assert "بازار تولیدکنندگان خانگی ایران" in html
    assert "قالی‌بافی" in html  # a craft from the reference data
    assert product.get_title() in html
    assert "۱٬۲۵۰٬۰۰۰ تومان" in html


def test_catalogue_and_category_pages_are_persian(client, reference_data):
    carpet = make_product(class_slug="carpet", category_code="kilim", title="گلیم قشقایی")
    khatam = make_product(title="جعبه خاتم")
    html = assert_persian_page(client.get(reverse("catalogue:index")))
    assert carpet.title in html and khatam.title in html

    kilim = carpet.categories.get()
    html = assert_persian_page(client.get(kilim.get_absolute_url()))
    assert carpet.title in html
    assert khatam.title not in html


def test_top_level_category_lists_products_of_its_crafts(client, reference_data):
    kilim = make_product(class_slug="carpet", category_code="kilim", title="گلیم دورو")
    from catalog.models import Category

    carpets = Category.objects.get(code="carpet")
    html = assert_persian_page(client.get(carpets.get_absolute_url()))
    assert kilim.title in html


def test_basket_page_is_persian_and_shows_added_line_in_toman(client, reference_data):
    product = make_product(price_rials=3_400_000)
    response = client.post(reverse("basket:add", args=[product.pk]), {"quantity": 2})
    assert response.status_code == 302
    html = assert_persian_page(client.get(reverse("basket:summary")))
    assert product.title in html
    assert "۶۸۰٬۰۰۰ تومان" in html  # 2 × 340,000 Toman


def test_product_page_shows_price_in_toman_with_persian_digits(client, reference_data):
    product = make_product(price_rials=12_500_000)
    html = assert_persian_page(client.get(product.get_absolute_url()))
    assert "۱٬۲۵۰٬۰۰۰ تومان" in html
    price = re.search(r'data-testid="price">([^<]+)<', html).group(1)
    assert not re.search("[0-9]", price), "no Latin digits in a Persian price"
    assert product.stockrecords.get().partner.name in html
    assert "موجود (۵ عدد)" in html  # stock in Persian digits


def test_product_page_shows_carpet_attributes(client, reference_data):
    wool = AttributeOption.objects.get(group__code="carpet-material", option="پشم")
    product = make_product(
        class_slug="carpet",
        category_code="gabbeh",
        attributes={"width_cm": 150, "length_cm": 200, "material": wool, "knot_density": 40},
    )
    html = assert_persian_page(client.get(product.get_absolute_url()))
    assert "عرض (سانتی‌متر)" in html and "۱۵۰" in html
    assert "طول (سانتی‌متر)" in html and "۲۰۰" in html
    assert "تراکم (رج)" in html and "۴۰" in html
    assert "پشم" in html


def test_product_page_shows_food_dates_in_jalali(client, reference_data):
    product = make_product(
        class_slug="food",
        category_code="dried-fruit",
        attributes={
            "net_weight_g": 500,
            "production_date": datetime.date(2025, 3, 20),
            "best_before": datetime.date(2026, 3, 21),
            "health_licence": "12/34567",
        },
    )
    html = assert_persian_page(client.get(product.get_absolute_url()))
    assert "۳۰ اسفند ۱۴۰۳" in html
    assert "۱ فروردین ۱۴۰۵" in html
    assert "وزن خالص (گرم)" in html and "۵۰۰" in html


def test_product_page_shows_digital_service_attributes(client, reference_data):
    product = make_product(
        class_slug="digital_service",
        category_code="programming",
        stock=None,
        attributes={"delivery_days": 7, "revisions": 2},
    )
    html = assert_persian_page(client.get(product.get_absolute_url()))
    assert "مدت تحویل (روز)" in html and "۷" in html
    assert "افزودن به سبد" in html  # services do not track stock: always buyable


def test_out_of_stock_product_cannot_be_added_from_its_page(client, reference_data):
    product = make_product(stock=0)
    html = assert_persian_page(client.get(product.get_absolute_url()))
    assert 'id="add_to_basket_form"' not in html


def test_english_is_the_second_language(client, reference_data):
    product = make_product(price_rials=12_500_000)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "1,250,000 Toman" in html


def test_browser_language_does_not_override_persian_default(client, reference_data):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert_persian_page(response)


def test_invalid_page_number_redirects_with_a_message(client, reference_data):
    make_product()
    response = client.get(reverse("catalogue:index"), {"page": "۹۹"})
    assert response.status_code == 302


def test_our_persian_translations_are_complete():
    """Every message of ours has a Persian translation (the .po file ships compiled)."""
    from pathlib import Path

    from django.conf import settings

    po = (Path(settings.BASE_DIR) / "shop/locale/fa/LC_MESSAGES/django.po").read_text("utf-8")
    entries = po.split("\n\n")[1:]  # after the header
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""')]
    assert untranslated == []
    assert "#, fuzzy" not in po
    # The compiled catalogue is in step with the .po: every single-line message is in it.
    import gettext
    import re

    mo = Path(settings.BASE_DIR) / "shop/locale/fa/LC_MESSAGES/django.mo"
    with mo.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    for context, msgid in re.findall(r'^(?:msgctxt "(.+)"\n)?msgid "(.+)"$', po, flags=re.M):
        msgid = msgid.replace('\\"', '"')
        found = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert found != msgid, f"{msgid!r} missing from django.mo"
